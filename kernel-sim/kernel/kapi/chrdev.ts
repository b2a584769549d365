// Character devices, misc devices and user copies for modules: fs/char_dev.c, drivers/char/misc.c, lib/usercopy.c and libfs helpers over C structs.
import type { KGen } from '../../include/linux/sched.ts';
import { MAJOR, MINOR, MKDEV } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { kread_u32, kwrite_u32, kread_cstr, kread_i64, kwrite_u64, kbytes, kread_bytes, kwrite_bytes } from '../../mm/kmem.ts';
import { copy_to_user, copy_from_user, access_ok, strncpy_from_user } from '../../mm/uaccess.ts';
import { defineState } from '../state.ts';
import {
  alloc_chrdev_region, register_chrdev_region, unregister_chrdev_region, __register_chrdev_region, cdev_init, cdev_add, cdev_del, type cdev,
} from '../../fs/char_dev.ts';
import { misc_register, misc_deregister, type miscdevice } from '../../drivers/char/misc.ts';
import { c_file_operations, c_poll_wait } from '../module/fops.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { calling_module } from '../module/runtime.ts';
import { c_device, c_device_register, c_device_unregister } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

interface ChrState { cdevs: Map<number, cdev>; miscs: Map<number, miscdevice>; majors: Map<number, cdev> }
const chrState = defineState<ChrState>('kapi-chrdev', () => ({ cdevs: new Map(), miscs: new Map(), majors: new Map() }));

const region_name = (dev: number, count: number): string => `${MAJOR(dev)}:${MINOR(dev)}+${count}`;

function* misc_register_c(m: number): KGen<number> {
  const fops = kread_u32(m + offsetOf('miscdevice', 'fops'));
  const name = kread_cstr(kread_u32(m + offsetOf('miscdevice', 'name')), 64);
  const nodename = kread_u32(m + offsetOf('miscdevice', 'nodename'));
  const misc: miscdevice = {
    minor: kread_u32(m + offsetOf('miscdevice', 'minor')), name, fops: c_file_operations(fops, { private_data: m }),
    parent: c_device(kread_u32(m + offsetOf('miscdevice', 'parent'))),
    ...(nodename ? { nodename: kread_cstr(nodename, 64) } : {}),
    ...(kread_u32(m + offsetOf('miscdevice', 'mode')) & 0xffff ? { mode: kread_u32(m + offsetOf('miscdevice', 'mode')) & 0xffff } : {}),
  };
  const r = yield* misc_register(misc);
  if (r) return r;
  kwrite_u32(m + offsetOf('miscdevice', 'minor'), misc.minor);
  chrState().miscs.set(m, misc);
  if (misc.this_device) {
    const dev = m + offsetOf('miscdevice', 'this_device');
    void dev;
  }
  const mod = calling_module();
  track_resource('misc device', name, () => { const g = misc_deregister(misc); for (let s = g.next(); !s.done; s = g.next()); chrState().miscs.delete(m); }, mod);
  return 0;
}

function* misc_deregister_c(m: number): KGen<void> {
  const misc = chrState().miscs.get(m);
  if (!misc) return;
  untrack_resource((r) => r.kind === 'misc device' && r.name === misc.name);
  chrState().miscs.delete(m);
  yield* misc_deregister(misc);
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
    kbytes().fill(0, cd, cd + 60);
    kwrite_u32(cd + offsetOf('cdev', 'ops'), fops);
  },
  cdev_add: (cd: number, dev: number, count: number) => {
    const fops = kread_u32(cd + offsetOf('cdev', 'ops'));
    const c = cdev_init(c_file_operations(fops, { cdev: cd }));
    const r = cdev_add(c, dev, count);
    if (r) return r;
    kwrite_u32(cd + offsetOf('cdev', 'dev'), dev);
    kwrite_u32(cd + offsetOf('cdev', 'count'), count);
    chrState().cdevs.set(cd, c);
    track_resource('cdev', region_name(dev, count), () => { cdev_del(c); chrState().cdevs.delete(cd); });
    return 0;
  },
  cdev_del: (cd: number) => {
    const c = chrState().cdevs.get(cd);
    if (!c) return;
    untrack_resource((r) => r.kind === 'cdev' && r.name === region_name(c.dev, c.count));
    cdev_del(c);
    chrState().cdevs.delete(cd);
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
  simple_open: (inode: number, file: number) => { const priv = kread_u32(inode + offsetOf('inode', 'i_private')); if (priv) kwrite_u32(file + offsetOf('file', 'private_data'), priv); return 0; },
  // Kernel llseek helpers: modules take their address (GOT.func); the VFS runs them as kernel code.
  default_llseek: () => BigInt(-ENODEV), no_llseek: () => BigInt(-29), noop_llseek: () => 0n, generic_file_llseek: () => BigInt(-ENODEV),
});

export { c_device_register, c_device_unregister };
