// The web-mode host's spare kernel worker: started with the server, handed to the next connection (which gets its answers through it), replaced by a new spare, and not counted as a connection's worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';

let web: WebServer;

beforeAll(async () => { web = await startWebServer({ spareWorker: true }); });
afterAll(async () => { await web?.close(); });

const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 20)); };

describe('web server: spare kernel worker', () => {
  it('starts a worker ahead, gives it to the next connection and starts another', async () => {
    await until(() => web.spareReady());
    expect(web.workers()).toBe(0);
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/kernel`, { headers: { cookie: `kwb_token=${web.token}` } });
    await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); });
    const reply = new Promise((ok) => ws.once('message', (d) => ok(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'ping' }));
    expect(await reply).toEqual({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    expect(web.workers()).toBe(1);
    // The next connection's worker is already on its way.
    await until(() => web.spareReady());
    expect(web.workers()).toBe(1);
    ws.close();
    await until(() => web.workers() === 0);
    expect(web.spareReady()).toBe(true);
  }, 120_000);
});
