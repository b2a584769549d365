// Models linux/fs/proc/stat.c: /proc/stat, CPU time in USER_HZ ticks per CPU, interrupts, context switches, boot time and process counts.
import { TASK_UNINTERRUPTIBLE, TASK_NOLOAD } from '../../include/linux/sched.ts';
import { runqueue } from '../../kernel/sched/core.ts';
import { ktime_get, timekeeping, NSEC_PER_SEC } from '../../kernel/time/timekeeping.ts';
import { init_nsproxy } from '../../kernel/nsproxy.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';
import { nsec_to_clock_t } from './array.ts';
import { irq_counts, NR_IRQS } from './interrupts.ts';
import { kstat_softirqs_sums } from '../../kernel/softirq.ts';

export interface cpu_time { user: number; system: number; idle: number }

/** Busy and idle time of each CPU: tasks' charged time on their CPU; the rest of the uptime is idle. */
export function cpu_times(): cpu_time[] {
  const rq = runqueue();
  const n = rq.nr_cpus;
  const out: cpu_time[] = Array.from({ length: n }, () => ({ user: 0, system: 0, idle: 0 }));
  const seen = new Set<unknown>();
  for (const t of rq.tasks.values()) {
    const c = out[t.cpu % n];
    c.user += t.utime;
    c.system += t.stime;
    // Time of reaped children was folded into their parent's signal_struct.
    if (!seen.has(t.signal)) { seen.add(t.signal); c.system += t.signal.cutime + t.signal.cstime; c.user += 0; }
  }
  const up = ktime_get();
  for (const c of out) c.idle = Math.max(0, up - c.user - c.system);
  return out;
}

function stat_show(m: seq_file): number {
  const rq = runqueue();
  const cpus = cpu_times();
  const line = (name: string, c: cpu_time): string =>
    `${name} ${[c.user, 0, c.system, c.idle, 0, 0, 0, 0, 0, 0].map((v) => nsec_to_clock_t(v)).join(' ')}\n`;
  const sum = cpus.reduce((a, c) => ({ user: a.user + c.user, system: a.system + c.system, idle: a.idle + c.idle }), { user: 0, system: 0, idle: 0 });
  let s = line('cpu ', sum);
  cpus.forEach((c, i) => { s += line(`cpu${i}`, c); });
  const irqs = irq_counts();
  const per = Array.from({ length: NR_IRQS }, (_, i) => irqs.get(i) ?? 0);
  s += `intr ${per.reduce((a, b) => a + b, 0)} ${per.join(' ')}\n`;
  s += `ctxt ${rq.nr_switches}\n`;
  s += `btime ${Math.floor((timekeeping().realtime_offset_ns) / NSEC_PER_SEC)}\n`;
  s += `processes ${init_nsproxy()?.pid_ns_for_children.last_pid ?? 0}\n`;
  s += `procs_running ${rq.queue.length + (rq.curr ? 1 : 0)}\n`;
  const blocked = [...rq.tasks.values()].filter((t) => !t.exit_state && (t.__state & TASK_UNINTERRUPTIBLE) && !(t.__state & TASK_NOLOAD)).length;
  s += `procs_blocked ${blocked}\n`;
  const softirqs = kstat_softirqs_sums();
  s += `softirq ${softirqs.reduce((a, b) => a + b, 0)} ${softirqs.join(' ')}\n`;
  seq_puts(m, s);
  return 0;
}

export function proc_stat_init(): number {
  proc_create_single('stat', 0, null, stat_show);
  return 0;
}
