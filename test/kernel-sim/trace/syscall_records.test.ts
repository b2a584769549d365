// System call events exist only while someone listens to 'syscalls' (or to everything); a listener of another subsystem costs system calls nothing.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { trace_events, trace_has_listeners, trace_subscribe } from '../../../kernel-sim/kernel/trace/trace.ts';

describe('syscall tracepoints and listeners', () => {
  const count_sys = (m: Machine): number => m.inspect(() => trace_events().filter((e) => e.cat === 'syscalls').length);

  it('records no system call while only power and rpm are listened to (the Power view history listens from boot)', () => {
    const m = new Machine({});
    m.boot();
    expect(m.inspect(() => trace_has_listeners('power'))).toBe(true);
    expect(m.inspect(() => trace_has_listeners('syscalls'))).toBe(false);
    const before = count_sys(m);
    m.runCommand('true; true');
    expect(count_sys(m)).toBe(before);
  });

  it('records them while a listener names syscalls, and stops when it unsubscribes', () => {
    const m = new Machine({});
    m.boot();
    const seen: string[] = [];
    const off = m.inspect(() => trace_subscribe((e) => seen.push(e.name), ['syscalls']));
    m.runCommand('true');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n.startsWith('sys_'))).toBe(true);
    off();
    expect(m.inspect(() => trace_has_listeners('syscalls'))).toBe(false);
    const n = seen.length;
    m.runCommand('true');
    expect(seen.length).toBe(n);
  });
});
