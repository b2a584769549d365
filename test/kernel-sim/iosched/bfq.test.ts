// bfq as a loadable module (the scheduler files after modprobe, every scheduler's tunables as the reference lists them) and its characteristic behaviour: equal weights share equally, a 2:1 weight (ionice levels 0 and 4) shares 2:1.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { reference } from '../../fixtures/reference.ts';
import { nullb_machine, inKernel, record, stages_of, sh, type stage_event } from './helpers.ts';
import { run_io_jobs, type io_job } from '../../../kernel-sim/block/iosched_workload.ts';
import { IOPRIO_CLASS_BE, IOPRIO_PRIO_VALUE } from '../../../kernel-sim/block/ioprio.ts';

const ref_lines = (f: string): string[] => reference(f).split('\n').filter((l) => l && !l.startsWith('#'));
const REFERENCE_DTS = { dts: readFileSync(new URL('../../../resources/machines/qemu-q35-reference.dts', import.meta.url), 'utf8'), dtsName: 'qemu-q35-reference.dts' };

describe('bfq.ko and the scheduler files after modprobe', () => {
  const m = nullb_machine(8, 100_000, REFERENCE_DTS);

  it('modprobe kyber-iosched; modprobe bfq: both devices list all four (sched-after-modprobe.txt)', () => {
    sh(m, 'modprobe kyber-iosched; modprobe bfq');
    expect(sh(m, 'for b in vda nullb0; do echo "$b: $(cat /sys/block/$b/queue/scheduler)"; done').split('\n').filter(Boolean)).toEqual(ref_lines('sched-after-modprobe.txt'));
  });

  it('each scheduler\'s iosched/ matches iosched-tunables.txt line for line; lsmod shows bfq held by vda', () => {
    const cmd = 'for s in none mq-deadline kyber bfq; do echo $s > /sys/block/vda/queue/scheduler; echo "== vda $s: $(ls /sys/block/vda/queue/iosched 2>/dev/null | tr \'\\n\' \' \')"; done';
    expect(sh(m, cmd).split('\n').filter(Boolean)).toEqual(ref_lines('iosched-tunables.txt'));
    expect(sh(m, 'lsmod')).toMatch(/^bfq +94208 +1 *$/m);
  });

  it('bfq\'s tunables read Linux\'s defaults (ms, us, jiffies converted) and store what they are given', () => {
    const d = '/sys/block/vda/queue/iosched';
    expect(sh(m, `cd ${d} && grep . *`)).toBe([
      'back_seek_max:16384', 'back_seek_penalty:2', 'fifo_expire_async:250', 'fifo_expire_sync:125', 'low_latency:1', 'max_budget:0',
      'slice_idle:8', 'slice_idle_us:8000', 'strict_guarantees:0', 'timeout_sync:124', '',
    ].join('\n'));
    expect(sh(m, `echo 2500 > ${d}/slice_idle_us; cat ${d}/slice_idle ${d}/slice_idle_us; echo 0 > ${d}/back_seek_penalty; cat ${d}/back_seek_penalty`)).toBe('2\n2500\n1\n');
  });
});

describe('bfq fairness', () => {
  /** Two sequential readers of `nr` 4 KiB reads each, iodepth 4, at the given ionice levels; bytes each got while both ran. */
  const shares = (levels: [number, number]): number[] => {
    const m = nullb_machine(8, 200_000);
    // Budgets of 2048 sectors: several service slots each within the run (the default 16384 would give each reader two).
    sh(m, 'modprobe bfq; echo bfq > /sys/block/nullb0/queue/scheduler; echo 2048 > /sys/block/nullb0/queue/iosched/max_budget');
    const rec = record(m);
    const jobs: io_job[] = levels.map((lvl, i) => ({
      name: `reader${i}`, rw: 'read', bs: 4096, skip: 4096, iodepth: 4, nr_ios: 4000, offset: i * 50_000_000, span: 4000 * 16,
      ioprio: IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, lvl),
    }));
    inKernel(m, () => run_io_jobs('nullb0', jobs, 3), 600e9);
    rec.stop();
    const st: stage_event[] = stages_of(rec);
    // The window in which both were backlogged: until the first of them finished.
    const end = Math.min(...[0, 1].map((i) => Math.max(...st.filter((e) => e.comm === `reader${i}`).map((e) => e.complete_ns))));
    return [0, 1].map((i) => st.filter((e) => e.comm === `reader${i}` && e.complete_ns <= end).reduce((a, e) => a + e.nr_sector * 512, 0));
  };

  it('two equal-weight sequential readers get the same throughput within 10%', () => {
    const [a, b] = shares([4, 4]);
    expect(a! / b!).toBeGreaterThan(0.9);
    expect(a! / b!).toBeLessThan(1.1);
  });

  it('weights 80 and 40 (ionice -c2 -n0 and -n4) share 2:1 within 10%', () => {
    const [a, b] = shares([0, 4]);
    expect(a! / b!).toBeGreaterThan(1.8);
    expect(a! / b!).toBeLessThan(2.2);
  });
});
