// Models linux/kernel/sched/stats.c: /proc/schedstat (SCHEDSTAT_VERSION 15), per online CPU its runqueue line and its sched domain.
//
// Debian's 6.1 builds CONFIG_SCHEDSTATS with the sched_schedstats static key off (kernel.sched_schedstats = 0), so the
// counters schedstat_inc() guards — yld_count, sched_count, sched_goidle, ttwu_count, ttwu_local and every domain's
// load-balancing numbers — stay 0; CONFIG_SCHED_INFO's are always kept: the time tasks ran on the CPU (rq_cpu_time),
// the time they waited queued (run_delay) and how many times one got the CPU (pcount).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { proc_create_single } from '../../fs/proc/generic.ts';
import { online_cpus, nr_cpu_ids } from '../cpu.ts';
import { jiffies } from '../time/timekeeping.ts';
import { runqueue } from './core.ts';

const SCHEDSTAT_VERSION = 15;
/** enum cpu_idle_type: CPU_IDLE, CPU_NOT_IDLE, CPU_NEWLY_IDLE — eight load-balancing counters each. */
const CPU_MAX_IDLE_TYPES = 3;

/** "%*pb" of a cpumask: hex, as many digits as nr_cpu_ids bits need (commas between 32-bit chunks). */
function cpumask_hex(cpus: readonly number[]): string {
  const n = nr_cpu_ids();
  const chunks: string[] = [];
  for (let base = Math.ceil(n / 32) * 32 - 32; base >= 0; base -= 32) {
    const width = base + 32 > n ? Math.ceil((n - base) / 4) : 8;
    const v = cpus.filter((c) => c >= base && c < base + 32).reduce((a, c) => a + 2 ** (c - base), 0);
    chunks.push(v.toString(16).padStart(width, '0'));
  }
  return chunks.join(',');
}

/**
 * show_schedstat(): version and timestamp, then per online CPU "cpuN yld 0 sched goidle ttwu ttwu_local rq_cpu_time
 * run_delay pcount" and a line per sched domain: one MC domain spanning every CPU (QEMU's -smp gives one socket of
 * cores), its 3 x 8 load-balancing counters and 12 more.
 */
function show_schedstat(m: seq_file): number {
  const rq = runqueue();
  const si = rq.sched_info;
  let s = `version ${SCHEDSTAT_VERSION}\ntimestamp ${jiffies()}\n`;
  const cpus = online_cpus();
  for (const cpu of cpus) {
    s += `cpu${cpu} 0 0 0 0 0 0 ${rq.busy_ns[cpu] ?? 0} ${si.run_delay[cpu] ?? 0} ${si.pcount[cpu] ?? 0}\n`;
    if (cpus.length > 1) s += `domain0 ${cpumask_hex(cpus)}${' 0'.repeat(8 * CPU_MAX_IDLE_TYPES + 12)}\n`;
  }
  seq_puts(m, s);
  return 0;
}

/** proc_schedstat_init() (subsys_initcall). */
function proc_schedstat_init(): number {
  proc_create_single('schedstat', 0, null, show_schedstat);
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'proc_schedstat_init', proc_schedstat_init, 2_000]];
