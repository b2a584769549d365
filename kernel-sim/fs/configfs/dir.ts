// Models linux/fs/configfs/dir.c: subsystems at configfs's root (configfs_register_subsystem), an item's directory with its attribute files and default groups (configfs_attach_item/group), and mkdir/rmdir calling the parent group's make_item/make_group/drop_item.
import type { kernfs_node, kernfs_root } from '../sysfs/kernfs.ts';
import { kernfs_create_dir, kernfs_create_file, kernfs_remove } from '../sysfs/kernfs.ts';
import { simple_fs_root } from '../simple_fs.ts';
import { defineState } from '../../kernel/state.ts';
import { EEXIST, EINVAL, ENOMEM, ENOTEMPTY, EPERM, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { try_module_get, module_put } from '../../kernel/module/main.ts';
import type { module } from '../../kernel/module/types.ts';
import { configfs_pin_fs, configfs_release_fs } from './mount.ts';
import {
  config_group_init_type_name, config_item_get, config_item_put, new_config_group, to_config_group,
  type config_group, type config_item, type configfs_attribute, type configfs_subsystem,
} from './item.ts';

export type { configfs_subsystem_ref as configfs_subsystem };


/** What a configfs directory stands for (struct configfs_dirent): its item, and whether rmdir may remove it. */
interface configfs_dirent { item: config_item; default_group: boolean }

/** The root group (configfs_root_group) and the subsystems registered under it, per boot. */
const configfsDirState = defineState('configfs_dir', () => {
  const root = new_config_group();
  config_group_init_type_name(root, 'root', null);
  return { root, subsystems: new Set<configfs_subsystem>(), named: new Map<object, configfs_subsystem>() };
});

const owner_of = (item: config_item): module | null => (item.ci_type?.ct_owner as module | undefined) ?? null;
const sd_of = (kn: kernfs_node): configfs_dirent | null => (kn.priv as configfs_dirent | null) ?? null;

/** link_obj: the item joins its parent group's children, each holding a reference on the other. */
function link_obj(parent: config_item, item: config_item): void {
  const g = to_config_group(parent)!;
  item.ci_parent = parent;
  item.ci_group = g;
  config_item_get(g.cg_item);
  g.cg_children.push(item);
  config_item_get(item);
}

function unlink_obj(item: config_item): void {
  const g = item.ci_group;
  if (!g) return;
  g.cg_children.splice(g.cg_children.indexOf(item), 1);
  item.ci_group = null;
  item.ci_parent = null;
  config_item_put(item);
  config_item_put(g.cg_item);
}

/** link_group: a group and, below it, its default groups, all of one subsystem. */
function link_group(parent: config_group, group: config_group, subsys: configfs_subsystem): void {
  link_obj(parent.cg_item, group.cg_item);
  group.cg_subsys = subsys;
  for (const g of group.default_groups) link_group(group, g, subsys);
}

function unlink_group(group: config_group): void {
  for (const g of group.default_groups) unlink_group(g);
  group.cg_subsys = null;
  unlink_obj(group.cg_item);
}

/** configfs_create_file: an attribute's file, its show and store run against the item. */
function create_attr(dir: kernfs_node, item: config_item, attr: configfs_attribute): number {
  const kn = kernfs_create_file(dir, attr.ca_name, attr.ca_mode & 0o777, {
    ...(attr.show ? { show: () => attr.show!(item) } : {}),
    ...(attr.store ? { store: (_kn: kernfs_node, data: Uint8Array) => attr.store!(item, new TextDecoder().decode(data)) } : {}),
  }, attr);
  return typeof kn === 'number' ? kn : 0;
}

/** configfs_attach_item / configfs_attach_group: the item's directory, its attributes and its default groups' directories. */
function attach(parent: kernfs_node, item: config_item, default_group: boolean): kernfs_node | number {
  const dir = kernfs_create_dir(parent, item.ci_name, 0o755, { item, default_group } satisfies configfs_dirent);
  if (typeof dir === 'number') return dir;
  item.ci_dentry = dir;
  let err = 0;
  for (const a of item.ci_type?.ct_attrs ?? []) if (!err) err = create_attr(dir, item, a);
  for (const g of to_config_group(item)?.default_groups ?? []) {
    if (err) break;
    const r = attach(dir, g.cg_item, true);
    if (typeof r === 'number') err = r;
  }
  if (err) { detach(item); return err; }
  return dir;
}

function detach(item: config_item): void {
  kernfs_remove(item.ci_dentry as kernfs_node | null);
  const clear = (i: config_item): void => {
    i.ci_dentry = null;
    for (const g of to_config_group(i)?.default_groups ?? []) clear(g.cg_item);
  };
  clear(item);
}

/** client_drop_item: drop_item, when the group has one, does the put. */
function client_drop_item(parent: config_item, item: config_item): void {
  const drop = parent.ci_type?.ct_group_ops?.drop_item;
  if (drop) drop(to_config_group(parent)!, item);
  else config_item_put(item);
}

function client_disconnect_notify(parent: config_item, item: config_item): void {
  parent.ci_type?.ct_group_ops?.disconnect_notify?.(to_config_group(parent)!, item);
}

/** configfs_mkdir: the parent group makes the item (make_group before make_item); -EPERM where it makes none. */
function configfs_mkdir(parent: kernfs_node, name: string): number {
  const sd = sd_of(parent);
  const pgroup = sd ? to_config_group(sd.item) : null;
  if (!sd || !pgroup) return -EPERM;
  const ops = sd.item.ci_type?.ct_group_ops;
  if (!ops || (!ops.make_group && !ops.make_item)) return -EPERM;
  const subsys = pgroup.cg_subsys;
  if (!subsys?.su_group.cg_item.ci_type) return -EINVAL;
  const subsys_owner = owner_of(subsys.su_group.cg_item);
  if (!try_module_get(subsys_owner)) return -EINVAL;
  let item: config_item;
  let group: config_group | null = null;
  const made = ops.make_group ? ops.make_group(pgroup, name) : ops.make_item!(pgroup, name);
  if (made === null || typeof made === 'number') { module_put(subsys_owner); return made ?? -ENOMEM; }
  if ('cg_item' in made) { group = made; item = made.cg_item; link_group(pgroup, made, subsys); } else { item = made; link_obj(sd.item, item); }
  let ret = item.ci_type ? 0 : -EINVAL;
  const item_owner = ret ? null : owner_of(item);
  if (!ret && !try_module_get(item_owner)) ret = -EINVAL;
  if (!ret) {
    const dir = attach(parent, item, false);
    if (typeof dir === 'number') { ret = dir; module_put(item_owner); }
  }
  if (ret) {
    client_disconnect_notify(sd.item, item);
    if (group) unlink_group(group); else unlink_obj(item);
    client_drop_item(sd.item, item);
    module_put(subsys_owner);
  }
  return ret;
}

/** configfs_rmdir: a default group stays (-EPERM), an item with children stays (-ENOTEMPTY); else it is dropped. */
function configfs_rmdir(kn: kernfs_node): number {
  const sd = sd_of(kn);
  if (!sd) return -ENOENT;
  if (sd.default_group) return -EPERM;
  const item = sd.item, parent = item.ci_parent;
  if (!parent) return -EPERM;
  const has_children = (g: config_group | null): boolean => !!g && g.cg_children.some((c) => !g.default_groups.includes(to_config_group(c)!) || has_children(to_config_group(c)));
  if (has_children(to_config_group(item))) return -ENOTEMPTY;
  const subsys_owner = owner_of(to_config_group(parent)!.cg_subsys!.su_group.cg_item);
  const dead_owner = owner_of(item);
  config_item_get(item);
  detach(item);
  client_disconnect_notify(parent, item);
  const group = to_config_group(item);
  if (group) unlink_group(group); else unlink_obj(item);
  client_drop_item(parent, item);
  config_item_put(item);
  module_put(dead_owner);
  module_put(subsys_owner);
  return 0;
}

function configfs_tree(): kernfs_root {
  const root = simple_fs_root('configfs');
  root.syscall_ops ??= { mkdir: configfs_mkdir, rmdir: configfs_rmdir };
  if (!root.kn.priv) root.kn.priv = { item: configfsDirState().root.cg_item, default_group: true } satisfies configfs_dirent;
  return root;
}

/**
 * Kernel code may name a subsystem by its group's name alone (null_blk's nullb, whose items are not modelled): it
 * stands for an empty group of that name, made once per boot.
 */
export type configfs_subsystem_ref = configfs_subsystem | { readonly ci_namebuf: string };

function subsys_of(ref: configfs_subsystem_ref): configfs_subsystem {
  if ('su_group' in ref) return ref;
  const named = configfsDirState().named;
  let s = named.get(ref);
  if (!s) {
    const su_group = new_config_group();
    config_group_init_type_name(su_group, ref.ci_namebuf, {});
    s = { su_group };
    named.set(ref, s);
  }
  return s;
}

export function configfs_register_subsystem(ref: configfs_subsystem_ref): number {
  const subsys = subsys_of(ref);
  const st = configfsDirState();
  if (st.subsystems.has(subsys)) return -EEXIST;
  const err = configfs_pin_fs();
  if (err) return err;
  const tree = configfs_tree();
  link_group(st.root, subsys.su_group, subsys);
  const dir = attach(tree.kn, subsys.su_group.cg_item, true);
  if (typeof dir === 'number') {
    unlink_group(subsys.su_group);
    configfs_release_fs();
    return dir;
  }
  st.subsystems.add(subsys);
  return 0;
}

export function configfs_unregister_subsystem(ref: configfs_subsystem_ref): void {
  const subsys = subsys_of(ref);
  const st = configfsDirState();
  if (!st.subsystems.delete(subsys)) return;
  detach(subsys.su_group.cg_item);
  unlink_group(subsys.su_group);
  configfs_release_fs();
}
