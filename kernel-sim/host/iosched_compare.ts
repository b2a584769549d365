// The IO view's compare mode: a scratch machine with null_blk replays one seeded workload on each I/O scheduler; every request's stages come from the block_rq_stages tracepoint, summarised per process and per scheduler.
import { Machine } from '../machine.ts';
import type { KGen } from '../include/linux/sched.ts';
import { register_programs } from '../user/bin/index.ts';
import { kwb_image } from '../fs/binfmt_kwb.ts';
import { null_init } from '../drivers/block/null_blk/main.ts';
import { run_io_jobs, type io_job } from '../block/iosched_workload.ts';
import { IOPRIO_PRIO_VALUE } from '../block/ioprio.ts';
import { trace_subscribe } from '../kernel/trace/trace.ts';
import { IO_SCHEDULERS, type IoCompare, type IoJob, type IoRequest, type IoRun } from '../api/methods/io.ts';

export const DEFAULT_IO_JOBS: readonly IoJob[] = [
  { name: 'seqread', rw: 'read', bs: 16384, iodepth: 8, nr_ios: 300, ioprio_class: 2, ioprio_level: 4, think_us: 0 },
  { name: 'randwrite', rw: 'randwrite', bs: 4096, iodepth: 16, nr_ios: 600, ioprio_class: 2, ioprio_level: 4, think_us: 0 },
  { name: 'latency', rw: 'randread', bs: 4096, iodepth: 1, nr_ios: 120, ioprio_class: 2, ioprio_level: 4, think_us: 1000 },
];

export interface IoCompareOptions {
  seed?: number;
  schedulers?: readonly (typeof IO_SCHEDULERS)[number][];
  jobs?: readonly IoJob[];
  queueDepth?: number;
  completionUs?: number;
}

/** Each job its own region of the disk, 1 GiB apart, so the dispatch-order chart separates them. */
const to_io_job = (j: IoJob, i: number): io_job => ({
  name: j.name, rw: j.rw, bs: j.bs, iodepth: j.iodepth, nr_ios: j.nr_ios, offset: i * 2_097_152, span: 1_048_576,
  ioprio: IOPRIO_PRIO_VALUE(j.ioprio_class, j.ioprio_level), think_ns: j.think_us * 1000,
});

const percentile = (sorted: readonly number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);

/** Jain's fairness index: (Σx)² / (n Σx²). */
export const jain = (xs: readonly number[]): number => {
  const s = xs.reduce((a, b) => a + b, 0), s2 = xs.reduce((a, b) => a + b * b, 0);
  return s2 ? (s * s) / (xs.length * s2) : 1;
};

export function summarize(sched: IoRun['sched'], requests: IoRequest[], durationNs: number): IoRun {
  const secs = Math.max(durationNs, 1) / 1e9;
  const lat = (rs: readonly IoRequest[]) => rs.map((r) => r.complete - r.alloc).sort((a, b) => a - b);
  const byPid = new Map<number, IoRequest[]>();
  for (const r of requests) { const l = byPid.get(r.pid) ?? []; l.push(r); byPid.set(r.pid, l); }
  const processes = [...byPid.entries()].map(([pid, rs]) => {
    const bytes = rs.reduce((a, r) => a + r.sectors * 512, 0), l = lat(rs);
    const span = Math.max(1, Math.max(...rs.map((r) => r.complete)) - Math.min(...rs.map((r) => r.alloc))) / 1e9;
    return { comm: rs[0]!.comm, pid, ios: rs.length, bytes, mbps: bytes / span / 1e6, p50: percentile(l, 50), p99: percentile(l, 99) };
  });
  const all = lat(requests), bytes = requests.reduce((a, r) => a + r.sectors * 512, 0);
  return {
    sched, durationNs, requests, processes, iops: requests.length / secs, mbps: bytes / secs / 1e6, p50: percentile(all, 50), p99: percentile(all, 99),
    fairness: jain(processes.map((p) => p.mbps)),
  };
}

let seq = 0;
/** Installs `main` as a guest program /bin/NAME_N (NAME: iocompare unless given) and returns its path, for runCommand. */
export function install_kprogram(m: Machine, main: () => KGen<number>, name = 'iocompare'): string {
  const prog = `${name}_${++seq}`;
  register_programs({ [prog]: { main, path: `/bin/${prog}` } });
  m.putFile(`/bin/${prog}`, kwb_image(prog), 0o755);
  return `/bin/${prog}`;
}

/** io.compare: boot, load null_blk and the scheduler modules, then one run per scheduler with the same seed. */
export function io_compare(opts: IoCompareOptions = {}): IoCompare {
  const seed = opts.seed ?? 1, jobs = opts.jobs ?? DEFAULT_IO_JOBS;
  const queueDepth = opts.queueDepth ?? 4, completionNs = Math.round((opts.completionUs ?? 500) * 1000);
  const m = new Machine({ seed });
  m.boot();
  m.runCommand(install_kprogram(m, function* () { return yield* null_init({ irqmode: 2, completion_nsec: completionNs, hw_queue_depth: queueDepth }); }));
  m.runCommand('modprobe kyber-iosched; modprobe bfq');
  const runs: IoRun[] = [];
  for (const sched of opts.schedulers ?? IO_SCHEDULERS) {
    m.runCommand(`echo ${sched} > /sys/block/nullb0/queue/scheduler`);
    const raw: IoRequest[] = [];
    const stop = m.inspect(() => trace_subscribe((e) => {
      if (e.name !== 'block_rq_stages' || !e.args) return;
      const a = e.args as Record<string, number & string>;
      raw.push({ pid: a.pid, comm: a.comm, sector: a.sector, sectors: a.nr_sector, write: String(a.rwbs).includes('W'),
        alloc: a.alloc_ns, insert: a.insert_ns, dispatch: a.dispatch_ns, issue: a.issue_ns, complete: a.complete_ns });
    }, ['iosched']));
    let t0 = 0, t1 = 0;
    m.runCommand(install_kprogram(m, function* () {
      const res = yield* run_io_jobs('nullb0', jobs.map(to_io_job), seed);
      t0 = Math.min(...res.map((r) => r.start_ns)); t1 = Math.max(...res.map((r) => r.end_ns));
      return 0;
    }), { timeoutNs: 3600e9 });
    m.inspect(() => stop());
    const rel = (t: number) => (t ? t - t0 : 0);
    const requests = raw.filter((r) => r.alloc >= t0).map((r) => ({ ...r, alloc: rel(r.alloc), insert: rel(r.insert), dispatch: rel(r.dispatch), issue: rel(r.issue), complete: rel(r.complete) }));
    runs.push(summarize(sched, requests, t1 - t0));
  }
  return { seed, device: 'nullb0', queueDepth, completionNs, jobs: [...jobs], runs };
}
