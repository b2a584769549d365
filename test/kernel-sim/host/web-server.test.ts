// The web-mode host: static files with CSP and MIME types, no path traversal, Host/Origin checks, and a ping round trip over a real WebSocket to a kernel-sim worker thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { resolveStaticPath, startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';

let dir: string;
let web: WebServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-web-'));
  mkdirSync(join(dir, 'root', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'root', 'index.html'), '<!doctype html><title>kwb</title>');
  writeFileSync(join(dir, 'root', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'root', 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  web = await startWebServer({ root: join(dir, 'root') });
});

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method, headers: { cookie: `kwb_token=${web.token}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket to /kernel; resolves once open, or rejects with the HTTP status that refused it. */
function socket(path = '/kernel', headers: Record<string, string> = {}) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}${path}`, { headers: { cookie: `kwb_token=${web.token}`, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

describe('web server: static files', () => {
  it('listens on 127.0.0.1 on a port it picked', () => {
    expect(web.port).toBeGreaterThan(0);
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/`);
  });

  it('serves index.html with a strict CSP and security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${web.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<title>kwb</title>');
  });

  it('sends proper MIME types', async () => {
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00'])(
    'refuses the traversal %s', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body).not.toContain('do not serve');
    });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const res = await get('/', { Host: `attacker.example:${web.port}` });
    expect(res.status).toBe(421);
  });

  it('maps paths under the root only', () => {
    expect(resolveStaticPath('/srv/app', '/a/b.js')).toBe('/srv/app/a/b.js');
    expect(resolveStaticPath('/srv/app', '/dir/')).toBe('/srv/app/dir/index.html');
    expect(resolveStaticPath('/srv/app', '/a/../../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/%E0%A4%A')).toBeNull();
  });
});

describe('web server: kernel WebSocket', () => {
  it('round-trips a ping to a kernel-sim worker thread, survives garbage, and frees the worker on close', async () => {
    const ws = await socket();
    let reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'ping' }));
    expect(await reply).toEqual({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    expect(web.workers()).toBe(1);

    reply = nextMessage(ws);
    ws.send('{ this is not json');
    expect(await reply).toMatchObject({ type: 'response', id: null, ok: false, error: { code: 'EPROTO' } });

    reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'no.such.method' }));
    expect(await reply).toMatchObject({ id: 2, ok: false, error: { code: 'ENOSYS' } });

    reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'request', id: 3, method: 'ping' }));
    expect(await reply).toMatchObject({ id: 3, ok: true });

    ws.close();
    while (web.workers() > 0) await new Promise((r) => setTimeout(r, 20));
    expect(web.workers()).toBe(0);
  });

  it('gives each connection its own worker', async () => {
    const [a, b] = await Promise.all([socket(), socket()]);
    const ra = nextMessage(a); const rb = nextMessage(b);
    a.send(JSON.stringify({ type: 'request', id: 7, method: 'ping' }));
    b.send(JSON.stringify({ type: 'request', id: 7, method: 'ping' }));
    expect(await ra).toMatchObject({ id: 7, ok: true });
    expect(await rb).toMatchObject({ id: 7, ok: true });
    expect(web.workers()).toBe(2);
    a.close(); b.close();
  });

  it('refuses pages from other origins and other paths', async () => {
    await expect(socket('/kernel', { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(socket('/elsewhere')).rejects.toThrow('HTTP 404');
    const ok = await socket('/kernel', { Origin: `http://localhost:${web.port}` });
    ok.close();
  });
});
