// Backpressure of a web-mode connection: console output coalesced per terminal, dropped (with a note) past its bound while the page does not read, responses never held, and a page that reads nothing at all disconnected.
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxLimits } from '../../../kernel-sim/host/ws-outbox.ts';

const LIMITS: OutboxLimits = { soft: 1000, hard: 5000, consoleKeep: 100, dmesgKeep: 3 };

/** A socket whose unread bytes the test sets, and a scheduler the test runs by hand. */
function rig() {
  const sock = { bufferedAmount: 0, sent: [] as any[], closed: null as null | [number, string], send(d: string) { this.sent.push(JSON.parse(d)); }, close(code: number, reason: string) { this.closed = [code, reason]; } };
  const queue: Array<() => void> = [];
  const box = new Outbox(sock, (fn) => queue.push(fn), LIMITS);
  const run = () => { for (const fn of queue.splice(0)) fn(); };
  return { sock, box, run };
}
const con = (tty: string, data: string) => ({ type: 'event', stream: 'console', data: { tty, data } });

describe('web-mode outbox', () => {
  it('coalesces console output per terminal into one message per turn', () => {
    const { sock, box, run } = rig();
    for (const c of 'hello') box.push(con('ttyS0', c));
    box.push(con('pts/0', 'x'));
    expect(sock.sent).toEqual([]);
    run();
    expect(sock.sent).toEqual([con('ttyS0', 'hello'), con('pts/0', 'x')]);
  });

  it('while the page does not read, keeps only the newest console bytes and says how many were dropped', () => {
    const { sock, box, run } = rig();
    sock.bufferedAmount = 2000;
    for (let i = 0; i < 30; i++) box.push(con('ttyS0', `line ${String(i).padStart(2, '0')}\n`));
    run(); // still full: nothing goes out, the flush waits
    expect(sock.sent).toEqual([]);
    sock.bufferedAmount = 0;
    box.flush();
    expect(sock.sent).toHaveLength(1);
    const text: string = sock.sent[0].data.data;
    expect(text.startsWith('\r\n[kwb: 140 bytes of console output dropped: the page was not reading]\r\n')).toBe(true);
    expect(text.endsWith('line 29\n')).toBe(true);
    expect(box.dropped().consoleBytes).toBe(140);
  });

  it('sends responses and machine events at once, holds dmesg (bounded) and drops trace while the page is behind', () => {
    const { sock, box } = rig();
    sock.bufferedAmount = 2000;
    box.push({ type: 'response', id: 1, ok: true, result: {} });
    box.push({ type: 'event', stream: 'machine', data: { state: 'running' } });
    box.push({ type: 'event', stream: 'trace', data: [{}, {}] });
    box.push({ type: 'event', stream: 'dmesg', data: [1, 2] });
    box.push({ type: 'event', stream: 'dmesg', data: [3, 4, 5] });
    expect(sock.sent.map((m) => m.type === 'response' ? 'response' : m.stream)).toEqual(['response', 'machine']);
    sock.bufferedAmount = 0;
    box.flush();
    expect(sock.sent[2]).toEqual({ type: 'event', stream: 'dmesg', data: [3, 4, 5] });
    expect(box.dropped()).toEqual({ consoleBytes: 0, dmesg: 2, trace: 2 });
  });

  it('closes a connection whose page reads nothing at all (policy violation 1008)', () => {
    const { sock, box } = rig();
    sock.bufferedAmount = 6000;
    box.push({ type: 'response', id: 2, ok: true, result: {} });
    expect(sock.closed).toEqual([1008, 'client is not reading']);
    box.push({ type: 'response', id: 3, ok: true, result: {} });
    expect(sock.sent).toEqual([]);
  });
});
