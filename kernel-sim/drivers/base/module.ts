// Models linux/drivers/base/module.c (module_add_driver) and the /sys/module kset of kernel/params.c that it links into.
//
// The module loader (kernel/module) owns module kobjects once it exists; it
// takes over by calling set_module_kobject_provider(). Until then built-in
// drivers get the bare /sys/module/NAME directory Linux gives them.
import { defineState } from '../../kernel/state.ts';
import { kobject_alloc, kobject_init, kobject_add, kobject_create_and_add, kobject_put, type kobj_type, kset_create_and_add, kset_find_obj, type kobject, type kset, type kset_uevent_ops } from '../../lib/kobject.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { add_uevent_var } from '../../lib/kobject_uevent.ts';
import type { device_driver } from './base.ts';
import { drv_p } from './private.ts';

interface ModState {
  module_kset: kset | null;
  drivers_dirs: Map<kobject, kobject>;
  linked: Map<device_driver, kobject>;
}
const modState = defineState<ModState>('driver_module', () => ({ module_kset: null, drivers_dirs: new Map(), linked: new Map() }));

const module_ktype: kobj_type = { release: () => { /* built-in module kobjects live forever */ } };

/** Modules announce themselves with their name (module_uevent_ops). */
const module_uevent_ops: kset_uevent_ops = {
  filter: () => true,
  uevent: (kobj, env) => add_uevent_var(env, `MODULE=${kobj.name}`),
};

/** /sys/module (param_sysfs_init). */
export function param_sysfs_init(): number {
  const st = modState();
  if (!st.module_kset) st.module_kset = kset_create_and_add('module', module_uevent_ops, null);
  return st.module_kset ? 0 : -12;
}

export function module_kset(): kset | null { return modState().module_kset; }

/** Lets the module loader hand out its module kobjects. */
/** A registration made at module load (like an initcall provider), so it is not per-machine state. */
// kernel-static: a hook the module loader sets when it loads, the same for every boot
let provider: ((name: string) => kobject | null) | null = null;
export function set_module_kobject_provider(fn: (name: string) => kobject | null): void { provider = fn; }

/** The kobject of /sys/module/NAME, created for built-in code if missing (lookup_or_create_module_kobject). */
export function lookup_or_create_module_kobject(name: string): kobject | null {
  const st = modState();
  const p = provider?.(name);
  if (p) return p;
  if (!st.module_kset) return null;
  const found = kset_find_obj(st.module_kset, name);
  if (found) { kobject_put(found); return found; }
  const k = kobject_alloc();
  kobject_init(k, module_ktype);
  k.kset = st.module_kset;
  if (kobject_add(k, null, name)) { kobject_put(k); return null; }
  return k;
}

/** drivers/ under the module, with a BUS:DRIVER link, and the driver's "module" link (module_add_driver). */
export function module_add_driver(owner: string | null, drv: device_driver): void {
  const name = owner ?? drv.mod_name ?? null;
  const p = drv_p(drv);
  if (!name || !p) return;
  const st = modState();
  const mk = lookup_or_create_module_kobject(name);
  if (!mk) return;
  sysfs_create_link(p.kobj, mk, 'module');
  let dd = st.drivers_dirs.get(mk);
  if (!dd) { dd = kobject_create_and_add('drivers', mk) ?? undefined; if (dd) st.drivers_dirs.set(mk, dd); }
  if (dd) sysfs_create_link(dd, p.kobj, `${drv.bus?.name ?? ''}:${drv.name}`);
  st.linked.set(drv, mk);
}

export function module_remove_driver(drv: device_driver): void {
  const st = modState();
  const mk = st.linked.get(drv);
  const p = drv_p(drv);
  if (!mk || !p) return;
  sysfs_remove_link(p.kobj, 'module');
  const dd = st.drivers_dirs.get(mk);
  if (dd) sysfs_remove_link(dd, `${drv.bus?.name ?? ''}:${drv.name}`);
  st.linked.delete(drv);
}
