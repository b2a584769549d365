// Models linux/fs/sysfs/group.c: attribute groups, named (a subdirectory) or unnamed (in the kobject's directory).
import type { kobject } from '../../lib/kobject.ts';
import { EINVAL, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { kernfs_create_dir, kernfs_find, kernfs_remove, kernfs_remove_by_name, type kernfs_node } from './kernfs.ts';
import { sysfs_add_file_mode_ns, sysfs_add_bin_file_mode_ns } from './file.ts';
import type { attribute_group } from './sysfs.ts';
import { sysfs_warn_dup } from './dir.ts';

function create_files(parent: kernfs_node, kobj: kobject, grp: attribute_group): number {
  const attrs = grp.attrs ?? [];
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    let mode = a.mode;
    if (grp.is_visible) { mode = grp.is_visible(kobj, a, i); if (!mode) continue; }
    const r = sysfs_add_file_mode_ns(parent, kobj, a, mode);
    if (r) return r;
  }
  for (const b of grp.bin_attrs ?? []) {
    const r = sysfs_add_bin_file_mode_ns(parent, kobj, b, b.attr.mode);
    if (r) return r;
  }
  return 0;
}

export function sysfs_create_group(kobj: kobject, grp: attribute_group): number {
  if (!kobj.sd) return -EINVAL;
  let parent = kobj.sd;
  if (grp.name) {
    const d = kernfs_create_dir(kobj.sd, grp.name, 0o755, kobj);
    if (typeof d === 'number') { sysfs_warn_dup(kobj.sd, grp.name); return d; }
    parent = d;
  }
  const r = create_files(parent, kobj, grp);
  if (r) sysfs_remove_group(kobj, grp);
  return r;
}

export function sysfs_create_groups(kobj: kobject, groups: attribute_group[] | undefined): number {
  for (let i = 0; i < (groups?.length ?? 0); i++) {
    const r = sysfs_create_group(kobj, groups![i]);
    if (r) { for (let j = 0; j < i; j++) sysfs_remove_group(kobj, groups![j]); return r; }
  }
  return 0;
}

export function sysfs_remove_group(kobj: kobject, grp: attribute_group): void {
  if (!kobj.sd) return;
  if (grp.name) { kernfs_remove(kernfs_find(kobj.sd, grp.name)); return; }
  for (const a of grp.attrs ?? []) kernfs_remove_by_name(kobj.sd, a.name);
  for (const b of grp.bin_attrs ?? []) kernfs_remove_by_name(kobj.sd, b.attr.name);
}

export function sysfs_remove_groups(kobj: kobject, groups: attribute_group[] | undefined): void {
  for (const g of groups ?? []) sysfs_remove_group(kobj, g);
}

/** Adds files to an existing named group directory (sysfs_merge_group), as power/ gets runtime files. */
export function sysfs_merge_group(kobj: kobject, grp: attribute_group): number {
  const dir = kobj.sd && grp.name ? kernfs_find(kobj.sd, grp.name) : null;
  if (!dir) return -ENOENT;
  return create_files(dir, kobj, grp);
}
