// Models linux/drivers/base/bus.c: /sys/bus, bus registration, devices and drivers on a bus, and the bind/unbind/drivers_probe/uevent files.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENODEV, ENOMEM, EEXIST } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import {
  kobject_init_and_add, kobject_alloc, kobject_del, kobject_put, kobject_set_name, kset_alloc, kset_register, kset_unregister,
  kset_create_and_add, to_kset, type kobject, type kset, type kobj_type, type kset_uevent_ops,
} from '../../lib/kobject.ts';
import { kobject_synth_uevent, kobject_uevent, KOBJ_ADD } from '../../lib/kobject_uevent.ts';
import { sysfs_create_file, sysfs_remove_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_groups, sysfs_remove_groups } from '../../fs/sysfs/group.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import type { sysfs_ops } from '../../fs/sysfs/sysfs.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import type { bus_type, bus_attribute, device, device_driver, driver_attribute, driver_private, subsys_private } from './base.ts';
import { dev_name, device_add_groups, device_remove_groups, devices_kset } from './core.ts';
import { device_initial_probe, device_release_driver, device_driver_attach, device_driver_detach, driver_attach, driver_detach, bus_rescan_devices_helper } from './dd.ts';
import { module_add_driver, module_remove_driver } from './module.ts';
import { bus_p, set_bus_p, drv_p, set_drv_p, bus_for_each_dev, bus_for_each_drv } from './private.ts';

const busState = defineState('bus', () => ({ bus_kset: null as kset | null, system_kset: null as kset | null, buses: [] as bus_type[] }));

function subsys_of(kobj: kobject): subsys_private { return (to_kset(kobj) as unknown as { priv: subsys_private }).priv; }

const bus_sysfs_ops: sysfs_ops = {
  show(kobj, attr) { const a = attr as bus_attribute; return a.show ? a.show(subsys_of(kobj).bus!) : -5; },
  store(kobj, attr, buf) { const a = attr as bus_attribute; return a.store ? a.store(subsys_of(kobj).bus!, buf) : -5; },
};

const bus_ktype: kobj_type = { sysfs_ops: bus_sysfs_ops, release: () => { /* kfree(priv) */ } };

/** Only the bus directories themselves send events: "add /bus/platform (bus)". */
const bus_uevent_ops: kset_uevent_ops = { filter: (kobj) => kobj.ktype === bus_ktype };

export function buses_init(): number {
  const st = busState();
  st.bus_kset = kset_create_and_add('bus', bus_uevent_ops, null);
  if (!st.bus_kset) return -ENOMEM;
  st.system_kset = kset_create_and_add('system', null, devices_kset().kobj);
  return st.system_kset ? 0 : -ENOMEM;
}

export function system_kset(): kset { return busState().system_kset!; }
export function all_buses(): bus_type[] { return busState().buses.slice(); }
export function bus_find_by_name(name: string): bus_type | null { return busState().buses.find((b) => b.name === name) ?? null; }

/** sysfs_streq: equal up to one trailing newline on either side. */
export function sysfs_streq(a: string, b: string): boolean {
  return a.replace(/\n$/, '') === b.replace(/\n$/, '');
}

export function bus_find_device_by_name(bus: bus_type, name: string): device | null {
  return bus_p(bus)?.klist_devices.find((d) => sysfs_streq(dev_name(d), name)) ?? null;
}

export { bus_for_each_dev, bus_for_each_drv };

// ---- bus files -----------------------------------------------------------------

const bus_attr_uevent: bus_attribute = {
  name: 'uevent', mode: 0o200,
  store: (bus, buf) => { const r = kobject_synth_uevent(bus_p(bus)!.subsys.kobj, buf); return r || buf.length; },
};

const bus_attr_drivers_probe: bus_attribute = {
  name: 'drivers_probe', mode: 0o200,
  store: function* (bus, buf) {
    const dev = bus_find_device_by_name(bus, buf);
    if (!dev) return -ENODEV;
    const r = yield* bus_rescan_devices_helper(dev);
    return r === 0 ? buf.length : -EINVAL;
  },
};

const bus_attr_drivers_autoprobe: bus_attribute = {
  name: 'drivers_autoprobe', mode: 0o644,
  show: (bus) => `${bus_p(bus)!.drivers_autoprobe ? 1 : 0}\n`,
  store: (bus, buf) => { bus_p(bus)!.drivers_autoprobe = !(buf.length && buf[0] === '0'); return buf.length; },
};

export function bus_register(bus: bus_type): number {
  const st = busState();
  if (!st.bus_kset) return -EINVAL;
  if (st.buses.some((b) => b.name === bus.name)) return -EEXIST;
  const subsys = kset_alloc();
  const priv: subsys_private = {
    subsys, devices_kset: null, drivers_kset: null, glue_dirs: null, klist_devices: [], klist_drivers: [], drivers_autoprobe: true, bus, class: null,
  };
  (subsys as unknown as { priv: subsys_private }).priv = priv;
  set_bus_p(bus, priv);
  kobject_set_name(subsys.kobj, bus.name);
  subsys.kobj.kset = st.bus_kset;
  subsys.kobj.ktype = bus_ktype;
  let r = kset_register(subsys);
  if (r) { set_bus_p(bus, null); return r; }
  r = sysfs_create_file(subsys.kobj, bus_attr_uevent);
  priv.devices_kset = kset_create_and_add('devices', null, subsys.kobj);
  priv.drivers_kset = kset_create_and_add('drivers', null, subsys.kobj);
  if (r || !priv.devices_kset || !priv.drivers_kset) { kset_unregister(subsys); set_bus_p(bus, null); return r || -ENOMEM; }
  r = sysfs_create_file(subsys.kobj, bus_attr_drivers_probe) || sysfs_create_file(subsys.kobj, bus_attr_drivers_autoprobe)
    || sysfs_create_groups(subsys.kobj, bus.bus_groups);
  if (r) { bus_unregister(bus); return r; }
  st.buses.push(bus);
  trace_event('device', 'bus_register', { bus: bus.name });
  return 0;
}

export function bus_unregister(bus: bus_type): void {
  const p = bus_p(bus);
  if (!p) return;
  sysfs_remove_groups(p.subsys.kobj, bus.bus_groups);
  sysfs_remove_file(p.subsys.kobj, bus_attr_drivers_probe);
  sysfs_remove_file(p.subsys.kobj, bus_attr_drivers_autoprobe);
  kset_unregister(p.drivers_kset);
  kset_unregister(p.devices_kset);
  sysfs_remove_file(p.subsys.kobj, bus_attr_uevent);
  kset_unregister(p.subsys);
  const st = busState();
  st.buses = st.buses.filter((b) => b !== bus);
  set_bus_p(bus, null);
}

/** A device joins its bus: bus attributes, bus/X/devices/NAME and the subsystem link (bus_add_device). */
export function bus_add_device(dev: device): number {
  const bus = dev.bus;
  if (!bus) return 0;
  const p = bus_p(bus);
  if (!p) return -EINVAL;
  let r = device_add_groups(dev, bus.dev_groups);
  if (r) return r;
  r = sysfs_create_link(p.devices_kset!.kobj, dev.kobj, dev_name(dev));
  if (r) { device_remove_groups(dev, bus.dev_groups); return r; }
  r = sysfs_create_link(dev.kobj, p.subsys.kobj, 'subsystem');
  if (r) { sysfs_remove_link(p.devices_kset!.kobj, dev_name(dev)); device_remove_groups(dev, bus.dev_groups); return r; }
  p.klist_devices.push(dev);
  return 0;
}

/** A new device looks for a driver when the bus autoprobes (bus_probe_device). */
export function* bus_probe_device(dev: device): KGen<void> {
  const p = dev.bus ? bus_p(dev.bus) : null;
  if (p?.drivers_autoprobe) yield* device_initial_probe(dev);
}

export function* bus_remove_device(dev: device): KGen<void> {
  const bus = dev.bus;
  const p = bus ? bus_p(bus) : null;
  if (!bus || !p) return;
  sysfs_remove_link(dev.kobj, 'subsystem');
  sysfs_remove_link(p.devices_kset!.kobj, dev_name(dev));
  device_remove_groups(dev, bus.dev_groups);
  p.klist_devices = p.klist_devices.filter((d) => d !== dev);
  yield* device_release_driver(dev);
}

// ---- drivers on the bus -----------------------------------------------------

function to_driver(kobj: kobject): device_driver { return (kobj.container as driver_private).driver; }

/** A driver directory's files reach their driver_attribute (bus.c's drv_attr_show/store). */
export const driver_sysfs_ops: sysfs_ops = {
  show(kobj, attr) { const a = attr as driver_attribute; return a.show ? a.show(to_driver(kobj)) : -5; },
  store(kobj, attr, buf) { const a = attr as driver_attribute; return a.store ? a.store(to_driver(kobj), buf) : -5; },
};

const driver_ktype: kobj_type = { sysfs_ops: driver_sysfs_ops, release: () => { /* kfree(drv_priv) */ } };

const driver_attr_uevent: driver_attribute = {
  name: 'uevent', mode: 0o200,
  store: (drv, buf) => { const r = kobject_synth_uevent(drv_p(drv)!.kobj, buf); return r || buf.length; },
};

/** echo NAME > /sys/bus/X/drivers/Y/bind: probe this driver on that device (bind_store). */
const driver_attr_bind: driver_attribute = {
  name: 'bind', mode: 0o200,
  store: function* (drv, buf) {
    const dev = bus_find_device_by_name(drv.bus!, buf);
    if (!dev || !driver_match(drv, dev)) return -ENODEV;
    const r = yield* device_driver_attach(drv, dev);
    return r ? r : buf.length;
  },
};

/** echo NAME > /sys/bus/X/drivers/Y/unbind: remove the driver from that device (unbind_store). */
const driver_attr_unbind: driver_attribute = {
  name: 'unbind', mode: 0o200,
  store: function* (drv, buf) {
    const dev = bus_find_device_by_name(drv.bus!, buf);
    if (!dev || dev.driver !== drv) return -ENODEV;
    yield* device_driver_detach(dev);
    return buf.length;
  },
};

function driver_match(drv: device_driver, dev: device): boolean {
  const m = drv.bus?.match ? drv.bus.match(dev, drv) : 1;
  return m > 0;
}

/** Registers a driver on its bus: /sys/bus/X/drivers/NAME, module link, files, ADD uevent, then binding (bus_add_driver). */
export function* bus_add_driver(drv: device_driver): KGen<number> {
  const bus = drv.bus;
  const bp = bus ? bus_p(bus) : null;
  if (!bus || !bp) return -EINVAL;
  const kobj = kobject_alloc();
  const priv = { kobj, klist_devices: [] as device[], driver: drv };
  kobj.container = priv;
  set_drv_p(drv, priv);
  kobj.kset = bp.drivers_kset;
  const r = kobject_init_and_add(kobj, driver_ktype, null, drv.name);
  if (r) { kobject_put(kobj); set_drv_p(drv, null); return r; }
  bp.klist_drivers.push(drv);
  trace_event('device', 'driver_register', { driver: drv.name, bus: bus.name });
  if (bp.drivers_autoprobe) {
    const e = yield* driver_attach(drv);
    if (e) { bp.klist_drivers = bp.klist_drivers.filter((d) => d !== drv); kobject_put(kobj); set_drv_p(drv, null); return e; }
  }
  module_add_driver(drv.owner ?? null, drv);
  let e = sysfs_create_file(kobj, driver_attr_uevent);
  if (e) pr_err(`bus_add_driver: uevent attr (${drv.name}) failed`);
  e = sysfs_create_groups(kobj, drv.groups) || sysfs_create_groups(kobj, bus.drv_groups);
  if (e) pr_err(`bus_add_driver: driver_add_groups(${drv.name}) failed`);
  if (!drv.suppress_bind_attrs) {
    e = sysfs_create_file(kobj, driver_attr_bind) || sysfs_create_file(kobj, driver_attr_unbind);
    if (e) pr_err(`bus_add_driver: add_bind_files(${drv.name}) failed`);
  }
  kobject_uevent(kobj, KOBJ_ADD);
  return 0;
}

export function* bus_remove_driver(drv: device_driver): KGen<void> {
  const bus = drv.bus;
  const bp = bus ? bus_p(bus) : null, dp = drv_p(drv);
  if (!bus || !bp || !dp) return;
  const kobj = dp.kobj;
  if (!drv.suppress_bind_attrs) { sysfs_remove_file(kobj, driver_attr_bind); sysfs_remove_file(kobj, driver_attr_unbind); }
  sysfs_remove_groups(kobj, bus.drv_groups);
  sysfs_remove_groups(kobj, drv.groups);
  sysfs_remove_file(kobj, driver_attr_uevent);
  yield* driver_detach(drv);
  module_remove_driver(drv);
  bp.klist_drivers = bp.klist_drivers.filter((d) => d !== drv);
  trace_event('device', 'driver_unregister', { driver: drv.name, bus: bus.name });
  kobject_del(kobj);
  kobject_put(kobj);
  set_drv_p(drv, null);
}

