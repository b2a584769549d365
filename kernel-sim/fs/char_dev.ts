// Models linux/fs/char_dev.c: character device numbers (register_chrdev_region, alloc_chrdev_region), cdevs and chrdev_open.
import type { file_operations, dev_t, inode, file } from '../include/linux/fs_types.ts';
import { MAJOR, MINOR, MKDEV, MINORMASK } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EBUSY, EINVAL, ENXIO, ENODEV } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';

export const CHRDEV_MAJOR_MAX = 512;
/** Dynamic majors are handed out downward from 254, then 511..384 (as in Linux). */
const CHRDEV_MAJOR_DYN_END = 234;
const CHRDEV_MAJOR_DYN_EXT_START = 511, CHRDEV_MAJOR_DYN_EXT_END = 384;

interface char_device_struct { major: number; baseminor: number; minorct: number; name: string }

export interface cdev {
  ops: file_operations;
  owner: unknown;
  dev: dev_t;
  count: number;
  /** Kernel object name for /sys (set by the driver model). */
  kobj_name?: string;
}

interface ChrdevState {
  regions: char_device_struct[];
  cdevs: cdev[];
}

const chrdevState = defineState<ChrdevState>('chrdev', () => ({ regions: [], cdevs: [] }));

function find_dynamic_major(): number {
  const taken = (m: number): boolean => chrdevState().regions.some((r) => r.major === m);
  for (let m = 254; m >= CHRDEV_MAJOR_DYN_END; m--) if (!taken(m)) return m;
  for (let m = CHRDEV_MAJOR_DYN_EXT_START; m >= CHRDEV_MAJOR_DYN_EXT_END; m--) if (!taken(m)) return m;
  return -EBUSY;
}

/** Reserves a range of device numbers; major 0 picks a free one. Returns the major or -errno. */
export function __register_chrdev_region(major: number, baseminor: number, minorct: number, name: string): number {
  if (major >= CHRDEV_MAJOR_MAX || major < 0) return -EINVAL;
  if (minorct > MINORMASK + 1 - baseminor) return -EINVAL;
  if (major === 0) {
    major = find_dynamic_major();
    if (major < 0) return major;
  }
  const s = chrdevState();
  for (const r of s.regions) {
    if (r.major !== major) continue;
    if (baseminor < r.baseminor + r.minorct && r.baseminor < baseminor + minorct) return -EBUSY;
  }
  s.regions.push({ major, baseminor, minorct, name });
  s.regions.sort((a, b) => a.major - b.major || a.baseminor - b.baseminor);
  return major;
}

export function register_chrdev_region(from: dev_t, count: number, name: string): number {
  const r = __register_chrdev_region(MAJOR(from), MINOR(from), count, name);
  return r < 0 ? r : 0;
}

/** Returns the first dev_t of a freshly allocated region, or -errno. */
export function alloc_chrdev_region(baseminor: number, count: number, name: string): dev_t | number {
  const r = __register_chrdev_region(0, baseminor, count, name);
  return r < 0 ? r : MKDEV(r, baseminor);
}

export function unregister_chrdev_region(from: dev_t, count: number): void {
  const s = chrdevState();
  s.regions = s.regions.filter((r) => !(r.major === MAJOR(from) && r.baseminor === MINOR(from) && r.minorct === count));
}

export function cdev_init(ops: file_operations): cdev {
  return { ops, owner: null, dev: 0, count: 0 };
}

export function cdev_add(c: cdev, dev: dev_t, count: number): number {
  c.dev = dev;
  c.count = count;
  chrdevState().cdevs.push(c);
  return 0;
}

export function cdev_del(c: cdev): void {
  const s = chrdevState();
  s.cdevs = s.cdevs.filter((x) => x !== c);
}

/** register_chrdev(): a region of 256 minors plus a cdev, the old one-call way. Returns the major. */
export function __register_chrdev(major: number, baseminor: number, count: number, name: string, fops: file_operations): number {
  const m = __register_chrdev_region(major, baseminor, count, name);
  if (m < 0) return m;
  const c = cdev_init(fops);
  c.kobj_name = name;
  cdev_add(c, MKDEV(m, baseminor), count);
  return major ? 0 : m;
}

export function register_chrdev(major: number, name: string, fops: file_operations): number {
  return __register_chrdev(major, 0, 256, name, fops);
}

export function unregister_chrdev(major: number, name: string): void {
  const s = chrdevState();
  s.regions = s.regions.filter((r) => !(r.major === major && r.name === name));
  s.cdevs = s.cdevs.filter((c) => MAJOR(c.dev) !== major);
}

function kobj_lookup(dev: dev_t): cdev | null {
  const s = chrdevState();
  for (let i = s.cdevs.length - 1; i >= 0; i--) {
    const c = s.cdevs[i];
    if (dev >= c.dev && dev < c.dev + c.count) return c;
  }
  return null;
}

/** Opening a character special file: find its cdev by number and hand over to its fops. */
export function* chrdev_open(inode: inode, filp: file): KGen<number> {
  const c = kobj_lookup(inode.i_rdev);
  if (!c) return -ENXIO;
  inode.i_cdev = c;
  filp.f_op = c.ops;
  if (filp.f_op.open) return yield* filp.f_op.open(inode, filp);
  return 0;
}

/** def_chr_fops: what a character special inode opens with until chrdev_open finds the driver's cdev. */
export const def_chr_fops: file_operations = { open: chrdev_open };

/** The "Character devices:" half of /proc/devices. */
export function chrdev_show(): string {
  const seen = new Set<string>();
  let out = '';
  for (const r of chrdevState().regions) {
    const line = `${String(r.major).padStart(3, ' ')} ${r.name}\n`;
    if (seen.has(line)) continue;
    seen.add(line);
    out += line;
  }
  return out;
}

export { ENODEV };
