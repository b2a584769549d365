// Bridges the C objects of the driver model (struct device, struct class) in the kernel memory to kernel-sim's, and the dev_* printing API.
//
// A struct device * a module holds is the address of a C struct device; kernel-sim keeps the matching `device`.
// Buses that create devices for modules (PCI, platform) call c_device_register() for theirs. From then on the
// device's devt, driver_data and name live in the C struct only (cstruct.ts): dev_set_drvdata() in C is what
// dev_get_drvdata() in TypeScript returns, and device_unbind_cleanup() clearing drvdata clears the C field.
import type { KGen } from '../../include/linux/sched.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { device_view, class_view, struct_device, struct_class } from '../../toolchain/layouts/views.generated.ts';
import { kread_cstr, kwrite_cstr } from '../../mm/kmem.ts';
import { bind_fields, unbind_fields, type field_adapter } from '../module/cstruct.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { printk } from '../printk/printk.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import type { class_, device } from '../../drivers/base/base.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { class_create, class_destroy, class_find_device } from '../../drivers/base/class.ts';
import { device_create_with_groups, device_destroy, dev_name, dev_driver_string } from '../../drivers/base/core.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { calling_module } from '../module/runtime.ts';
import { EXPORT_KAPI } from './registry.ts';

interface BridgeState {
  devices: Map<number, device>;
  by_device: Map<device, number>;
  classes: Map<number, class_>;
  /** C struct device addresses kernel-sim allocated (device_create), freed with the device. */
  owned: Set<number>;
  /** Interned NUL-terminated names C code may print (kobject names), by text. */
  strings: Map<string, number>;
  /** drvdata a TypeScript driver keeps on a C-visible device (an object C cannot hold; the C field is NULL meanwhile). */
  ts_drvdata: WeakMap<device, unknown>;
}
const bridge = defineState<BridgeState>('kapi-device', () => ({
  devices: new Map(), by_device: new Map(), classes: new Map(), owned: new Set(), strings: new Map(), ts_drvdata: new WeakMap(),
}));

/** A `const char *` field seen from TS as a string: reads decode it, writes point it at an interned copy. */
export const cstr_adapter: field_adapter = {
  to_ts: (p) => (p ? kread_cstr(p as number, 256) : ''),
  to_c: (s) => c_string(String(s ?? '')),
};

/** dev->driver_data: a pointer from C (or a TS driver's number) lives in the struct; a TS driver's object beside it. */
function drvdata_adapter(dev: device): field_adapter {
  const side = bridge().ts_drvdata;
  return {
    to_ts: (c) => (c !== 0 ? c : side.get(dev) ?? null),
    to_c: (v) => {
      if (typeof v === 'number') { side.delete(dev); return v; }
      if (v === null || v === undefined) side.delete(dev);
      else side.set(dev, v);
      return 0;
    },
  };
}

const DEVICE_FIELDS = ['devt', 'driver_data'] as const;

/** Makes `addr` (a C struct device, possibly embedded in pci_dev/platform_device) stand for `dev`: one object from now on. */
export function c_device_register(addr: number, dev: device): void {
  bridge().devices.set(addr, dev);
  bridge().by_device.set(dev, addr);
  const v = device_view(addr);
  bind_fields(dev, v, DEVICE_FIELDS, { driver_data: drvdata_adapter(dev) });
  bind_fields(dev.kobj, v.kobj, ['name'], { name: cstr_adapter });
}

/** A NUL-terminated copy of `s` in the kernel memory, kept for the kernel's lifetime (names C code may print). */
export function c_string(s: string): number {
  const strings = bridge().strings;
  let a = strings.get(s);
  if (a === undefined) {
    a = kmalloc(new TextEncoder().encode(s).length + 1, 0);
    disown(a);
    kwrite_cstr(a, s);
    strings.set(s, a);
  }
  return a;
}

export function c_device_unregister(addr: number): void {
  const b = bridge();
  const d = b.devices.get(addr);
  if (d) {
    b.by_device.delete(d);
    // The struct goes before the TS device only when kernel-sim allocated it; the device keeps its values.
    if (b.owned.has(addr)) { unbind_fields(d, DEVICE_FIELDS); unbind_fields(d.kobj, ['name']); }
  }
  b.devices.delete(addr);
  if (b.owned.delete(addr)) kfree(addr);
}

/** A C struct device of kernel-sim's own for `dev` (class devices, a miscdevice's this_device), freed by c_device_unregister. */
export function c_device_new(dev: device, parent = 0): number {
  const addr = kmalloc(struct_device.SIZE, __GFP_ZERO);
  if (!addr) return 0;
  disown(addr);
  bridge().owned.add(addr);
  device_view(addr).parent = parent;
  c_device_register(addr, dev);
  return addr;
}

export function c_device(addr: number): device | null { return bridge().devices.get(addr) ?? null; }
export function c_device_addr(dev: device): number | undefined { return bridge().by_device.get(dev); }
export function c_class(addr: number): class_ | null { return bridge().classes.get(addr) ?? null; }
/** Makes the C struct class at `addr` (one a module defines and registers itself) stand for `c`; null forgets it. */
export function c_class_bind(addr: number, c: class_ | null): void { if (c) bridge().classes.set(addr, c); else bridge().classes.delete(addr); }

/** ERR_PTR(-errno) as C sees it. */
export const ERR_PTR = (err: number): number => err >>> 0;

/** dev_printk's prefix: "DRIVER DEVNAME: " ("(NULL device *): " without a device). */
export function dev_prefix(addr: number): string {
  const d = c_device(addr);
  if (!d) return addr ? '' : '(NULL device *): ';
  return `${dev_driver_string(d)} ${dev_name(d)}: `;
}

function dev_print(level: string) {
  return (dev: number, fmt: number, va: number): void => {
    printk(`${level}${dev_prefix(dev)}${vsprintf(kread_cstr(fmt, 8192), new va_list(va))}`);
  };
}

function* c_device_create(cls: number, parent: number, devt: number, drvdata: number, fmt: number, va: number): KGen<number> {
  return yield* c_device_create_with_groups(cls, parent, devt, drvdata, undefined, fmt, va);
}

/** device_create_with_groups: device_create whose device gets the attribute groups (kernel-sim's, made from C's by the caller). */
export function* c_device_create_with_groups(cls: number, parent: number, devt: number, drvdata: number, groups: attribute_group[] | undefined, fmt: number, va: number): KGen<number> {
  const c = c_class(cls);
  if (!c) return ERR_PTR(-22);
  const name = vsprintf(kread_cstr(fmt, 256), new va_list(va));
  const r = yield* device_create_with_groups(c, c_device(parent), devt, drvdata, groups, name);
  if (typeof r === 'number') return ERR_PTR(r);
  const addr = c_device_new(r, parent);
  if (!addr) return ERR_PTR(-ENOMEM);
  device_view(addr).class = cls;
  const mod = calling_module();
  track_resource('class device', name, () => { const g = device_destroy(c, devt); for (let s = g.next(); !s.done; s = g.next()); c_device_unregister(addr); }, mod);
  return addr;
}

export const ksymtab = EXPORT_KAPI({
  _dev_emerg: dev_print('\x010'), _dev_alert: dev_print('\x011'), _dev_crit: dev_print('\x012'), _dev_err: dev_print('\x013'),
  _dev_warn: dev_print('\x014'), _dev_notice: dev_print('\x015'), _dev_info: dev_print('\x016'),
  _dev_dbg: (dev: number, fmt: number, va: number) => { void dev; void fmt; void va; },
  dev_driver_string: (dev: number) => { const d = c_device(dev); return c_string(d ? dev_driver_string(d) : ''); },
  __class_create: (owner: number, name: number) => {
    const mod = calling_module();
    const n = kread_cstr(name, 64);
    const c = class_create(n, mod?.name ?? null);
    if (typeof c === 'number') return ERR_PTR(c);
    const addr = kmalloc(struct_class.SIZE, __GFP_ZERO);
    disown(addr);
    const v = class_view(addr);
    v.name = name;
    v.owner = owner;
    bridge().classes.set(addr, c);
    track_resource('class', n, () => { class_destroy(c); bridge().classes.delete(addr); kfree(addr); }, mod);
    return addr;
  },
  class_destroy: (cls: number) => {
    const c = c_class(cls);
    if (!c) return;
    untrack_resource((r) => r.kind === 'class' && r.name === c.name);
    class_destroy(c);
    bridge().classes.delete(cls);
    kfree(cls);
  },
  device_create: c_device_create,
  device_destroy: function* (cls: number, devt: number): KGen<void> {
    const c = c_class(cls);
    if (!c) return;
    const d = class_find_device(c, (x) => x.devt === devt);
    const addr = d ? c_device_addr(d) : undefined;
    if (d) untrack_resource((r) => r.kind === 'class device' && r.name === dev_name(d));
    yield* device_destroy(c, devt);
    if (addr !== undefined) c_device_unregister(addr);
  },
  dev_set_name: (dev: number, fmt: number, va: number) => {
    const d = c_device(dev), name = vsprintf(kread_cstr(fmt, 256), new va_list(va));
    // A device the module has not registered yet keeps the name in its own kobject, as kobject_set_name does.
    if (d) d.kobj.name = name; else device_view(dev).kobj.name = c_string(name);
    return 0;
  },
  dev_get_drvdata: (dev: number) => device_view(dev).driver_data,
  dev_set_drvdata: (dev: number, data: number) => { device_view(dev).driver_data = data; },
});

