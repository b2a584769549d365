// Models linux/kernel/time/jiffies.c: the jiffies clocksource (rating 1, the default until booting finishes) and refined-jiffies, which setup_arch registers from the PIT's rate.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { __clocksource_register, CLOCKSOURCE_MASK, type clocksource } from './clocksource.ts';
import { HZ, NSEC_PER_SEC, TICK_NSEC, jiffies } from './timekeeping.ts';

/** JIFFIES_SHIFT for HZ >= 67: mult carries 8 bits of fraction. */
const JIFFIES_SHIFT = 8;

/** jiffies_read(): the 32 bits the mask keeps (jiffies start 5 minutes before they wrap). */
const jiffies_read = (): bigint => BigInt(jiffies() % 2 ** 32);

function clocksource_jiffies(name: string, rating: number, mult: number): clocksource {
  return {
    name, rating, mask: CLOCKSOURCE_MASK(32), mult, shift: JIFFIES_SHIFT, maxadj: 0, max_cycles: 10n, max_idle_ns: 0n, flags: 0, read: jiffies_read,
  };
}

/** init_jiffies_clocksource() (core_initcall). */
function init_jiffies_clocksource(): number {
  return __clocksource_register(clocksource_jiffies('jiffies', 1, TICK_NSEC << JIFFIES_SHIFT));
}

/**
 * register_refined_jiffies(): jiffies with the tick's length measured in `cycles_per_second` (the PIT's 1193182 Hz),
 * rounded as the PIT's latch rounds it — a tick is 4773 PIT cycles, 4000.250 us, not 4 ms.
 */
export function register_refined_jiffies(cycles_per_second: number): number {
  const cycles_per_tick = Math.floor((cycles_per_second + HZ / 2) / HZ);
  const shift_hz = Math.floor((cycles_per_second * 256 + Math.floor(cycles_per_tick / 2)) / cycles_per_tick);
  const nsec_per_tick = Math.floor((NSEC_PER_SEC * 256 + Math.floor(shift_hz / 2)) / shift_hz);
  return __clocksource_register(clocksource_jiffies('refined-jiffies', 2, (nsec_per_tick << JIFFIES_SHIFT) >>> 0));
}

/** PIT_TICK_RATE (CLOCK_TICK_RATE on x86): the 8254's input clock. */
export const PIT_TICK_RATE = 1_193_182;

export const initcalls: initcall_entry[] = [['core', 'init_jiffies_clocksource', init_jiffies_clocksource, 20_000]];
