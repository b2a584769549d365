// Models linux/fs/sysfs/sysfs.h and include/linux/sysfs.h: attributes, groups, binary attributes and the sysfs root.
import type { KGen } from '../../include/linux/sched.ts';
import type { kobject } from '../../lib/kobject.ts';
import { defineState } from '../../kernel/state.ts';
import { kernfs_create_root, type kernfs_root, type kernfs_node } from './kernfs.ts';

export interface attribute { name: string; mode: number }

/** How a ktype turns attribute accesses into calls on its container (kobj_type.sysfs_ops). */
export interface sysfs_ops {
  show?(kobj: kobject, attr: attribute): string | number | KGen<string | number>;
  store?(kobj: kobject, attr: attribute, buf: string): number | KGen<number>;
}

export interface bin_attribute {
  attr: attribute;
  size: number;
  read?(kobj: kobject, attr: bin_attribute, off: number, count: number): Uint8Array | number | KGen<Uint8Array | number>;
  write?(kobj: kobject, attr: bin_attribute, data: Uint8Array, off: number): number | KGen<number>;
}

export interface attribute_group {
  /** A subdirectory for the group; unnamed groups put their files in the kobject's own directory. */
  name?: string;
  attrs?: attribute[];
  bin_attrs?: bin_attribute[];
  /** Returns the mode to create an attribute with, 0 to hide it. */
  is_visible?(kobj: kobject, attr: attribute, n: number): number;
}

/** Mode bits an attribute may carry (SYSFS_PREALLOC aside). */
export const S_IRUGO = 0o444, S_IWUSR = 0o200, S_IRUSR = 0o400, S_IWUGO = 0o222;

interface SysfsState { root: kernfs_root }
const sysfsState = defineState<SysfsState>('sysfs', () => ({ root: kernfs_create_root() }));

export function sysfs_root(): kernfs_root { return sysfsState().root; }
export function sysfs_root_kn(): kernfs_node { return sysfsState().root.kn; }
