// Models linux/kernel/time/timekeeping.c and jiffies.c: virtual time in nanoseconds, jiffies at HZ=250, and timed events.
//
// Virtual time advances only by the simulation: the scheduler charges the CPU
// time kernel and user code "spend" (account_ns), and jumps to the next timer
// when every CPU is idle. Nothing here reads the host's clock.
import { defineState } from '../state.ts';
import { TimerQueue, type hrtimer } from './timer_queue.ts';

export const HZ = 250;
export const NSEC_PER_SEC = 1_000_000_000;
export const NSEC_PER_MSEC = 1_000_000;
export const NSEC_PER_USEC = 1_000;
export const TICK_NSEC = NSEC_PER_SEC / HZ;
/** Linux starts jiffies 5 minutes before wrap-around to catch wrap bugs early (64-bit: 2^32 - 300*HZ). */
export const INITIAL_JIFFIES = 0x1_0000_0000 - 300 * HZ;

interface Timekeeping {
  /** Virtual nanoseconds since power-on. */
  now: number;
  timers: TimerQueue;
  /** CPU time charged by the code running right now, added to `now` when it yields. */
  pending_ns: number;
  /** Offset of CLOCK_REALTIME from boot, as set by the machine's RTC (seeded, deterministic). */
  realtime_offset_ns: number;
  /** When the running task must give up the CPU (its slice's end tick, or the next timer's interrupt); Infinity while none runs. */
  resched_at: number;
}

export const timekeeping = defineState<Timekeeping>('timekeeping', () => ({
  now: 0,
  timers: new TimerQueue(),
  pending_ns: 0,
  realtime_offset_ns: 1_767_225_600 * NSEC_PER_SEC, // 2026-01-01T00:00:00Z, the RTC's fixed setting
  resched_at: Infinity,
}));

/** CLOCK_MONOTONIC / CLOCK_BOOTTIME now, including CPU time charged but not yet committed. */
export function ktime_get(): number {
  const tk = timekeeping();
  return tk.now + tk.pending_ns;
}

export function ktime_get_real(): number {
  return ktime_get() + timekeeping().realtime_offset_ns;
}

export function jiffies(): number {
  return INITIAL_JIFFIES + Math.floor(ktime_get() / TICK_NSEC);
}

export function jiffies_to_nsecs(j: number): number { return j * TICK_NSEC; }
export function msecs_to_jiffies(ms: number): number { return Math.ceil((ms * NSEC_PER_MSEC) / TICK_NSEC); }

/** Charges `ns` of CPU time to whatever runs now. */
export function account_ns(ns: number): void {
  timekeeping().pending_ns += ns;
}

/** Commits charged CPU time to the clock; called by the scheduler between steps. */
export function commit_pending(): number {
  const tk = timekeeping();
  const ns = tk.pending_ns;
  tk.now += ns;
  tk.pending_ns = 0;
  return ns;
}

export function hrtimer_create(name: string, fn: () => void): hrtimer {
  return timekeeping().timers.create(name, fn);
}

/** Arms a timer to fire at absolute virtual time `expires_ns` (CLOCK_MONOTONIC). */
export function hrtimer_start(t: hrtimer, expires_ns: number): void {
  const tk = timekeeping();
  tk.timers.start(t, expires_ns);
  // The running task takes this timer's interrupt when it comes (sched/core.ts's need_resched).
  if (expires_ns < tk.resched_at) tk.resched_at = expires_ns;
}

export function hrtimer_cancel(t: hrtimer): boolean {
  return timekeeping().timers.cancel(t);
}

export function hrtimer_active(t: hrtimer): boolean {
  return timekeeping().timers.active(t);
}

/** Formats virtual time as printk does: `[    5.213567]` (without brackets). */
export function format_printk_time(ns: number): string {
  const sec = Math.floor(ns / NSEC_PER_SEC);
  const usec = Math.floor((ns % NSEC_PER_SEC) / NSEC_PER_USEC);
  return `${String(sec).padStart(5, ' ')}.${String(usec).padStart(6, '0')}`;
}

export type { hrtimer };
