// Power management for drivers written in C: a C struct dev_pm_ops bridged to the PM core's callbacks, and the runtime PM and wakeup API (linux/pm_runtime.h, linux/pm_wakeup.h) exported to modules.
import type { KGen } from '../../include/linux/sched.ts';
import type { module } from '../module/types.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { struct_dev_pm_ops } from '../../toolchain/layouts/views.generated.ts';
import type { device } from '../../drivers/base/base.ts';
import type { dev_pm_ops } from '../../drivers/base/power/pm.ts';
import {
  __pm_runtime_disable, __pm_runtime_idle, __pm_runtime_resume, __pm_runtime_set_status, __pm_runtime_suspend, __pm_runtime_use_autosuspend,
  pm_runtime_active, pm_runtime_allow, pm_runtime_enable, pm_runtime_enabled, pm_runtime_forbid, pm_runtime_force_resume, pm_runtime_force_suspend,
  pm_runtime_get_noresume, pm_runtime_irq_safe, pm_runtime_mark_last_busy, pm_runtime_no_callbacks, pm_runtime_put_noidle,
  pm_runtime_set_autosuspend_delay, pm_runtime_suspended, pm_runtime_barrier, pm_schedule_suspend,
} from '../../drivers/base/power/runtime.ts';
import { device_can_wakeup, device_may_wakeup, device_set_wakeup_capable, device_set_wakeup_enable } from '../../drivers/base/power/wakeup.ts';
import { pm_relax, pm_stay_awake, pm_wakeup_dev_event } from '../../drivers/base/power/wakeup_source.ts';
import { call_slot } from '../module/fops.ts';
import { kfunc_of_slot } from '../module/runtime.ts';
import { c_device, c_device_addr } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** The slots the PM core calls: system sleep, hibernation (freeze/thaw/poweroff/restore with their _late/_early/_noirq forms) and runtime PM. */
const pm_slots = [
  'prepare', 'suspend', 'resume', 'freeze', 'thaw', 'poweroff', 'restore', 'suspend_late', 'resume_early', 'suspend_noirq', 'resume_noirq',
  'freeze_late', 'thaw_early', 'poweroff_late', 'restore_early', 'freeze_noirq', 'thaw_noirq', 'poweroff_noirq', 'restore_noirq',
  'runtime_suspend', 'runtime_resume', 'runtime_idle',
] as const satisfies readonly (keyof typeof struct_dev_pm_ops.OFF & keyof dev_pm_ops)[];

/** A kernel function a C table points at (pm_runtime_force_suspend in DEFINE_RUNTIME_DEV_PM_OPS) is called directly. */
const kernel_pm_fns: Record<string, (dev: device) => KGen<number>> = { pm_runtime_force_suspend, pm_runtime_force_resume };

/**
 * The C struct dev_pm_ops at `addr` as the PM core's dev_pm_ops: each non-NULL
 * slot becomes a callback that calls the C function with the C struct device
 * (read when called, so a table the driver fills late still counts).
 */
export function c_dev_pm_ops(addr: number, mod: module | null): dev_pm_ops | undefined {
  if (!addr) return undefined;
  const v = new struct_dev_pm_ops(addr);
  const ops: dev_pm_ops = {};
  for (const name of pm_slots) {
    const slot = v[name];
    if (!slot) continue;
    const kname = kfunc_of_slot(slot);
    const kfn = kname ? kernel_pm_fns[kname] : undefined;
    const cb = kfn ?? function* (dev: device): KGen<number> {
      return (yield* call_slot(slot, [c_device_addr(dev) ?? 0], name, mod)) as number;
    };
    // pm_print_times and the PCI core print the callback's name.
    Object.defineProperty(cb, 'name', { value: kname ?? `${mod?.name ?? 'module'}_${name}` });
    ops[name] = cb;
  }
  if (v.complete) {
    const slot = v.complete;
    ops.complete = (dev: device): void => { const g = call_slot(slot, [c_device_addr(dev) ?? 0], 'complete', mod); for (let s = g.next(); !s.done; s = g.next()); };
  }
  return ops;
}

/** The kernel device behind a C struct device *; the exports answer -EINVAL for a pointer the kernel never handed out. */
const dev_of = (addr: number): device | null => c_device(addr);
const rpm_status_names = ['RPM_ACTIVE', 'RPM_RESUMING', 'RPM_SUSPENDED', 'RPM_SUSPENDING'] as const;

function* each(addr: number, fn: (dev: device) => KGen<unknown> | unknown): KGen<number> {
  const dev = dev_of(addr);
  if (!dev) return -EINVAL;
  const r = fn(dev);
  if (r && typeof r === 'object' && Symbol.iterator in r) yield* (r as KGen<unknown>);
  return 0;
}
const flag = (addr: number, fn: (dev: device) => boolean): number => { const d = dev_of(addr); return d && fn(d) ? 1 : 0; };
const plain = (fn: (dev: device) => void) => (addr: number): void => { const d = dev_of(addr); if (d) fn(d); };

export const ksymtab = [
  ...EXPORT_KAPI({
    __pm_runtime_idle: function* (dev: number, flags: number): KGen<number> { const d = dev_of(dev); return d ? yield* __pm_runtime_idle(d, flags) : -EINVAL; },
    __pm_runtime_suspend: function* (dev: number, flags: number): KGen<number> { const d = dev_of(dev); return d ? yield* __pm_runtime_suspend(d, flags) : -EINVAL; },
    __pm_runtime_resume: function* (dev: number, flags: number): KGen<number> { const d = dev_of(dev); return d ? yield* __pm_runtime_resume(d, flags) : -EINVAL; },
    __pm_runtime_set_status: (dev: number, status: number) => {
      const d = dev_of(dev);
      const s = rpm_status_names[status];
      return d && (s === 'RPM_ACTIVE' || s === 'RPM_SUSPENDED') ? __pm_runtime_set_status(d, s) : -EINVAL;
    },
    pm_runtime_enable: plain(pm_runtime_enable),
    __pm_runtime_disable: function* (dev: number, check_resume: number): KGen<number> { return yield* each(dev, (d) => __pm_runtime_disable(d, !!check_resume)); },
    pm_runtime_allow: plain(pm_runtime_allow),
    pm_runtime_forbid: function* (dev: number): KGen<number> { return yield* each(dev, pm_runtime_forbid); },
    pm_runtime_no_callbacks: plain(pm_runtime_no_callbacks),
    pm_runtime_irq_safe: function* (dev: number): KGen<number> { return yield* each(dev, pm_runtime_irq_safe); },
    __pm_runtime_use_autosuspend: function* (dev: number, use: number): KGen<number> { return yield* each(dev, (d) => __pm_runtime_use_autosuspend(d, !!use)); },
    pm_runtime_set_autosuspend_delay: function* (dev: number, delay: number): KGen<number> { return yield* each(dev, (d) => pm_runtime_set_autosuspend_delay(d, delay | 0)); },
    pm_runtime_mark_last_busy: plain(pm_runtime_mark_last_busy),
    pm_runtime_get_noresume: plain(pm_runtime_get_noresume),
    pm_runtime_put_noidle: plain(pm_runtime_put_noidle),
    pm_runtime_suspended: (dev: number) => flag(dev, pm_runtime_suspended),
    pm_runtime_active: (dev: number) => flag(dev, pm_runtime_active),
    pm_runtime_enabled: (dev: number) => flag(dev, pm_runtime_enabled),
    pm_runtime_force_suspend: function* (dev: number): KGen<number> { const d = dev_of(dev); return d ? yield* pm_runtime_force_suspend(d) : -EINVAL; },
    pm_runtime_force_resume: function* (dev: number): KGen<number> { const d = dev_of(dev); return d ? yield* pm_runtime_force_resume(d) : -EINVAL; },
    pm_schedule_suspend: (dev: number, delay: number) => { const d = dev_of(dev); return d ? pm_schedule_suspend(d, delay >>> 0) : -EINVAL; },
    pm_runtime_barrier: function* (dev: number): KGen<number> { const d = dev_of(dev); return d ? yield* pm_runtime_barrier(d) : -EINVAL; },
  }, true),
  ...EXPORT_KAPI({
    device_wakeup_enable: (dev: number) => { const d = dev_of(dev); return d ? device_set_wakeup_enable(d, true) : -EINVAL; },
    device_wakeup_disable: (dev: number) => { const d = dev_of(dev); return d ? device_set_wakeup_enable(d, false) : -EINVAL; },
    device_set_wakeup_capable: (dev: number, capable: number) => { const d = dev_of(dev); if (d) device_set_wakeup_capable(d, !!capable); },
    device_set_wakeup_enable: (dev: number, enable: number) => { const d = dev_of(dev); return d ? device_set_wakeup_enable(d, !!enable) : -EINVAL; },
    device_can_wakeup: (dev: number) => flag(dev, device_can_wakeup),
    device_may_wakeup: (dev: number) => flag(dev, device_may_wakeup),
    pm_stay_awake: plain(pm_stay_awake),
    pm_relax: plain(pm_relax),
    pm_wakeup_dev_event: (dev: number, msec: number, hard: number) => { const d = dev_of(dev); if (d) pm_wakeup_dev_event(d, msec >>> 0, !!hard); },
  }),
];

