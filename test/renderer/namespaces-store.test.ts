// The namespaces store's cgroup series: pids and memory as sampled, CPU as a rate between samples (percent of one CPU), gaps where the cgroup did not exist.
import { describe, it, expect } from 'vitest';
import { cgroupSeries } from '../../renderer/src/stores/namespaces.ts';
import type { CgroupStats } from '../../kernel-sim/api/methods/cgroup.ts';

describe('cgroupSeries', () => {
  it('turns cumulative CPU microseconds into percent between samples and skips samples without the cgroup', () => {
    const s: CgroupStats['samples'] = [
      { t: 100_000_000, values: { '/': [5, 1 << 20, 1000] } },
      { t: 200_000_000, values: { '/': [5, 1 << 20, 1000], '/a': [1, 4096, 0] } },
      { t: 300_000_000, values: { '/': [6, 2 << 20, 51_000], '/a': [2, 8192, 10_000] } },
    ];
    expect(cgroupSeries(s, '/')).toEqual([
      { t: 100_000_000, pids: 5, memory: 1 << 20, cpuPct: 0 },
      { t: 200_000_000, pids: 5, memory: 1 << 20, cpuPct: 0 },
      { t: 300_000_000, pids: 6, memory: 2 << 20, cpuPct: 50 },
    ]);
    expect(cgroupSeries(s, '/a').map((p) => p.cpuPct)).toEqual([0, 10]);
  });
});
