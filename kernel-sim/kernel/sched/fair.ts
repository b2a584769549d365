// Models linux/kernel/sched/fair.c: CFS — load weights by nice, virtual runtime, the slice a task may run before the tick preempts it, and where a waking or new task is placed.
//
// One cfs_rq for the machine: the run queue's tasks share one virtual clock (the scheduler runs one task at a
// time), so weights divide that clock's time between runnable tasks as they divide one CPU's in Linux.
import type { sched_entity, task_struct } from '../../include/linux/sched.ts';
import { TICK_NSEC } from '../time/timekeeping.ts';

/** kernel/sched/core.c's sched_prio_to_weight: nice -20 .. 19; each step is ~10% CPU (x1.25). */
export const sched_prio_to_weight: readonly number[] = [
  /* -20 */ 88761, 71755, 56483, 46273, 36291,
  /* -15 */ 29154, 23254, 18705, 14949, 11916,
  /* -10 */ 9548, 7620, 6100, 4904, 3906,
  /*  -5 */ 3121, 2501, 1991, 1586, 1277,
  /*   0 */ 1024, 820, 655, 526, 423,
  /*   5 */ 335, 272, 215, 172, 137,
  /*  10 */ 110, 87, 70, 56, 45,
  /*  15 */ 36, 29, 23, 18, 15,
];
export const NICE_0_LOAD = 1024;
export const MAX_RT_PRIO = 100;
export const MIN_NICE = -20;
export const MAX_NICE = 19;

export interface cfs_rq {
  /** Monotonic floor of the runnable tasks' vruntime: where sleepers wake. */
  min_vruntime: number;
}

/** The tunables scaled as update_sysctl() does at boot: factor 1 + ilog2(min(cpus, 8)) (SCHED_TUNABLESCALING_LOG). */
export interface cfs_tunables { latency: number; min_granularity: number; wakeup_granularity: number; nr_latency: number }

export function cfs_tunables(nr_cpus: number): cfs_tunables {
  const factor = 1 + Math.floor(Math.log2(Math.max(1, Math.min(nr_cpus, 8))));
  return { latency: 6_000_000 * factor, min_granularity: 750_000 * factor, wakeup_granularity: 1_000_000 * factor, nr_latency: 8 };
}

export function task_nice(p: task_struct): number {
  return p.static_prio - MAX_RT_PRIO - 20;
}

export function task_weight(p: task_struct): number {
  return sched_prio_to_weight[Math.min(39, Math.max(0, p.static_prio - MAX_RT_PRIO))]!;
}

export function task_se(p: task_struct): sched_entity {
  return p.se ??= { vruntime: 0, sum_exec_runtime: 0, prev_sum_exec_runtime: 0 };
}

/** calc_delta_fair(): the virtual runtime `delta` ns of CPU cost a task of `weight` (nice 0 runs at wall speed). */
export function calc_delta_fair(delta: number, weight: number): number {
  return weight === NICE_0_LOAD ? delta : (delta * NICE_0_LOAD) / weight;
}

/** __sched_period(): the latency every runnable task gets a turn within, stretched when more than nr_latency run. */
function sched_period(tun: cfs_tunables, nr_running: number): number {
  return nr_running > tun.nr_latency ? nr_running * tun.min_granularity : tun.latency;
}

/** sched_slice(): `weight`'s share of the period among `total_weight` (its own included), at least min_granularity (BASE_SLICE). */
export function sched_slice(tun: cfs_tunables, nr_running: number, weight: number, total_weight: number): number {
  return Math.max(tun.min_granularity, (sched_period(tun, nr_running) * weight) / total_weight);
}

/**
 * When the tick preempts a task that got the CPU at `start` with `slice` to run: check_preempt_tick() asks at each
 * jiffy whether the task ran longer than its slice, so the switch comes at the first tick after the slice ended.
 */
export function slice_end_tick(start: number, slice: number): number {
  return (Math.floor((start + slice) / TICK_NSEC) + 1) * TICK_NSEC;
}

/**
 * place_entity(): a new task starts one virtual slice after min_vruntime (START_DEBIT), so the tasks already
 * running keep their period; a waking one no earlier than half a latency before it (GENTLE_FAIR_SLEEPERS), so a
 * long sleep buys a short boost, not a monopoly.
 */
export function place_entity(rq: cfs_rq, tun: cfs_tunables, se: sched_entity, initial: boolean, vslice: number): void {
  se.vruntime = Math.max(se.vruntime, initial ? rq.min_vruntime + vslice : rq.min_vruntime - tun.latency / 2);
}

/** update_min_vruntime(): the smallest vruntime of the current task and the queued ones, never going back. */
export function update_min_vruntime(rq: cfs_rq, curr: sched_entity | null, queue: readonly task_struct[]): void {
  let v = curr ? curr.vruntime : Infinity;
  for (const p of queue) if (p.se && p.se.vruntime < v) v = p.se.vruntime;
  if (v !== Infinity && v > rq.min_vruntime) rq.min_vruntime = v;
}

/**
 * pick_next_entity(): the queued task with the smallest vruntime, passing over `skip` (the cfs_rq's skip buddy).
 * Tasks within `gran` of the smallest count as equal and go in the order they were queued, as wakeup_preempt_entity
 * leaves a task that leads by less than the wakeup granularity alone: wake-ups keep their FIFO order.
 */
export function pick_next_index(queue: readonly task_struct[], skip: task_struct | null = null, gran = 0): number {
  let v = Infinity;
  for (const p of queue) if (p !== skip && (p.se?.vruntime ?? -Infinity) < v) v = p.se?.vruntime ?? -Infinity;
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    if (p !== skip && (p.se?.vruntime ?? -Infinity) <= v + gran) return i;
  }
  return -1;
}
