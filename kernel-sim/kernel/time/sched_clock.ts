// Models linux/arch/x86/kernel/tsc.c's native_sched_clock as printk's local_clock() reads it during boot: until the TSC is calibrated, sched_clock counts jiffies, which do not move before a tick device runs, so the first boot lines are stamped 0.000000 and later ones in whole ticks; from then on it follows the machine's clock.
import { defineState } from '../state.ts';
import { ktime_get, TICK_NSEC } from './timekeeping.ts';
import { tickState } from './tick-common.ts';

const schedClockState = defineState('sched_clock', () => ({ tsc: false }));

/** tsc_enable_sched_clock(): the TSC is calibrated and sched_clock reads it from now on. */
export function tsc_enable_sched_clock(): void {
  schedClockState().tsc = true;
}

/** local_clock(): nanoseconds for printk's timestamps. */
export function local_clock(): number {
  if (schedClockState().tsc) return ktime_get();
  // (jiffies_64 - INITIAL_JIFFIES) * (NSEC_PER_SEC / HZ), once a CPU's tick device counts jiffies.
  return tickState().cpu[0]?.evtdev ? Math.floor(ktime_get() / TICK_NSEC) * TICK_NSEC : 0;
}
