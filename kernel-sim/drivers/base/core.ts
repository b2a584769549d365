// Models linux/drivers/base/core.c: struct device's life (initialize, add, del, release), its sysfs directory, attributes, class links, /sys/dev entries, devtmpfs nodes and uevents.
import { printkState } from '../../kernel/printk/printk.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { EINVAL, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { printk, KERN_ERR, KERN_WARNING, KERN_INFO, KERN_NOTICE, KERN_DEBUG, KERN_CRIT, KERN_EMERG, KERN_ALERT } from '../../kernel/printk/printk.ts';
import {
  kobject_alloc, kobject_init, kobject_add, kobject_del, kobject_get, kobject_put, kobject_set_name, kobject_get_path,
  kobject_create_and_add, kset_create_and_add, kobject_rename, kobject_move, type kobject, type kset, type kobj_type, type kset_uevent_ops,
} from '../../lib/kobject.ts';
import { kobject_uevent, kobject_uevent_vars, kobject_synth_uevent, add_uevent_var, KOBJ_ADD, KOBJ_REMOVE, KOBJ_ONLINE, KOBJ_OFFLINE, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import { sysfs_create_file, sysfs_remove_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_groups, sysfs_remove_groups } from '../../fs/sysfs/group.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { of_device_uevent } from '../of/device.ts';
import type { attribute, attribute_group, sysfs_ops } from '../../fs/sysfs/sysfs.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import type { device, device_attribute, class_ } from './base.ts';
import { bus_add_device, bus_probe_device, bus_remove_device } from './bus.ts';
import { class_dir_get, class_dir_put, class_add_device, class_remove_device } from './class.ts';
import { devres_release_all, devres_report_leftovers } from './devres.ts';
import { dpm_sysfs_add, dpm_sysfs_remove, device_pm_init } from './power_sysfs.ts';
import { pm_runtime_remove } from './power/runtime.ts';
import { device_links_purge } from './devlink.ts';
import { run_sync } from './sync.ts';
import { class_p } from './private.ts';
import { mutex_init } from '../../kernel/locking/mutex.ts';

/** What device_add/device_del need from devtmpfs. devtmpfs.c sits above core.c (it asks core for a node's name), so driver_init installs it here. */
export interface devtmpfs_ops { create(dev: device): number; remove(dev: device): number }
const devtmpfsOps = defineState('devtmpfs ops', () => ({ ops: null as devtmpfs_ops | null }));
export function install_devtmpfs_ops(ops: devtmpfs_ops): void { devtmpfsOps().ops = ops; }

interface CoreState {
  devices_kset: kset | null;
  dev_kobj: kobject | null;
  sysfs_dev_char_kobj: kobject | null;
  sysfs_dev_block_kobj: kobject | null;
  virtual_dir: kobject | null;
  /** Every device that went through device_add and not device_del, in order. */
  all: device[];
}
export const coreState = defineState<CoreState>('driver_core', () => ({
  devices_kset: null, dev_kobj: null, sysfs_dev_char_kobj: null, sysfs_dev_block_kobj: null, virtual_dir: null, all: [],
}));

export function dev_name(dev: device): string { return dev.kobj.name || dev.init_name || ''; }
export function to_dev(kobj: kobject): device { return kobj.container as device; }
export function dev_get_drvdata(dev: device): unknown { return dev.driver_data; }
export function dev_set_drvdata(dev: device, data: unknown): void { dev.driver_data = data; }
export function device_is_registered(dev: device): boolean { return dev.kobj.state_in_sysfs; }

/** "serial8250" for a platform device bound to it; else its bus or class name (dev_driver_string). */
export function dev_driver_string(dev: device): string {
  return dev.driver?.name ?? dev.bus?.name ?? dev.class?.name ?? '';
}

function dev_printk(level: string, dev: device, msg: string): void {
  printk(`${level}${dev_driver_string(dev)} ${dev_name(dev)}: ${msg}`);
}
export const dev_emerg = (d: device, m: string): void => dev_printk(KERN_EMERG, d, m);
export const dev_alert = (d: device, m: string): void => dev_printk(KERN_ALERT, d, m);
export const dev_crit = (d: device, m: string): void => dev_printk(KERN_CRIT, d, m);
export const dev_err = (d: device, m: string): void => dev_printk(KERN_ERR, d, m);
export const dev_warn = (d: device, m: string): void => dev_printk(KERN_WARNING, d, m);
export const dev_notice = (d: device, m: string): void => dev_printk(KERN_NOTICE, d, m);
export const dev_info = (d: device, m: string): void => dev_printk(KERN_INFO, d, m);
/** dev_dbg(): a dynamic-debug call site, silent unless dyndbg enabled it. */
export const dev_dbg = (d: device, m: string): void => { if (printkState().dynamic_debug) dev_printk(KERN_DEBUG, d, m); };

/** dev_err_probe(): logs unless deferring, records the deferral reason, returns err. */
export function dev_err_probe(dev: device, err: number, msg: string): number {
  if (err === -517) { if (dev.p) dev.p.deferred_probe_reason = msg; dev_dbg(dev, `error ${err}: ${msg}`); }
  else dev_err(dev, `error ${err}: ${msg}`);
  return err;
}

// ---- sysfs_ops and ktype ----------------------------------------------------

const dev_sysfs_ops: sysfs_ops = {
  show(kobj, attr) {
    const a = attr as device_attribute;
    return a.show ? a.show(to_dev(kobj), a) : -5;
  },
  store(kobj, attr, buf) {
    const a = attr as device_attribute;
    return a.store ? a.store(to_dev(kobj), a, buf) : -5;
  },
};

/** device_release: the device's, its type's or its class's release; none is a bug the kernel WARNs about. */
function device_release(kobj: kobject): void {
  const dev = to_dev(kobj);
  devres_report_leftovers(dev);
  devres_release_all(dev);
  if (dev.release) dev.release(dev);
  else if (dev.type?.release) dev.type.release(dev);
  else if (dev.class?.dev_release) dev.class.dev_release(dev);
  else __warn('drivers/base/core.c', 2337, 'device_release', `Device '${dev_name(dev)}' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.`, ['kobject_put', 'put_device']);
  trace_event('device', 'device_release', { dev: dev_name(dev) });
}

export const device_ktype: kobj_type = { release: device_release, sysfs_ops: dev_sysfs_ops };

// ---- uevents ------------------------------------------------------------------

/** Devices announce themselves only with a bus or a class (dev_uevent_filter). */
function dev_uevent_filter(kobj: kobject): boolean {
  if (kobj.ktype !== device_ktype) return false;
  const dev = to_dev(kobj);
  return !!(dev.bus || dev.class);
}

function dev_uevent_name(kobj: kobject): string | null {
  const dev = to_dev(kobj);
  return dev.bus?.name ?? dev.class?.name ?? null;
}

/** The /dev name, mode and owner a device's node gets (device_get_devnode). */
export function device_get_devnode(dev: device): { name: string; mode: number } | null {
  let mode = 0;
  const fromType = dev.type?.devnode?.(dev);
  const fromClass = fromType ? null : dev.class?.devnode?.(dev);
  const d = fromType ?? fromClass;
  if (d?.mode) mode = d.mode;
  if (d?.name) return { name: d.name, mode };
  const n = dev_name(dev);
  if (!n) return null;
  return { name: n.replace(/!/g, '/'), mode };
}

/** MAJOR, MINOR, DEVNAME, DEVMODE, DEVTYPE, DRIVER, OF_*, then the bus, class and type additions (dev_uevent). */
export function dev_uevent(kobj: kobject, env: kobj_uevent_env): number {
  const dev = to_dev(kobj);
  let r = 0;
  if (MAJOR(dev.devt)) {
    r = add_uevent_var(env, `MAJOR=${MAJOR(dev.devt)}`) || add_uevent_var(env, `MINOR=${MINOR(dev.devt)}`);
    const node = device_get_devnode(dev);
    if (node) {
      r = r || add_uevent_var(env, `DEVNAME=${node.name}`);
      if (node.mode) r = r || add_uevent_var(env, `DEVMODE=0${(node.mode & 0o777).toString(8)}`);
    }
  }
  if (dev.type?.name) r = r || add_uevent_var(env, `DEVTYPE=${dev.type.name}`);
  if (dev.driver) r = r || add_uevent_var(env, `DRIVER=${dev.driver.name}`);
  r = r || of_device_uevent(dev, env);

  if (r) return r;
  if (dev.bus?.uevent) { r = dev.bus.uevent(dev, env); if (r) return r; }
  if (dev.class?.dev_uevent) { r = dev.class.dev_uevent(dev, env); if (r) return r; }
  if (dev.type?.uevent) { r = dev.type.uevent(dev, env); if (r) return r; }
  return 0;
}

export const device_uevent_ops: kset_uevent_ops = { filter: dev_uevent_filter, name: dev_uevent_name, uevent: dev_uevent };

function uevent_show(dev: device): string | number {
  const vars = kobject_uevent_vars(dev.kobj);
  if (typeof vars === 'number') return vars;
  // Devices without bus or class show nothing (the filter drops them).
  if (!dev_uevent_filter(dev.kobj)) return '';
  return vars.map((v) => v + '\n').join('');
}

export const dev_attr_uevent: device_attribute = {
  name: 'uevent', mode: 0o644,
  show: (dev) => uevent_show(dev),
  store: (dev, _a, buf) => {
    const r = kobject_synth_uevent(dev.kobj, buf);
    if (r) { dev_err(dev, `uevent: failed to send synthetic uevent: ${r}`); return r; }
    return buf.length;
  },
};

export const dev_attr_dev: device_attribute = {
  name: 'dev', mode: 0o444,
  show: (dev) => `${MAJOR(dev.devt)}:${MINOR(dev.devt)}\n`,
};

export function device_create_file(dev: device, attr: device_attribute): number {
  return sysfs_create_file(dev.kobj, attr);
}
export function device_remove_file(dev: device, attr: attribute): void { sysfs_remove_file(dev.kobj, attr); }
export function device_add_groups(dev: device, groups: attribute_group[] | undefined): number { return sysfs_create_groups(dev.kobj, groups); }
export function device_remove_groups(dev: device, groups: attribute_group[] | undefined): void { sysfs_remove_groups(dev.kobj, groups); }

// ---- life cycle -------------------------------------------------------------

/** A zeroed struct device (what kzalloc gives a driver) embedded in `container`. */
export function device_alloc(container: unknown = null): device {
  const dev = {
    parent: null, p: null, init_name: null, type: null, bus: null, driver: null, driver_data: null, platform_data: null, of_node: null,
    devt: 0, id: 0, class: null, release: null, devres_head: [], links: { suppliers: [], consumers: [] }, can_match: false,
    probe_state: 'unbound', probe_err: 0, driver_override: null,
    power: { async_suspend: false, runtime_status: 'unsupported', runtime_enabled: false, usage_count: 0, control: 'auto', can_wakeup: false },
    container, glue_dir: null, power_kn: null, mutex: mutex_init('&dev->mutex'),
  } as unknown as device;
  dev.kobj = kobject_alloc(dev);
  return dev;
}

export function device_initialize(dev: device): void {
  dev.kobj.kset = coreState().devices_kset;
  kobject_init(dev.kobj, device_ktype);
  dev.devres_head = [];
  dev.links = { suppliers: [], consumers: [] };
  device_pm_init(dev);
}

export function dev_set_name(dev: device, name: string): number { return kobject_set_name(dev.kobj, name); }

export function get_device(dev: device | null): device | null {
  return dev ? (kobject_get(dev.kobj) ? dev : null) : null;
}
export function put_device(dev: device | null): void { if (dev) kobject_put(dev.kobj); }

/** /sys/devices/virtual: where class devices without a parent live. */
function virtual_device_parent(): kobject {
  const st = coreState();
  if (!st.virtual_dir) st.virtual_dir = kobject_create_and_add('virtual', st.devices_kset!.kobj);
  return st.virtual_dir!;
}

/** Where in sysfs the device goes (get_device_parent): class devices get a glue directory. */
function get_device_parent(dev: device, parent: device | null): kobject | null {
  if (dev.class) {
    if (!parent) return class_dir_get(dev.class, virtual_device_parent());
    if (parent.class) return parent.kobj;
    return class_dir_get(dev.class, parent.kobj);
  }
  if (!parent && dev.bus?.dev_root) return dev.bus.dev_root.kobj;
  if (parent) return parent.kobj;
  return null;
}

function device_add_class_symlinks(dev: device): number {
  // A link to the device's node under /sys/firmware/devicetree; a failure here does not fail the add.
  if (dev.of_node?.kobj.sd && sysfs_create_link(dev.kobj, dev.of_node.kobj, 'of_node')) dev_warn(dev, 'Error creating of_node link');
  if (!dev.class) return 0;
  const cls = class_p(dev.class)!.subsys.kobj;
  let r = sysfs_create_link(dev.kobj, cls, 'subsystem');
  if (r) return r;
  if (dev.parent) { r = sysfs_create_link(dev.kobj, dev.parent.kobj, 'device'); if (r) return r; }
  return sysfs_create_link(cls, dev.kobj, dev_name(dev));
}

function device_remove_class_symlinks(dev: device): void {
  if (dev.of_node?.kobj.sd) sysfs_remove_link(dev.kobj, 'of_node');
  if (!dev.class) return;
  if (dev.parent) sysfs_remove_link(dev.kobj, 'device');
  sysfs_remove_link(dev.kobj, 'subsystem');
  sysfs_remove_link(class_p(dev.class)!.subsys.kobj, dev_name(dev));
}

function device_add_attrs(dev: device): number {
  return device_add_groups(dev, dev.class?.dev_groups) || device_add_groups(dev, dev.type?.groups) || device_add_groups(dev, dev.groups);
}

function device_remove_attrs(dev: device): void {
  device_remove_groups(dev, dev.groups);
  device_remove_groups(dev, dev.type?.groups);
  device_remove_groups(dev, dev.class?.dev_groups);
}

function sys_dev_kobj(dev: device): kobject | null {
  const st = coreState();
  return dev.class?.name === 'block' ? st.sysfs_dev_block_kobj : st.sysfs_dev_char_kobj;
}

function format_dev_t(dev: device): string { return `${MAJOR(dev.devt)}:${MINOR(dev.devt)}`; }

/** Adds a device to the model: sysfs directory and files, bus and class, /dev node, uevent, then a driver (device_add). */
export function* device_add(dev: device): KGen<number> {
  return yield* __device_add(dev);
}

function* __device_add(dev: device): KGen<number> {
  if (!get_device(dev)) return -EINVAL;
  if (!dev.p) dev.p = { klist_children: [], dead: false, deferred: false, deferred_probe_reason: null, device: dev };
  if (dev.init_name) { dev_set_name(dev, dev.init_name); dev.init_name = null; }
  if (!dev_name(dev) && dev.bus?.dev_name) dev_set_name(dev, `${dev.bus.dev_name}${dev.id}`);
  if (!dev_name(dev)) { put_device(dev); return -EINVAL; }
  const parent = get_device(dev.parent);
  const kparent = get_device_parent(dev, parent);
  // Glue directories come referenced; the device drops that reference in cleanup_glue.
  dev.glue_dir = kparent && kparent !== parent?.kobj && kparent !== dev.bus?.dev_root?.kobj ? kparent : null;
  // A parent set on the kobject beforehand stays when get_device_parent has none (subsys_system_register's root under /sys/devices/system).
  let error = kobject_add(dev.kobj, kparent ?? dev.kobj.parent, dev_name(dev));
  if (error) { cleanup_glue(dev); put_device(parent); put_device(dev); return error; }
  error = device_create_file(dev, dev_attr_uevent)
    || device_add_class_symlinks(dev)
    || device_add_attrs(dev)
    || bus_add_device(dev)
    || dpm_sysfs_add(dev);
  if (!error && MAJOR(dev.devt)) {
    error = device_create_file(dev, dev_attr_dev);
    const sd = sys_dev_kobj(dev);
    if (!error && sd) error = sysfs_create_link(sd, dev.kobj, format_dev_t(dev));
    if (!error) devtmpfsOps().ops?.create(dev);
  }
  if (error) {
    unwind_add(dev);
    put_device(parent);
    put_device(dev);
    return error;
  }
  coreState().all.push(dev);
  trace_event('device', 'device_add', { dev: dev_name(dev), devpath: kobject_get_path(dev.kobj), bus: dev.bus?.name ?? null, class: dev.class?.name ?? null, parent: parent ? dev_name(parent) : null });
  kobject_uevent(dev.kobj, KOBJ_ADD);
  if (parent) parent.p!.klist_children.push(dev);
  if (dev.class) class_add_device(dev);
  yield* bus_probe_device(dev);
  put_device(dev);
  return 0;
}

function unwind_add(dev: device): void {
  if (MAJOR(dev.devt)) {
    devtmpfsOps().ops?.remove(dev);
    const sd = sys_dev_kobj(dev);
    if (sd) sysfs_remove_link(sd, format_dev_t(dev));
    device_remove_file(dev, dev_attr_dev);
  }
  dpm_sysfs_remove(dev);
  device_remove_attrs(dev);
  device_remove_class_symlinks(dev);
  device_remove_file(dev, dev_attr_uevent);
  kobject_del(dev.kobj);
  cleanup_glue(dev);
}

function cleanup_glue(dev: device): void {
  if (dev.glue_dir) { class_dir_put(dev.glue_dir); dev.glue_dir = null; }
}

export function* device_register(dev: device): KGen<number> {
  device_initialize(dev);
  return yield* device_add(dev);
}

/** Takes a device out of the model: driver unbound, files, links and node removed, REMOVE uevent (device_del). */
export function* device_del(dev: device): KGen<void> {
  const parent = dev.parent;
  if (dev.p) dev.p.dead = true;
  device_links_purge(dev);
  if (MAJOR(dev.devt)) {
    devtmpfsOps().ops?.remove(dev);
    const sd = sys_dev_kobj(dev);
    if (sd) sysfs_remove_link(sd, format_dev_t(dev));
    device_remove_file(dev, dev_attr_dev);
  }
  if (dev.class) { device_remove_class_symlinks(dev); class_remove_device(dev); }
  device_remove_file(dev, dev_attr_uevent);
  device_remove_attrs(dev);
  yield* bus_remove_device(dev);
  dpm_sysfs_remove(dev);
  yield* pm_runtime_remove(dev); // device_pm_remove()
  if (parent?.p) parent.p.klist_children = parent.p.klist_children.filter((c) => c !== dev);
  trace_event('device', 'device_del', { dev: dev_name(dev), devpath: kobject_get_path(dev.kobj) });
  kobject_uevent(dev.kobj, KOBJ_REMOVE);
  const st = coreState();
  st.all = st.all.filter((d) => d !== dev);
  kobject_del(dev.kobj);
  cleanup_glue(dev);
  put_device(parent);
}

export function* device_unregister(dev: device): KGen<void> {
  yield* device_del(dev);
  put_device(dev);
}

/** Renames a device: sysfs directory, class link, MOVE uevent (device_rename). */
export function device_rename(dev: device, new_name: string): number {
  if (!dev.kobj.parent) return -EINVAL;
  const old = dev_name(dev);
  if (dev.class) sysfs_remove_link(class_p(dev.class)!.subsys.kobj, old);
  const r = kobject_rename(dev.kobj, new_name);
  if (dev.class) sysfs_create_link(class_p(dev.class)!.subsys.kobj, dev.kobj, dev_name(dev));
  return r;
}

export function device_move(dev: device, new_parent: device | null): number {
  const r = kobject_move(dev.kobj, new_parent ? new_parent.kobj : null);
  if (r) return r;
  if (dev.parent?.p) dev.parent.p.klist_children = dev.parent.p.klist_children.filter((c) => c !== dev);
  dev.parent = new_parent;
  new_parent?.p?.klist_children.push(dev);
  return 0;
}

export function device_online_uevent(dev: device, online: boolean): number {
  return kobject_uevent(dev.kobj, online ? KOBJ_ONLINE : KOBJ_OFFLINE);
}

// ---- device_create: class devices from a dev_t ------------------------------

function device_create_release(dev: device): void { void dev; /* kfree(dev) */ }

/** A class device with a dev_t and a /dev node, e.g. /sys/class/misc/edu (device_create_groups_vargs). */
export function* device_create_with_groups(cls: class_, parent: device | null, devt: number, drvdata: unknown, groups: attribute_group[] | undefined, name: string): KGen<device | number> {
  if (!cls || !class_p(cls)) return -ENODEV;
  const dev = device_alloc();
  device_initialize(dev);
  dev.devt = devt;
  dev.class = cls;
  dev.parent = parent;
  dev.groups = groups;
  dev.release = device_create_release;
  dev_set_drvdata(dev, drvdata);
  const r = dev_set_name(dev, name);
  if (r) { put_device(dev); return r; }
  const e = yield* device_add(dev);
  if (e) { put_device(dev); return e; }
  return dev;
}

export function* device_create(cls: class_, parent: device | null, devt: number, drvdata: unknown, name: string): KGen<device | number> {
  return yield* device_create_with_groups(cls, parent, devt, drvdata, undefined, name);
}

export function* device_destroy(cls: class_, devt: number): KGen<void> {
  const dev = class_p(cls)?.klist_devices.find((d) => d.devt === devt);
  if (dev) yield* device_unregister(dev);
}

/** Every registered device, in registration order. */
export function all_devices(): device[] { return coreState().all.slice(); }

export function device_find_by_path(devpath: string): device | null {
  return coreState().all.find((d) => kobject_get_path(d.kobj) === devpath) ?? null;
}

/** devices_init(): /sys/devices, /sys/dev, /sys/dev/block and /sys/dev/char. */
export function devices_init(): number {
  const st = coreState();
  st.devices_kset = kset_create_and_add('devices', device_uevent_ops, null);
  if (!st.devices_kset) return -ENOMEM;
  st.dev_kobj = kobject_create_and_add('dev', null);
  if (!st.dev_kobj) return -ENOMEM;
  st.sysfs_dev_block_kobj = kobject_create_and_add('block', st.dev_kobj);
  st.sysfs_dev_char_kobj = kobject_create_and_add('char', st.dev_kobj);
  return st.sysfs_dev_block_kobj && st.sysfs_dev_char_kobj ? 0 : -ENOMEM;
}

export function devices_kset(): kset { return coreState().devices_kset!; }

export { run_sync };
