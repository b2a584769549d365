// kobjects and sysfs attributes for modules (lib/kobject.c, fs/sysfs): C struct kobject/kobj_attribute/attribute_group bridged to kernel-sim's.
//
// show() gets a PAGE_SIZE buffer in the kernel memory and runs in module code that must not block; store() gets
// the written text NUL-terminated. DEVICE_ATTR (device_create_file) goes the same way with struct device_attribute.
import { EINVAL, ENOMEM, EIO } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { kobject_view, struct_kobject } from '../../toolchain/layouts/views.generated.ts';
import { kread_u32, kread_u16, kread_cstr, kwrite_u32, kread_bytes, kwrite_u8 } from '../../mm/kmem.ts';
import { bind_fields, unbind_fields } from '../module/cstruct.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { kobject_create_and_add, kobject_put, kobject_del, type kobject, type kobj_attribute } from '../../lib/kobject.ts';
import type { attribute, attribute_group, bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import { sysfs_create_file, sysfs_remove_file } from '../../fs/sysfs/file.ts';
import { device_create_file, device_remove_file } from '../../drivers/base/core.ts';
import type { device_attribute } from '../../drivers/base/base.ts';
import { kernel_kobj } from '../../drivers/base/init.ts';
import { call_slot_atomic, call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { c_device, c_device_addr, cstr_adapter } from './device.ts';
import type { device } from '../../drivers/base/base.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';
import { bin_file_syms, c_bin_attr } from './sysfs_bin.ts';
import { ksymbol } from '../../mm/kmem.ts';

const PAGE = 4096;

interface SysfsBridge {
  kobjs: Map<number, kobject>;
  /** The C struct kobject of each kobject handed to C. */
  addrs: WeakMap<kobject, number>;
  groups: Map<string, attribute_group>;
  files: Map<string, attribute>;
}
const bridge = defineState<SysfsBridge>('kapi-sysfs', () => ({ kobjs: new Map(), addrs: new WeakMap(), groups: new Map(), files: new Map() }));

/** The C struct kobject standing for a kernel-sim kobject (made on demand); its name lives there from then on. */
export function c_kobject(k: kobject): number {
  const b = bridge();
  let a = b.addrs.get(k);
  if (a !== undefined) return a;
  a = kmalloc(struct_kobject.SIZE, __GFP_ZERO);
  disown(a);
  bind_fields(k, kobject_view(a), ['name'], { name: cstr_adapter });
  b.kobjs.set(a, k);
  b.addrs.set(k, a);
  return a;
}

/** Binds a C struct kobject (one a module embeds in its own struct) to its kernel-sim kobject; the name lives in C from then on. */
export function c_kobject_bind(a: number, k: kobject): void {
  const b = bridge();
  bind_fields(k, kobject_view(a), ['name'], { name: cstr_adapter });
  b.kobjs.set(a, k);
  b.addrs.set(k, a);
}

/** Forgets a C struct kobject whose memory the module is about to free (its release ran). */
export function c_kobject_unbind(a: number): void {
  const b = bridge(), k = b.kobjs.get(a);
  if (k) unbind_fields(k, ['name']);
  b.kobjs.delete(a);
}

/** The kernel-sim kobject of a C struct kobject: one handed to C, or the one embedded in a bound C struct device (&dev->kobj). */
export function kobj_at(a: number): kobject | null {
  return bridge().kobjs.get(a) ?? c_device(a - offsetOf('device', 'kobj'))?.kobj ?? null;
}

const kobj_syms = [EXPORT_KDATA('kernel_kobj', () => ksymbol('kernel_kobj', 4, (p) => { const k = kernel_kobj(); if (k) kwrite_u32(p, c_kobject(k)); }))];

/** show(): runs the C show with a zeroed page; returns its text or -errno. */
export function run_show(mod: module | null, slot: number, args: (buf: number) => unknown[]): string | number {
  const buf = kmalloc(PAGE, __GFP_ZERO);
  if (!buf) return -ENOMEM;
  try {
    const n = call_slot_atomic(slot, args(buf), 'show', mod) as number;
    if (n < 0) return n;
    return new TextDecoder().decode(kread_bytes(buf, Math.min(n, PAGE)));
  } finally { kfree(buf); }
}

export function run_store(mod: module | null, slot: number, text: string, args: (buf: number, n: number) => unknown[]): number {
  const bytes = new TextEncoder().encode(text);
  const buf = kmalloc(Math.min(bytes.length, PAGE - 1) + 1, 0);
  if (!buf) return -ENOMEM;
  try {
    const n = Math.min(bytes.length, PAGE - 1);
    for (let i = 0; i < n; i++) kwrite_u8(buf + i, bytes[i]!);
    kwrite_u8(buf + n, 0);
    return call_slot_atomic(slot, args(buf, n), 'store', mod) as number;
  } finally { kfree(buf); }
}

/** A kernel-sim kobj_attribute for the C struct attribute at `a` (inside a struct kobj_attribute). */
function kobj_attr(a: number, ckobj: number, mod: module | null, mode?: number): kobj_attribute {
  const show = kread_u32(a + offsetOf('kobj_attribute', 'show'));
  const store = kread_u32(a + offsetOf('kobj_attribute', 'store'));
  return {
    name: kread_cstr(kread_u32(a + offsetOf('attribute', 'name')), 64),
    mode: mode ?? kread_u16(a + offsetOf('attribute', 'mode')),
    ...(show ? { show: () => run_show(mod, show, (buf) => [ckobj, a, buf]) } : {}),
    ...(store ? { store: (_k: kobject, _at: kobj_attribute, text: string) => run_store(mod, store, text, (buf, n) => [ckobj, a, buf, n]) } : {}),
  };
}

function dev_attr(a: number, cdev: number, mod: module | null): device_attribute {
  const show = kread_u32(a + offsetOf('device_attribute', 'show'));
  const store = kread_u32(a + offsetOf('device_attribute', 'store'));
  return {
    name: kread_cstr(kread_u32(a + offsetOf('attribute', 'name')), 64),
    mode: kread_u16(a + offsetOf('attribute', 'mode')),
    ...(show ? { show: () => run_show(mod, show, (buf) => [cdev, a, buf]) } : {}),
    ...(store ? { store: (_d: unknown, _at: unknown, text: string) => run_store(mod, store, text, (buf, n) => [cdev, a, buf, n]) } : {}),
  } as unknown as device_attribute;
}

/** A driver's dev_groups (a NULL-terminated array of attribute_group pointers) with device_attribute show/store. */
export function c_device_groups(arr: number, mod: module | null): attribute_group[] {
  const out: attribute_group[] = [];
  for (let i = 0; arr && i < 64; i++) {
    const g = kread_u32(arr + 4 * i);
    if (!g) break;
    out.push(c_group(g, (a) => {
      const show = kread_u32(a + offsetOf('device_attribute', 'show'));
      const store = kread_u32(a + offsetOf('device_attribute', 'store'));
      const at = {
        name: kread_cstr(kread_u32(a + offsetOf('attribute', 'name')), 64),
        mode: kread_u16(a + offsetOf('attribute', 'mode')),
        ...(show ? { show: (d: device) => run_show(mod, show, (buf) => [c_device_addr(d) ?? 0, a, buf]) } : {}),
        ...(store ? { store: (d: device, _at: unknown, text: string) => run_store(mod, store, text, (buf, n) => [c_device_addr(d) ?? 0, a, buf, n]) } : {}),
      };
      return at as unknown as attribute;
    }, (b) => c_bin_attr(b, (k) => c_device_addr(k.container as device) ?? 0, mod)));
  }
  return out;
}

/** The entries of a NULL-terminated C pointer array. */
function c_ptrs(arr: number): number[] {
  const out: number[] = [];
  for (let i = 0; arr && i < 256; i++) {
    const a = kread_u32(arr + 4 * i);
    if (!a) break;
    out.push(a);
  }
  return out;
}

/** A C attribute_group: its attrs through `make`, its bin_attrs read for the C kobject `ckobj` (or the device's, by ckobjOf). */
export function c_group(g: number, make: (attr: number) => attribute, bin?: (battr: number) => bin_attribute): attribute_group {
  const name = kread_u32(g + offsetOf('attribute_group', 'name'));
  const attrs = c_ptrs(kread_u32(g + offsetOf('attribute_group', 'attrs'))).map(make);
  const bins = bin ? c_ptrs(kread_u32(g + offsetOf('attribute_group', 'bin_attrs'))).map(bin) : [];
  return { ...(name ? { name: kread_cstr(name, 64) } : {}), attrs, ...(bins.length ? { bin_attrs: bins } : {}) };
}

const key = (k: number, x: number): string => `${k}:${x}`;

export const ksymtab = [...kobj_syms, ...bin_file_syms(kobj_at), ...EXPORT_KAPI({
  kobject_create_and_add: (name: number, parent: number) => {
    const mod = calling_module();
    const p = parent ? bridge().kobjs.get(parent) ?? null : null;
    const k = kobject_create_and_add(kread_cstr(name, 64), p);
    if (!k) return 0;
    const a = c_kobject(k);
    track_resource('kobject', k.name, () => { kobject_put(k); }, mod);
    return a;
  },
  kobject_put: (a: number) => {
    const k = bridge().kobjs.get(a);
    if (!k) return;
    untrack_resource((r) => r.kind === 'kobject' && r.name === k.name);
    kobject_put(k);
  },
  kobject_del: (a: number) => { const k = bridge().kobjs.get(a); if (k) kobject_del(k); },
  sysfs_create_group: (ka: number, g: number) => {
    const k = kobj_at(ka);
    if (!k) return -EINVAL;
    const mod = calling_module();
    const grp = c_group(g, (a) => kobj_attr(a, ka, mod), (b) => c_bin_attr(b, ka, mod));
    const r = sysfs_create_group(k, grp);
    if (!r) {
      bridge().groups.set(key(ka, g), grp);
      track_resource('sysfs group', `${k.name}/${grp.name ?? grp.attrs?.map((x) => x.name).join(',')}`, () => sysfs_remove_group(k, grp), mod);
    }
    return r;
  },
  sysfs_remove_group: (ka: number, g: number) => {
    const k = kobj_at(ka);
    const grp = bridge().groups.get(key(ka, g));
    if (!k || !grp) return;
    untrack_resource((r) => r.kind === 'sysfs group' && r.name.startsWith(`${k.name}/`));
    bridge().groups.delete(key(ka, g));
    sysfs_remove_group(k, grp);
  },
  sysfs_create_file_ns: (ka: number, a: number) => {
    const k = kobj_at(ka);
    if (!k) return -EINVAL;
    const at = kobj_attr(a, ka, calling_module());
    const r = sysfs_create_file(k, at);
    if (!r) { bridge().files.set(key(ka, a), at); track_resource('sysfs file', `${k.name}/${at.name}`, () => sysfs_remove_file(k, at)); }
    return r;
  },
  sysfs_remove_file_ns: (ka: number, a: number) => {
    const k = kobj_at(ka);
    const at = bridge().files.get(key(ka, a));
    if (!k || !at) return;
    untrack_resource((r) => r.kind === 'sysfs file' && r.name === `${k.name}/${at.name}`);
    sysfs_remove_file(k, at);
  },
  device_create_file: (dev: number, a: number) => {
    const d = c_device(dev);
    if (!d) return -EINVAL;
    const at = dev_attr(a, dev, calling_module());
    const r = device_create_file(d, at);
    if (!r) { bridge().files.set(key(dev, a), at); track_resource('sysfs file', `${d.kobj.name}/${at.name}`, () => device_remove_file(d, at)); }
    return r;
  },
  device_remove_file: (dev: number, a: number) => {
    const d = c_device(dev);
    const at = bridge().files.get(key(dev, a));
    if (!d || !at) return;
    untrack_resource((r) => r.kind === 'sysfs file' && r.name === `${d.kobj.name}/${at.name}`);
    device_remove_file(d, at);
  },
  sysfs_emit: (buf: number, fmt: number, va: number) => {
    if (!buf) return 0;
    const s = vsprintf(kread_cstr(fmt, PAGE), new va_list(va));
    const b = new TextEncoder().encode(s).subarray(0, PAGE - 1);
    for (let i = 0; i < b.length; i++) kwrite_u8(buf + i, b[i]!);
    kwrite_u8(buf + b.length, 0);
    return b.length;
  },
  sysfs_emit_at: (buf: number, at: number, fmt: number, va: number) => {
    const s = vsprintf(kread_cstr(fmt, PAGE), new va_list(va));
    const b = new TextEncoder().encode(s).subarray(0, PAGE - 1 - at);
    for (let i = 0; i < b.length; i++) kwrite_u8(buf + at + i, b[i]!);
    kwrite_u8(buf + at + b.length, 0);
    return b.length;
  },
})];

export { EIO, call_slot };
