// Web mode's access token: without it every endpoint and the WebSocket answer 401; the opening address swaps it for an HttpOnly cookie; the 0600 token file; the connection cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';
import { defaultTokenFile } from '../../../kernel-sim/host/web-auth.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
let dir: string;
let web: WebServer;

beforeAll(async () => {
  dir = tmp.make('kwb-access-');
  mkdirSync(join(dir, 'root', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'root', 'index.html'), '<!doctype html><title>kwb</title>');
  writeFileSync(join(dir, 'root', 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(join(dir, 'ws', 'edu'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'edu', 'Makefile'), 'obj-m += edu.o\n');
  web = await startWebServer({ root: join(dir, 'root'), workspace: join(dir, 'ws'), tokenFile: join(dir, 'run', 'kwb', 'web-token'), maxConnections: 2 });
});

afterAll(async () => {
  await web?.close();
  tmp.cleanup();
});

function call(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function socket(path: string, headers: Record<string, string> = {}) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const ENDPOINTS: Array<[string, string]> = [
  ['GET', '/'], ['GET', '/index.html'], ['GET', '/assets/app.js'], ['HEAD', '/'], ['GET', '/nonexistent'], ['POST', '/'],
  ['GET', '/api/workspace'], ['GET', '/api/workspace/files'], ['GET', '/api/workspace/file?path=edu/Makefile'], ['PUT', '/api/workspace/file?path=edu/Makefile'],
];

describe('web mode access token', () => {
  it('refuses every endpoint without the token, and with a wrong one (401)', async () => {
    const wrong = `${web.token.slice(0, -1)}${web.token.endsWith('A') ? 'B' : 'A'}`;
    for (const auth of [{}, { cookie: `kwb_token=${wrong}` }, { Authorization: `Bearer ${wrong}` }, { cookie: 'other=1' }] as Array<Record<string, string>>) {
      for (const [method, path] of ENDPOINTS) {
        const r = await call(path, { method, headers: { 'X-Kwb-Workspace': '1', ...auth }, body: method === 'PUT' ? 'x' : undefined });
        expect(r.status, `${method} ${path} ${JSON.stringify(auth)}`).toBe(401);
      }
    }
    expect((await call(`/?token=${wrong}`)).status).toBe(401);
    // The repro (another local user PUTs a Makefile) changes nothing.
    expect(readFileSync(join(dir, 'ws', 'edu', 'Makefile'), 'utf8')).toBe('obj-m += edu.o\n');
  });

  it('refuses the WebSocket without the token (401), and opens it with the cookie, the bearer header or ?token=', async () => {
    await expect(socket('/kernel')).rejects.toThrow('HTTP 401');
    await expect(socket('/kernel', { cookie: 'kwb_token=nope' })).rejects.toThrow('HTTP 401');
    await expect(socket('/kernel', { Origin: `http://127.0.0.1:${web.port}` })).rejects.toThrow('HTTP 401');
    for (const [path, headers] of [['/kernel', { cookie: `kwb_token=${web.token}` }], ['/kernel', { Authorization: `Bearer ${web.token}` }], [`/kernel?token=${web.token}`, {}]] as const) {
      const ws = await socket(path, headers);
      const reply = new Promise<any>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
      ws.send(JSON.stringify({ type: 'request', id: 1, method: 'ping' }));
      expect(await reply).toMatchObject({ id: 1, ok: true });
      await new Promise<void>((resolve) => { ws.once('close', () => resolve()); ws.close(); });
    }
  });

  it('swaps the token in the opening address for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    expect(web.openUrl).toBe(`${web.url}?token=${web.token}`);
    expect(web.token).toMatch(/^[\w-]{43}$/);
    const r = await call(`/?token=${web.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']).toEqual([`kwb_token=${web.token}; Path=/; HttpOnly; SameSite=Strict`]);
    const page = await call('/', { headers: { cookie: `theme=dark; kwb_token=${web.token}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>kwb</title>');
    const api = await call('/api/workspace/file?path=edu/Makefile', { headers: { 'X-Kwb-Workspace': '1', Authorization: `Bearer ${web.token}` } });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ text: 'obj-m += edu.o\n' });
  });

  it('writes the token to a 0600 file in a 0700 folder for the CLI, and removes it on close', async () => {
    const file = join(dir, 'run', 'kwb', 'web-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'run', 'kwb')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: web.url, token: web.token, pid: process.pid });
    expect(defaultTokenFile({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/kwb/web-token');
    expect(defaultTokenFile({})).toMatch(/kwb-[\w]+\/web-token$/);
    const other = await startWebServer({ root: join(dir, 'root'), tokenFile: join(dir, 'run2', 'web-token') });
    expect(other.token).not.toBe(web.token);
    expect(existsSync(join(dir, 'run2', 'web-token'))).toBe(true);
    await other.close();
    expect(existsSync(join(dir, 'run2', 'web-token'))).toBe(false);
  });

  it('caps connections: past maxConnections the upgrade gets 503, and a closed one frees its place', async () => {
    const auth = { cookie: `kwb_token=${web.token}` };
    const a = await socket('/kernel', auth);
    const b = await socket('/kernel', auth);
    await expect(socket('/kernel', auth)).rejects.toThrow('HTTP 503');
    await new Promise<void>((resolve) => { a.once('close', () => resolve()); a.close(); });
    // The server notices the close when the socket's close handshake ends; wait for its side to count it.
    let c: WebSocket | null = null;
    for (let i = 0; i < 100 && !c; i++) c = await socket('/kernel', auth).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 20)));
    expect(c).not.toBeNull();
    b.close();
    c!.close();
  });
});
