// The IO view's chart data, computed from io.compare's requests (each request's stage times): queue occupancy per stage over time, dispatch order (sector against time per process), Q2C/D2C latency histograms and throughput per process over time, and CSV export.
import type { IoRequest, IoRun } from '../../../kernel-sim/api/methods/io.ts';

export const STAGES = ['waiting', 'scheduler', 'dispatched', 'device'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  waiting: 'plugged / software queue', scheduler: 'in the scheduler', dispatched: 'dispatched to the hw queue', device: 'in flight in the device',
};

/** A request's stage boundaries; one issued directly (no insert) goes from allocation straight to dispatch. */
function stage_bounds(r: IoRequest): [Stage, number, number][] {
  const insert = r.insert || r.dispatch;
  return [['waiting', r.alloc, insert], ['scheduler', insert, r.dispatch], ['dispatched', r.dispatch, r.issue], ['device', r.issue, r.complete]];
}

export interface Series { x: number[]; y: Record<string, number[]> }

/** Requests in each stage at `points` evenly spaced times of [0, end] ns (a sweep over the stage boundaries). */
export function occupancy(run: IoRun, end: number, points = 200): Series {
  const x = Array.from({ length: points }, (_, i) => (i * end) / (points - 1));
  const y = Object.fromEntries(STAGES.map((s) => [s, new Array<number>(points).fill(0)])) as Record<string, number[]>;
  const step = end / (points - 1) || 1;
  for (const r of run.requests) {
    for (const [s, a, b] of stage_bounds(r)) {
      if (b <= a) continue;
      for (let i = Math.max(0, Math.ceil(a / step)); i < points && x[i]! < b; i++) y[s]![i]!++;
    }
  }
  return { x: x.map((t) => t / 1e6), y };
}

export interface DispatchPoint { x: number; y: number; r: IoRequest }

/** Dispatch order: per process, each request at (dispatch time ms, sector). */
export function dispatch_points(run: IoRun): Map<string, DispatchPoint[]> {
  const out = new Map<string, DispatchPoint[]>();
  for (const r of run.requests) {
    const l = out.get(r.comm) ?? [];
    l.push({ x: r.dispatch / 1e6, y: r.sector, r });
    out.set(r.comm, l);
  }
  return out;
}

/** Latency bucket edges in ms (log-spaced 0.1 ms .. 1 s). */
export const LAT_EDGES = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
export const lat_labels = (): string[] => LAT_EDGES.map((e, i) => (i === 0 ? `<${e}` : `${LAT_EDGES[i - 1]}-${e}`)).concat(`>${LAT_EDGES.at(-1)}`);

/** Q2C (allocation to completion) or D2C (issue to completion) histogram per process, in LAT_EDGES buckets. */
export function latency_histogram(run: IoRun, kind: 'q2c' | 'd2c'): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of run.requests) {
    const ms = (r.complete - (kind === 'q2c' ? r.alloc : r.issue)) / 1e6;
    let b = LAT_EDGES.findIndex((e) => ms < e);
    if (b < 0) b = LAT_EDGES.length;
    const h = out.get(r.comm) ?? new Array<number>(LAT_EDGES.length + 1).fill(0);
    h[b]!++;
    out.set(r.comm, h);
  }
  return out;
}

/** MB/s per process in `bins` time bins of [0, end] ns, by completion time. */
export function throughput(run: IoRun, end: number, bins = 40): { x: number[]; y: Map<string, number[]> } {
  const width = Math.max(1, end / bins);
  const x = Array.from({ length: bins }, (_, i) => ((i + 0.5) * width) / 1e6);
  const y = new Map<string, number[]>();
  for (const r of run.requests) {
    const l = y.get(r.comm) ?? new Array<number>(bins).fill(0);
    l[Math.min(bins - 1, Math.floor(r.complete / width))]! += (r.sectors * 512) / 1e6 / (width / 1e9);
    y.set(r.comm, l);
  }
  return { x, y };
}

/** One row per request of every run: what the charts were drawn from. */
export function requests_csv(runs: readonly IoRun[]): string {
  const head = 'scheduler,pid,comm,op,sector,sectors,alloc_ns,insert_ns,dispatch_ns,issue_ns,complete_ns';
  const rows = runs.flatMap((run) => run.requests.map((r) =>
    [run.sched, r.pid, r.comm, r.write ? 'W' : 'R', r.sector, r.sectors, r.alloc, r.insert, r.dispatch, r.issue, r.complete].join(',')));
  return [head, ...rows].join('\n') + '\n';
}

export const fmt_ms = (ns: number): string => (ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${(ns / 1e3).toFixed(0)} µs`);
