// Models the rest of drivers/base/class.c, core.c and dd.c that modules use: class_find_device (with device_match_devt,
// for class_find_device_by_devt), device_create_with_groups and device_release_driver.
import type { KGen } from '../../include/linux/sched.ts';
import type { device } from '../../drivers/base/base.ts';
import { class_find_device } from '../../drivers/base/class.ts';
import { get_device } from '../../drivers/base/core.ts';
import { device_release_driver } from '../../drivers/base/dd.ts';
import { device_view } from '../../toolchain/layouts/views.generated.ts';
import { kread_u32 } from '../../mm/kmem.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module, kfunc_of_slot } from '../module/runtime.ts';
import { c_class, c_device, c_device_addr, c_device_create_with_groups } from './device.ts';
import { c_device_groups } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

/**
 * class_find_device(class, start, data, match): the first of the class's devices after start (all, when NULL) that
 * C's match(dev, data) accepts, with a reference the caller drops with put_device; NULL when none does.
 */
/** device_match_devt(dev, &devt): whether the C device has that dev_t. */
const device_match_devt = (dev: number, data: number): number => (device_view(dev).devt === kread_u32(data) ? 1 : 0);
/** The kernel's own match functions a module may pass (class_find_device_by_devt passes device_match_devt). */
const KERNEL_MATCH: Record<string, (dev: number, data: number) => number> = { device_match_devt };

function c_class_find_device(cls: number, start: number, data: number, match: number): number {
  const c = c_class(cls);
  if (!c || !match) return 0;
  const kmatch = KERNEL_MATCH[kfunc_of_slot(match) ?? ''];
  const matches = (a: number): boolean => (kmatch ? kmatch(a, data) : Number(call_slot_atomic(match, [a, data], 'class_find_device'))) !== 0;
  const from = start ? c_device(start) : null;
  let past = from === null;
  const found = class_find_device(c, (d: device) => {
    if (!past) { past = d === from; return false; }
    const a = c_device_addr(d);
    return a !== undefined && matches(a);
  });
  return found && get_device(found) ? c_device_addr(found) ?? 0 : 0;
}

export const ksymtab = EXPORT_KAPI({
  class_find_device: c_class_find_device,
  device_match_devt,
  device_create_with_groups: function* (cls: number, parent: number, devt: number, drvdata: number, groups: number, fmt: number, va: number): KGen<number> {
    const g = groups ? c_device_groups(groups, calling_module()) : undefined;
    return yield* c_device_create_with_groups(cls, parent, devt, drvdata, g, fmt, va);
  },
  device_release_driver: function* (dev: number): KGen<void> {
    const d = c_device(dev);
    if (d) yield* device_release_driver(d);
  },
});
