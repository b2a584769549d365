// Models linux/kernel/power/suspend.c (pm_suspend, enter_state, suspend_devices_and_enter, suspend_enter, suspend_test) with main.c's ksys_sync_helper and the ACPI S3 platform ops' messages; the freezer and CPU offlining are not modelled yet.
import { EAGAIN, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { KERN_ERR, KERN_INFO, KERN_WARNING, printk } from '../printk/printk.ts';
import { account_ns, ktime_get, NSEC_PER_MSEC, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { ksys_sync } from '../../fs/sync.ts';
import {
  dpm_resume_early, dpm_resume_end, dpm_resume_noirq, dpm_suspend_late, dpm_suspend_noirq, dpm_suspend_start,
} from '../../drivers/base/power/main.ts';
import { mem_sleep_labels, pmState, type pm_test_level, type suspend_state_t } from './power.ts';

const pm_test_delay = 5;

/** struct platform_suspend_ops of ACPI S3 (drivers/acpi/sleep.c's acpi_suspend_ops): what it prints at each step. */
const acpi_suspend_ops = {
  prepare_late: (): number => { printk(`${KERN_INFO}ACPI: PM: Preparing to enter system sleep state S3`); return 0; },
  enter: (): number => { printk(`${KERN_INFO}ACPI: PM: Low-level resume complete`); return 0; },
  wake: (): void => { printk(`${KERN_INFO}ACPI: PM: Waking up from system sleep state S3`); },
};

/** ksys_sync_helper(): sync, and how long it took. */
function* ksys_sync_helper(): KGen<void> {
  const start = ktime_get();
  yield* ksys_sync();
  const ms = Math.floor((ktime_get() - start) / NSEC_PER_MSEC);
  printk(`${KERN_INFO}Filesystems sync: ${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} seconds`);
}

/** suspend_test(): at the chosen pm_test level, wait pm_test_delay seconds (mdelay: CPU time) and back out. */
function suspend_test(level: pm_test_level): boolean {
  if (pmState().pm_test_level !== level) return false;
  printk(`${KERN_INFO}PM: suspend debug: Waiting for ${pm_test_delay} second(s).`);
  account_ns(pm_test_delay * NSEC_PER_SEC);
  return true;
}

/** suspend_enter(): late device suspend, the platform's prepare, noirq device suspend, then its enter (S3) or the s2idle loop; unwound in reverse. */
function* suspend_enter(state: suspend_state_t): KGen<number> {
  const s3 = state === 'mem';
  let error = yield* dpm_suspend_late();
  if (error) {
    printk(`${KERN_ERR}PM: late suspend of devices failed`);
    return error;
  }
  error = s3 ? acpi_suspend_ops.prepare_late() : 0;
  if (!error) {
    error = yield* dpm_suspend_noirq();
    if (error) {
      printk(`${KERN_ERR}PM: noirq suspend of devices failed`);
    } else {
      // With no wakeup source modelled yet the platform wakes at once (s2idle_loop and S3 alike).
      if (!suspend_test('platform') && s3 && !suspend_test('processors') && !suspend_test('core')) error = acpi_suspend_ops.enter();
      if (s3) acpi_suspend_ops.wake(); // Platform_wake: platform_resume_noirq()
      yield* dpm_resume_noirq();
    }
  }
  yield* dpm_resume_early();
  return error;
}

/** suspend_devices_and_enter(): devices suspended (aborting and resuming on an error), the platform entered, devices resumed. */
function* suspend_devices_and_enter(state: suspend_state_t): KGen<number> {
  let error = yield* dpm_suspend_start();
  if (error) {
    printk(`${KERN_ERR}PM: Some devices failed to suspend, or early wake event detected`);
  } else if (!suspend_test('devices')) {
    error = yield* suspend_enter(state);
  }
  yield* dpm_resume_end();
  return error;
}

/** enter_state(): sync, then the devices and the platform. */
function* enter_state(state: suspend_state_t): KGen<number> {
  const level = pmState().pm_test_level;
  if (state === 'freeze' && (level === 'core' || level === 'processors')) {
    printk(`${KERN_WARNING}PM: Unsupported test mode for suspend to idle, please choose none/freezer/devices/platform.`);
    return -EAGAIN;
  }
  if (pmState().sync_on_suspend_enabled) yield* ksys_sync_helper();
  if (suspend_test('freezer')) return 0;
  return yield* suspend_devices_and_enter(state);
}

/** pm_suspend(): "echo mem > /sys/power/state". */
export function* pm_suspend(state: suspend_state_t): KGen<number> {
  if (state === 'standby') return -EINVAL;
  printk(`${KERN_INFO}PM: suspend entry (${mem_sleep_labels[state]})`);
  const error = yield* enter_state(state);
  const s = pmState().suspend_stats;
  if (error) {
    s.fail++;
    s.last_failed_errno = error;
  } else {
    s.success++;
  }
  printk(`${KERN_INFO}PM: suspend exit`);
  return error;
}
