// hwmon from C (drivers/hwmon/hwmon.c's exports): hwmon_chip_info tables and attribute groups written in C registered with the hwmon class; the hwmon device is a C struct device whose drvdata is the driver's.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import type { device } from '../../drivers/base/base.ts';
import { devres_add, devres_alloc } from '../../drivers/base/devres.ts';
import {
  devm_hwmon_device_register_with_groups, devm_hwmon_device_register_with_info, hwmon_device_register_with_groups, hwmon_device_register_with_info,
  hwmon_device_unregister, type hwmon_chip_info, type hwmon_device, type hwmon_ops,
} from '../../drivers/hwmon/hwmon.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { kread_cstr, kread_i32, kread_u32 } from '../../mm/kmem.ts';
import { kfree, kmalloc, __GFP_ZERO } from '../../mm/slab.ts';
import { device_view, hwmon_channel_info_view, hwmon_chip_info_view, hwmon_ops_view } from '../../toolchain/layouts/views.generated.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { c_device, c_device_new, c_device_unregister, ERR_PTR } from './device.ts';
import { c_device_groups } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

/** Channels and config words a C chip declares (info: NULL-terminated array of hwmon_channel_info pointers, each config 0-terminated). */
function read_info(info: number): { type: number; config: number[] }[] {
  const out: { type: number; config: number[] }[] = [];
  for (let i = 0; info && i < 32; i++) {
    const ci = kread_u32(info + 4 * i);
    if (!ci) break;
    const v = hwmon_channel_info_view(ci);
    const config: number[] = [];
    for (let c = v.config; c && config.length < 64; c += 4) {
      const w = kread_u32(c);
      if (!w) break;
      config.push(w);
    }
    out.push({ type: v.type, config });
  }
  return out;
}

/**
 * The C chip as the hwmon core's hwmon_chip_info. is_visible is asked up front for every declared attribute (the core
 * asks it while building the attribute list, from C it may not sleep either); read/write run the C callbacks with the
 * hwmon device (`hdev()`, set once registered), whose drvdata is the driver's, as Linux passes it.
 */
function* c_chip(chip: number, drvdata: number, mod: module | null, hdev: () => number): KGen<hwmon_chip_info | number> {
  const cv = hwmon_chip_info_view(chip);
  if (!cv.ops) return -EINVAL;
  const ov = hwmon_ops_view(cv.ops);
  const is_visible = ov.is_visible, read = ov.read, read_string = ov.read_string, write = ov.write;
  if (!is_visible) return -EINVAL;
  const info = read_info(cv.info);
  const modes = new Map<string, number>();
  for (const ci of info) {
    for (let ch = 0; ch < ci.config.length; ch++) {
      for (let attr = 0; attr < 32; attr++) {
        if (ci.config[ch]! & (1 << attr)) modes.set(`${ci.type}:${attr}:${ch}`, (yield* call_slot(is_visible, [drvdata, ci.type, attr, ch], 'is_visible', mod)) as number & 0xffff);
      }
    }
  }
  const ops: hwmon_ops = {
    is_visible: (_d, type, attr, ch) => modes.get(`${type}:${attr}:${ch}`) ?? 0,
    ...(read ? {
      *read(_dev: device, type: number, attr: number, ch: number): KGen<[number, number]> {
        const p = kmalloc(4, __GFP_ZERO);
        if (!p) return [-ENOMEM, 0];
        try {
          const err = (yield* call_slot(read, [hdev(), type, attr, ch, p], 'read', mod)) as number;
          return [err, kread_i32(p)];
        } finally { kfree(p); }
      },
    } : {}),
    ...(read_string ? {
      read_string(_dev: device, type: number, attr: number, ch: number): string | number {
        const p = kmalloc(4, __GFP_ZERO);
        if (!p) return -ENOMEM;
        try {
          const err = call_slot_atomic(read_string, [hdev(), type, attr, ch, p], 'read_string', mod) as number;
          return err < 0 ? err : kread_cstr(kread_u32(p), 256);
        } finally { kfree(p); }
      },
    } : {}),
    ...(write ? {
      *write(_dev: device, type: number, attr: number, ch: number, val: number): KGen<number> {
        return (yield* call_slot(write, [hdev(), type, attr, ch, val], 'write', mod)) as number;
      },
    } : {}),
  };
  return { ops, info };
}

type register_fn = (dev: device, name: string, drvdata: unknown, chip: hwmon_chip_info | null, groups: attribute_group[] | null) => KGen<hwmon_device | number>;

/** Registers through `fn` and gives the hwmon device a C struct device (drvdata set, parent the C parent). */
function* register_c(fn: register_fn, devm: boolean, parent: number, name_a: number, drvdata: number, chip: number, groups: number): KGen<number> {
  const mod = calling_module();
  const pdev = c_device(parent);
  if (!name_a || (devm && !pdev)) return ERR_PTR(-EINVAL);
  let addr = 0;
  const ts_chip = chip ? yield* c_chip(chip, drvdata, mod, () => addr) : null;
  if (typeof ts_chip === 'number') return ERR_PTR(ts_chip);
  const r = yield* fn(pdev!, kread_cstr(name_a, 64), drvdata, ts_chip, groups ? c_device_groups(groups, mod) : null);
  if (typeof r === 'number') return ERR_PTR(r);
  addr = c_device_new(r.dev, parent);
  if (!addr) return ERR_PTR(-ENOMEM);
  device_view(addr).driver_data = drvdata;
  // devres runs last-in first-out: the C struct goes just before the core's devm release unregisters the device.
  if (devm) devres_add(pdev!, devres_alloc(() => c_device_unregister(addr), 0, 'devm_hwmon_c_device', null));
  return addr;
}

export const ksymtab = EXPORT_KAPI({
  hwmon_device_register_with_info: function* (dev: number, name: number, drvdata: number, chip: number, extra: number): KGen<number> {
    return yield* register_c((d, n, dd, c, g) => hwmon_device_register_with_info(d, n, dd, c, g), false, dev, name, drvdata, chip, extra);
  },
  devm_hwmon_device_register_with_info: function* (dev: number, name: number, drvdata: number, chip: number, extra: number): KGen<number> {
    return yield* register_c((d, n, dd, c, g) => devm_hwmon_device_register_with_info(d, n, dd, c, g), true, dev, name, drvdata, chip, extra);
  },
  hwmon_device_register_with_groups: function* (dev: number, name: number, drvdata: number, groups: number): KGen<number> {
    return yield* register_c((d, n, dd, _c, g) => hwmon_device_register_with_groups(d, n, dd, g), false, dev, name, drvdata, 0, groups);
  },
  devm_hwmon_device_register_with_groups: function* (dev: number, name: number, drvdata: number, groups: number): KGen<number> {
    return yield* register_c((d, n, dd, _c, g) => devm_hwmon_device_register_with_groups(d, n, dd, g), true, dev, name, drvdata, 0, groups);
  },
  hwmon_device_unregister: function* (dev: number): KGen<void> {
    const d = c_device(dev);
    if (!d) return;
    c_device_unregister(dev);
    yield* hwmon_device_unregister(d.container as hwmon_device);
  },
}, true);
