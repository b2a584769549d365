// Models linux/arch/x86/kernel/apic/apic.c's local APIC timer: calibrate_APIC_clock's scaled math and setup_APIC_timer, which gives each CPU its "lapic" clock event device.
import { clockevent_delta2ns, clockevents_register_device } from '../../../../kernel/time/clockevents.ts';
import { CLOCK_EVT_FEAT_C3STOP, CLOCK_EVT_FEAT_ONESHOT, CLOCK_EVT_FEAT_PERIODIC, CLOCK_EVT_STATE_DETACHED, KTIME_MAX, type clock_event_device } from '../../../../kernel/time/tick-common.ts';
import { HZ, TICK_NSEC } from '../../../../kernel/time/timekeeping.ts';

/** QEMU's APIC timer counts its 1 GHz bus clock (divided by the divide register): the bus clocks per jiffy Linux measures. */
const APIC_BUS_HZ = 1_000_000_000;
const APIC_DIVISOR = 16;
const lapic_timer_period = APIC_BUS_HZ / HZ;

/** lapic_clockevent after calibrate_APIC_clock(): mult = div_sc(period / APIC_DIVISOR, TICK_NSEC, 32), deltas 0xF..0x7FFFFFFF. */
function lapic_clockevent(cpu: number): clock_event_device {
  const evt: clock_event_device = {
    // qemu64 has no always-running APIC timer (ARAT): the timer stops in deep C-states (C3STOP) and rates 100.
    name: 'lapic', features: CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT | CLOCK_EVT_FEAT_C3STOP, rating: 100, cpu, irq: -1,
    mult: Number((BigInt(lapic_timer_period / APIC_DIVISOR) << 32n) / BigInt(TICK_NSEC)), shift: 32,
    min_delta_ticks: 0xf, max_delta_ticks: 0x7fffffff, min_delta_ns: 0n, max_delta_ns: 0n,
    state: CLOCK_EVT_STATE_DETACHED, next_event: KTIME_MAX, retries: 0, event_handler: '',
    ops: {
      set_next_event: 'lapic_next_event', shutdown: 'lapic_timer_shutdown', periodic: 'lapic_timer_set_periodic',
      oneshot: 'lapic_timer_set_oneshot', oneshot_stopped: 'lapic_timer_shutdown',
    },
  };
  evt.max_delta_ns = clockevent_delta2ns(0x7fffffff, evt);
  evt.min_delta_ns = clockevent_delta2ns(0xf, evt);
  return evt;
}

/** setup_boot_APIC_clock() on the boot CPU, setup_secondary_APIC_clock() on each one brought up. */
export function setup_APIC_timer(cpu: number): void {
  clockevents_register_device(lapic_clockevent(cpu), cpu);
}
