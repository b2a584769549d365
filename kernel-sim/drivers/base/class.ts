// Models linux/drivers/base/class.c: /sys/class, class registration, class glue directories and class attributes.
import { EINVAL, ENOMEM, EEXIST } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import {
  kobject_alloc, kobject_init, kobject_add, kobject_del, kobject_get, kobject_put, kobject_set_name, kset_alloc, kset_init, kset_register,
  kset_unregister, kset_create_and_add, to_kset, type kobject, type kset, type kobj_type,
} from '../../lib/kobject.ts';
import { sysfs_create_groups, sysfs_remove_groups } from '../../fs/sysfs/group.ts';
import type { sysfs_ops } from '../../fs/sysfs/sysfs.ts';
import type { class_, class_attribute, device, subsys_private } from './base.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { class_p, set_class_p } from './private.ts';

const classState = defineState('class', () => ({ class_kset: null as kset | null, classes: [] as class_[] }));

function to_subsys_private(kobj: kobject): subsys_private { return (to_kset(kobj) as unknown as { priv: subsys_private }).priv; }

const class_sysfs_ops: sysfs_ops = {
  show(kobj, attr) { const a = attr as class_attribute; const cp = to_subsys_private(kobj); return a.show ? a.show(cp.class!, a) : -5; },
  store(kobj, attr, buf) { const a = attr as class_attribute; const cp = to_subsys_private(kobj); return a.store ? a.store(cp.class!, a, buf) : -5; },
};

const class_ktype: kobj_type = {
  sysfs_ops: class_sysfs_ops,
  release: (kobj) => { const cp = to_subsys_private(kobj); cp.class?.class_release?.(cp.class); },
};

const class_dir_ktype: kobj_type = { release: () => { /* kfree(dir) */ } };

export function classes_init(): number {
  const st = classState();
  st.class_kset = kset_create_and_add('class', null, null);
  return st.class_kset ? 0 : -ENOMEM;
}

export function class_kset(): kset | null { return classState().class_kset; }
export function all_classes(): class_[] { return classState().classes.slice(); }

export function class_register(cls: class_): number {
  const st = classState();
  if (!st.class_kset) return -EINVAL;
  if (st.classes.some((c) => c.name === cls.name)) {
    pr_err(`class '${cls.name}' already registered`);
    return -EEXIST;
  }
  const subsys = kset_alloc();
  const glue = kset_alloc();
  const cp: subsys_private = {
    subsys, devices_kset: null, drivers_kset: null, glue_dirs: glue, klist_devices: [], klist_drivers: [], drivers_autoprobe: false, bus: null, class: cls,
  };
  (subsys as unknown as { priv: subsys_private }).priv = cp;
  kobject_set_name(glue.kobj, 'glue_dirs');
  kset_init(glue);
  kobject_set_name(subsys.kobj, cls.name);
  subsys.kobj.kset = st.class_kset;
  subsys.kobj.ktype = class_ktype;
  set_class_p(cls, cp);
  const r = kset_register(subsys);
  if (r) { set_class_p(cls, null); return r; }
  const g = sysfs_create_groups(subsys.kobj, cls.class_groups);
  if (g) { kset_unregister(subsys); set_class_p(cls, null); return g; }
  st.classes.push(cls);
  return 0;
}

export function class_unregister(cls: class_): void {
  const cp = class_p(cls);
  if (!cp) return;
  sysfs_remove_groups(cp.subsys.kobj, cls.class_groups);
  const st = classState();
  st.classes = st.classes.filter((c) => c !== cls);
  kset_unregister(cp.subsys);
  set_class_p(cls, null);
}

/** A class with a kfree release, as class_create() makes them. */
export function class_create(name: string, owner: string | null = null): class_ | number {
  const cls: class_ = { name, owner, class_release: () => { /* kfree(cls) */ } };
  const r = class_register(cls);
  return r ? r : cls;
}

export function class_destroy(cls: class_ | null): void {
  if (cls) class_unregister(cls);
}

/** The "misc" directory under a parent that groups a class's devices (class_dir_create_and_add / get_device_parent). */
export function class_dir_get(cls: class_, parent: kobject): kobject | null {
  const glue = class_p(cls)!.glue_dirs!;
  const k = glue.list.find((x) => x.parent === parent);
  if (k) return kobject_get(k);
  const dir = kobject_alloc();
  kobject_init(dir, class_dir_ktype);
  dir.kset = glue;
  const r = kobject_add(dir, parent, cls.name);
  if (r) { kobject_put(dir); return null; }
  return dir;
}

/** Drops a device's hold on its glue directory; the last one leaves removes it (cleanup_glue_dir). */
export function class_dir_put(dir: kobject): void {
  const empty = !dir.sd || dir.sd.children.size === 0;
  if (empty && dir.kref.refcount === 1 && dir.state_in_sysfs) kobject_del(dir);
  kobject_put(dir);
}

export function class_add_device(dev: device): void { class_p(dev.class!)!.klist_devices.push(dev); }
export function class_remove_device(dev: device): void {
  const cp = class_p(dev.class!);
  if (cp) cp.klist_devices = cp.klist_devices.filter((d) => d !== dev);
}

export function class_find_device(cls: class_, match: (dev: device) => boolean): device | null {
  return class_p(cls)?.klist_devices.find(match) ?? null;
}

export function class_find_by_name(name: string): class_ | null {
  return classState().classes.find((c) => c.name === name) ?? null;
}
