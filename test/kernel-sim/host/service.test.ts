// KernelService and the in-process host: a malformed message (bad JSON, unknown type or method, bad params) gets an error reply and the service keeps serving.
import { describe, expect, it } from 'vitest';
import { KernelService } from '../../../kernel-sim/host/service.ts';
import { createInProcessHost } from '../../../kernel-sim/host/inprocess.ts';
import type { ServerMessage } from '../../../kernel-sim/api/protocol.ts';

function service() {
  const out: ServerMessage[] = [];
  const svc = new KernelService((m) => out.push(m));
  const ping = (id: number) => {
    svc.receive(JSON.stringify({ type: 'request', id, method: 'ping' }));
    return out.at(-1);
  };
  return { svc, out, ping };
}

const malformed: Array<[string, unknown, { id: number | null; code: string; message: RegExp }]> = [
  ['bad JSON', '{"type": "request", "id": 1,', { id: null, code: 'EPROTO', message: /malformed message/ }],
  ['a bare number', 42, { id: null, code: 'EPROTO', message: /malformed message/ }],
  ['null', null, { id: null, code: 'EPROTO', message: /malformed message/ }],
  ['an unknown message type', { type: 'hello', id: 3 }, { id: 3, code: 'EPROTO', message: /malformed message/ }],
  ['a request without a method', { type: 'request', id: 4 }, { id: 4, code: 'EPROTO', message: /method/ }],
  ['a request with an extra field', { type: 'request', id: 5, method: 'ping', extra: true }, { id: 5, code: 'EPROTO', message: /malformed message/ }],
  ['an unknown method', { type: 'request', id: 6, method: 'machine.explode' }, { id: 6, code: 'ENOSYS', message: /unknown method: machine\.explode/ }],
  ['an inherited property as method', { type: 'request', id: 7, method: 'toString' }, { id: 7, code: 'ENOSYS', message: /unknown method/ }],
  ['params of the wrong type', { type: 'request', id: 8, method: 'tty.resize', params: { tty: 'tty1', cols: 'wide', rows: 24 } }, { id: 8, code: 'EINVAL', message: /bad params for tty\.resize: cols/ }],
  ['params with an unknown key', { type: 'request', id: 9, method: 'ping', params: { now: true } }, { id: 9, code: 'EINVAL', message: /bad params for ping/ }],
  ['a tty name with a path', { type: 'request', id: 10, method: 'tty.input', params: { tty: '../../etc', data: 'x' } }, { id: 10, code: 'EINVAL', message: /bad params for tty\.input: tty/ }],
];

describe('KernelService with malformed messages', () => {
  it.each(malformed)('answers %s with an error reply and keeps serving', (_what, raw, expected) => {
    const { svc, out, ping } = service();
    svc.receive(raw);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'response', id: expected.id, ok: false, error: { code: expected.code } });
    expect((out[0] as { error: { message: string } }).error.message).toMatch(expected.message);
    expect(ping(100)).toEqual({ type: 'response', id: 100, ok: true, result: { version: 1 } });
  });

  it('ignores a cancel for a request that is not running, without replying', () => {
    const { svc, out, ping } = service();
    svc.receive({ type: 'cancel', id: 12345 });
    expect(out).toHaveLength(0);
    expect(ping(1)).toMatchObject({ ok: true });
  });
});

describe('in-process host', () => {
  it('round-trips a ping, answers garbage with an error, and still answers the next ping', async () => {
    const host = createInProcessHost();
    const got: ServerMessage[] = [];
    const next = () => new Promise<ServerMessage>((resolve) => { const off = host.onMessage((m) => { off(); got.push(m); resolve(m); }); });
    let reply = next();
    host.post({ type: 'request', id: 1, method: 'ping' });
    expect(await reply).toEqual({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    reply = next();
    host.post('{ not json');
    expect(await reply).toMatchObject({ type: 'response', id: null, ok: false, error: { code: 'EPROTO' } });
    reply = next();
    host.post({ type: 'request', id: 2, method: 'ping' });
    expect(await reply).toMatchObject({ id: 2, ok: true });
    host.close();
    expect(() => host.post({ type: 'request', id: 3, method: 'ping' })).toThrow(/closed/);
  });

  it('delivers copies, never the objects the service or the client hold', async () => {
    const host = createInProcessHost();
    const message = { type: 'request' as const, id: 1, method: 'ping', params: {} };
    const reply = new Promise<ServerMessage>((resolve) => host.onMessage(resolve));
    host.post(message);
    message.id = 99; // mutating after post must not change what kernel-sim got
    expect(await reply).toMatchObject({ id: 1, ok: true });
    host.close();
  });
});
