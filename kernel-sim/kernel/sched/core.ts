// Models linux/kernel/sched/core.c: the run queue, schedule(), wake-ups and the scheduler loop in virtual time.
//
// Tasks are generators. A task runs until it yields (it slept or gave up the
// CPU); the CPU time it was charged moves the virtual clock. When no task can
// run, the clock jumps to the next timer. Atomic context is counted in
// preempt_count; sleeping there is "BUG: scheduling while atomic".
import {
  TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, EXIT_ZOMBIE, EXIT_DEAD,
  type KGen, type task_struct,
} from '../../include/linux/sched.ts';
import { defineState } from '../state.ts';
import {
  account_ns, commit_pending, hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, timekeeping,
} from '../time/timekeeping.ts';
import { trace_event, trace_set_context } from '../trace/trace.ts';

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
}

export const runqueue = defineState<RunQueue>('sched', () => ({
  queue: [], curr: null, tasks: new Map(), idle: null, preempt_count: 0, nr_switches: 0, nr_cpus: 2,
  on_fault: null, stopped: false, next_cpu: 0, busy_ns: [], inactive: new Set(),
  sched_info: { pcount: [], run_delay: [], queued_at: new Map() },
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

/** Yields the CPU if others want it (cond_resched). */
export function* cond_resched(): KGen<void> {
  if (runqueue().queue.length > 0) {
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

export function wake_up_process(p: task_struct): boolean {
  return try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | 0x0004 | 0x0008);
}

/** Puts a runnable task on the run queue (wake_up_new_task for new ones). */
export function enqueue_task(p: task_struct): void {
  if (p.on_rq || p.gen === null || p.exit_state & (EXIT_ZOMBIE | EXIT_DEAD)) return;
  const rq = runqueue();
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

/** Runs one task until it yields or ends; returns false when nothing was runnable. */
function run_one(): boolean {
  const rq = runqueue();
  const p = rq.queue.shift();
  if (!p) return false;
  p.on_rq = false;
  if (!p.gen) { rq.sched_info.queued_at.delete(p); return true; }
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
  try {
    const r = p.gen.next();
    if (r.done) p.gen = null;
    else if (p.__state === TASK_RUNNING) { p.nivcsw++; enqueue_task(p); }
  } catch (err) {
    p.gen = null;
    rq.preempt_count = 0;
    rq.on_fault?.(p, err);
  } finally {
    const ran = ktime_get() - start;
    p.stime += ran;
    rq.busy_ns[p.cpu] = (rq.busy_ns[p.cpu] ?? 0) + ran;
    rq.curr = prev;
    trace_set_context(0, 0);
  }
  commit_pending();
  return true;
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
    if (run_one()) {
      for (const h of hooks) h.tick?.(tk.now);
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
