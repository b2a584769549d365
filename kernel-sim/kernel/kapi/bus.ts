// Models linux/drivers/base/bus.c and driver.c for a bus a module defines in C (struct bus_type): bus_register/bus_unregister, driver_register/driver_unregister of a module's struct device_driver on it, and lib/kobject_uevent.c's add_uevent_var on the struct kobj_uevent_env its uevent callback fills.
//
// The C bus becomes a kernel-sim bus_type whose match, uevent, probe, remove and shutdown run in the module with the
// C pointers (struct device * of the module's C devices, struct device_driver * of its C drivers), and whose
// dev_groups are the module's attributes. A C device joins it when device_add reads dev->bus (device_core.ts).
// really_probe sets dev->driver before the bus's probe as Linux does, so container_of(dev->driver, ...) works in C.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { bus_type_view, device_driver_view, device_view, kobj_uevent_env_view, struct_kobj_uevent_env } from '../../toolchain/layouts/views.generated.ts';
import { kread_cstr, kwrite_cstr } from '../../mm/kmem.ts';
import { kmalloc, kfree, __GFP_ZERO } from '../../mm/slab.ts';
import type { bus_type, device, device_driver } from '../../drivers/base/base.ts';
import { bus_register, bus_unregister } from '../../drivers/base/bus.ts';
import { driver_register, driver_unregister } from '../../drivers/base/driver.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { pr_err } from '../printk/printk.ts';
import { defineState } from '../state.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import type { module } from '../module/types.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { calling_module } from '../module/runtime.ts';
import { c_device_addr } from './device.ts';
import { c_dev_pm_ops } from './pm.ts';
import { c_device_groups } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

const busBridge = defineState('kapi-bus', () => ({
  buses: new Map<number, bus_type>(),
  drivers: new Map<number, device_driver>(),
  driver_addr: new Map<device_driver, number>(),
}));

/** The kernel-sim bus of the C struct bus_type at `a`, while it is registered. */
export function c_bus(a: number): bus_type | null { return busBridge().buses.get(a) ?? null; }

const c_driver_addr = (drv: device_driver | null | undefined): number => (drv ? busBridge().driver_addr.get(drv) ?? 0 : 0);

/** The C struct device of a device on a C bus (0 for one kernel-sim made: it cannot be the module's). */
const cdev = (dev: device): number => c_device_addr(dev) ?? 0;

/** A probe from C (the bus's, else the driver's): dev->driver points at the C driver first, as really_probe sets it. */
function c_probe(slot: number, mod: module | null) {
  return function* (dev: device): KGen<number> {
    const a = cdev(dev);
    if (!a) return -EINVAL;
    device_view(a).driver = c_driver_addr(dev.driver);
    const r = (yield* call_slot(slot, [a], 'probe', mod)) as number;
    if (r) device_view(a).driver = 0;
    return r;
  };
}

/** A remove from C; dev->driver is NULL afterwards, as device_unbind_cleanup leaves it. */
function c_remove(slot: number, mod: module | null) {
  return function* (dev: device): KGen<void> {
    const a = cdev(dev);
    if (!a) return;
    yield* call_slot(slot, [a], 'remove', mod);
    device_view(a).driver = 0;
  };
}

/**
 * The bus's uevent(dev, env) in C: it gets a struct kobj_uevent_env holding the variables so far (their count and
 * buffer use, so add_uevent_var's limits are Linux's), and what it adds joins the device's environment.
 */
function c_uevent(slot: number, mod: module | null) {
  return (dev: device, env: kobj_uevent_env): number => {
    const a = cdev(dev);
    if (!a) return 0;
    const e = kmalloc(struct_kobj_uevent_env.SIZE, __GFP_ZERO);
    if (!e) return -ENOMEM;
    const v = kobj_uevent_env_view(e);
    v.envp_idx = env.envp.length;
    v.buflen = env.buflen;
    const r = Number(call_slot_atomic(slot, [a, e], 'uevent', mod));
    let err = 0;
    for (let i = env.envp.length; i < v.envp_idx && !err; i++) err = add_uevent_var(env, kread_cstr(v.envp_at(i), struct_kobj_uevent_env.OFF.buflen - struct_kobj_uevent_env.OFF.buf));
    kfree(e);
    return r || err;
  };
}

/** The module's struct bus_type as kernel-sim's: name, dev_name, dev_groups and the callbacks it sets. */
function ts_bus(a: number, mod: module | null): bus_type {
  const v = bus_type_view(a);
  const { match, uevent, probe, remove, shutdown } = v;
  const dev_groups = c_device_groups(v.dev_groups, mod);
  return {
    name: kread_cstr(v.name, 64),
    ...(v.dev_name ? { dev_name: kread_cstr(v.dev_name, 64) } : {}),
    ...(dev_groups.length ? { dev_groups } : {}),
    ...(match ? { match: (dev: device, drv: device_driver) => {
      const d = cdev(dev), dr = c_driver_addr(drv);
      return d && dr ? Number(call_slot_atomic(match, [d, dr], 'match', mod)) : 0;
    } } : {}),
    ...(uevent ? { uevent: c_uevent(uevent, mod) } : {}),
    ...(probe ? { probe: c_probe(probe, mod) } : {}),
    ...(remove ? { remove: c_remove(remove, mod) } : {}),
    ...(shutdown ? { shutdown: (dev: device) => { const d = cdev(dev); if (d) call_slot_atomic(shutdown, [d], 'shutdown', mod); } } : {}),
  };
}

function c_bus_register(a: number): number {
  if (!a) return -EINVAL;
  const mod = calling_module();
  const bus = ts_bus(a, mod);
  const r = bus_register(bus);
  if (r) return r;
  busBridge().buses.set(a, bus);
  track_resource('bus', bus.name, () => { bus_unregister(bus); busBridge().buses.delete(a); }, mod);
  return 0;
}

function c_bus_unregister(a: number): void {
  const bus = c_bus(a);
  if (!bus) return;
  untrack_resource((r) => r.kind === 'bus' && r.name === bus.name);
  bus_unregister(bus);
  busBridge().buses.delete(a);
}

/** driver_register of a module's struct device_driver on a bus a module registered. */
function* c_driver_register(a: number): KGen<number> {
  if (!a) return -EINVAL;
  const mod = calling_module();
  const v = device_driver_view(a);
  const name = kread_cstr(v.name, 64);
  const bus = v.bus ? c_bus(v.bus) : null;
  if (!bus) {
    pr_err(`Driver '${name}' was unable to register with bus_type '${v.bus ? kread_cstr(bus_type_view(v.bus).name, 64) : '(null)'}' because the bus was not initialized.`);
    return -EINVAL;
  }
  const dev_groups = c_device_groups(v.dev_groups, mod);
  const pm = c_dev_pm_ops(v.pm, mod);
  const drv: device_driver = {
    name, bus, owner: mod?.name ?? null, suppress_bind_attrs: Boolean(v.suppress_bind_attrs),
    ...(v.probe ? { probe: c_probe(v.probe, mod) } : {}),
    ...(v.remove ? { remove: c_remove(v.remove, mod) } : {}),
    ...(dev_groups.length ? { dev_groups } : {}),
    ...(pm ? { pm } : {}),
  };
  const st = busBridge();
  // Bound before registering: the driver may probe devices already on the bus, and their probe reads dev->driver.
  st.drivers.set(a, drv);
  st.driver_addr.set(drv, a);
  const r = yield* driver_register(drv);
  if (r) { st.drivers.delete(a); st.driver_addr.delete(drv); return r; }
  track_resource('driver', name, () => { const g = driver_unregister(drv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  return 0;
}

function* c_driver_unregister(a: number): KGen<void> {
  const st = busBridge();
  const drv = st.drivers.get(a);
  if (!drv) return;
  untrack_resource((r) => r.kind === 'driver' && r.name === drv.name);
  yield* driver_unregister(drv);
  st.drivers.delete(a);
  st.driver_addr.delete(drv);
}

/** add_uevent_var(env, fmt, ...) on a C struct kobj_uevent_env: lib/kobject_uevent.c's limits and WARNs. */
function c_add_uevent_var(e: number, fmt: number, va: number): number {
  const v = kobj_uevent_env_view(e);
  const NUM_ENVP = (struct_kobj_uevent_env.OFF.envp_idx - struct_kobj_uevent_env.OFF.envp) / 4;
  const BUF = struct_kobj_uevent_env.OFF.buflen - struct_kobj_uevent_env.OFF.buf;
  if (v.envp_idx >= NUM_ENVP) {
    __warn('lib/kobject_uevent.c', 675, 'add_uevent_var', 'add_uevent_var: too many keys');
    return -ENOMEM;
  }
  const s = vsprintf(kread_cstr(fmt, 1024), new va_list(va));
  const len = new TextEncoder().encode(s).length;
  if (len >= BUF - v.buflen) {
    __warn('lib/kobject_uevent.c', 686, 'add_uevent_var', 'add_uevent_var: buffer size too small');
    return -ENOMEM;
  }
  const at = e + struct_kobj_uevent_env.OFF.buf + v.buflen;
  kwrite_cstr(at, s);
  v.set_envp_at(v.envp_idx, at);
  v.envp_idx += 1;
  v.buflen += len + 1;
  return 0;
}

export const ksymtab = EXPORT_KAPI({
  bus_register: c_bus_register,
  bus_unregister: c_bus_unregister,
  driver_register: c_driver_register,
  driver_unregister: c_driver_unregister,
  add_uevent_var: c_add_uevent_var,
});
