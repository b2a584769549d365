// Isolation in web mode: a tab whose kernel worker exhausts its heap or stops answering is restarted alone, and told why; the other tab notices nothing.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../kernel-sim/host/web-server.ts';

let web: WebServer | null = null;
afterEach(async () => { await web?.close(); web = null; });

/** A connection with every message it received, and a way to wait for one that matches. */
async function tab(server: WebServer) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/kernel`, { headers: { cookie: `kwb_token=${server.token}` } });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const got: any[] = [];
  const waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    got.push(m);
    const i = waiters.findIndex((w) => w.match(m));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
  });
  const waitFor = (match: (m: any) => boolean) => new Promise<any>((resolve) => {
    const seen = got.find(match);
    if (seen) resolve(seen);
    else waiters.push({ match, resolve });
  });
  let id = 0;
  const ping = async () => {
    const rid = ++id;
    ws.send(JSON.stringify({ type: 'request', id: rid, method: 'ping' }));
    return waitFor((m) => m.type === 'response' && m.id === rid);
  };
  return { ws, got, waitFor, ping, send: (o: unknown) => ws.send(JSON.stringify(o)) };
}

const hostEvents = (got: any[]) => got.filter((m) => m.type === 'event' && m.stream === 'host');

describe('web mode isolation', () => {
  it('a worker that exhausts its heap is restarted for its own tab only, which is told it ran out of memory', async () => {
    web = await startWebServer({ root: '/nonexistent', debugOps: true, workerLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 }, restart: { baseDelayMs: 1 } });
    const a = await tab(web);
    const b = await tab(web);
    expect(await a.ping()).toMatchObject({ ok: true });
    expect(await b.ping()).toMatchObject({ ok: true });
    a.send({ __kwb: 'debug', op: 'exhaust-heap' });
    const ev = await a.waitFor((m) => m.stream === 'host');
    expect(ev.data).toMatchObject({ restarted: true, cause: 'out-of-memory' });
    expect(ev.data.reason).toMatch(/memory limit/);
    expect(await a.ping()).toMatchObject({ ok: true });
    expect(await b.ping()).toMatchObject({ ok: true });
    expect(hostEvents(b.got)).toEqual([]);
    expect(web.workers()).toBe(2);
    a.ws.close();
    b.ws.close();
  });

  it('a worker that stops turning its event loop is ended by the watchdog and restarted; the other tab goes on', async () => {
    web = await startWebServer({ root: '/nonexistent', debugOps: true, watchdogMs: 5_000, restart: { baseDelayMs: 1 } });
    const a = await tab(web);
    const b = await tab(web);
    expect(await a.ping()).toMatchObject({ ok: true });
    a.send({ __kwb: 'debug', op: 'spin' });
    const ev = await a.waitFor((m) => m.stream === 'host');
    expect(ev.data).toMatchObject({ restarted: true, cause: 'watchdog' });
    expect(ev.data.reason).toContain('watchdog');
    expect(await a.ping()).toMatchObject({ ok: true });
    expect(await b.ping()).toMatchObject({ ok: true });
    expect(hostEvents(b.got)).toEqual([]);
    a.ws.close();
    b.ws.close();
  });

  it('debug operations are ignored unless the server was started for tests with debugOps', async () => {
    web = await startWebServer({ root: '/nonexistent', watchdogMs: 60_000 });
    const a = await tab(web);
    a.send({ __kwb: 'debug', op: 'exhaust-heap' });
    const r = await a.ping();
    expect(r).toMatchObject({ ok: true });
    // The control message went to the kernel service as a client message, which refused it.
    expect(a.got.find((m) => m.type === 'response' && m.id === null)).toMatchObject({ ok: false, error: { code: 'EPROTO' } });
    expect(hostEvents(a.got)).toEqual([]);
    a.ws.close();
  });
});
