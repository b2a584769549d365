// Character devices, misc devices and user copies for modules: fs/char_dev.c, drivers/char/misc.c, lib/usercopy.c and libfs helpers over C structs.
//
// A C struct cdev or miscdevice is the object: kernel-sim's cdev reads dev/count from it, its miscdevice the minor
// (cstruct.ts), and the miscdevice's this_device points at the class device's C struct device.
import type { KGen } from '../../include/linux/sched.ts';
import { MAJOR, MINOR, MKDEV } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { cdev_view, inode_view, file_view, miscdevice_view, struct_cdev } from '../../toolchain/layouts/views.generated.ts';
import { bind_fields, unbind_fields } from '../module/cstruct.ts';
import { kwrite_u32, kread_cstr, kread_i64, kwrite_u64, kbytes, kread_bytes, kwrite_bytes } from '../../mm/kmem.ts';
import { copy_to_user, copy_from_user, access_ok, strncpy_from_user } from '../../mm/uaccess.ts';
import { defineState } from '../state.ts';
import {
  alloc_chrdev_region, register_chrdev_region, unregister_chrdev_region, __register_chrdev_region, cdev_init, cdev_add, cdev_del, type cdev,
} from '../../fs/char_dev.ts';
import { misc_register, misc_deregister, type miscdevice } from '../../drivers/char/misc.ts';
import { c_file_operations, c_poll_wait } from '../module/fops.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { calling_module } from '../module/runtime.ts';
import { c_device, c_device_addr, c_device_new, c_device_register, c_device_unregister } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

interface ChrState { cdevs: Map<number, cdev>; miscs: Map<number, miscdevice>; majors: Map<number, cdev> }
const chrState = defineState<ChrState>('kapi-chrdev', () => ({ cdevs: new Map(), miscs: new Map(), majors: new Map() }));

const region_name = (dev: number, count: number): string => `${MAJOR(dev)}:${MINOR(dev)}+${count}`;

/** misc->this_device: the class device's C struct device in C, the device in TS. */
const this_device_adapter = { to_ts: (a: unknown) => c_device(a as number), to_c: (d: unknown) => (d ? c_device_addr(d as never) ?? 0 : 0) };

function* misc_register_c(m: number): KGen<number> {
  const v = miscdevice_view(m);
  const name = kread_cstr(v.name, 64);
  const misc: miscdevice = {
    minor: 0, name, fops: c_file_operations(v.fops, { private_data: m }),
    parent: c_device(v.parent),
    ...(v.nodename ? { nodename: kread_cstr(v.nodename, 64) } : {}),
    ...(v.mode ? { mode: v.mode } : {}),
  };
  // The driver's minor (or MISC_DYNAMIC_MINOR) is the struct's; misc_register() writes the one it picks there.
  bind_fields(misc, v, ['minor'], {}, false);
  const r = yield* misc_register(misc);
  if (r) { unbind_fields(misc, ['minor']); return r; }
  chrState().miscs.set(m, misc);
  if (misc.this_device) {
    c_device_new(misc.this_device, v.parent);
    bind_fields(misc, v, ['this_device'], { this_device: this_device_adapter });
  }
  const mod = calling_module();
  track_resource('misc device', name, () => { const g = misc_deregister_c(m); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  return 0;
}

function* misc_deregister_c(m: number): KGen<void> {
  const misc = chrState().miscs.get(m);
  if (!misc) return;
  untrack_resource((r) => r.kind === 'misc device' && r.name === misc.name);
  chrState().miscs.delete(m);
  const dev = miscdevice_view(m).this_device;
  yield* misc_deregister(misc);
  if (dev) c_device_unregister(dev);
  // The module's struct goes with the module; kernel-sim's miscdevice keeps its last values.
  unbind_fields(misc, Object.getOwnPropertyDescriptor(misc, 'this_device')?.get ? ['minor', 'this_device'] : ['minor']);
}

/** kernel-sim's cdev reads dev and count from the module's struct cdev. */
const CDEV_FIELDS = ['dev', 'count'] as const;

/** cdev_del(): the cdev leaves the map; the module's struct may be freed next, so kernel-sim's keeps its last values. */
function cdev_del_c(cd: number): void {
  const c = chrState().cdevs.get(cd);
  if (!c) return;
  cdev_del(c);
  chrState().cdevs.delete(cd);
  unbind_fields(c, CDEV_FIELDS);
}

/** simple_read_from_buffer(to, count, ppos, from, available) with ppos a C loff_t *. */
function simple_read_from_buffer_c(to: number, count: number, ppos: number, from: number, available: number): number {
  const pos = Number(kread_i64(ppos));
  if (pos < 0) return -EINVAL;
  if (pos >= available || count === 0) return 0;
  const n = Math.min(count, available - pos);
  if (copy_to_user(to, kread_bytes(from + pos, n))) return -EFAULT;
  kwrite_u64(ppos, BigInt(pos + n));
  return n;
}

function simple_write_to_buffer_c(to: number, available: number, ppos: number, from: number, count: number): number {
  const pos = Number(kread_i64(ppos));
  if (pos < 0) return -EINVAL;
  if (pos >= available || !count) return 0;
  const n = Math.min(count, available - pos);
  const b = copy_from_user(from, n);
  if (!b) return -EFAULT;
  kwrite_bytes(to + pos, b);
  kwrite_u64(ppos, BigInt(pos + n));
  return n;
}

export const ksymtab = EXPORT_KAPI({
  alloc_chrdev_region: (dev: number, baseminor: number, count: number, name: number) => {
    const n = kread_cstr(name, 64);
    const r = alloc_chrdev_region(baseminor, count, n);
    if (r < 0) return r;
    kwrite_u32(dev, r);
    track_resource('chrdev region', `${n} (${region_name(r, count)})`, () => unregister_chrdev_region(r, count));
    return 0;
  },
  register_chrdev_region: (from: number, count: number, name: number) => {
    const n = kread_cstr(name, 64);
    const r = register_chrdev_region(from, count, n);
    if (!r) track_resource('chrdev region', `${n} (${region_name(from, count)})`, () => unregister_chrdev_region(from, count));
    return r;
  },
  unregister_chrdev_region: (from: number, count: number) => {
    untrack_resource((r) => r.kind === 'chrdev region' && r.name.endsWith(`(${region_name(from, count)})`));
    unregister_chrdev_region(from, count);
  },
  __register_chrdev: (major: number, baseminor: number, count: number, name: number, fops: number) => {
    const n = kread_cstr(name, 64);
    const m = __register_chrdev_region(major, baseminor, count, n);
    if (m < 0) return m;
    const c = cdev_init(c_file_operations(fops));
    c.kobj_name = n;
    cdev_add(c, MKDEV(m, baseminor), count);
    chrState().majors.set(m, c);
    track_resource('chrdev', `${n} (major ${m})`, () => { cdev_del(c); unregister_chrdev_region(MKDEV(m, baseminor), count); });
    return major ? 0 : m;
  },
  __unregister_chrdev: (major: number, baseminor: number, count: number) => {
    untrack_resource((r) => r.kind === 'chrdev' && r.name.endsWith(`(major ${major})`));
    const c = chrState().majors.get(major);
    if (c) cdev_del(c);
    chrState().majors.delete(major);
    unregister_chrdev_region(MKDEV(major, baseminor), count);
  },
  cdev_init: (cd: number, fops: number) => {
    kbytes().fill(0, cd, cd + struct_cdev.SIZE);
    cdev_view(cd).ops = fops;
  },
  cdev_add: (cd: number, dev: number, count: number) => {
    const c = cdev_init(c_file_operations(cdev_view(cd).ops, { cdev: cd }));
    bind_fields(c, cdev_view(cd), CDEV_FIELDS);
    const r = cdev_add(c, dev, count);
    if (r) { unbind_fields(c, CDEV_FIELDS); return r; }
    chrState().cdevs.set(cd, c);
    track_resource('cdev', region_name(dev, count), () => { cdev_del_c(cd); });
    return 0;
  },
  cdev_del: (cd: number) => {
    const c = chrState().cdevs.get(cd);
    if (c) untrack_resource((r) => r.kind === 'cdev' && r.name === region_name(c.dev, c.count));
    cdev_del_c(cd);
  },
  misc_register: misc_register_c,
  misc_deregister: misc_deregister_c,
  _copy_to_user: (to: number, from: number, n: number) => copy_to_user(to, kread_bytes(from, n)),
  _copy_from_user: (to: number, from: number, n: number) => {
    const b = copy_from_user(from, n);
    if (!b) { kbytes().fill(0, to, to + n); return n; }
    kwrite_bytes(to, b);
    return 0;
  },
  access_ok: (addr: number, size: number) => (access_ok(addr, size) ? 1 : 0),
  clear_user: (to: number, n: number) => copy_to_user(to, new Uint8Array(n)),
  strncpy_from_user: (dst: number, src: number, count: number) => {
    const s = strncpy_from_user(src, count);
    if (typeof s === 'number') return s === -36 ? count : s;
    const b = new TextEncoder().encode(s);
    kwrite_bytes(dst, b);
    if (b.length < count) kbytes()[dst + b.length] = 0;
    return b.length;
  },
  simple_read_from_buffer: simple_read_from_buffer_c,
  simple_write_to_buffer: simple_write_to_buffer_c,
  poll_wait: (f: number, wq: number, p: number) => { if (p) c_poll_wait(f, wq, p); },
  nonseekable_open: () => 0, stream_open: () => 0, generic_file_open: () => 0,
  simple_open: (inode: number, file: number) => { const priv = inode_view(inode).i_private; if (priv) file_view(file).private_data = priv; return 0; },
  // Kernel llseek helpers: modules take their address (GOT.func); the VFS runs them as kernel code.
  default_llseek: () => BigInt(-ENODEV), no_llseek: () => BigInt(-29), noop_llseek: () => 0n, generic_file_llseek: () => BigInt(-ENODEV),
});

export { c_device_register, c_device_unregister };
