// Web-mode workspace: /api/workspace lists, reads and writes files of the folder the server was started with; paths cannot leave it and other origins are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';
import { validateRelativePath } from '../../../kernel-sim/host/workspace.ts';
import { seedWorkspace } from '../../../kernel-sim/host/workspace-seed.ts';

let dir: string;
let ws: string;
let web: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-ws-'));
  mkdirSync(join(dir, 'root'));
  writeFileSync(join(dir, 'root', 'index.html'), '<!doctype html>');
  ws = join(dir, 'ws');
  seedWorkspace(ws);
  writeFileSync(join(dir, 'outside.txt'), 'secret');
  symlinkSync(join(dir, 'outside.txt'), join(ws, 'escape.txt'));
  web = await startWebServer({ root: join(dir, 'root'), workspace: ws });
});

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(path: string, { method = 'GET', body, headers = {} }: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method, headers: { 'X-Kwb-Workspace': '1', Authorization: `Bearer ${web.token}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('web-mode workspace', () => {
  it('is seeded with the edu driver and the default boot config', () => {
    expect(readdirSync(join(ws, 'edu')).sort()).toEqual(['Kbuild', 'Makefile', 'edu.c', 'edu.h']);
    expect(readFileSync(join(ws, 'boot', 'default.dts'), 'utf8')).toMatch(/\/dts-v1\/;/);
    expect(seedWorkspace(ws)).toBe(false);
  });

  it('lists, reads and writes files', async () => {
    const info = await call('/api/workspace');
    expect(info.json.name).toBe('ws');
    const list = await call('/api/workspace/files');
    expect(list.json).toContainEqual(expect.objectContaining({ path: 'edu/edu.c', type: 'file' }));
    expect(list.json).toContainEqual({ path: 'edu', type: 'dir', size: 0 });
    const read = await call('/api/workspace/file?path=edu%2Fedu.h');
    expect(read.json.text).toContain('EDU');
    const put = await call('/api/workspace/file?path=new%2Fdir%2Fa.c', { method: 'PUT', body: 'int x;\n' });
    expect(put.status).toBe(200);
    expect(readFileSync(join(ws, 'new', 'dir', 'a.c'), 'utf8')).toBe('int x;\n');
    expect(readdirSync(join(ws, 'new', 'dir'))).toEqual(['a.c']);
  });

  it.each([
    ['..', '../outside.txt', 403, 'EACCES'],
    ['an absolute path', '/etc/passwd', 400, 'EINVAL'],
    ['a symlink out', 'escape.txt', 403, 'EACCES'],
    ['a missing file', 'nope.c', 404, 'ENOENT'],
    ['a name longer than NAME_MAX, as Electron main does', 'n'.repeat(256), 400, 'EINVAL'],
  ])('refuses %s', async (_what, rel, status, code) => {
    const r = await call(`/api/workspace/file?path=${encodeURIComponent(rel)}`);
    expect(r).toMatchObject({ status, json: { code } });
  });

  it('refuses writes that leave the workspace and leaves the outside untouched', async () => {
    const r = await call(`/api/workspace/file?path=${encodeURIComponent('../evil.txt')}`, { method: 'PUT', body: 'x' });
    expect(r.status).toBe(403);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
  });

  it('refuses other origins and requests without the workspace header', async () => {
    expect((await call('/api/workspace', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call('/api/workspace', { headers: { 'X-Kwb-Workspace': '0' } })).status).toBe(403);
  });

  it('validates relative paths like main/ipc-validation', () => {
    expect(validateRelativePath('a/b.c')).toEqual(['a', 'b.c']);
    for (const bad of ['', 'a//b', './a', 'a\\b', 'c:x', 'con', 'a\u0000']) expect(() => validateRelativePath(bad)).toThrow();
  });
});
