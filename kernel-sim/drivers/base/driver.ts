// Models linux/drivers/base/driver.c: driver_register/driver_unregister, driver_find and driver attributes.
import type { KGen } from '../../include/linux/sched.ts';
import { EBUSY, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { pr_err, pr_warn } from '../../kernel/printk/printk.ts';
import { sysfs_create_file, sysfs_remove_file } from '../../fs/sysfs/file.ts';
import type { bus_type, device_driver, driver_attribute } from './base.ts';
import { bus_add_driver, bus_remove_driver } from './bus.ts';
import { bus_p, drv_p } from './private.ts';

export function driver_find(name: string, bus: bus_type): device_driver | null {
  return bus_p(bus)?.klist_drivers.find((d) => d.name === name) ?? null;
}

export function* driver_register(drv: device_driver): KGen<number> {
  const bus = drv.bus;
  if (!bus || !bus_p(bus)) {
    pr_err(`Driver '${drv.name}' was unable to register with bus_type '${bus?.name ?? '(null)'}' because the bus was not initialized.`);
    return -EINVAL;
  }
  if ((bus.probe && drv.probe) || (bus.remove && drv.remove) || (bus.shutdown && drv.shutdown)) {
    pr_warn(`Driver '${drv.name}' needs updating - please use bus_type methods`);
  }
  if (driver_find(drv.name, bus)) {
    pr_err(`Error: Driver '${drv.name}' is already registered, aborting...`);
    return -EBUSY;
  }
  return yield* bus_add_driver(drv);
}

export function* driver_unregister(drv: device_driver): KGen<void> {
  if (!drv || !drv_p(drv)) { pr_warn('Unexpected driver unregister!'); return; }
  yield* bus_remove_driver(drv);
}

export function driver_create_file(drv: device_driver, attr: driver_attribute): number {
  const p = drv_p(drv);
  return p ? sysfs_create_file(p.kobj, attr) : -EINVAL;
}

export function driver_remove_file(drv: device_driver, attr: driver_attribute): void {
  const p = drv_p(drv);
  if (p) sysfs_remove_file(p.kobj, attr);
}
