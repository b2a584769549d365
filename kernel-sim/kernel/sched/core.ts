// Models linux/kernel/sched/core.c: the run queue, schedule(), wake-ups and the scheduler loop in virtual time.
//
// Tasks are generators. A task runs until it yields (it slept or gave up the
// CPU); the CPU time it was charged moves the virtual clock. When no task can
// run, the clock jumps to the next timer. Atomic context is counted in
// preempt_count; sleeping there is "BUG: scheduling while atomic".
//
// The next task is CFS's (fair.ts): the smallest vruntime. A task that computes
// is preempted where Linux preempts user mode: at the first tick after its
// slice, or when a timer is due (its interrupt wakes a sleeper); user code
// passes a preemption point (resched_user) at each return from the kernel.
import {
  TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, EXIT_ZOMBIE, EXIT_DEAD,
  type KGen, type task_struct,
} from '../../include/linux/sched.ts';
import { defineState } from '../state.ts';
import {
  account_ns, commit_pending, hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, timekeeping,
} from '../time/timekeeping.ts';
import { trace_event, trace_set_context } from '../trace/trace.ts';
import {
  MAX_RT_PRIO, calc_delta_fair, cfs_tunables, pick_next_index, place_entity, sched_slice, slice_end_tick, task_se, task_weight,
  update_min_vruntime, type cfs_rq,
} from './fair.ts';

/** CPU time charged for a context switch. */
const CONTEXT_SWITCH_NS = 1_200;

interface RunQueue {
  /** Tasks ready to run, FIFO (round robin). */
  queue: task_struct[];
  curr: task_struct | null;
  /** Every task by global pid (init_pid_ns). */
  tasks: Map<number, task_struct>;
  /** The idle task, pid 0 ("swapper/0"). */
  idle: task_struct | null;
  /** Nesting of atomic context (hardirq, softirq, spinlocks held). */
  preempt_count: number;
  nr_switches: number;
  nr_cpus: number;
  /** Called when a task's code throws a host exception (oops). */
  on_fault: ((t: task_struct, err: unknown) => void) | null;
  /** Set while the machine is stopped (panic, halt). */
  stopped: boolean;
  next_cpu: number;
  /** CPU time tasks used per CPU since boot (the load cpufreq's governors sample). */
  busy_ns: number[];
  /** CPUs not in cpu_active_mask (hotplug took them down). */
  inactive: Set<number>;
  /** rq->rq_sched_info (CONFIG_SCHED_INFO, kept with schedstats off): per CPU, tasks given the CPU and the time they waited queued. */
  sched_info: { pcount: number[]; run_delay: number[]; queued_at: Map<task_struct, number> };
  cfs: cfs_rq;
  /** The task that gave up the CPU still runnable (yield_task_fair's skip buddy): the next pick passes it over if another can run, so a yield that cost no time cannot keep it first. */
  skip: task_struct | null;
  /** CPU time the running task spent in user mode this turn (account_user_ns); the rest of its turn is system time. */
  user_ns: number;
}

export const runqueue = defineState<RunQueue>('sched', () => ({
  queue: [], curr: null, tasks: new Map(), idle: null, preempt_count: 0, nr_switches: 0, nr_cpus: 2,
  on_fault: null, stopped: false, next_cpu: 0, busy_ns: [], inactive: new Set(),
  sched_info: { pcount: [], run_delay: [], queued_at: new Map() },
  cfs: { min_vruntime: 0 }, skip: null, user_ns: 0,
}));

export function current(): task_struct {
  const rq = runqueue();
  return rq.curr ?? rq.idle!;
}

/** True when something other than the idle task is running. */
export function in_task(): boolean {
  const rq = runqueue();
  return rq.curr !== null && rq.preempt_count === 0;
}

export function set_current_state(state: number): void {
  current().__state = state;
}

export function preempt_disable(): void { runqueue().preempt_count++; }
export function preempt_enable(): void { runqueue().preempt_count--; }
export function in_atomic(): boolean { return runqueue().preempt_count > 0; }

/** Thrown into kernel code that tries to sleep in atomic context; the fault handler prints the BUG. */
export class SchedulingWhileAtomic extends Error {
  constructor(readonly task: task_struct) { super('scheduling while atomic'); }
}

/**
 * sched_submit_work(): what a task hands on before it sleeps. The block layer registers the flush of the task's
 * plug (blk_flush_plug(tsk->plug, true) in Linux), so requests a sleeper gathered never wait for it to wake: without
 * it, a task plugging a read and then sleeping on something else strands that read and whoever waits for it.
 */
const submitWork = defineState('sched_submit_work', () => ({ hooks: [] as ((t: task_struct) => void)[] }));

export function register_sched_submit_work(fn: (t: task_struct) => void): void {
  const hooks = submitWork().hooks;
  if (!hooks.includes(fn)) hooks.push(fn);
}

/** Gives up the CPU. The caller has set its state; TASK_RUNNING means "yield, run me again". */
export function* schedule(): KGen<void> {
  const rq = runqueue();
  if (rq.preempt_count > 0) throw new SchedulingWhileAtomic(current());
  const t = current();
  if (t.__state !== TASK_RUNNING) for (const h of submitWork().hooks) h(t);
  yield;
}

/**
 * TIF_NEED_RESCHED as the running task sees it: its slice ended at a tick, or a timer is due whose interrupt the
 * task's CPU must take (timekeeping's resched_at, set when the task got the CPU and lowered by hrtimer_start).
 */
export function need_resched(): boolean {
  const tk = timekeeping();
  return tk.now + tk.pending_ns >= tk.resched_at;
}

/**
 * The way back to user mode from a system call or an interrupt (exit_to_user_mode_loop's _TIF_NEED_RESCHED):
 * a task that must give up the CPU does so here, still runnable — an involuntary switch.
 */
export function* resched_user(): KGen<void> {
  if (!need_resched()) return;
  set_current_state(TASK_RUNNING);
  yield* schedule();
}

/** Yields the CPU if others want it or the tick asks (cond_resched). */
export function* cond_resched(): KGen<void> {
  if (runqueue().queue.length > 0 || need_resched()) {
    set_current_state(TASK_RUNNING);
    yield* schedule();
  }
}

/** Sleeps (in the state already set) for up to timeout_ns; returns the time left (0 when it expired). A timer_list's process_timeout. */
export function* schedule_timeout(timeout_ns: number): KGen<number> {
  return yield* sleep_on_timer(timeout_ns, 'process_timeout');
}

/** schedule_hrtimeout(): the same sleep on an hrtimer (hrtimer_wakeup), as nanosleep and poll/select sleep: it expires in hardirq context, not in the TIMER softirq. */
export function* schedule_hrtimeout(timeout_ns: number): KGen<number> {
  return yield* sleep_on_timer(timeout_ns, 'hrtimer_wakeup');
}

function* sleep_on_timer(timeout_ns: number, name: string): KGen<number> {
  const t = current();
  const expire = ktime_get() + timeout_ns;
  const timer = hrtimer_create(name, () => { try_to_wake_up(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE); });
  hrtimer_start(timer, expire);
  yield* schedule();
  hrtimer_cancel(timer);
  return Math.max(0, expire - ktime_get());
}

export function* schedule_timeout_uninterruptible(timeout_ns: number): KGen<number> {
  set_current_state(TASK_UNINTERRUPTIBLE);
  return yield* schedule_timeout(timeout_ns);
}

export function* schedule_timeout_interruptible(timeout_ns: number): KGen<number> {
  set_current_state(TASK_INTERRUPTIBLE);
  return yield* schedule_timeout(timeout_ns);
}

/** Wakes `p` if its state is in `state_mask`; returns true if it was woken. */
export function try_to_wake_up(p: task_struct, state_mask: number): boolean {
  if (!(p.__state & state_mask)) return false;
  p.__state = TASK_RUNNING;
  enqueue_task(p);
  return true;
}

/** The weight of every runnable task: the queued ones and, when `with_curr`, the running one. */
function runnable_weight(rq: RunQueue, with_curr: boolean): number {
  let w = with_curr && rq.curr ? task_weight(rq.curr) : 0;
  for (const q of rq.queue) w += task_weight(q);
  return w;
}

export function wake_up_process(p: task_struct): boolean {
  return try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | 0x0004 | 0x0008);
}

/**
 * Puts a runnable task on the run queue (wake_up_new_task for new ones). A new task is placed one virtual slice
 * after the others and a woken one near min_vruntime (place_entity); a preempted one (`requeue`) keeps its vruntime.
 */
export function enqueue_task(p: task_struct, requeue = false): void {
  if (p.on_rq || p.gen === null || p.exit_state & (EXIT_ZOMBIE | EXIT_DEAD)) return;
  const rq = runqueue();
  if (!requeue) {
    const initial = p.se === undefined;
    const se = task_se(p);
    const tun = cfs_tunables(rq.nr_cpus);
    const w = task_weight(p);
    // START_DEBIT's vslice, taken as the task's slice alone so that tasks created together keep their order.
    const vslice = initial ? calc_delta_fair(sched_slice(tun, 1, w, w), w) : 0;
    place_entity(rq.cfs, tun, se, initial, vslice);
  }
  p.on_rq = true;
  rq.queue.push(p);
  rq.sched_info.queued_at.set(p, ktime_get()); // sched_info_enqueue()
}

/** sched_info_arrive(): the task gets the CPU; its wait since enqueue is the CPU's run_delay. */
function sched_info_arrive(rq: RunQueue, p: task_struct): void {
  const si = rq.sched_info;
  const queued = si.queued_at.get(p);
  si.queued_at.delete(p);
  si.pcount[p.cpu] = (si.pcount[p.cpu] ?? 0) + 1;
  if (queued !== undefined) si.run_delay[p.cpu] = (si.run_delay[p.cpu] ?? 0) + ktime_get() - queued;
}

/** set_user_nice(): the task's static priority, hence its CFS weight from its next turn on (nice -20..19 is 100..139). */
export function set_user_nice(p: task_struct, nice: number): void {
  p.static_prio = MAX_RT_PRIO + 20 + nice;
  p.prio = p.static_prio;
}

/** cpu_active_mask's complement: CPUs being or gone offline, which new tasks skip (set by CPU hotplug). */
export function set_cpu_active(cpu: number, active: boolean): void {
  const rq = runqueue();
  if (active) rq.inactive.delete(cpu);
  else rq.inactive.add(cpu);
}

export function wake_up_new_task(p: task_struct): void {
  const rq = runqueue();
  p.__state = TASK_RUNNING;
  while (rq.inactive.has(rq.next_cpu) && rq.inactive.size < rq.nr_cpus) rq.next_cpu = (rq.next_cpu + 1) % rq.nr_cpus;
  p.cpu = rq.next_cpu;
  rq.next_cpu = (rq.next_cpu + 1) % rq.nr_cpus;
  enqueue_task(p);
  trace_event('sched', 'sched_wakeup_new', { comm: p.comm, pid: p.pid, target_cpu: p.cpu });
}

/** What run_one did: nothing was runnable, a task ran and slept or ended, or it ran until preempted. */
const enum Ran { nothing, ran, preempted }

/** Runs one task until it yields or ends. */
function run_one(): Ran {
  const rq = runqueue();
  const i = pick_next_index(rq.queue, rq.queue.length > 1 ? rq.skip : null, cfs_tunables(rq.nr_cpus).wakeup_granularity);
  rq.skip = null;
  if (i < 0) return Ran.nothing;
  const p = rq.queue.splice(i, 1)[0]!;
  p.on_rq = false;
  if (!p.gen) { rq.sched_info.queued_at.delete(p); return Ran.ran; }
  sched_info_arrive(rq, p);
  const prev = rq.curr;
  rq.curr = p;
  rq.nr_switches++;
  p.nvcsw++;
  p.last_switch_count++;
  p.last_switch_time = ktime_get();
  trace_set_context(p.tgid, p.pid);
  account_ns(CONTEXT_SWITCH_NS);
  const start = ktime_get();
  const se = task_se(p);
  se.prev_sum_exec_runtime = se.sum_exec_runtime;
  const w = task_weight(p);
  const tk = timekeeping();
  // set_next_entity + the ticks to come: check_preempt_tick ends the slice at a jiffy; a due timer interrupts sooner.
  const slice = sched_slice(cfs_tunables(rq.nr_cpus), rq.queue.length + 1, w, runnable_weight(rq, false) + w);
  tk.resched_at = Math.min(slice_end_tick(start, slice), tk.timers.next_expiry() ?? Infinity);
  rq.user_ns = 0;
  let ran_as = Ran.ran;
  try {
    const r = p.gen.next();
    if (r.done) p.gen = null;
    else if (p.__state === TASK_RUNNING) {
      p.nivcsw++;
      enqueue_task(p, true);
      // A yield the tick did not ask for (sched_yield, cond_resched) makes the task the skip buddy.
      if (!need_resched()) rq.skip = p;
      ran_as = Ran.preempted;
    }
  } catch (err) {
    p.gen = null;
    rq.preempt_count = 0;
    rq.on_fault?.(p, err);
  } finally {
    tk.resched_at = Infinity;
    const ran = ktime_get() - start;
    // update_curr(): the task's runtime and its weighted vruntime; the user part of the turn is utime (cputime.ts).
    se.sum_exec_runtime += ran;
    se.vruntime += calc_delta_fair(ran, w);
    update_min_vruntime(rq.cfs, null, rq.queue);
    const user = Math.min(rq.user_ns, ran);
    p.utime += user;
    p.stime += ran - user;
    rq.user_ns = 0;
    rq.busy_ns[p.cpu] = (rq.busy_ns[p.cpu] ?? 0) + ran;
    rq.curr = prev;
    trace_set_context(0, 0);
  }
  commit_pending();
  return ran_as;
}

/** kernel/softirq.c's accounting, told of each timer that fires (set by softirq_init: the softirq it runs in). */
const timerExpiredHook = defineState('sched_timer_expired', () => ({ fn: null as ((name: string) => void) | null }));
export function set_timer_expired_hook(fn: (name: string) => void): void { timerExpiredHook().fn = fn; }

/** Fires every timer that has expired by now, in order, in atomic (softirq/hardirq) context. */
export function run_expired_timers(): void {
  const tk = timekeeping();
  const rq = runqueue();
  const expired = timerExpiredHook().fn;
  for (let t = tk.timers.pop_expired(tk.now); t; t = tk.timers.pop_expired(tk.now)) {
    expired?.(t.name);
    rq.preempt_count++;
    try {
      t.fn();
    } catch (err) {
      rq.on_fault?.(current(), err);
    } finally {
      rq.preempt_count--;
    }
    commit_pending();
  }
}

/**
 * What the scheduler tells the idle and frequency code (kernel/sched/idle.c's do_idle → cpuidle_idle_call, and
 * cpufreq_update_util from the tick and wake-ups): `idle` when the clock jumps over a gap with nothing to run
 * (`woke`: a timer ends it; otherwise only the run's limit does), `wake` when a run finds work waiting while the
 * CPUs may still be idle, `tick` after each task step.
 */
export interface sched_hooks {
  idle?(from: number, to: number, next_timer: number | null, woke: boolean): void;
  wake?(now: number): void;
  tick?(now: number): void;
}
const schedHooks = defineState('sched_hooks', () => ({ hooks: [] as sched_hooks[] }));
export function register_idle_hooks(h: sched_hooks): void { schedHooks().hooks.push(h); }

export type RunStop = 'idle' | 'limit' | 'stopped' | 'condition' | 'budget';

/** Task steps one run_until call may take before handing control back to the host (busy loops). */
export const RUN_STEP_BUDGET = 200_000;

/**
 * The scheduler loop: runs every runnable task (CPU work moves the clock) and
 * every timer due by `limit_ns`, until the machine stops, `until()` holds, or
 * only timers after the limit remain; then idle time passes up to the limit.
 * With limit Infinity it returns 'idle' once nothing is runnable or pending.
 * A machine kept busy by a task that computes returns 'limit' once the clock
 * passed the limit at a preemption: the host gets control back on time.
 */
export function run_until(limit_ns: number, until?: () => boolean, budget = RUN_STEP_BUDGET): RunStop {
  const rq = runqueue();
  const tk = timekeeping();
  let steps = 0;
  const hooks = schedHooks().hooks;
  if (hooks.length) {
    const due = tk.timers.next_expiry();
    if (rq.queue.length > 0 || (due !== null && due <= tk.now)) for (const h of hooks) h.wake?.(tk.now);
  }
  for (;;) {
    if (rq.stopped) return 'stopped';
    if (until?.()) return 'condition';
    run_expired_timers();
    if (rq.stopped) return 'stopped';
    const ran = run_one();
    if (ran !== Ran.nothing) {
      for (const h of hooks) h.tick?.(tk.now);
      if (ran === Ran.preempted && tk.now >= limit_ns) return 'limit';
      if (++steps >= budget) return 'budget';
      continue;
    }
    const next = tk.timers.next_expiry();
    if (next === null || next > limit_ns) {
      if (limit_ns !== Infinity) { for (const h of hooks) h.idle?.(tk.now, limit_ns, next, false); tk.now = Math.max(tk.now, limit_ns); }
      return 'idle';
    }
    for (const h of hooks) h.idle?.(tk.now, next, next, true);
    tk.now = Math.max(tk.now, next);
  }
}

export function nr_running(): number {
  return runqueue().queue.length + (runqueue().curr ? 1 : 0);
}
