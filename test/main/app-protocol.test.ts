// The app:// protocol: serves the built renderer with the CSP, and refuses anything outside its root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, mimeType, resolveAppPath } from '../../main/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/security.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kwb-app-'));
const root = path.join(dir, 'renderer');
const SECRET = 'top secret host file';

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kernel Workbench</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(dir, 'renderer-evil.txt'), SECRET);
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves index.html with the CSP and nosniff', async () => {
    const res = await get('app://workbench/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Kernel Workbench');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their MIME type, HEAD without a body', async () => {
    const res = await get('app://workbench/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const head = await get('app://workbench/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(mimeType('x.wasm')).toBe('application/wasm');
  });

  it.each([
    'app://workbench/..%2fsecret.txt',
    'app://workbench/..%2F..%2Fsecret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://workbench/..%5csecret.txt',
    'app://workbench/assets/..\\..\\secret.txt',
    'app://workbench/%00index.html',
    'app://workbench/assets/link.txt',
    'app://workbench/../renderer-evil.txt',
    `app://workbench/${encodeURIComponent(path.join(dir, 'secret.txt'))}`,
    'app://workbench/C:%5cWindows%5cwin.ini',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('refuses other hosts, schemes and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('https://workbench/index.html')).status).toBe(403);
    expect((await get('app://workbench/index.html', 'POST')).status).toBe(405);
  });

  it('resolveAppPath keeps every result under root', () => {
    expect(resolveAppPath('app://workbench/assets/app.js', root)).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath('app://workbench/a/%2e%2e%2f%2e%2e%2fx', root)).toBeNull();
    expect(resolveAppPath('app://workbench/%E0%A4%A', root)).toBeNull();
    expect(resolveAppPath('app://user:pw@workbench/index.html', root)).toBeNull();
  });

  it('does not list folders', async () => {
    expect((await get('app://workbench/assets')).status).toBe(404);
    expect((await get('app://workbench/missing.js')).status).toBe(404);
  });
});
