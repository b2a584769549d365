// Models the cpu controller of linux/kernel/sched/core.c (cpu.weight, cpu.max ...) and CFS bandwidth of kernel/sched/fair.c: quota per period in virtual time, throttling, and weighted shares between groups.
import { TASK_RUNNING, type KGen, type task_struct } from '../../include/linux/sched.ts';
import { EINVAL, ERANGE } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../state.ts';
import { ktime_get } from '../time/timekeeping.ts';
import { runqueue, schedule, schedule_timeout_interruptible, set_current_state } from '../sched/core.ts';
import { fatal_signal_pending } from '../signal_pending.ts';
import { CFTYPE_NOT_ON_ROOT, ssid, type cgroup, type cgroup_subsys, type task_group } from './cgroup-defs.ts';
import { css_chain, cgroup_e_css, cgroup_path, task_cputime, task_dfl_cgroup } from './cgroup.ts';
import { psi_account } from './psi.ts';
import { trace_event } from '../trace/trace.ts';

/** sysctl_sched_cfs_bandwidth_slice's neighbour: the scheduler tick (HZ=250) at which shares are compared. */
const TICK_NS = 4_000_000;
/** sched_latency-sized lead a group may take over the others before it gives way (weighted fairness). */
const SHARE_SLICE_NS = 3_000_000;

const cfsState = defineState('cfs_bandwidth', () => ({
  /** CPU time of each task already charged to its group's runtime and vruntime. */
  charged: new Map<task_struct, number>(),
  /** Task CPU time at its last tick. */
  last_tick: new Map<task_struct, number>(),
}));

/** sched_prio_to_weight: nice -20..19 as CFS weights; cpu.weight.nice maps through it (cgroup weight = w * 100 / 1024). */
const PRIO_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991,
  1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
];
const weight_of_nice = (nice: number): number => Math.max(1, Math.min(10000, Math.round((PRIO_TO_WEIGHT[nice + 20] * 100) / 1024)));
function nice_of_weight(w: number): number {
  const wt = (w * 1024) / 100;
  let best = 0;
  for (let i = 0; i < 40; i++) if (Math.abs(PRIO_TO_WEIGHT[i] - wt) < Math.abs(PRIO_TO_WEIGHT[best] - wt)) best = i;
  return best - 20;
}

/** start_cfs_bandwidth/do_sched_cfs_period_timer lazily: a new period refills the runtime (quota + burst). */
function refresh_period(tg: task_group, now: number): void {
  if (now < tg.period_start + tg.period) return;
  const periods = Math.floor((now - tg.period_start) / tg.period);
  tg.period_start += periods * tg.period;
  tg.nr_periods++;
  tg.runtime = tg.quota;
}

/**
 * At the return to user space (the tick's check_cfs_rq_runtime, met at the next resched point here): charge the
 * task's CPU time since the last charge to its groups; a group out of runtime throttles the task until its period
 * refills. Then, with other tasks waiting, a group ahead of the others in weighted virtual time yields the CPU.
 */
export function* cfs_bandwidth_check(t: task_struct): KGen<void> {
  const cg = task_dfl_cgroup(t);
  if (!cg.parent) return;
  const st = cfsState();
  const used = task_cputime(t) + (runqueue().curr === t ? ktime_get() - t.last_switch_time : 0);
  const delta = used - (st.charged.get(t) ?? used);
  st.charged.set(t, used);
  const chain = css_chain(cg, ssid.cpu).filter((c) => c.parent);
  if (!chain.length) return;
  const leaf = chain[0].cpu;
  leaf.vruntime += (delta * 100) / leaf.weight;
  for (const c of chain) {
    const tg = c.cpu;
    if (tg.quota < 0) continue;
    refresh_period(tg, ktime_get());
    tg.runtime -= delta;
    while (tg.runtime <= 0 && !fatal_signal_pending(t)) yield* throttle(t, c);
  }
  const last = st.last_tick.get(t) ?? 0;
  if (used - last >= TICK_NS) {
    st.last_tick.set(t, used);
    yield* check_preempt_shares(t, chain[0]);
  }
}

/** throttle_cfs_rq until the next period: the task sleeps, the time counts in nr_throttled/throttled_usec. */
function* throttle(t: task_struct, c: cgroup): KGen<void> {
  const tg = c.cpu;
  const start = ktime_get();
  tg.nr_throttled++;
  trace_event('cgroup', 'cgroup_throttle', { path: cgroup_path(c), pid: t.pid, runtime_ns: tg.runtime });
  t.wchan = 'throttle_cfs_rq';
  yield* schedule_timeout_interruptible(Math.max(1, tg.period_start + tg.period - start));
  const slept = ktime_get() - start;
  tg.throttled_time += slept;
  psi_account(c, 'cpu', slept, 0);
  refresh_period(tg, ktime_get());
}

/** check_preempt_tick across groups: give way when this group leads every waiting group by more than a slice. */
function* check_preempt_shares(t: task_struct, c: cgroup): KGen<void> {
  const rq = runqueue();
  if (!rq.queue.length) return;
  let min = Infinity;
  for (const o of rq.queue) {
    const oc = cgroup_e_css(task_dfl_cgroup(o), ssid.cpu);
    if (oc !== c && oc.parent) min = Math.min(min, oc.cpu.vruntime);
  }
  if (min === Infinity) return;
  // place_entity: a group that slept does not bank its idle time.
  if (c.cpu.vruntime < min - SHARE_SLICE_NS) c.cpu.vruntime = min - SHARE_SLICE_NS;
  if (c.cpu.vruntime > min + SHARE_SLICE_NS) {
    set_current_state(TASK_RUNNING);
    yield* schedule();
  }
}

/** Forgets a task's bandwidth bookkeeping when it exits. */
export function cfs_task_exit(t: task_struct): void {
  cfsState().charged.delete(t);
  cfsState().last_tick.delete(t);
}

/** cpu.max: "$MAX $PERIOD" in microseconds, "max" for no limit (tg_set_cfs_bandwidth's bounds). */
function cpu_max_write(cg: cgroup, buf: string): number {
  const [q, p] = buf.trim().split(/\s+/);
  const period = p === undefined ? cg.cpu.period / 1000 : Number(p);
  if (!Number.isInteger(period)) return -EINVAL;
  const quota = q === 'max' ? -1 : Number(q);
  if (q !== 'max' && !Number.isInteger(quota)) return -EINVAL;
  if (period < 1000 || period > 1_000_000) return -EINVAL;
  if (quota !== -1 && (quota < 1000 || quota > 17_592_186_044)) return -EINVAL;
  cg.cpu.period = period * 1000;
  cg.cpu.quota = quota === -1 ? -1 : quota * 1000;
  cg.cpu.runtime = cg.cpu.quota;
  cg.cpu.period_start = ktime_get();
  return 0;
}

function int_in(buf: string, lo: number, hi: number): number {
  const s = buf.trim();
  if (!/^-?\d+$/.test(s)) return NaN;
  const v = Number(s);
  return v < lo || v > hi ? -Infinity : v;
}
const range_err = (v: number): number => (Number.isNaN(v) ? -EINVAL : -ERANGE);

/** The cpu controller's part of cpu.stat (cpu_extra_stat_show, CONFIG_CFS_BANDWIDTH). */
export function cpu_extra_stat_show(cg: cgroup): string {
  const tg = cg.cpu;
  return `nr_periods ${tg.nr_periods}\nnr_throttled ${tg.nr_throttled}\nthrottled_usec ${Math.floor(tg.throttled_time / 1000)}\nnr_bursts 0\nburst_usec 0\n`;
}

const default_tg = (): task_group => ({
  weight: 100, idle: false, quota: -1, period: 100_000_000, burst: 0, runtime: 0, period_start: 0,
  nr_periods: 0, nr_throttled: 0, throttled_time: 0, vruntime: 0,
});

export const cpu_cgrp_subsys: cgroup_subsys = {
  id: ssid.cpu, name: 'cpu', legacy_name: 'cpu', dfl: true,
  css_reset: (cg) => { cg.cpu = default_tg(); },
  dfl_cftypes: [
    {
      name: 'cpu.weight', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpu.weight}\n`,
      write: (cg, buf) => { const v = int_in(buf, 1, 10000); if (!(v > 0)) return range_err(v); cg.cpu.weight = v; return 0; },
    },
    {
      name: 'cpu.weight.nice', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${nice_of_weight(cg.cpu.weight)}\n`,
      write: (cg, buf) => { const v = int_in(buf, -20, 19); if (!Number.isFinite(v)) return range_err(v); cg.cpu.weight = weight_of_nice(v); return 0; },
    },
    {
      name: 'cpu.idle', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpu.idle ? 1 : 0}\n`,
      write: (cg, buf) => { const v = int_in(buf, 0, 1); if (!Number.isFinite(v)) return range_err(v); cg.cpu.idle = v === 1; return 0; },
    },
    {
      name: 'cpu.max', flags: CFTYPE_NOT_ON_ROOT,
      seq_show: (cg) => `${cg.cpu.quota < 0 ? 'max' : cg.cpu.quota / 1000} ${cg.cpu.period / 1000}\n`, write: cpu_max_write,
    },
    {
      name: 'cpu.max.burst', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpu.burst / 1000}\n`,
      write: (cg, buf) => { const v = int_in(buf, 0, 17_592_186_044); if (!Number.isFinite(v)) return range_err(v); cg.cpu.burst = v * 1000; return 0; },
    },
  ],
};
