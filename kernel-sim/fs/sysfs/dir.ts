// Models linux/fs/sysfs/dir.c: every kobject is a directory; creating, removing, renaming and moving it.
import type { kobject } from '../../lib/kobject.ts';
import { EEXIST, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { kernfs_create_dir, kernfs_remove, kernfs_remove_by_name, kernfs_rename, kernfs_path, type kernfs_node } from './kernfs.ts';
import { sysfs_root_kn } from './sysfs.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { __warn } from '../../lib/kobject_warn.ts';

/** "sysfs: cannot create duplicate filename" with the WARN the kernel prints (sysfs_warn_dup). */
export function sysfs_warn_dup(parent: kernfs_node, name: string): void {
  const path = kernfs_path(parent);
  pr_err(`sysfs: cannot create duplicate filename '${path === '/' ? '' : path}/${name}'`);
  __warn('fs/sysfs/dir.c', 32, 'sysfs_warn_dup', '', ['dump_stack_lvl', 'sysfs_warn_dup', 'sysfs_create_dir_ns', 'kobject_add_internal']);
}

export function sysfs_create_dir_ns(kobj: kobject): number {
  const parent = kobj.parent?.sd ?? sysfs_root_kn();
  if (!parent) return -ENOENT;
  const kn = kernfs_create_dir(parent, kobj.name, 0o755, kobj);
  if (typeof kn === 'number') {
    if (kn === -EEXIST) sysfs_warn_dup(parent, kobj.name);
    return kn;
  }
  kobj.sd = kn;
  return 0;
}

export function sysfs_remove_dir(kobj: kobject): void {
  kernfs_remove(kobj.sd);
  kobj.sd = null;
}

export function sysfs_rename_dir_ns(kobj: kobject, new_name: string): number {
  if (!kobj.sd) return -ENOENT;
  return kernfs_rename(kobj.sd, kobj.sd.parent!, new_name);
}

export function sysfs_move_dir_ns(kobj: kobject, new_parent: kobject | null): number {
  if (!kobj.sd) return -ENOENT;
  return kernfs_rename(kobj.sd, new_parent?.sd ?? sysfs_root_kn(), kobj.sd.name);
}

/** A bare directory under a kobject that is not a kobject itself (sysfs_create_mount_point and friends). */
export function sysfs_create_mount_point(parent: kobject, name: string): number {
  const r = kernfs_create_dir(parent.sd!, name, 0o755, null);
  return typeof r === 'number' ? r : 0;
}

/** sysfs_remove_mount_point: the directory goes when the filesystem that mounts there goes (a module's exit). */
export function sysfs_remove_mount_point(parent: kobject, name: string): void {
  if (parent.sd) kernfs_remove_by_name(parent.sd, name);
}
