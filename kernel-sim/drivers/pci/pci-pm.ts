// Models the PM half of linux/drivers/pci/pci.c (pci_pm_init, the D3hot transitions with their 10 ms delay, pci_prepare_to_sleep, pci_power_up) and pci-driver.c (pci_dev_pm_ops: runtime and system sleep callbacks of the PCI bus).
import { EAGAIN, EBUSY, ENOSYS } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { to_pci_dev, type pci_dev } from '../../include/linux/pci.ts';
import { call_maybe_gen, type device } from '../base/base.ts';
import type { dev_pm_ops } from '../base/power/pm.ts';
import { pm_dev_printk } from '../base/power/power.ts';
import { pm_runtime_enable, pm_runtime_forbid, pm_runtime_resume, pm_runtime_set_active, rpm_nosleep } from '../base/power/runtime.ts';
import { PCI_D0, PCI_D3hot, pci_power_names } from '../../include/linux/pci.ts';
import { pci_restore_state, pci_save_state, pci_set_power_state } from './pci.ts';
import { schedule_timeout_uninterruptible } from '../../kernel/sched/core.ts';
import { NSEC_PER_MSEC } from '../../kernel/time/timekeeping.ts';
import { pci_dbg } from './pci_printk.ts';

/** pci_pm_init(): every PCI device starts active with runtime PM enabled but forbidden ("control" is "on") until user space allows it. */
export function pci_pm_init(dev: pci_dev): void {
  // Runtime PM is still disabled here, so forbid's resume returns at once.
  rpm_nosleep(pm_runtime_forbid(dev.dev));
  pm_runtime_set_active(dev.dev);
  pm_runtime_enable(dev.dev);
  dev.dev.power.async_suspend = true; // device_enable_async_suspend()
}

const driver_pm = (dev: device): dev_pm_ops | undefined => dev.driver?.pm;

/** PCI PM r1.2's D3hot recovery time (pci_pm_d3hot_delay): msleep'd on every transition into or out of D3hot. */
const pci_pm_d3hot_delay = 10;

/** pci_dev_d3_sleep(). */
function* pci_dev_d3_sleep(): KGen<void> {
  yield* schedule_timeout_uninterruptible(pci_pm_d3hot_delay * NSEC_PER_MSEC);
}

/** pci_set_power_state() with its delays: only a function with the PM capability leaves D0. */
export function* pci_pm_set_power_state(pdev: pci_dev, state: number): KGen<number> {
  if (!pdev.pm_cap || pdev.current_state === state) return 0;
  const d3 = pdev.current_state === PCI_D3hot || state === PCI_D3hot;
  const error = pci_set_power_state(pdev, state);
  if (!error && d3) yield* pci_dev_d3_sleep();
  return error;
}

/** pci_prepare_to_sleep() / pci_finish_runtime_suspend(): config space saved, then D3hot where the function can. */
function* pci_prepare_to_sleep(pdev: pci_dev): KGen<number> {
  pci_save_state(pdev);
  const error = yield* pci_pm_set_power_state(pdev, PCI_D3hot);
  pci_dbg(pdev, `PCI PM: Suspend power state: ${pci_power_names[pdev.current_state]}`);
  return error;
}

/** pci_pm_default_resume_early(): back to D0 (pci_power_up) and the saved config space written back. */
function* pci_pm_default_resume_early(pdev: pci_dev): KGen<void> {
  yield* pci_pm_set_power_state(pdev, PCI_D0);
  if (pdev.saved_config) pci_restore_state(pdev);
  pdev.saved_config = null;
}

/** A driver callback by name, its error reported as suspend_report_result() does. */
function* pci_driver_cb(dev: device, name: keyof dev_pm_ops): KGen<number> {
  const cb = driver_pm(dev)?.[name] as ((d: device) => ReturnType<NonNullable<dev_pm_ops['suspend']>>) | undefined;
  if (!cb) return 0;
  const error = yield* call_maybe_gen(cb(dev));
  if (error && /^(suspend|freeze|poweroff)/.test(name)) pm_dev_printk('err', dev, `${cb.name || name} returned ${error}`);
  return error;
}

/** pci_pm_runtime_suspend(): the driver's runtime_suspend, then the function saved and put in D3hot; an unbound device stays in D0. */
function* pci_pm_runtime_suspend(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const cb = driver_pm(dev)?.runtime_suspend;
  if (!pdev.driver) return 0;
  if (cb) {
    const error = yield* call_maybe_gen(cb(dev));
    // -EBUSY and -EAGAIN ask the core to try again later: only a debug line.
    if (error === -EBUSY || error === -EAGAIN) pci_dbg(pdev, `can't suspend now (${cb.name} returned ${error})`);
    else if (error) pm_dev_printk('err', dev, `can't suspend (${cb.name} returned ${error})`);
    if (error) return error;
  }
  return yield* pci_prepare_to_sleep(pdev);
}

/** pci_pm_runtime_resume(): D0 and the config space restored before the driver's runtime_resume. */
function* pci_pm_runtime_resume(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  yield* pci_pm_default_resume_early(pdev);
  if (!pdev.driver) return 0;
  return yield* pci_driver_cb(dev, 'runtime_resume');
}

/** pci_pm_runtime_idle(): unbound devices may idle; a bound driver without dev_pm_ops may not (-ENOSYS). */
function* pci_pm_runtime_idle(dev: device): KGen<number> {
  if (!to_pci_dev(dev).driver) return 0;
  const pm = driver_pm(dev);
  if (!pm) return -ENOSYS;
  return pm.runtime_idle ? yield* call_maybe_gen(pm.runtime_idle(dev)) : 0;
}

/** pci_pm_suspend(): a runtime-suspended device with a driver is resumed first (no DPM_FLAG_SMART_SUSPEND), then the driver's suspend. */
function* pci_pm_suspend(dev: device): KGen<number> {
  if (driver_pm(dev)) yield* pm_runtime_resume(dev);
  return yield* pci_driver_cb(dev, 'suspend');
}

/** pci_pm_suspend_noirq(): the driver's suspend_noirq, then the config space saved and the function in D3hot. */
function* pci_pm_suspend_noirq(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const error = yield* pci_driver_cb(dev, 'suspend_noirq');
  if (error) return error;
  if (pdev.current_state === PCI_D0) return yield* pci_prepare_to_sleep(pdev);
  return 0;
}

/** pci_pm_resume_noirq(): D0 and the config space back before the driver's resume_noirq. */
function* pci_pm_resume_noirq(dev: device): KGen<number> {
  yield* pci_pm_default_resume_early(to_pci_dev(dev));
  return yield* pci_driver_cb(dev, 'resume_noirq');
}

/** pci_pm_freeze() / pci_pm_poweroff(): a runtime-suspended device is resumed first, so the image holds it active; then the driver's callback. */
function* pci_pm_resume_then(dev: device, name: 'freeze' | 'poweroff'): KGen<number> {
  if (driver_pm(dev)) yield* pm_runtime_resume(dev);
  return yield* pci_driver_cb(dev, name);
}

/** pci_pm_freeze_noirq(): the driver's freeze_noirq and the config space saved; the function stays in D0 for the image. */
function* pci_pm_freeze_noirq(dev: device): KGen<number> {
  const error = yield* pci_driver_cb(dev, 'freeze_noirq');
  if (!error) pci_save_state(to_pci_dev(dev));
  return error;
}

/** pci_pm_thaw_noirq(): back to D0 with the saved config space before the driver's thaw_noirq. */
function* pci_pm_thaw_noirq(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  yield* pci_pm_set_power_state(pdev, PCI_D0);
  if (pdev.saved_config) pci_restore_state(pdev);
  return yield* pci_driver_cb(dev, 'thaw_noirq');
}

/** pci_pm_poweroff_noirq(): the driver's poweroff_noirq, then saved and put in D3hot as for suspend. */
function* pci_pm_poweroff_noirq(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const error = yield* pci_driver_cb(dev, 'poweroff_noirq');
  if (error) return error;
  return pdev.current_state === PCI_D0 ? yield* pci_prepare_to_sleep(pdev) : 0;
}

/** pci_pm_restore_noirq(): D0 and the config space back, as after a suspend, before the driver's restore_noirq. */
function* pci_pm_restore_noirq(dev: device): KGen<number> {
  yield* pci_pm_default_resume_early(to_pci_dev(dev));
  return yield* pci_driver_cb(dev, 'restore_noirq');
}

// kernel-static: a table of functions, the same for every boot
export const pci_dev_pm_ops: dev_pm_ops = {
  runtime_suspend: pci_pm_runtime_suspend,
  runtime_resume: pci_pm_runtime_resume,
  runtime_idle: pci_pm_runtime_idle,
  prepare: (dev) => pci_driver_cb(dev, 'prepare'),
  complete: (dev) => { driver_pm(dev)?.complete?.(dev); },
  suspend: pci_pm_suspend,
  suspend_late: (dev) => pci_driver_cb(dev, 'suspend_late'),
  suspend_noirq: pci_pm_suspend_noirq,
  resume_noirq: pci_pm_resume_noirq,
  resume_early: (dev) => pci_driver_cb(dev, 'resume_early'),
  resume: (dev) => pci_driver_cb(dev, 'resume'),
  // hibernation: freeze/thaw around the image, poweroff before the machine goes down, restore after the image is loaded
  freeze: (dev) => pci_pm_resume_then(dev, 'freeze'),
  freeze_late: (dev) => pci_driver_cb(dev, 'freeze_late'),
  freeze_noirq: pci_pm_freeze_noirq,
  thaw_noirq: pci_pm_thaw_noirq,
  thaw_early: (dev) => pci_driver_cb(dev, 'thaw_early'),
  thaw: (dev) => pci_driver_cb(dev, 'thaw'),
  poweroff: (dev) => pci_pm_resume_then(dev, 'poweroff'),
  poweroff_late: (dev) => pci_driver_cb(dev, 'poweroff_late'),
  poweroff_noirq: pci_pm_poweroff_noirq,
  restore_noirq: pci_pm_restore_noirq,
  restore_early: (dev) => pci_driver_cb(dev, 'restore_early'),
  restore: (dev) => pci_driver_cb(dev, 'restore'),
};
