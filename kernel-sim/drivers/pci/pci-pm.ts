// Models the runtime PM half of linux/drivers/pci/pci.c (pci_pm_init) and pci-driver.c (pci_dev_pm_ops' runtime callbacks); D-states are still to come.
import { EAGAIN, EBUSY, ENOSYS } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { to_pci_dev, type pci_dev } from '../../include/linux/pci.ts';
import { call_maybe_gen, type device } from '../base/base.ts';
import type { dev_pm_ops } from '../base/power/pm.ts';
import { pm_dev_printk } from '../base/power/power.ts';
import { pm_runtime_enable, pm_runtime_forbid, pm_runtime_set_active, rpm_nosleep } from '../base/power/runtime.ts';
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

/** pci_pm_runtime_suspend(): an unbound device stays in D0; a bound one runs its driver's runtime_suspend. */
function* pci_pm_runtime_suspend(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const cb = driver_pm(dev)?.runtime_suspend;
  if (!pdev.driver || !cb) return 0;
  const error = yield* call_maybe_gen(cb(dev));
  // -EBUSY and -EAGAIN ask the core to try again later: only a debug line.
  if (error === -EBUSY || error === -EAGAIN) pci_dbg(pdev, `can't suspend now (${cb.name} returned ${error})`);
  else if (error) pm_dev_printk('err', dev, `can't suspend (${cb.name} returned ${error})`);
  return error;
}

function* pci_pm_runtime_resume(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const cb = driver_pm(dev)?.runtime_resume;
  if (!pdev.driver || !cb) return 0;
  return yield* call_maybe_gen(cb(dev));
}

/** pci_pm_runtime_idle(): unbound devices may idle; a bound driver without dev_pm_ops may not (-ENOSYS). */
function* pci_pm_runtime_idle(dev: device): KGen<number> {
  if (!to_pci_dev(dev).driver) return 0;
  const pm = driver_pm(dev);
  if (!pm) return -ENOSYS;
  return pm.runtime_idle ? yield* call_maybe_gen(pm.runtime_idle(dev)) : 0;
}

// kernel-static: a table of functions, the same for every boot
export const pci_dev_pm_ops: dev_pm_ops = {
  runtime_suspend: pci_pm_runtime_suspend,
  runtime_resume: pci_pm_runtime_resume,
  runtime_idle: pci_pm_runtime_idle,
};
