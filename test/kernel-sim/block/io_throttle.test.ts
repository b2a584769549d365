// io.max holds a cgroup's bios in submit_bio_noacct (blk_throtl_bio) and io.stat counts them; without a limit the bio is only counted and never waits.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { null_init } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { trace_events } from '../../../kernel-sim/kernel/trace/trace.ts';

describe('io.max throttling and io.stat', () => {
  const m = boot();
  expect(run(m, function* () { return yield* null_init({}); }).status).toBe(0);
  const sh = (cmd: string): string => m.runCommand(`${cmd} 2>&1`).output;
  const CG = '/sys/fs/cgroup/t';
  sh(`mkdir ${CG}; echo +io > /sys/fs/cgroup/cgroup.subtree_control`);
  const dev = sh('cat /sys/block/nullb0/dev').trim();
  /** Virtual ns a 256 KiB direct read of nullb0 takes from the cgroup, and the throttle events it caused. */
  const read_256k = (): { ns: number; throttles: number } => {
    const [t0, from] = m.inspect(() => [ktime_get(), trace_events().length]);
    expect(sh(`echo $$ > ${CG}/cgroup.procs; dd if=/dev/nullb0 of=/dev/null bs=4096 count=64 iflag=direct > /dev/null; echo ok`)).toContain('ok');
    return m.inspect(() => ({ ns: ktime_get() - t0, throttles: trace_events().slice(from).filter((e) => e.name === 'cgroup_io_throttle').length }));
  };

  it('without io.max the bios are counted and never held', () => {
    const r = read_256k();
    expect(r.throttles).toBe(0);
    expect(r.ns).toBeLessThan(100e6);
    expect(sh(`cat ${CG}/io.stat`)).toMatch(new RegExp(`^${dev} rbytes=262144 wbytes=0 rios=64 wios=0`));
  });

  it('with rbps=1 MiB/s a 256 KiB read takes about a quarter second, each held bio traced', () => {
    sh(`echo "${dev} rbps=1048576" > ${CG}/io.max`);
    expect(sh(`cat ${CG}/io.max`)).toBe(`${dev} rbps=1048576 wbps=max riops=max wiops=max\n`);
    const r = read_256k();
    expect(r.ns).toBeGreaterThan(240e6);
    expect(r.throttles).toBeGreaterThan(50);
    expect(sh(`cat ${CG}/io.stat`)).toMatch(new RegExp(`^${dev} rbytes=524288 wbytes=0 rios=128 wios=0`));
  });
});
