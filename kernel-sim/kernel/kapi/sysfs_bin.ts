// Models fs/sysfs/file.c's binary attributes for modules: a C struct bin_attribute (an EEPROM's contents, ...) bridged to kernel-sim's bin_attribute.
//
// Reads and writes run the C read/write with a kernel buffer, the offset as a loff_t and the count; kernfs has already
// clipped them to the attribute's size, as sysfs_kf_bin_read does. The struct file argument is NULL: drivers of
// plain binary attributes do not look at it.
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { kread_u32, kread_u16, kread_cstr, kread_bytes, kwrite_bytes } from '../../mm/kmem.ts';
import { kmalloc, kfree, __GFP_ZERO } from '../../mm/slab.ts';
import type { bin_attribute } from '../../fs/sysfs/sysfs.ts';
import type { kobject } from '../../lib/kobject.ts';
import { sysfs_create_bin_file, sysfs_remove_bin_file } from '../../fs/sysfs/file.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { defineState } from '../state.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct bin_attribute on wasm32: struct attribute (name, mode), then size, private, f_mapping, read, write, mmap. */
const BIN = { name: 0, mode: 4, size: 8, read: 20, write: 24 } as const;

/**
 * A kernel-sim bin_attribute running the C one's read/write with the C kobject `ckobj` — a fixed address, or found
 * from the file's kobject when the attribute comes in a group for devices not made yet (a driver's dev_groups).
 */
export function c_bin_attr(a: number, ckobj: number | ((k: kobject) => number), mod: module | null): bin_attribute {
  const kaddr = (k: kobject): number => (typeof ckobj === 'number' ? ckobj : ckobj(k));
  const read = kread_u32(a + BIN.read), write = kread_u32(a + BIN.write);
  return {
    attr: { name: kread_cstr(kread_u32(a + BIN.name), 64), mode: kread_u16(a + BIN.mode) },
    size: kread_u32(a + BIN.size),
    ...(read ? {
      read: function* (k: kobject, _at, off: number, count: number): KGen<Uint8Array | number> {
        const buf = kmalloc(Math.max(count, 1), __GFP_ZERO);
        if (!buf) return -ENOMEM;
        try {
          const n = (yield* call_slot(read, [0, kaddr(k), a, buf, BigInt(off), count], 'read', mod)) as number;
          return n < 0 ? n : kread_bytes(buf, Math.min(n, count));
        } finally { kfree(buf); }
      },
    } : {}),
    ...(write ? {
      write: function* (k: kobject, _at, data: Uint8Array, off: number): KGen<number> {
        const buf = kmalloc(Math.max(data.length, 1), 0);
        if (!buf) return -ENOMEM;
        try {
          kwrite_bytes(buf, data);
          return (yield* call_slot(write, [0, kaddr(k), a, buf, BigInt(off), data.length], 'write', mod)) as number;
        } finally { kfree(buf); }
      },
    } : {}),
  };
}

/** The bin files C created, by kobject and attribute address, for sysfs_remove_bin_file. */
const binFiles = defineState('kapi-sysfs-bin', () => new Map<string, bin_attribute>());

/** sysfs_create_bin_file/sysfs_remove_bin_file, given how to find the kernel-sim kobject of a C struct kobject. */
export function bin_file_syms(kobj_at: (a: number) => kobject | null): ReturnType<typeof EXPORT_KAPI> {
  return EXPORT_KAPI({
    sysfs_create_bin_file: (ka: number, a: number) => {
      const k = kobj_at(ka);
      if (!k || !a) return -EINVAL;
      const mod = calling_module();
      const battr = c_bin_attr(a, ka, mod);
      const r = sysfs_create_bin_file(k, battr);
      if (!r) {
        binFiles().set(`${ka}:${a}`, battr);
        track_resource('sysfs file', `${k.name}/${battr.attr.name}`, () => sysfs_remove_bin_file(k, battr), mod);
      }
      return r;
    },
    sysfs_remove_bin_file: (ka: number, a: number) => {
      const k = kobj_at(ka);
      const battr = binFiles().get(`${ka}:${a}`);
      if (!k || !battr) return;
      binFiles().delete(`${ka}:${a}`);
      untrack_resource((r) => r.kind === 'sysfs file' && r.name === `${k.name}/${battr.attr.name}`);
      sysfs_remove_bin_file(k, battr);
    },
  });
}
