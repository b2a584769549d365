// The trace stream under a task that makes system calls flat out: each flush carries at most SYSCALL_RECORDS_PER_FLUSH system-call records, the newest, and every other record (the web workbench froze under `yes > /dev/null &`'s half a million records a second).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KernelService, SYSCALL_RECORDS_PER_FLUSH, trim_syscall_records } from '../../../kernel-sim/host/service.ts';
import type { ServerMessage, TraceEvent } from '../../../kernel-sim/api/protocol.ts';

const rec = (cat: string, ts: number): TraceEvent => ({ ts, cat, name: cat === 'syscalls' ? 'sys_write' : 'device_add', ph: 'i', pid: 1, tid: 1 });

describe('trim_syscall_records', () => {
  it('keeps the newest system-call records beyond the limit and every other record, in order', () => {
    const recs = [rec('syscalls', 1), rec('device', 2), rec('syscalls', 3), rec('syscalls', 4), rec('irq', 5), rec('syscalls', 6)];
    expect(trim_syscall_records(recs, 2).map((r) => r.ts)).toEqual([2, 4, 5, 6]);
    expect(trim_syscall_records(recs, 4)).toBe(recs);
  });
});

describe('the service\'s trace stream beside a busy task', () => {
  afterEach(() => { vi.useRealTimers(); });
  it('no flush carries more than SYSCALL_RECORDS_PER_FLUSH system calls, and the shell still answers', async () => {
    vi.useFakeTimers();
    const sent: ServerMessage[] = [];
    let clock = 0;
    const svc = new KernelService((m) => sent.push(m as ServerMessage), { pace: true, now: () => clock });
    let id = 1;
    const req = (method: string, params: unknown): void => svc.receive(JSON.stringify({ type: 'request', id: id++, method, params }));
    req('machine.boot', {});
    req('tty.open', { cols: 80, rows: 24 });
    req('events.subscribe', { subscriber: 't', streams: ['trace'] });
    await vi.advanceTimersByTimeAsync(50);
    req('tty.input', { tty: 'ttyS0', data: 'yes > /dev/null &\n' });
    for (let i = 0; i < 10; i++) { clock += 20; await vi.advanceTimersByTimeAsync(20); }
    req('tty.input', { tty: 'ttyS0', data: 'echo answered\n' });
    for (let i = 0; i < 10; i++) { clock += 20; await vi.advanceTimersByTimeAsync(20); }
    svc.dispose();
    const flushes = sent.filter((m): m is Extract<ServerMessage, { stream: 'trace' }> => m.type === 'event' && m.stream === 'trace');
    const per = flushes.map((m) => m.data.filter((r) => r.cat === 'syscalls').length);
    expect(Math.max(...per)).toBe(SYSCALL_RECORDS_PER_FLUSH);
    const console_out = sent.flatMap((m) => (m.type === 'event' && m.stream === 'console' ? [m.data.data] : [])).join('');
    expect(console_out).toContain('\r\nanswered\r\n');
  });
});
