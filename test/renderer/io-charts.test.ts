// The IO view's chart data (renderer/src/charts/io.ts): stage occupancy, dispatch points, latency buckets, throughput bins and the CSV, from hand-made requests.
import { describe, it, expect } from 'vitest';
import type { IoRun, IoRequest } from '../../kernel-sim/api/methods/io.ts';
import { dispatch_points, latency_histogram, occupancy, requests_csv, throughput, LAT_EDGES } from '../../renderer/src/charts/io.ts';

const rq = (comm: string, sector: number, t: [number, number, number, number, number]): IoRequest => ({
  pid: comm === 'a' ? 10 : 11, comm, sector, sectors: 8, write: comm === 'b',
  alloc: t[0], insert: t[1], dispatch: t[2], issue: t[3], complete: t[4],
});
const run: IoRun = {
  sched: 'mq-deadline', durationNs: 10e6, processes: [], iops: 0, mbps: 0, p50: 0, p99: 0, fairness: 1,
  requests: [rq('a', 100, [0, 0, 1e6, 1e6, 3e6]), rq('b', 900, [0, 1e6, 5e6, 5e6, 9e6]), rq('a', 108, [2e6, 0, 2e6, 2e6, 2.5e6])],
};

describe('IO charts data', () => {
  it('occupancy counts each request in its stage at each sample time (a request without insert goes straight to dispatch)', () => {
    const o = occupancy(run, 10e6, 11);
    expect(o.x[3]).toBe(3);
    // At 2 ms: request 1 in the device, request 2 in the scheduler, request 3 in the device.
    expect(o.y.device![2]).toBe(2);
    expect(o.y.scheduler![2]).toBe(1);
    expect(o.y.waiting![0]).toBe(2);
    expect(o.y.device![9]).toBe(0);
  });

  it('dispatch points per process, latency buckets by Q2C and D2C, throughput by completion time', () => {
    const d = dispatch_points(run);
    expect(d.get('a')!.map((p) => [p.x, p.y])).toEqual([[1, 100], [2, 108]]);
    const q2c = latency_histogram(run, 'q2c');
    const bucket = (ms: number) => LAT_EDGES.findIndex((e) => ms < e);
    expect(q2c.get('b')![bucket(9)]).toBe(1);
    expect(latency_histogram(run, 'd2c').get('a')![bucket(0.5)]).toBe(1);
    const t = throughput(run, 10e6, 10);
    expect(t.y.get('b')![9]).toBeCloseTo(4096 / 1e6 / 1e-3);
  });

  it('exports one CSV row per request with its scheduler and stage times', () => {
    const csv = requests_csv([run]).trim().split('\n');
    expect(csv[0]).toBe('scheduler,pid,comm,op,sector,sectors,alloc_ns,insert_ns,dispatch_ns,issue_ns,complete_ns');
    expect(csv[2]).toBe('mq-deadline,11,b,W,900,8,0,1000000,5000000,5000000,9000000');
    expect(csv).toHaveLength(4);
  });
});
