// Models linux/fs/configfs/item.c and include/linux/configfs.h's types: config_item / config_group with their kref, init and get/put.
//
// A config_item is the kernel object behind one configfs directory; its type says what the directory holds (attributes),
// what happens when its last reference goes (ct_item_ops->release) and, for a group, what mkdir makes (ct_group_ops).
// A module's items live in C memory: their reference count is read through `ci_kref` so C's inline kref ops agree.

/** One file of an item's directory (struct configfs_attribute): text shown into a page, a write stored. */
export interface configfs_attribute {
  ca_name: string;
  ca_mode: number;
  show?(item: config_item): string | number;
  store?(item: config_item, text: string): number;
}

export interface configfs_item_operations {
  release?(item: config_item): void;
}

export interface configfs_group_operations {
  /** Makes the item of a mkdir'ed name; an errno (ERR_PTR) or null (-ENOMEM) refuses it. */
  make_item?(group: config_group, name: string): config_item | number | null;
  make_group?(group: config_group, name: string): config_group | number | null;
  disconnect_notify?(group: config_group, item: config_item): void;
  /** Called by rmdir; responsible for the config_item_put of the dropped item. */
  drop_item?(group: config_group, item: config_item): void;
}

export interface config_item_type {
  ct_item_ops?: configfs_item_operations;
  ct_group_ops?: configfs_group_operations;
  ct_attrs?: configfs_attribute[];
  /** ct_owner: the module the type's code lives in (held while one of its items is mkdir'ed). */
  ct_owner?: unknown;
}

export interface config_item {
  ci_name: string;
  ci_kref: { refcount: number };
  ci_parent: config_item | null;
  ci_group: config_group | null;
  ci_type: config_item_type | null;
  /** The configfs directory standing for the item while it is attached (ci_dentry). */
  ci_dentry: unknown;
  /** Set on config_group's embedded item: the group it is the cg_item of. */
  group?: config_group;
}

export interface config_group {
  cg_item: config_item;
  cg_children: config_item[];
  cg_subsys: configfs_subsystem | null;
  /** Groups made with the group (configfs_add_default_group): their directories come and go with its own. */
  default_groups: config_group[];
}

/** struct configfs_subsystem: a top-level group, its directory at configfs's root. */
export interface configfs_subsystem {
  su_group: config_group;
}

export const to_config_group = (item: config_item | null): config_group | null => item?.group ?? null;

/** config_item_init: one reference, the caller's. */
export function config_item_init(item: config_item): void {
  item.ci_kref.refcount = 1;
}

export function config_item_set_name(item: config_item, name: string): void {
  item.ci_name = name;
}

export function config_item_init_type_name(item: config_item, name: string, type: config_item_type | null): void {
  config_item_set_name(item, name);
  item.ci_type = type;
  config_item_init(item);
}

export function config_group_init(group: config_group): void {
  config_item_init(group.cg_item);
  group.cg_item.group = group;
  group.cg_children.length = 0;
  group.default_groups.length = 0;
}

export function config_group_init_type_name(group: config_group, name: string, type: config_item_type | null): void {
  config_item_set_name(group.cg_item, name);
  group.cg_item.ci_type = type;
  config_group_init(group);
}

/** A detached item with no name and no type yet (what kzalloc gives a C module before its init call). */
export function new_config_item(kref: { refcount: number } = { refcount: 0 }): config_item {
  return { ci_name: '', ci_kref: kref, ci_parent: null, ci_group: null, ci_type: null, ci_dentry: null };
}

export function new_config_group(item: config_item = new_config_item()): config_group {
  const g: config_group = { cg_item: item, cg_children: [], cg_subsys: null, default_groups: [] };
  item.group = g;
  return g;
}

export function configfs_add_default_group(new_group: config_group, group: config_group): void {
  group.default_groups.push(new_group);
}

export function config_item_get(item: config_item | null): config_item | null {
  if (item) item.ci_kref.refcount++;
  return item;
}

export function config_item_get_unless_zero(item: config_item | null): config_item | null {
  return item && item.ci_kref.refcount > 0 ? config_item_get(item) : null;
}

/** config_item_cleanup: the type's release frees the item, then the references it held on its group and parent go. */
function config_item_cleanup(item: config_item): void {
  const release = item.ci_type?.ct_item_ops?.release;
  const s = item.ci_group, parent = item.ci_parent;
  item.ci_name = '';
  if (release) release(item);
  if (s) config_item_put(s.cg_item);
  if (parent) config_item_put(parent);
}

export function config_item_put(item: config_item | null): void {
  if (!item) return;
  if (--item.ci_kref.refcount === 0) config_item_cleanup(item);
}
