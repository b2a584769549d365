// Models linux/fs/sysfs/symlink.c: links between kobject directories (driver, subsystem, device, bus/.../devices/X).
import type { kobject } from '../../lib/kobject.ts';
import { EEXIST, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { kernfs_create_link, kernfs_find, kernfs_remove, type kernfs_node } from './kernfs.ts';
import { sysfs_root_kn } from './sysfs.ts';
import { sysfs_warn_dup } from './dir.ts';

export function sysfs_create_link_sd(parent: kernfs_node, target: kobject, name: string, warn = true): number {
  if (!target.sd) return -ENOENT;
  const r = kernfs_create_link(parent, name, target.sd);
  if (typeof r === 'number') { if (r === -EEXIST && warn) sysfs_warn_dup(parent, name); return r; }
  return 0;
}

/** Creates kobj/name -> target (kobj null: at the sysfs root). */
export function sysfs_create_link(kobj: kobject | null, target: kobject, name: string): number {
  const parent = kobj ? kobj.sd : sysfs_root_kn();
  if (!parent) return -ENOENT;
  return sysfs_create_link_sd(parent, target, name);
}

export function sysfs_create_link_nowarn(kobj: kobject, target: kobject, name: string): number {
  if (!kobj.sd) return -ENOENT;
  return sysfs_create_link_sd(kobj.sd, target, name, false);
}

export function sysfs_remove_link(kobj: kobject | null, name: string): void {
  const parent = kobj ? kobj.sd : sysfs_root_kn();
  if (!parent) return;
  const kn = kernfs_find(parent, name);
  if (kn && kn.type === 'link') kernfs_remove(kn);
}

/** A link in a plain directory node (bus/X/devices, dev/char, class/NAME). */
export function sysfs_create_link_in(dir: kernfs_node, target: kobject, name: string): number {
  return sysfs_create_link_sd(dir, target, name);
}

export function sysfs_remove_link_in(dir: kernfs_node, name: string): void {
  const kn = kernfs_find(dir, name);
  if (kn && kn.type === 'link') kernfs_remove(kn);
}

export function sysfs_rename_link(kobj: kobject, target: kobject, old: string, name: string): number {
  sysfs_remove_link(kobj, old);
  return sysfs_create_link(kobj, target, name);
}
