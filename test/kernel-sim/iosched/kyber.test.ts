// kyber as a loadable module (modprobe, the scheduler file, its tunables, held while in use) and its characteristic behaviour: writes are throttled when read latency misses its target.
import { describe, it, expect } from 'vitest';
import { nullb_machine, inKernel, record, sh } from './helpers.ts';
import { run_io_jobs, type io_job } from '../../../kernel-sim/block/iosched_workload.ts';

describe('kyber-iosched.ko', () => {
  const m = nullb_machine();

  it('modprobe kyber-iosched registers kyber after mq-deadline; iosched/ has read_lat_nsec and write_lat_nsec with their defaults', () => {
    expect(sh(m, 'modprobe kyber-iosched; echo $?')).toBe('0\n');
    expect(sh(m, 'cat /sys/block/nullb0/queue/scheduler')).toBe('[none] mq-deadline kyber \n');
    sh(m, 'echo kyber > /sys/block/nullb0/queue/scheduler');
    expect(sh(m, 'cat /sys/block/nullb0/queue/scheduler')).toBe('mq-deadline [kyber] none\n');
    expect(sh(m, 'cd /sys/block/nullb0/queue/iosched && grep . *')).toBe('read_lat_nsec:2000000\nwrite_lat_nsec:10000000\n');
    expect(sh(m, 'echo 500000 > /sys/block/nullb0/queue/iosched/read_lat_nsec; cat /sys/block/nullb0/queue/iosched/read_lat_nsec')).toBe('500000\n');
  });

  it('the module is held while a queue uses it: lsmod counts the user and rmmod refuses until the queue leaves kyber', () => {
    expect(sh(m, 'lsmod')).toMatch(/^kyber_iosched +36864 +1 *$/m);
    expect(sh(m, 'rmmod kyber_iosched; echo $?')).toBe("rmmod: can't unload module 'kyber_iosched': Resource temporarily unavailable\n1\n");
    sh(m, 'echo none > /sys/block/nullb0/queue/scheduler');
    expect(sh(m, 'lsmod')).toMatch(/^kyber_iosched +36864 +0 *$/m);
    expect(sh(m, 'rmmod kyber_iosched; echo $?; cat /sys/block/nullb0/queue/scheduler')).toBe('0\n[none] mq-deadline \n');
  });

  it('echo kyber > scheduler loads the module by itself (request_module("kyber-iosched"))', () => {
    expect(sh(m, 'echo kyber > /sys/block/nullb0/queue/scheduler; cat /sys/block/nullb0/queue/scheduler; lsmod | grep -c kyber')).toBe('mq-deadline [kyber] none\n1\n');
    sh(m, 'echo none > /sys/block/nullb0/queue/scheduler');
  });
});

describe('kyber throttling', () => {
  /** A device 3 ms per request, 64 deep; a writer fills it while a reader reads. Returns WRITE's token depths over time. */
  const write_depths = (read_lat_nsec: number): { depths: number[] } => {
    const m = nullb_machine(64, 3_000_000);
    const d = '/sys/block/nullb0/queue';
    sh(m, `modprobe kyber-iosched; echo kyber > ${d}/scheduler; echo ${read_lat_nsec} > ${d}/iosched/read_lat_nsec`);
    const rec = record(m, ['kyber_adjust']);
    const jobs: io_job[] = [
      { name: 'writer', rw: 'randwrite', bs: 4096, iodepth: 64, nr_ios: 8000, offset: 0, span: 1 << 22 },
      { name: 'reader', rw: 'randread', bs: 4096, iodepth: 16, nr_ios: 4000, offset: 1 << 23, span: 1 << 22 },
    ];
    inKernel(m, () => run_io_jobs('nullb0', jobs, 5), 600e9);
    rec.stop();
    return {
      depths: rec.events.filter((e) => e.name === 'kyber_adjust' && e.args.domain === 'WRITE').map((e) => e.args.depth as number),
    };
  };

  it('reads slower than read_lat_nsec (3 ms against 2 ms): the WRITE domain\'s tokens shrink window after window (128 to half or less)', () => {
    const { depths } = write_depths(2_000_000);
    expect(depths.length).toBeGreaterThanOrEqual(3);
    expect(depths.every((x, i) => i === 0 || x <= depths[i - 1]!)).toBe(true);
    expect(depths[depths.length - 1]).toBeLessThanOrEqual(64);
  });

  it('reads within a 20 ms target: no congestion, writes keep their 128 tokens', () => {
    const { depths } = write_depths(20_000_000);
    expect(depths.filter((x) => x < 128)).toEqual([]);
  });
});
