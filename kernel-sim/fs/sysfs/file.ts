// Models linux/fs/sysfs/file.c: attribute files whose show/store go through the ktype's sysfs_ops, and binary attributes.
import type { kobject } from '../../lib/kobject.ts';
import { EEXIST, EIO, ENOENT, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { kernfs_create_file, kernfs_remove_by_name, kernfs_find, kernfs_setattr_mode, kernfs_notify, type kernfs_node, type kernfs_ops } from './kernfs.ts';
import type { attribute, bin_attribute } from './sysfs.ts';
import { sysfs_warn_dup } from './dir.ts';

const dec = new TextDecoder();

function attr_ops(kobj: kobject, attr: attribute): kernfs_ops {
  const ops = kobj.ktype?.sysfs_ops;
  return {
    show: ops?.show && attr.mode & 0o444 ? () => ops.show!(kobj, attr) : undefined,
    store: ops?.store && attr.mode & 0o222 ? (_kn, data) => ops.store!(kobj, attr, dec.decode(data)) : undefined,
  };
}

/** Adds one attribute file to a directory (sysfs_add_file_mode_ns). */
export function sysfs_add_file_mode_ns(parent: kernfs_node, kobj: kobject, attr: attribute, mode: number): number {
  const r = kernfs_create_file(parent, attr.name, mode & 0o7777, attr_ops(kobj, attr), attr);
  if (typeof r === 'number') { if (r === -EEXIST) sysfs_warn_dup(parent, attr.name); return r; }
  return 0;
}

export function sysfs_add_bin_file_mode_ns(parent: kernfs_node, kobj: kobject, battr: bin_attribute, mode: number): number {
  const ops: kernfs_ops = {
    binary: true,
    size: battr.size,
    read: battr.read ? (_kn, off, count) => battr.read!(kobj, battr, off, count) : undefined,
    show: undefined,
    store: battr.write ? (_kn, data, off) => battr.write!(kobj, battr, data, off) : undefined,
  };
  const r = kernfs_create_file(parent, battr.attr.name, mode & 0o7777, ops, battr);
  if (typeof r === 'number') { if (r === -EEXIST) sysfs_warn_dup(parent, battr.attr.name); return r; }
  return 0;
}

export function sysfs_create_file_ns(kobj: kobject, attr: attribute): number {
  if (!kobj.sd) return -ENOENT;
  return sysfs_add_file_mode_ns(kobj.sd, kobj, attr, attr.mode);
}

export const sysfs_create_file = sysfs_create_file_ns;

export function sysfs_create_files(kobj: kobject, attrs: attribute[]): number {
  for (let i = 0; i < attrs.length; i++) {
    const r = sysfs_create_file(kobj, attrs[i]);
    if (r) { for (let j = 0; j < i; j++) sysfs_remove_file(kobj, attrs[j]); return r; }
  }
  return 0;
}

export function sysfs_remove_file(kobj: kobject, attr: attribute): void {
  if (kobj.sd) kernfs_remove_by_name(kobj.sd, attr.name);
}

export function sysfs_remove_files(kobj: kobject, attrs: attribute[]): void {
  for (const a of attrs) sysfs_remove_file(kobj, a);
}

export function sysfs_create_bin_file(kobj: kobject, battr: bin_attribute): number {
  if (!kobj.sd) return -ENOENT;
  return sysfs_add_bin_file_mode_ns(kobj.sd, kobj, battr, battr.attr.mode);
}

export function sysfs_remove_bin_file(kobj: kobject, battr: bin_attribute): void {
  if (kobj.sd) kernfs_remove_by_name(kobj.sd, battr.attr.name);
}

export function sysfs_chmod_file(kobj: kobject, attr: attribute, mode: number): number {
  const kn = kobj.sd ? kernfs_find(kobj.sd, attr.name) : null;
  if (!kn) return -ENOENT;
  kernfs_setattr_mode(kn, mode);
  return 0;
}

/** sysfs_notify: wakes the pollers of attribute `attr` of kobj (in its subdirectory `dir` when given); a missing one is ignored. */
export function sysfs_notify(kobj: kobject, dir: string | null, attr: string | null): void {
  let kn: kernfs_node | null = kobj.sd ?? null;
  if (kn && dir !== null) kn = kernfs_find(kn, dir);
  if (kn && attr !== null) kn = kernfs_find(kn, attr);
  if (kn) kernfs_notify(kn);
}

/** sysfs_emit: the one value of an attribute, bounded by PAGE_SIZE. */
export function sysfs_emit(s: string): string {
  return s.length >= 4096 ? s.slice(0, 4095) : s;
}

export { EIO, EINVAL };
