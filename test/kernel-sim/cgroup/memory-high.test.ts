// memory.high: a task charging over it is throttled on its way back to user space (mem_cgroup_handle_over_high), in virtual time; the same work under no limit is not.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from '../core/harness.ts';
import { write_file } from './helpers.ts';
import { calculate_high_delay } from '../../../kernel-sim/kernel/cgroup/memcg_high.ts';

let m: Machine;
beforeAll(() => {
  m = boot();
  m.runCommand('echo "+memory" > /sys/fs/cgroup/cgroup.subtree_control; mkdir /sys/fs/cgroup/high /sys/fs/cgroup/free; echo 4M > /sys/fs/cgroup/high/memory.high');
});

/** Virtual nanoseconds a process in `group` takes to map 6 MiB in 256 KiB pieces. */
function hog_time(group: string): number {
  let took = 0;
  run(m, function* (c) {
    yield* write_file(c, `/sys/fs/cgroup/${group}/cgroup.procs`, '0');
    const t0 = yield* c.clock_gettime(1);
    for (let i = 0; i < 24; i++) if ((yield* c.syscall('mmap', 0, 256 << 10, 3, 0x22, -1, 0)) < 0) return 1;
    took = (yield* c.clock_gettime(1)) - t0;
    return 0;
  });
  return took;
}

describe('memory.high', () => {
  it('calculate_high_delay: quadratic in the overage, scaled by the share of a 64-page batch', () => {
    // 50% over (overage 2^19 in 2^20 fixed point): 2^38 * 250 >> 34 = 4000 jiffies for a full batch.
    expect(calculate_high_delay(64, 1 << 19)).toBe(4000);
    expect(calculate_high_delay(16, 1 << 19)).toBe(1000);
    expect(calculate_high_delay(64, 0)).toBe(0);
    // 10% over: 104857^2 * 250 >> 34 = 159 jiffies.
    expect(calculate_high_delay(64, 104857)).toBe(159);
  });

  it('a hog over memory.high sleeps on the way back to user space; the same hog without it does not; the high event is counted', () => {
    const free = hog_time('free');
    const high = hog_time('high');
    expect(free).toBeLessThan(50_000_000);
    expect(high).toBeGreaterThan(free + 500_000_000);
    const ev = m.runCommand('cat /sys/fs/cgroup/high/memory.events').output;
    expect(Number(/^high (\d+)$/m.exec(ev)![1])).toBeGreaterThan(0);
    expect(m.runCommand('grep -c . /sys/fs/cgroup/high/memory.pressure').output).toBe('2\n');
    const some = /^some avg10=\S+ avg60=\S+ avg300=\S+ total=(\d+)$/m.exec(m.runCommand('cat /sys/fs/cgroup/high/memory.pressure').output);
    expect(Number(some![1])).toBeGreaterThan(0);
  });
});
