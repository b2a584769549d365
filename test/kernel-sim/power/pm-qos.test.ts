// PM QoS (kernel/power/qos.ts): /dev/cpu_dma_latency adds a CPU latency request while open (an s32, or hex text), read gives the aggregate, close drops it; the menu and ladder governors keep the CPUs out of states whose exit latency is above it (C3 150 µs, C2 50 µs, C1 1 µs on the default machine's _CST; 0 leaves only POLL).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { O_RDWR } from '../../../kernel-sim/include/uapi/stat.ts';
import { boot, run } from '../core/harness.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

/** Each state's idle time (µs) on cpu1, summed from its time file. */
function* state_times(c: Libc): KGen<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = yield* c.read_text(`/sys/devices/system/cpu/cpu1/cpuidle/state${i}/time`);
    out.push(typeof t === 'number' ? -1 : Number(t.trim()));
  }
  return out;
}

/** Holds /dev/cpu_dma_latency open with `req` written while the machine idles 1 s; the states' time spent meanwhile and the aggregate read back. */
function idle_with(m: ReturnType<typeof boot>, req: Uint8Array | string | null): { delta: number[]; agg: number } {
  let delta: number[] = [], agg = -1;
  run(m, function* (c): KGen<number> {
    const fd = req === null ? -1 : yield* c.open('/dev/cpu_dma_latency', O_RDWR);
    if (req !== null && (yield* c.write(fd, req)) < 0) return 1;
    if (fd >= 0) {
      const b = yield* c.read(fd, 4);
      if (typeof b !== 'number') agg = new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);
    }
    const before = yield* state_times(c);
    yield* c.nanosleep(1_000_000_000);
    const after = yield* state_times(c);
    delta = after.map((t, i) => t - before[i]!);
    if (fd >= 0) yield* c.close(fd);
    return 0;
  });
  return { delta, agg };
}

const s32 = (v: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setInt32(0, v, true); return b; };
/** The state that took most of the second. */
const deepest = (d: number[]): number => d.indexOf(Math.max(...d));

describe('CPU latency QoS through /dev/cpu_dma_latency', () => {
  const m = boot({ dts, dtsName: 'default.dts' });

  it('without a request the idle second goes to C3', () => {
    expect(deepest(idle_with(m, null).delta)).toBe(3);
  });

  it('20 µs keeps the CPU in C1; the aggregate reads back as 20', () => {
    const r = idle_with(m, s32(20));
    expect(r.agg).toBe(20);
    expect(deepest(r.delta)).toBe(1);
    expect(r.delta[3]).toBe(0);
    expect(r.delta[2]).toBe(0);
  });

  it('hex text "64" (100 µs) allows C2 but not C3; 0 leaves only POLL', () => {
    const r = idle_with(m, '64\n');
    expect(r.agg).toBe(100);
    expect(deepest(r.delta)).toBe(2);
    expect(r.delta[3]).toBe(0);
    const z = idle_with(m, s32(0));
    expect(deepest(z.delta)).toBe(0);
  });

  it('closing the file drops the request: C3 again, and a malformed write is EINVAL', () => {
    expect(deepest(idle_with(m, null).delta)).toBe(3);
    let ret = 0;
    run(m, function* (c): KGen<number> {
      const fd = yield* c.open('/dev/cpu_dma_latency', O_RDWR);
      ret = yield* c.write(fd, 'zz\n');
      yield* c.close(fd);
      return 0;
    });
    expect(ret).toBe(-22);
  });
});

describe('the ladder governor under CPU latency QoS', () => {
  const m = boot({ dts, dtsName: 'default.dts' });
  m.runCommand('echo ladder > /sys/devices/system/cpu/cpuidle/current_governor');
  /** Idle seconds with the same request; each second's state times. */
  const seconds = (n: number, req: Uint8Array | null): number[][] => Array.from({ length: n }, () => idle_with(m, req).delta);

  it('climbs to C3 over a few idle seconds; 20 µs steps it down to C1 at once and it never climbs past C1', () => {
    expect(deepest(seconds(3, null).at(-1)!)).toBe(3);
    for (const d of seconds(2, s32(20))) {
      expect(deepest(d)).toBe(1);
      expect([d[2], d[3]]).toEqual([0, 0]);
    }
  });

  it('100 µs lets it climb to C2 but not C3; 0 keeps it polling; without a request it climbs to C3 again', () => {
    const d = seconds(2, s32(100));
    expect(d.map((x) => x[3])).toEqual([0, 0]);
    expect(deepest(d[1]!)).toBe(2);
    const z = idle_with(m, s32(0)).delta;
    expect(deepest(z)).toBe(0);
    expect(z.slice(1)).toEqual([0, 0, 0]);
    expect(deepest(seconds(5, null).at(-1)!)).toBe(3);
  });
});
