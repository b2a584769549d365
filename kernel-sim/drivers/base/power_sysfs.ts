// Models linux/drivers/base/power/sysfs.c (with CONFIG_PM_ADVANCED_DEBUG, as Debian builds it): each device's power/ directory.
import { EIO, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { device, device_attribute } from './base.ts';

const ro = (name: string, show: (dev: device) => string | number): device_attribute => ({ name, mode: 0o444, show: (d) => show(d) });

const power_attrs: device_attribute[] = [
  {
    name: 'async', mode: 0o644,
    show: (d) => `${d.power.async_suspend ? 'enabled' : 'disabled'}\n`,
    store: (d, _a, buf) => {
      const v = buf.replace(/\n$/, '');
      if (v === 'enabled') d.power.async_suspend = true; else if (v === 'disabled') d.power.async_suspend = false; else return -EINVAL;
      return buf.length;
    },
  },
  { name: 'autosuspend_delay_ms', mode: 0o644, show: () => -EIO, store: () => -EIO },
  {
    name: 'control', mode: 0o644,
    show: (d) => `${d.power.control}\n`,
    store: (d, _a, buf) => {
      const v = buf.replace(/\n$/, '');
      if (v !== 'on' && v !== 'auto') return -EINVAL;
      d.power.control = v;
      return buf.length;
    },
  },
  ro('runtime_active_kids', () => '0\n'),
  ro('runtime_active_time', () => '0\n'),
  ro('runtime_enabled', (d) => `${d.power.runtime_enabled ? 'enabled' : 'disabled'}\n`),
  ro('runtime_status', (d) => `${d.power.runtime_status}\n`),
  ro('runtime_suspended_time', () => '0\n'),
  ro('runtime_usage', (d) => `${d.power.usage_count}\n`),
];

export const power_attr_group: attribute_group = { name: 'power', attrs: power_attrs };

export function device_pm_init(dev: device): void {
  dev.power = { async_suspend: false, runtime_status: 'unsupported', runtime_enabled: false, usage_count: 0, control: 'auto', can_wakeup: false };
}

/** power/ with the runtime-PM files (dpm_sysfs_add). */
export function dpm_sysfs_add(dev: device): number {
  return sysfs_create_group(dev.kobj, power_attr_group);
}

export function dpm_sysfs_remove(dev: device): void {
  sysfs_remove_group(dev.kobj, power_attr_group);
}
