// Models linux/arch/x86/kernel/tsc.c's native_sched_clock as printk's local_clock() reads it during boot: until tsc_early_init calibrates the TSC, sched_clock counts jiffies, which have not moved yet, so the first boot lines are stamped 0.000000; from then on it follows the machine's clock.
import { defineState } from '../state.ts';
import { ktime_get } from './timekeeping.ts';

const schedClockState = defineState('sched_clock', () => ({ tsc: false }));

/** tsc_enable_sched_clock(): the TSC is calibrated and sched_clock reads it from now on. */
export function tsc_enable_sched_clock(): void {
  schedClockState().tsc = true;
}

/** local_clock(): nanoseconds for printk's timestamps. */
export function local_clock(): number {
  return schedClockState().tsc ? ktime_get() : 0;
}
