// KernelClient: request/response matching by id, error replies, lost connections, cancellation and event routing.
import { describe, expect, it, vi } from 'vitest';
import { KernelClient, KernelError } from '../../renderer/src/kernel/client.ts';
import { FakeTransport, machineInfo } from './fakes.ts';

function open(): { t: FakeTransport; c: KernelClient } {
  const t = new FakeTransport();
  const c = new KernelClient(t);
  c.start();
  t.setState('open');
  return { t, c };
}

describe('KernelClient', () => {
  it('gives every request its own id and matches responses by id, in any order', async () => {
    const { t, c } = open();
    const a = c.request('ping', {});
    const b = c.request('machine.info', {});
    const [ra, rb] = t.requests();
    expect(ra!.id).not.toBe(rb!.id);
    expect(ra).toMatchObject({ type: 'request', method: 'ping', params: {} });
    t.deliver({ type: 'response', id: rb!.id, ok: true, result: machineInfo({ hostname: 'second' }) });
    t.deliver({ type: 'response', id: ra!.id, ok: true, result: { version: 1 } });
    await expect(a).resolves.toEqual({ version: 1 });
    await expect(b).resolves.toMatchObject({ hostname: 'second' });
    expect(c.inFlight).toBe(0);
  });

  it('rejects with a KernelError carrying the code, message, method and details of an error reply', async () => {
    const { t, c } = open();
    const p = c.request('machine.boot', { dts: 'bad' });
    const id = t.requests()[0]!.id;
    t.deliver({ type: 'response', id, ok: false, error: { code: 'EINVAL', message: 'machine.dts:1:1: syntax error', details: [{ line: 1 }] } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KernelError);
    expect(err).toMatchObject({ code: 'EINVAL', message: 'machine.dts:1:1: syntax error', method: 'machine.boot', details: [{ line: 1 }] });
  });

  it('ignores responses to unknown ids and reports error replies without an id as stray errors', async () => {
    const { t, c } = open();
    const stray = vi.fn();
    c.onStrayError(stray);
    const p = c.request('ping', {});
    t.deliver({ type: 'response', id: 999, ok: true, result: { version: 42 } });
    t.deliver({ type: 'response', id: null, ok: false, error: { code: 'EPROTO', message: 'malformed message' } });
    expect(stray).toHaveBeenCalledWith(expect.objectContaining({ code: 'EPROTO', message: 'malformed message' }));
    t.deliver({ type: 'response', id: t.requests()[0]!.id, ok: true, result: { version: 1 } });
    await expect(p).resolves.toEqual({ version: 1 });
  });

  it('rejects at once with ENOTCONN when the transport is not open', async () => {
    const t = new FakeTransport();
    const c = new KernelClient(t);
    await expect(c.request('ping', {})).rejects.toMatchObject({ code: 'ENOTCONN' });
    expect(t.sent).toHaveLength(0);
  });

  it('rejects every pending request with ENOTCONN when the connection is lost', async () => {
    const { t, c } = open();
    const a = c.request('ping', {});
    const b = c.request('shell.run', { command: 'sleep 100' });
    t.setState('connecting', 'socket closed');
    await expect(a).rejects.toMatchObject({ code: 'ENOTCONN', method: 'ping' });
    await expect(b).rejects.toMatchObject({ code: 'ENOTCONN', method: 'shell.run' });
    expect(c.inFlight).toBe(0);
  });

  it('sends a cancel for an aborted request and rejects it with ECANCELED', async () => {
    const { t, c } = open();
    const ctl = new AbortController();
    const p = c.request('shell.run', { command: 'sleep 100' }, { signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ code: 'ECANCELED' });
    const id = t.requests()[0]!.id;
    expect(t.sent.at(-1)).toEqual({ type: 'cancel', id });
  });

  it('routes events to their stream', () => {
    const { t, c } = open();
    const consoleEv = vi.fn(); const machineEv = vi.fn(); const hostEv = vi.fn(); const traceEv = vi.fn();
    c.onConsole(consoleEv); c.onMachine(machineEv); c.onHost(hostEv); c.onTrace(traceEv);
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'crashed' } });
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty1', data: 'hi\r\n' } });
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ state: 'panicked' }) });
    t.deliver({ type: 'event', stream: 'trace', data: [{ ts: 1, cat: 'irq', name: 'irq_handler_entry', ph: 'i', pid: 0, tid: 0 }] });
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'again' } });
    expect(consoleEv).toHaveBeenCalledWith({ tty: 'tty1', data: 'hi\r\n' });
    expect(machineEv).toHaveBeenCalledWith(expect.objectContaining({ state: 'panicked' }));
    expect(traceEv.mock.calls[0]![0]).toHaveLength(1);
    expect(hostEv.mock.calls).toEqual([[{ restarted: true, reason: 'crashed' }], [{ restarted: true, reason: 'again' }]]);
  });

  it('fails the requests in flight when kernel-sim restarted behind the channel', async () => {
    const { t, c } = open();
    const old = c.request('shell.run', { command: 'sleep 10' });
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'worker exited with code 1' } });
    await expect(old).rejects.toMatchObject({ code: 'ENOTCONN', message: 'kernel-sim restarted: worker exited with code 1' });
    const fresh = c.request('ping', {});
    t.deliver({ type: 'response', id: t.requests().at(-1)!.id, ok: true, result: { version: 1 } });
    await expect(fresh).resolves.toEqual({ version: 1 });
  });
});
