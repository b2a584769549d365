// Models linux/kernel/power/suspend.c (pm_suspend, enter_state, suspend_prepare, suspend_devices_and_enter, suspend_enter, s2idle_loop, suspend_test) with main.c's ksys_sync_helper, the non-boot CPUs going offline for S3 and the ACPI platform (drivers/acpi/sleep.ts).
import { EAGAIN, EBUSY, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { KERN_ERR, KERN_INFO, KERN_WARNING, printk } from '../printk/printk.ts';
import { account_ns, ktime_get, NSEC_PER_MSEC, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { online_cpus } from '../cpu.ts';
import { cpu_down, cpu_up } from '../cpu_hotplug.ts';
import { trace_event } from '../trace/trace.ts';
import { ksys_sync } from '../../fs/sync.ts';
import {
  dpm_resume_early, dpm_resume_end, dpm_resume_noirq, dpm_suspend_late, dpm_suspend_noirq, dpm_suspend_start,
} from '../../drivers/base/power/main.ts';
import { pm_pr_dbg, pm_wakeup_pending } from '../../drivers/base/power/wakeup_source.ts';
import { acpi_suspend_ops, platform_sleep } from '../../drivers/acpi/sleep.ts';
import { dpm_save_failed_errno, dpm_save_failed_step, mem_sleep_labels, pmState, type pm_test_level, type suspend_state_t } from './power.ts';
import { freeze_kernel_threads, freeze_processes, thaw_processes } from './process.ts';

const pm_test_delay = 5;
const state_val: Record<suspend_state_t, number> = { freeze: 1, standby: 2, mem: 3 };

/** trace_suspend_resume(TPS(action), val, start): pm-graph's markers. */
const tps = (action: string, val: number, start: boolean): void => trace_event('power', 'suspend_resume', { action, val, start });

/** ksys_sync_helper(): sync, and how long it took. */
export function* ksys_sync_helper(): KGen<void> {
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

/**
 * freeze_secondary_cpus()/thaw_secondary_cpus() (kernel/cpu.c): the online non-boot CPUs go down through CPU
 * hotplug before S3 (frozen_cpus remembers them) and come back after; one already offline stays so.
 */
export function disable_secondary_cpus(): number[] {
  printk(`${KERN_INFO}Disabling non-boot CPUs ...`);
  const frozen = online_cpus().filter((cpu) => cpu !== 0);
  for (const cpu of frozen) cpu_down(cpu);
  return frozen;
}
export function enable_secondary_cpus(frozen: number[]): void {
  printk(`${KERN_INFO}Enabling non-boot CPUs ...`);
  for (const cpu of frozen) {
    if (!cpu_up(cpu)) printk(`${KERN_INFO}CPU${cpu} is up`);
  }
}

/** s2idle_loop(): idle until a wakeup event is pending (the platform's sleep; no firmware involved). */
function s2idle_loop(): void {
  pm_pr_dbg('suspend-to-idle');
  if (!pm_wakeup_pending()) platform_sleep('s2idle');
  pm_pr_dbg('resume from suspend-to-idle');
}

/** suspend_enter(): late and noirq device suspend around the platform's prepare, then s2idle or CPUs off, syscore and S3; unwound in reverse. */
function* suspend_enter(state: suspend_state_t): KGen<{ error: number; wakeup: boolean }> {
  const s3 = state === 'mem';
  let wakeup = false;
  let error = yield* dpm_suspend_late();
  if (error) {
    printk(`${KERN_ERR}PM: late suspend of devices failed`);
    return { error, wakeup };
  }
  error = s3 ? acpi_suspend_ops.prepare_late() : 0;
  if (!error) {
    error = yield* dpm_suspend_noirq();
    if (error) {
      printk(`${KERN_ERR}PM: noirq suspend of devices failed`);
    } else {
      if (!suspend_test('platform')) {
        if (!s3) {
          s2idle_loop();
        } else {
          const frozen = disable_secondary_cpus();
          if (!suspend_test('processors')) {
            // syscore_suspend(): no syscore ops are registered in the model; interrupts are off from here.
            wakeup = pm_wakeup_pending();
            if (!(suspend_test('core') || wakeup)) {
              error = acpi_suspend_ops.enter(); // traces machine_suspend around the sleep (platform_sleep)
            } else if (wakeup) {
              error = -EBUSY;
            }
          }
          enable_secondary_cpus(frozen);
        }
      }
      if (s3) acpi_suspend_ops.wake(); // Platform_wake: platform_resume_noirq()
      yield* dpm_resume_noirq();
    }
  }
  yield* dpm_resume_early();
  return { error, wakeup };
}

/** suspend_devices_and_enter(): devices suspended (aborting and resuming on an error), the platform entered, devices resumed. */
export function* suspend_devices_and_enter(state: suspend_state_t): KGen<number> {
  suspend_console();
  let error = yield* dpm_suspend_start();
  if (error) {
    printk(`${KERN_ERR}PM: Some devices failed to suspend, or early wake event detected`);
  } else if (!suspend_test('devices')) {
    error = (yield* suspend_enter(state)).error;
  }
  tps('resume_console', state_val[state], true);
  yield* dpm_resume_end();
  tps('resume_console', state_val[state], false);
  return error;
}

/** suspend_console(): the consoles stop until resume_console(); printk says so first. */
export function suspend_console(): void {
  printk(`${KERN_INFO}printk: Suspending console(s) (use no_console_suspend to debug)`);
}

/** suspend_prepare(): user space and then the freezable kernel threads into the refrigerator. */
function* suspend_prepare(): KGen<number> {
  tps('freeze_processes', 0, true);
  let error = yield* freeze_processes();
  if (!error) {
    error = yield* freeze_kernel_threads();
    if (error) thaw_processes();
  }
  tps('freeze_processes', 0, false);
  if (!error) return 0;
  const s = pmState().suspend_stats;
  s.failed_freeze++;
  dpm_save_failed_step('freeze');
  return error;
}

/** enter_state(): sync, freeze, the devices and the platform, thaw. */
function* enter_state(state: suspend_state_t): KGen<number> {
  tps('suspend_enter', state_val[state], true);
  const level = pmState().pm_test_level;
  if (state === 'freeze' && (level === 'core' || level === 'processors')) {
    printk(`${KERN_WARNING}PM: Unsupported test mode for suspend to idle, please choose none/freezer/devices/platform.`);
    return -EAGAIN;
  }
  if (pmState().sync_on_suspend_enabled) {
    tps('sync_filesystems', 0, true);
    yield* ksys_sync_helper();
    tps('sync_filesystems', 0, false);
  }
  pm_pr_dbg(`Preparing system for sleep (${mem_sleep_labels[state]})`);
  let error = yield* suspend_prepare();
  if (error) return error;
  if (!suspend_test('freezer')) {
    tps('suspend_enter', state_val[state], false);
    pm_pr_dbg(`Suspending system (${mem_sleep_labels[state]})`);
    error = yield* suspend_devices_and_enter(state);
  }
  pm_pr_dbg('Finishing wakeup.');
  thaw_processes();
  return error;
}

/** pm_suspend(): "echo mem > /sys/power/state". */
export function* pm_suspend(state: suspend_state_t): KGen<number> {
  if (state === 'standby') return -EINVAL;
  printk(`${KERN_INFO}PM: suspend entry (${mem_sleep_labels[state]})`);
  const error = yield* enter_state(state);
  const s = pmState().suspend_stats;
  if (error) {
    s.fail++;
    dpm_save_failed_errno(error);
  } else {
    s.success++;
  }
  printk(`${KERN_INFO}PM: suspend exit`);
  return error;
}
