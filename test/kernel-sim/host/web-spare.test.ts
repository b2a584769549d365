// The web-mode host's spare kernel worker: started with the server and its machine booted ahead (virtual time held until a client speaks), handed to the next connection (which gets its answers through it), replaced by a new spare, and not counted as a connection's worker.
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
    const got: Array<{ type: string; id?: number; stream?: string; data?: { data?: string } }> = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString())));
    const response = async (id: number) => { await until(() => got.some((m) => m.type === 'response' && m.id === id)); return got.find((m) => m.type === 'response' && m.id === id); };
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'ping' }));
    expect(await response(1)).toEqual({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    // The spare booted its machine ahead: the console already holds the boot log and the shell's prompt, sent before
    // any request asked for a machine, and its virtual time did not run while it waited for this connection.
    const consoleText = got.filter((m) => m.stream === 'console').map((m) => m.data?.data ?? '').join('');
    expect(consoleText).toMatch(/Run \/init as init process/);
    expect(consoleText).toMatch(/root@\S+:\S*# $/);
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'machine.info' }));
    const info = (await response(2)) as unknown as { result: { state: string; uptimeNs: number } };
    expect(info.result.state).toBe('running');
    expect(info.result.uptimeNs).toBeLessThan(3e9);
    expect(web.workers()).toBe(1);
    // The next connection's worker is already on its way.
    await until(() => web.spareReady());
    expect(web.workers()).toBe(1);
    ws.close();
    await until(() => web.workers() === 0);
    expect(web.spareReady()).toBe(true);
  }, 120_000);
});
