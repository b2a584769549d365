// The IO view's compare mode (io.compare): one seeded workload on the four schedulers, the same answer for the same seed, and the schedulers' signatures in the data the charts draw.
import { describe, it, expect } from 'vitest';
import { io_compare, jain } from '../../../kernel-sim/host/iosched_compare.ts';
import { IoCompareSchema } from '../../../kernel-sim/api/methods/io.ts';

describe('io.compare', () => {
  const a = io_compare({ seed: 7 });

  it('runs the three default jobs on none, mq-deadline, kyber and bfq; every request completes and the result fits the protocol schema', () => {
    expect(IoCompareSchema.safeParse(a).success).toBe(true);
    expect(a.runs.map((r) => r.sched)).toEqual(['none', 'mq-deadline', 'kyber', 'bfq']);
    for (const r of a.runs) {
      expect(r.processes.map((p) => p.comm).sort()).toEqual(['latency', 'randwrite', 'seqread']);
      expect(r.processes.find((p) => p.comm === 'latency')!.ios).toBe(120);
      for (const q of r.requests) expect(q.alloc <= q.dispatch && q.dispatch <= q.issue && q.issue < q.complete).toBe(true);
    }
  });

  it('the same seed gives the same dispatch order on every scheduler', () => {
    const b = io_compare({ seed: 7 });
    for (let i = 0; i < a.runs.length; i++) {
      const order = (r: typeof a.runs[number]) => [...r.requests].sort((x, y) => x.dispatch - y.dispatch || x.sector - y.sector).map((q) => `${q.comm}:${q.sector}`);
      expect(order(b.runs[i]!)).toEqual(order(a.runs[i]!));
    }
  });

  it('shows what each scheduler does: mq-deadline sorts (more ascending dispatches than none), bfq serves one process at a time (longer same-process runs)', () => {
    const ascending = (r: typeof a.runs[number]) => {
      const d = [...r.requests].sort((x, y) => x.dispatch - y.dispatch);
      let up = 0;
      for (let i = 1; i < d.length; i++) if (d[i]!.comm === d[i - 1]!.comm && d[i]!.sector >= d[i - 1]!.sector) up++;
      return up / Math.max(1, d.length - 1);
    };
    const run_length = (r: typeof a.runs[number]) => {
      const d = [...r.requests].sort((x, y) => x.dispatch - y.dispatch);
      let switches = 0;
      for (let i = 1; i < d.length; i++) if (d[i]!.comm !== d[i - 1]!.comm) switches++;
      return d.length / (switches + 1);
    };
    const [none, dl, , bfq] = a.runs;
    expect(ascending(dl!)).toBeGreaterThan(ascending(none!));
    expect(run_length(bfq!)).toBeGreaterThan(run_length(none!));
  });

  it('with bfq the latency-sensitive reader is served last (the IO lab\'s last step asks for it from the chart)', () => {
    const bfq = a.runs.find((r) => r.sched === 'bfq')!;
    const io = io_compare({ seed: 1, schedulers: ['bfq'] }).runs[0]!;
    const first = (r: typeof bfq): [string, number][] => {
      const m = new Map<string, number>();
      for (const q of r.requests) m.set(q.comm, Math.min(m.get(q.comm) ?? Infinity, q.dispatch));
      return [...m.entries()].sort((x, y) => x[1] - y[1]);
    };
    expect(first(io).at(-1)![0]).toBe('latency');
    expect(first(bfq).at(-1)![0]).toBe('latency');
  });

  it('Jain\'s index is 1 for equal shares and 1/n when one of n gets everything', () => {
    expect(jain([5, 5, 5])).toBeCloseTo(1);
    expect(jain([9, 0, 0])).toBeCloseTo(1 / 3);
  });
});
