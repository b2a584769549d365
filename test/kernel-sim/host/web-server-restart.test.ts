// The web-mode host when a kernel-sim worker dies: restart with a `host` restarted event, and give up (restarted: false) after too many crashes.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';

const workerUrl = new URL('./fixtures/crashing-worker.mjs', import.meta.url);
let web: WebServer | null = null;
afterEach(async () => { await web?.close(); web = null; });

/** Collects every message of a socket; `next()` waits for the next one not yet taken. */
function inbox(ws: WebSocket) {
  const queue: any[] = [];
  const waiting: Array<(m: any) => void> = [];
  ws.on('message', (d) => { const m = JSON.parse(d.toString()); const w = waiting.shift(); if (w) w(m); else queue.push(m); });
  return { next: () => new Promise<any>((resolve) => { const m = queue.shift(); if (m) resolve(m); else waiting.push(resolve); }) };
}

function connect(server: WebServer) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/kernel`, { headers: { cookie: `kwb_token=${server.token}` } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('web server: worker crashes', () => {
  it('restarts a crashed worker, tells the client, and serves on', async () => {
    web = await startWebServer({ root: '/nonexistent', workerUrl, workerExecArgv: [], restart: { baseDelayMs: 1 } });
    const ws = await connect(web);
    const box = inbox(ws);
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'ping' }));
    expect(await box.next()).toMatchObject({ id: 1, ok: true });
    ws.send(JSON.stringify({ crash: true }));
    const ev = await box.next();
    expect(ev).toMatchObject({ type: 'event', stream: 'host', data: { restarted: true } });
    expect(ev.data.reason).toContain('exited with code 3');
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'ping' }));
    expect(await box.next()).toMatchObject({ id: 2, ok: true });
    ws.close();
  });

  it('gives up on a worker that keeps crashing and closes the connection', async () => {
    web = await startWebServer({
      root: '/nonexistent', workerUrl, workerExecArgv: [], defaultBoot: { cmdline: 'die-at-load' },
      restart: { baseDelayMs: 1, maxDelayMs: 1, maxRestarts: 2 },
    });
    const ws = await connect(web);
    const box = inbox(ws);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const first = await box.next();
    const second = await box.next();
    const last = await box.next();
    expect([first.data.restarted, second.data.restarted, last.data.restarted]).toEqual([true, true, false]);
    expect(last.data.reason).toContain('kernel-sim failed to load');
    expect(await closed).toBe(1011);
  });
});
