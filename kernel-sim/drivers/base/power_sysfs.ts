// Models linux/drivers/base/power/sysfs.c (with CONFIG_PM_ADVANCED_DEBUG, as Debian builds it): each device's power/ directory.
import { EIO, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { sysfs_create_group, sysfs_merge_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { kernfs_find, kernfs_remove_by_name } from '../../fs/sysfs/kernfs.ts';
import { NSEC_PER_MSEC } from '../../kernel/time/timekeeping.ts';
import type { device, device_attribute } from './base.ts';
import {
  pm_runtime_active_time, pm_runtime_allow, pm_runtime_forbid, pm_runtime_init, pm_runtime_set_autosuspend_delay, pm_runtime_suspended_time,
} from './power/runtime.ts';
import type { rpm_status } from './power/pm.ts';
import { device_wakeup_set_source } from './power/wakeup_source.ts';

const ro = (name: string, show: (dev: device) => string | number): device_attribute => ({ name, mode: 0o444, show: (d) => show(d) });

/** sysfs_streq(): the written word, a trailing newline allowed. */
const word = (buf: string): string => buf.replace(/\n$/, '');

const rpm_status_names: Record<rpm_status, string> = {
  RPM_ACTIVE: 'active', RPM_RESUMING: 'resuming', RPM_SUSPENDED: 'suspended', RPM_SUSPENDING: 'suspending', RPM_INVALID: 'unsupported',
};

function runtime_status_show(dev: device): string {
  if (dev.power.runtime_error) return 'error\n';
  if (dev.power.disable_depth) return 'unsupported\n';
  return `${rpm_status_names[dev.power.runtime_status]}\n`;
}

function runtime_enabled_show(dev: device): string {
  const { disable_depth, runtime_auto } = dev.power;
  if (disable_depth && !runtime_auto) return 'disabled & forbidden\n';
  if (disable_depth) return 'disabled\n';
  return runtime_auto ? 'enabled\n' : 'forbidden\n';
}

/** power_attrs: what every device's power/ holds (CONFIG_PM_ADVANCED_DEBUG adds the runtime_* views). */
const power_attrs: device_attribute[] = [
  {
    name: 'async', mode: 0o644,
    show: (d) => `${d.power.async_suspend ? 'enabled' : 'disabled'}\n`,
    store: (d, _a, buf) => {
      const v = word(buf);
      if (v === 'enabled') d.power.async_suspend = true; else if (v === 'disabled') d.power.async_suspend = false; else return -EINVAL;
      return buf.length;
    },
  },
  ro('runtime_status', runtime_status_show),
  ro('runtime_usage', (d) => `${d.power.usage_count}\n`),
  ro('runtime_active_kids', (d) => `${d.power.ignore_children ? 0 : d.power.child_count}\n`),
  ro('runtime_enabled', runtime_enabled_show),
];

/** runtime_attrs: merged in unless the device has no runtime PM callbacks. */
const runtime_attrs: device_attribute[] = [
  {
    name: 'control', mode: 0o644,
    show: (d) => d.power.runtime_auto ? 'auto\n' : 'on\n',
    store: function* (d, _a, buf): KGen<number> {
      const v = word(buf);
      if (v === 'on') yield* pm_runtime_forbid(d); else if (v === 'auto') pm_runtime_allow(d); else return -EINVAL;
      return buf.length;
    },
  },
  ro('runtime_suspended_time', (d) => `${Math.floor(pm_runtime_suspended_time(d) / NSEC_PER_MSEC)}\n`),
  ro('runtime_active_time', (d) => `${Math.floor(pm_runtime_active_time(d) / NSEC_PER_MSEC)}\n`),
  {
    name: 'autosuspend_delay_ms', mode: 0o644,
    show: (d) => d.power.use_autosuspend ? `${d.power.autosuspend_delay}\n` : -EIO,
    store: function* (d, _a, buf): KGen<number> {
      if (!d.power.use_autosuspend) return -EIO;
      const v = word(buf).trim();
      if (!/^[-+]?\d+$/.test(v)) return -EINVAL;
      yield* pm_runtime_set_autosuspend_delay(d, Number(v));
      return buf.length;
    },
  },
];

/** wakeup_attrs: merged in once the device can wake the system (device_set_wakeup_capable). */
const wakeup_attrs: device_attribute[] = [
  {
    name: 'wakeup', mode: 0o644,
    show: (d) => d.power.can_wakeup ? `${d.power.should_wakeup ? 'enabled' : 'disabled'}\n` : '\n',
    store: (d, _a, buf) => {
      if (!d.power.can_wakeup) return -EINVAL;
      const v = word(buf);
      if (v !== 'enabled' && v !== 'disabled') return -EINVAL;
      device_wakeup_set_source(d, v === 'enabled');
      return buf.length;
    },
  },
];

export const power_attr_group: attribute_group = { name: 'power', attrs: power_attrs };
const pm_runtime_attr_group: attribute_group = { name: 'power', attrs: runtime_attrs };
const pm_wakeup_attr_group: attribute_group = { name: 'power', attrs: wakeup_attrs };

/** device_pm_init(): the system sleep flags cleared, runtime PM initialised (disabled, suspended). */
export function device_pm_init(dev: device): void {
  // Set on dev.power, not copied by spread (see pm_runtime_init).
  const p = dev.power;
  p.can_wakeup = false; p.should_wakeup = false; p.wakeup = null; p.async_suspend = false; p.in_dpm_list = false;
  p.is_prepared = false; p.is_suspended = false; p.is_late_suspended = false; p.is_noirq_suspended = false; p.suspend_error = 0;
  pm_runtime_init(dev);
}

/** power/ with the runtime-PM and wakeup files (dpm_sysfs_add). */
export function dpm_sysfs_add(dev: device): number {
  const rc = sysfs_create_group(dev.kobj, power_attr_group);
  if (rc) return rc;
  const rt = dev.power.no_callbacks ? 0 : sysfs_merge_group(dev.kobj, pm_runtime_attr_group);
  const wk = rt || !dev.power.can_wakeup ? rt : sysfs_merge_group(dev.kobj, pm_wakeup_attr_group);
  if (wk) sysfs_remove_group(dev.kobj, power_attr_group);
  return wk;
}

/** wakeup_sysfs_add(): the wakeup files join power/ once the device can wake the system. */
export function wakeup_sysfs_add(dev: device): number {
  return sysfs_merge_group(dev.kobj, pm_wakeup_attr_group);
}

/** wakeup_sysfs_remove() (sysfs_unmerge_group): the wakeup files leave power/. */
export function wakeup_sysfs_remove(dev: device): void {
  const dir = dev.kobj.sd ? kernfs_find(dev.kobj.sd, 'power') : null;
  if (dir) for (const a of wakeup_attrs) kernfs_remove_by_name(dir, a.name);
}

export function dpm_sysfs_remove(dev: device): void {
  sysfs_remove_group(dev.kobj, power_attr_group);
}
