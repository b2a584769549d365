// Models linux/drivers/acpi/sleep.c (acpi_suspend_ops for S3 and acpi_hibernation_ops for S4, their messages) with the q35 firmware's side of sleeping: the machine stays asleep in virtual time until the RTC alarm (the only armed wake event of the model) or an external wake (power button, wake IRQ).
//
// While the machine sleeps no CPU runs and no timer fires: the clock jumps to
// the wake time and the timers due meanwhile fire once the scheduler runs
// again ("timers catch up"). With no wake event armed the firmware wakes at
// once, as QEMU does when its monitor sends system_wakeup right away: a
// headless run never sleeps forever.
import { defineState } from '../../kernel/state.ts';
import { KERN_INFO, printk } from '../../kernel/printk/printk.ts';
import { commit_pending, ktime_get, timekeeping } from '../../kernel/time/timekeeping.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { rebootState } from '../../kernel/reboot.ts';
import { runqueue } from '../../kernel/sched/core.ts';

/** A wake event the sleeping platform honours: when (virtual ns) and what it does on waking (the RTC's alarm interrupt). */
export interface platform_wake_event { name: string; at_ns: number; fire: (s2idle: boolean) => void }

const acpiSleepState = defineState('acpi_sleep', () => ({
  /** Armed wake events by name (the RTC alarm: "rtc0"). */
  armed: new Map<string, platform_wake_event>(),
  /** Every sleep of this boot: start, end (virtual ns) and the state, for the Power view. */
  sleeps: [] as { state: string; start_ns: number; end_ns: number; woken_by: string }[],
  /** acpi_target_sleep_state of a hibernation (4 between begin and finish/end, else 0). */
  target: 0,
}));

/** The RTC (or another device) arms or disarms a wake event of the platform. */
export function acpi_arm_wake(ev: platform_wake_event | null, name: string): void {
  if (ev) acpiSleepState().armed.set(name, ev); else acpiSleepState().armed.delete(name);
}

export const acpi_sleep_history = (): readonly { state: string; start_ns: number; end_ns: number; woken_by: string }[] => acpiSleepState().sleeps;

/**
 * The platform sleeps: the clock jumps to the earliest armed wake event, which
 * is disarmed and fired (its interrupt handler records the wakeup). Returns
 * the name of what woke it ("" when nothing was armed).
 */
export function platform_sleep(state: 'S3' | 's2idle'): string {
  const s = acpiSleepState();
  commit_pending();
  const start = ktime_get();
  const next = [...s.armed.values()].sort((a, b) => a.at_ns - b.at_ns)[0];
  trace_event('power', 'suspend_resume', { action: 'machine_suspend', val: state === 'S3' ? 3 : 1, start: true });
  if (next) {
    s.armed.delete(next.name);
    const tk = timekeeping();
    tk.now = Math.max(tk.now, next.at_ns);
    next.fire(state === 's2idle');
  }
  s.sleeps.push({ state, start_ns: start, end_ns: ktime_get(), woken_by: next?.name ?? '' });
  trace_event('power', 'suspend_resume', { action: 'machine_suspend', val: state === 'S3' ? 3 : 1, start: false });
  return next?.name ?? '';
}

/** struct platform_suspend_ops of ACPI S3 (acpi_suspend_ops): what each step prints. */
export const acpi_suspend_ops = {
  prepare_late: (): number => { printk(`${KERN_INFO}ACPI: PM: Preparing to enter system sleep state S3`); return 0; },
  /** acpi_suspend_enter(): the firmware sleeps (S3) and comes back through the wakeup vector. */
  enter: (): number => {
    platform_sleep('S3');
    printk(`${KERN_INFO}ACPI: PM: Low-level resume complete`);
    return 0;
  },
  wake: (): void => { printk(`${KERN_INFO}ACPI: PM: Waking up from system sleep state S3`); },
};

/**
 * struct platform_hibernation_ops of ACPI S4 (acpi_hibernation_ops): begin sets the target state, pre_snapshot is
 * acpi_pm_prepare ("Preparing to enter"), finish is acpi_pm_finish ("Waking up from", once per begin), end drops
 * the target. The q35 firmware has no NVS regions, so nothing is saved or restored around the image.
 */
export const acpi_hibernation_ops = {
  begin: (): number => { acpiSleepState().target = 4; return 0; },
  pre_snapshot: (): number => { printk(`${KERN_INFO}ACPI: PM: Preparing to enter system sleep state S${acpiSleepState().target}`); return 0; },
  finish: (): void => {
    const s = acpiSleepState();
    if (!s.target) return;
    printk(`${KERN_INFO}ACPI: PM: Waking up from system sleep state S${s.target}`);
    s.target = 0;
  },
  end: (): void => { acpiSleepState().target = 0; },
  /** acpi_pm_prepare() before entering S4 (hibernation_platform_enter), the same message as before the snapshot. */
  prepare: (): number => { printk(`${KERN_INFO}ACPI: PM: Preparing to enter system sleep state S${acpiSleepState().target}`); return 0; },
  /**
   * acpi_hibernation_enter(): acpi_enter_sleep_state(S4) — the firmware switches the machine off (no reboot: line:
   * kernel_power_off is not on this path); the next power-on boots, and resume= finds the image.
   */
  enter: (): void => {
    trace_event('power', 'suspend_resume', { action: 'machine_suspend', val: 4, start: true });
    rebootState().system_state = 'power_off';
    runqueue().stopped = true;
  },
};
