// Models linux/drivers/of/kobj.c and of_core_init (base.c): /sys/firmware/devicetree/base, a directory per node and a binary file per property, and /proc/device-tree.
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { kobject_add, kset_create_and_add, type kobject, type kset } from '../../lib/kobject.ts';
import { sysfs_create_bin_file, sysfs_remove_bin_file } from '../../fs/sysfs/file.ts';
import { kernfs_find } from '../../fs/sysfs/kernfs.ts';
import type { bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { proc_symlink } from '../../fs/proc/generic.ts';
import { firmware_kobj } from '../base/init.ts';
import type { device_node, property } from '../base/base.ts';
import { of_allnodes, of_node_get, of_root } from './base.ts';

interface OfKobjState { of_kset: kset | null; attrs: WeakMap<property, bin_attribute> }
const st = defineState<OfKobjState>('of-kobj', () => ({ of_kset: null, attrs: new WeakMap() }));

/** of_node_is_attached(): the node has its sysfs directory. */
export function of_node_is_attached(np: device_node): boolean { return !!np.kobj.sd; }

/** of_node_kobj(): what a device's of_node link points at. */
export function of_node_kobj(np: device_node): kobject { return np.kobj; }

/** safe_name(): a name already taken in the directory gets "#1", "#2", ... */
function safe_name(parent: kobject, name: string): string {
  let n = name;
  for (let i = 1; parent.sd && kernfs_find(parent.sd, n); i++) n = `${name}#${i}`;
  return n;
}

/** __of_add_property_sysfs(): the value's bytes, mode 0400 for "security-*" properties. */
export function __of_add_property_sysfs(np: device_node, pp: property): number {
  if (!of_node_is_attached(np)) return 0;
  const secure = pp.name.startsWith('security-');
  const attr: bin_attribute = {
    attr: { name: safe_name(np.kobj, pp.name), mode: secure ? 0o400 : 0o444 },
    size: pp.length,
    read: (_k, _a, off, count) => pp.value.slice(Math.min(off, pp.length), Math.min(off + count, pp.length)),
  };
  st().attrs.set(pp, attr);
  return sysfs_create_bin_file(np.kobj, attr);
}

export function __of_remove_property_sysfs(np: device_node, pp: property): void {
  const attr = st().attrs.get(pp);
  if (attr && of_node_is_attached(np)) sysfs_remove_bin_file(np.kobj, attr);
}

/** __of_attach_node_sysfs(): the root is "base" under the devicetree kset, other nodes are named kbasename(full_name). */
export function __of_attach_node_sysfs(np: device_node): number {
  const kset = st().of_kset;
  if (!kset) return 0;
  np.kobj.kset = kset;
  const parent = np.parent ? np.parent.kobj : null;
  const name = np.parent ? safe_name(np.parent.kobj, np.full_name) : safe_name(kset.kobj, 'base');
  const r = kobject_add(np.kobj, parent, name);
  if (r) return r;
  for (const pp of np.properties) __of_add_property_sysfs(np, pp);
  of_node_get(np);
  return 0;
}

/** of_core_init() (from driver_init): the devicetree kset, every node's directory, and the /proc symlink userspace expects. */
export function of_core_init(): number {
  const k = kset_create_and_add('devicetree', null, firmware_kobj());
  if (!k) return -ENOMEM;
  st().of_kset = k;
  for (const np of of_allnodes()) __of_attach_node_sysfs(np);
  if (of_root()) proc_symlink('device-tree', null, '/sys/firmware/devicetree/base');
  return 0;
}

/** driver_init() calls of_core_init() after the firmware kobject; drivers/of links after drivers/base, so it runs right after driver_init. */
export const initcalls: initcall_entry[] = [['early', 'of_core_init', of_core_init, 15_000]];
