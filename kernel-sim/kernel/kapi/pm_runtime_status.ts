// Models include/linux/pm_runtime.h's pm_runtime_status_suspended for C drivers: the device's runtime status is RPM_SUSPENDED, whether runtime PM is enabled or not (unlike pm_runtime_suspended). An inline over dev->power in Linux; a kernel call here, since the C struct device has no power member.
import { c_device } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

export const ksymtab = EXPORT_KAPI({
  pm_runtime_status_suspended: (dev: number) => (c_device(dev)?.power.runtime_status === 'RPM_SUSPENDED' ? 1 : 0),
});
