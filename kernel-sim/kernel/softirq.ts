// Models linux/kernel/softirq.c's accounting: raise_softirq, irq_exit's invoke_softirq, __do_softirq's kstat_incr_softirqs_this_cpu (what /proc/softirqs and /proc/stat's softirq line read).
//
// The simulation runs each deferred piece of work where its model does (a NAPI poll, a timer's callback, a tasklet);
// this unit counts the softirq runs Linux would make of them, per CPU: a softirq raised inside a hardirq handler is
// pending until the handler returns and then runs once on that CPU however often it was raised (irq_exit); one raised
// in task context runs at once (local_bh_enable / ksoftirqd); TIMER runs at most once per jiffy on a CPU, for every
// timer_list that expired in it. SCHED (load balancing from the tick) and RCU (callbacks after grace periods) have no
// model here, nor do soft-mode hrtimers: those rows stay 0.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { defineState } from './state.ts';
import { runqueue, set_timer_expired_hook } from './sched/core.ts';
import { jiffies } from './time/timekeeping.ts';

export const HI_SOFTIRQ = 0, TIMER_SOFTIRQ = 1, NET_TX_SOFTIRQ = 2, NET_RX_SOFTIRQ = 3, BLOCK_SOFTIRQ = 4, IRQ_POLL_SOFTIRQ = 5,
  TASKLET_SOFTIRQ = 6, SCHED_SOFTIRQ = 7, HRTIMER_SOFTIRQ = 8, RCU_SOFTIRQ = 9, NR_SOFTIRQS = 10;

export const softirq_to_name: readonly string[] = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU'];

/**
 * Which softirq runs a timer of the one queue when it fires, by the name it was created with: timer_list users
 * (schedule_timeout, delayed work, wakeup sources, LED triggers ...) run in TIMER, tasklets and NAPI polls deferred
 * to a time in their own softirq; hrtimers (HRTIMER_MODE_*, not _SOFT), hardware models and the RTC's alarm
 * interrupt run in hardirq context and are not counted. Looked up on every timer that fires: a map, not a scan.
 */
const TIMER_SOFTIRQ_BY_NAME: ReadonlyMap<string, number> = new Map([
  ['timer_list', TIMER_SOFTIRQ], ['process_timeout', TIMER_SOFTIRQ], ['delayed_work', TIMER_SOFTIRQ], ['wb_wakeup_delayed', TIMER_SOFTIRQ],
  ['blk_mq_timeout', TIMER_SOFTIRQ], ['kyber_timer_fn', TIMER_SOFTIRQ], ['input_dev_poller', TIMER_SOFTIRQ],
  ['blk_mq_run_work_fn', TIMER_SOFTIRQ], ['blk_mq_requeue_work', TIMER_SOFTIRQ], ['debounce_work_func', TIMER_SOFTIRQ],
  ['tasklet', TASKLET_SOFTIRQ], ['net_rx_action', NET_RX_SOFTIRQ],
]);
/** Timers named by a prefix and their object (a wakeup source's, an LED trigger's). */
const TIMER_SOFTIRQ_BY_PREFIX: readonly (readonly [string, number])[] = [['wakeup:', TIMER_SOFTIRQ], ['led-', TIMER_SOFTIRQ]];

interface SoftirqState {
  /** kstat_cpu(cpu).softirqs[nr]: runs of each softirq per CPU. */
  counts: number[][];
  /** The CPU whose hardirq handler runs now (irq_enter .. irq_exit), or -1. */
  hardirq_cpu: number;
  /** local_softirq_pending() of that CPU: raised during the handler. */
  pending: number;
  /** The jiffy of each CPU's last TIMER run. */
  timer_jiffy: number[];
}

const softirqState = defineState<SoftirqState>('softirq', () => ({ counts: [], hardirq_cpu: -1, pending: 0, timer_jiffy: [] }));

/** for_each_possible_cpu: the machine's CPUs. */
export const nr_cpu_ids = (): number => runqueue().nr_cpus;

/** kstat_incr_softirqs_this_cpu(). */
function kstat_incr_softirqs(nr: number, cpu: number): void {
  const st = softirqState();
  const row = (st.counts[nr] ??= []);
  row[cpu] = (row[cpu] ?? 0) + 1;
}

/** smp_processor_id() for softirq work: the hardirq's CPU inside a handler, else the running task's (the boot CPU between tasks). */
function this_cpu(): number {
  const st = softirqState();
  return st.hardirq_cpu >= 0 ? st.hardirq_cpu : (runqueue().curr?.cpu ?? 0) % nr_cpu_ids();
}

/** raise_softirq(): pending until irq_exit inside a hardirq handler; from task context it runs at once. */
export function raise_softirq(nr: number): void {
  const st = softirqState();
  if (st.hardirq_cpu >= 0) st.pending |= 1 << nr;
  else kstat_incr_softirqs(nr, this_cpu());
}

/** irq_enter(): a hardirq handler starts on `cpu`. */
export function irq_enter(cpu: number): void {
  const st = softirqState();
  st.hardirq_cpu = cpu;
  st.pending = 0;
}

/** irq_exit() -> invoke_softirq() -> __do_softirq(): each pending softirq runs once on the CPU. */
export function irq_exit(): void {
  const st = softirqState();
  const cpu = st.hardirq_cpu;
  st.hardirq_cpu = -1;
  if (st.pending) for (let nr = 0; nr < NR_SOFTIRQS; nr++) if (st.pending & (1 << nr)) kstat_incr_softirqs(nr, cpu);
  st.pending = 0;
}

/** A timer of the queue fired: the softirq its kind runs in (TIMER at most once per jiffy and CPU: run_timer_softirq expires them all). */
function softirq_timer_expired(name: string): void {
  const nr = TIMER_SOFTIRQ_BY_NAME.get(name) ?? TIMER_SOFTIRQ_BY_PREFIX.find(([p]) => name.startsWith(p))?.[1];
  if (nr === undefined) return;
  if (nr !== TIMER_SOFTIRQ) { raise_softirq(nr); return; }
  const st = softirqState();
  const cpu = this_cpu(), now = jiffies();
  if (st.timer_jiffy[cpu] === now) return;
  st.timer_jiffy[cpu] = now;
  raise_softirq(TIMER_SOFTIRQ);
}

/** kstat_softirqs_cpu(). */
export const kstat_softirqs_cpu = (nr: number, cpu: number): number => softirqState().counts[nr]?.[cpu] ?? 0;

/** /proc/stat's softirq line: the total, then each softirq's sum over the CPUs. */
export function kstat_softirqs_sums(): number[] {
  return softirq_to_name.map((_, nr) => Array.from({ length: nr_cpu_ids() }, (_c, cpu) => kstat_softirqs_cpu(nr, cpu)).reduce((a, b) => a + b, 0));
}

/** softirq_init() (from start_kernel): the timer queue tells which timers ran, for TIMER/TASKLET/NET_RX. */
function softirq_init(): number {
  set_timer_expired_hook(softirq_timer_expired);
  return 0;
}

export const initcalls: initcall_entry[] = [['early', 'softirq_init', softirq_init, 1_000]];
