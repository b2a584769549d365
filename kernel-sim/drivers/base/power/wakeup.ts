// Models the device half of linux/drivers/base/power/wakeup.c: device_set_wakeup_capable, device_wakeup_enable/disable (with the device's wakeup source), device_init_wakeup, device_may_wakeup.
import { EINVAL } from '../../../include/uapi/asm-generic/errno.ts';
import type { device } from '../base.ts';
import { device_is_registered } from '../core.ts';
import { wakeup_sysfs_add, wakeup_sysfs_remove } from '../power_sysfs.ts';
import { device_wakeup_set_source } from './wakeup_source.ts';

/** device_set_wakeup_capable(): the device can wake the system; its power/wakeup file appears. */
export function device_set_wakeup_capable(dev: device, capable: boolean): void {
  if (dev.power.can_wakeup === capable) return;
  dev.power.can_wakeup = capable;
  if (!device_is_registered(dev)) return;
  if (capable) wakeup_sysfs_add(dev); else wakeup_sysfs_remove(dev);
}

/** device_wakeup_enable/disable(): what power/wakeup's "enabled"/"disabled" sets. */
export function device_set_wakeup_enable(dev: device, enable: boolean): number {
  if (!dev.power.can_wakeup) return -EINVAL;
  device_wakeup_set_source(dev, enable);
  return 0;
}

/** device_init_wakeup(): capable and enabled (or neither), as a driver's probe says. */
export function device_init_wakeup(dev: device, enable: boolean): number {
  if (enable) {
    device_set_wakeup_capable(dev, true);
    return device_set_wakeup_enable(dev, true);
  }
  if (dev.power.can_wakeup) device_set_wakeup_enable(dev, false);
  device_set_wakeup_capable(dev, false);
  return 0;
}

export const device_can_wakeup = (dev: device): boolean => dev.power.can_wakeup;
export const device_may_wakeup = (dev: device): boolean => dev.power.can_wakeup && dev.power.should_wakeup;
