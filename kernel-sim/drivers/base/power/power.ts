// Models linux/drivers/base/power/power.h: what the PM core's units share (here: its messages in dev_printk's format).
import { KERN_ERR, KERN_INFO, KERN_WARNING, printk } from '../../../kernel/printk/printk.ts';
import type { device } from '../base.ts';

const levels = { err: KERN_ERR, warn: KERN_WARNING, info: KERN_INFO } as const;

/**
 * dev_err/dev_warn/dev_info for the PM core: drivers/base/core.ts imports the PM core
 * (device_pm_init, dpm_sysfs_add), so the PM core prints in dev_printk's
 * "driver device: msg" format without importing core.ts back.
 */
export function pm_dev_printk(level: keyof typeof levels, dev: device, msg: string): void {
  const drv = dev.driver?.name ?? dev.bus?.name ?? dev.class?.name ?? '';
  printk(`${levels[level]}${drv} ${dev.kobj.name || dev.init_name || ''}: ${msg}`);
}
