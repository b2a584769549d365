// Models linux/drivers/base/base.h and include/linux/device.h, device/bus.h, device/driver.h, device/class.h: the driver model's structures.
import type { KGen } from '../../include/linux/sched.ts';
import type { kobject, kset } from '../../lib/kobject.ts';
import type { kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { attribute, attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { kernfs_node } from '../../fs/sysfs/kernfs.ts';
import type { mutex } from '../../kernel/locking/mutex.ts';
import type { dev_pm_ops, dev_pm_info } from './power/pm.ts';

export type probe_ret = number | KGen<number>;
export type void_ret = void | number | KGen<void | number>;

export type { dev_pm_ops };

export interface bus_type {
  name: string;
  /** Devices without a name get dev_name + id ("cpu0"). */
  dev_name?: string;
  /** The parent of devices registered without one (subsys_system_register). */
  dev_root?: device | null;
  bus_groups?: attribute_group[];
  dev_groups?: attribute_group[];
  drv_groups?: attribute_group[];
  /** > 0 match, 0 no match, -EPROBE_DEFER to try later. */
  match?(dev: device, drv: device_driver): number;
  uevent?(dev: device, env: kobj_uevent_env): number;
  probe?(dev: device): probe_ret;
  remove?(dev: device): void_ret;
  shutdown?(dev: device): void;
  online?(dev: device): number;
  offline?(dev: device): number;
  pm?: dev_pm_ops;
}

export interface class_ {
  name: string;
  owner?: string | null;
  class_groups?: attribute_group[];
  dev_groups?: attribute_group[];
  dev_uevent?(dev: device, env: kobj_uevent_env): number;
  /** /dev name and mode of a class device (misc_devnode, tty_devnode, mem_devnode). */
  devnode?(dev: device): { name?: string | null; mode?: number } | null;
  class_release?(cls: class_): void;
  dev_release?(dev: device): void;
  pm?: dev_pm_ops;
}

/** The private half of a bus or class (struct subsys_private), per machine: see private.ts's bus_p()/class_p(). */
export interface subsys_private {
  subsys: kset;
  devices_kset: kset | null;
  drivers_kset: kset | null;
  /** A class's glue directories under parents ("misc" under the PCI device). */
  glue_dirs: kset | null;
  klist_devices: device[];
  klist_drivers: device_driver[];
  drivers_autoprobe: boolean;
  bus: bus_type | null;
  class: class_ | null;
}

export type probe_type = 'PROBE_DEFAULT_STRATEGY' | 'PROBE_PREFER_ASYNCHRONOUS' | 'PROBE_FORCE_SYNCHRONOUS';

/** An of_device_id: a compatible string (and optional name/type) with driver data. */
export interface of_device_id { name?: string; type?: string; compatible?: string; data?: unknown }

export interface device_driver {
  name: string;
  bus?: bus_type | null;
  /** The module that provides the driver (its /sys/module/NAME link). */
  owner?: string | null;
  mod_name?: string | null;
  suppress_bind_attrs?: boolean;
  probe_type?: probe_type;
  of_match_table?: of_device_id[];
  probe?(dev: device): probe_ret;
  remove?(dev: device): void_ret;
  shutdown?(dev: device): void;
  groups?: attribute_group[];
  dev_groups?: attribute_group[];
  pm?: dev_pm_ops;
}

/** The private half of a driver (struct driver_private), per machine: see private.ts's drv_p(). */
export interface driver_private {
  kobj: kobject;
  klist_devices: device[];
  driver: device_driver;
}

export interface device_type {
  name?: string;
  groups?: attribute_group[];
  uevent?(dev: device, env: kobj_uevent_env): number;
  devnode?(dev: device): { name?: string | null; mode?: number } | null;
  release?(dev: device): void;
  pm?: dev_pm_ops;
}

/** struct property (include/linux/of.h): one DT property, its value as the flattened tree holds it (big-endian cells, NUL-terminated strings). */
export interface property { name: string; length: number; value: Uint8Array }

/** struct device_node (include/linux/of.h); drivers/of builds them (unflatten_device_tree, of_node_alloc). */
export interface device_node {
  /** The node name without its unit address ("gpio"): the "name" property. */
  name: string;
  /** The node name with its unit address ("gpio@fed70000"); "/" for the root. %pOF prints the path. */
  full_name: string;
  /** device_type, if any. */
  type?: string;
  /** The "compatible" strings, in order (kept with the property). */
  compatible: string[];
  properties: property[];
  parent: device_node | null;
  /** Children in tree order (Linux's child/sibling list). */
  child: device_node[];
  phandle: number;
  /** OF_DYNAMIC, OF_DETACHED, OF_POPULATED, OF_POPULATED_BUS bits. */
  _flags: number;
  /** Its directory under /sys/firmware/devicetree/base (of_node_kobj); its kref is of_node_get/put's. */
  kobj: kobject;
}

export interface device_attribute extends attribute {
  show?(dev: device, attr: device_attribute): string | number | KGen<string | number>;
  store?(dev: device, attr: device_attribute, buf: string): number | KGen<number>;
}

export interface driver_attribute extends attribute {
  show?(drv: device_driver): string | number;
  store?(drv: device_driver, buf: string): number | KGen<number>;
}

export interface bus_attribute extends attribute {
  show?(bus: bus_type): string | number;
  store?(bus: bus_type, buf: string): number | KGen<number>;
}

export interface class_attribute extends attribute {
  show?(cls: class_, attr: class_attribute): string | number;
  store?(cls: class_, attr: class_attribute, buf: string): number | KGen<number>;
}

export type probe_state = 'unbound' | 'probing' | 'bound' | 'deferred' | 'failed';

export interface device_private {
  klist_children: device[];
  /** Set once device_del started: no new bindings. */
  dead: boolean;
  deferred: boolean;
  /** Why the last probe deferred (dev_err_probe's message), for devices_deferred. */
  deferred_probe_reason: string | null;
  device: device;
}

export interface device_link {
  supplier: device;
  consumer: device;
  flags: number;
  status: number;
}

export interface devres_node {
  name: string;
  size: number;
  release: ((dev: device, data: unknown) => void) | null;
  data: unknown;
  /** Group markers (devres_open_group) carry an id. */
  group?: unknown;
  /** Opening or closing marker of a group. */
  marker?: 'open' | 'close';
}


export interface device {
  kobj: kobject;
  parent: device | null;
  p: device_private | null;
  init_name?: string | null;
  type?: device_type | null;
  bus?: bus_type | null;
  driver: device_driver | null;
  driver_data: unknown;
  platform_data: unknown;
  of_node: device_node | null;
  devt: number;
  id: number;
  class?: class_ | null;
  groups?: attribute_group[];
  release?: ((dev: device) => void) | null;
  devres_head: devres_node[];
  links: { suppliers: device_link[]; consumers: device_link[] };
  /** Whether a driver matched it at some point (deferred-probe bookkeeping). */
  can_match: boolean;
  probe_state: probe_state;
  /** errno of the last failed probe (positive). */
  probe_err: number;
  driver_override: string | null;
  power: dev_pm_info;
  /** The structure the device is embedded in (platform_device, miscdevice ...). */
  container: unknown;
  /** device_lock(): held around probe, remove and the sysfs bind/unbind of this device. */
  mutex: mutex;
  /** The glue directory a class device was put in, to clean it up after. */
  glue_dir: kobject | null;
  /** kernfs node of power/ (dpm_sysfs_add). */
  power_kn?: kernfs_node | null;
}

export const DL_FLAG_STATELESS = 1 << 0, DL_FLAG_AUTOREMOVE_CONSUMER = 1 << 1, DL_FLAG_PM_RUNTIME = 1 << 2;
export const DL_FLAG_RPM_ACTIVE = 1 << 3, DL_FLAG_AUTOREMOVE_SUPPLIER = 1 << 4, DL_FLAG_AUTOPROBE_CONSUMER = 1 << 5;
export const DL_FLAG_MANAGED = 1 << 6;
export const DL_STATE_DORMANT = 0, DL_STATE_AVAILABLE = 1, DL_STATE_CONSUMER_PROBE = 2, DL_STATE_ACTIVE = 3, DL_STATE_SUPPLIER_UNBIND = 4;
export const dl_state_names = ['dormant', 'available', 'consumer probing', 'active', 'supplier unbinding'];

export const GeneratorFunctionProto = Object.getPrototypeOf(function* () { /* marker */ });

/** Calls a callback that may be a plain function or a generator (a probe that sleeps). */
export function* call_maybe_gen<R>(r: R | KGen<R>): KGen<R> {
  if (r !== null && typeof r === 'object' && typeof (r as { next?: unknown }).next === 'function' && typeof (r as { throw?: unknown }).throw === 'function') {
    return yield* r as KGen<R>;
  }
  return r as R;
}
