// I/O scheduler benchmark: simulated 4 KiB reads per wall second through each scheduler (none, mq-deadline, kyber, bfq) on null_blk — two random readers and a sequential one, iodepth 16 each, submit_bio to completion in virtual time; block and iosched tracepoints off as on Linux until something enables them (io.compare and the IO view enable the stages event only); median of 3 runs, per wall second and per CPU second, with the 1-minute load average beside the figures.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { Machine } from '../kernel-sim/machine.ts';
import { null_init } from '../kernel-sim/drivers/block/null_blk/main.ts';
import { run_io_jobs, type io_job } from '../kernel-sim/block/iosched_workload.ts';
import { install_kprogram } from '../kernel-sim/host/iosched_compare.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEDULERS = ['none', 'mq-deadline', 'kyber', 'bfq'] as const;

const RUNS = 3;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** IOs per wall second and per CPU second (all of the process's threads, the collector's included) for `total` reads split over three jobs on nullb0 with `sched`. */
function measure(m: Machine, sched: string, total: number): { wall: number; cpu: number } {
  m.runCommand(`echo ${sched} > /sys/block/nullb0/queue/scheduler`);
  const per = Math.ceil(total / 3);
  const jobs: io_job[] = [
    { name: 'rr0', rw: 'randread', bs: 4096, iodepth: 16, nr_ios: per, offset: 0, span: 1 << 24 },
    { name: 'rr1', rw: 'randread', bs: 4096, iodepth: 16, nr_ios: per, offset: 1 << 24, span: 1 << 24 },
    { name: 'seq', rw: 'read', bs: 4096, skip: 4096, iodepth: 16, nr_ios: per, offset: 1 << 25, span: per * 16 },
  ];
  let done = 0;
  const path = install_kprogram(m, function* () { done = (yield* run_io_jobs('nullb0', jobs, 1)).reduce((a, r) => a + r.ios, 0); return 0; });
  const t = performance.now(), c0 = process.cpuUsage();
  m.runCommand(path, { timeoutNs: 3600e9 });
  const ms = performance.now() - t, c = process.cpuUsage(c0);
  if (done !== per * 3) throw new Error(`${sched}: ${done} of ${per * 3} reads`);
  if (process.env.KWB_BENCH_VERBOSE) console.error(sched, done, Math.round(ms), 'ms');
  return { wall: Math.round((done / ms) * 1000), cpu: Math.round(done / ((c.user + c.system) / 1e6)) };
}

export default function bench(): Record<string, number> {
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  const load = install_kprogram(m, function* () { return yield* null_init({ irqmode: 2, completion_nsec: 20_000, hw_queue_depth: 32 }); });
  m.runCommand(load);
  m.runCommand('modprobe kyber-iosched; modprobe bfq');
  const n = Number(process.env.KWB_IOSCHED_BENCH_IOS ?? 60_000);
  const out: Record<string, number> = { iosched_loadavg_1m: Number(loadavg()[0]!.toFixed(2)) };
  for (const s of SCHEDULERS) measure(m, s, Math.ceil(n / 10));
  const runs = new Map<string, { wall: number; cpu: number }[]>(SCHEDULERS.map((s) => [s, []]));
  // Rounds over the four schedulers, so a burst of load elsewhere on the machine does not land on one scheduler's runs only.
  for (let r = 0; r < RUNS; r++) for (const s of SCHEDULERS) runs.get(s)!.push(measure(m, s, n));
  for (const s of SCHEDULERS) {
    const key = `iosched_${s.replace('-', '_')}`, rs = runs.get(s)!;
    out[`${key}_ios_per_sec`] = median(rs.map((x) => x.wall));
    out[`${key}_ios_per_cpu_sec`] = median(rs.map((x) => x.cpu));
  }
  out.iosched_loadavg_1m_end = Number(loadavg()[0]!.toFixed(2));
  return out;
}
