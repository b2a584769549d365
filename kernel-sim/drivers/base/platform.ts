// Models linux/drivers/base/platform.c: the platform bus, platform devices with resources, platform drivers with id and OF match tables.
import type { KGen } from '../../include/linux/sched.ts';
import { EBUSY, EINVAL, ENODEV, ENOMEM, ENXIO, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { type bus_type, type device, type device_attribute, type device_driver, type device_node, type dev_pm_ops, call_maybe_gen } from './base.ts';
import { of_driver_match_device, of_device_modalias, of_device_uevent_modalias } from '../of/device.ts';
import { acpi_driver_match_device } from '../acpi/bus.ts';
import { acpi_device_modalias, acpi_device_uevent_modalias } from '../acpi/scan.ts';
import { device_alloc, device_initialize, device_add, device_del, put_device, get_device, dev_set_name, dev_name, dev_warn, dev_err_probe } from './core.ts';
import { bus_register, bus_for_each_dev } from './bus.ts';
import { driver_register, driver_unregister } from './driver.ts';

export const IORESOURCE_IO = 0x00000100, IORESOURCE_MEM = 0x00000200, IORESOURCE_REG = 0x00000300;
export const IORESOURCE_IRQ = 0x00000400, IORESOURCE_DMA = 0x00000800, IORESOURCE_BUS = 0x00001000;
export const IORESOURCE_TYPE_BITS = 0x00001f00;
export const PLATFORM_DEVID_NONE = -1, PLATFORM_DEVID_AUTO = -2;
export const PLATFORM_MODULE_PREFIX = 'platform:';

export interface resource { start: number; end: number; name?: string | null; flags: number }

export const resource_type = (r: resource): number => r.flags & IORESOURCE_TYPE_BITS;
export const resource_size = (r: resource): number => r.end - r.start + 1;

/** %pR: "[mem 0xfed00000-0xfed003ff]", "[io  0x03f8-0x03ff]", "[irq 4]". */
export function format_resource(r: resource): string {
  const t = resource_type(r);
  if (t === IORESOURCE_IRQ) return `[irq ${r.start}]`;
  if (t === IORESOURCE_IO) return `[io  0x${r.start.toString(16).padStart(4, '0')}-0x${r.end.toString(16).padStart(4, '0')}]`;
  if (t === IORESOURCE_MEM) return `[mem 0x${r.start.toString(16).padStart(8, '0')}-0x${r.end.toString(16).padStart(8, '0')}]`;
  return `[??? 0x${r.start.toString(16)}-0x${r.end.toString(16)} flags 0x${r.flags.toString(16)}]`;
}

export interface platform_device_id { name: string; driver_data?: unknown }

export interface platform_device {
  name: string;
  id: number;
  id_auto: boolean;
  dev: device;
  num_resources: number;
  resource: resource[];
  id_entry: platform_device_id | null;
  /** Claimed resources (inserted into the iomem/ioport trees). */
  claimed: resource[];
}

export interface platform_driver {
  probe?(pdev: platform_device): number | KGen<number>;
  remove?(pdev: platform_device): number | void | KGen<number | void>;
  shutdown?(pdev: platform_device): void;
  driver: device_driver;
  id_table?: platform_device_id[];
  prevent_deferred_probe?: boolean;
}

interface PlatformState { platform_bus: device | null; next_auto_id: number; claimed: { r: resource; owner: platform_device }[] }
const platformState = defineState<PlatformState>('platform', () => ({ platform_bus: null, next_auto_id: 0, claimed: [] }));

export function to_platform_device(dev: device): platform_device { return dev.container as platform_device; }
export function to_platform_driver(drv: device_driver): platform_driver { return (drv as unknown as { pdrv: platform_driver }).pdrv; }
export function platform_get_drvdata(pdev: platform_device): unknown { return pdev.dev.driver_data; }
export function platform_set_drvdata(pdev: platform_device, data: unknown): void { pdev.dev.driver_data = data; }
export function platform_bus_device(): device | null { return platformState().platform_bus; }

// ---- matching ---------------------------------------------------------------------

function platform_match_id(ids: platform_device_id[], pdev: platform_device): platform_device_id | null {
  const id = ids.find((x) => x.name === pdev.name) ?? null;
  if (id) pdev.id_entry = id;
  return id;
}

/** driver_override, then OF compatible, then ACPI ids, then the id table, then the driver's name (platform_match, in 6.1's order). */
function platform_match(dev: device, drv: device_driver): number {
  const pdev = to_platform_device(dev);
  const pdrv = to_platform_driver(drv);
  if (dev.driver_override) return dev.driver_override === drv.name ? 1 : 0;
  if (of_driver_match_device(dev, drv)) return 1;
  if (acpi_driver_match_device(dev, drv)) return 1;
  if (pdrv?.id_table) return platform_match_id(pdrv.id_table, pdev) ? 1 : 0;
  return pdev.name === drv.name ? 1 : 0;
}

/** An OF-style MODALIAS for a device with a node, an ACPI one ("acpi:QEMU0002:") for a device with a companion, else "platform:<name>" (platform_uevent). */
function platform_uevent(dev: device, env: kobj_uevent_env): number {
  let rc = of_device_uevent_modalias(dev, env);
  if (rc !== -ENODEV) return rc;
  rc = acpi_device_uevent_modalias(dev, env);
  if (rc !== -ENODEV) return rc;
  return add_uevent_var(env, `MODALIAS=${PLATFORM_MODULE_PREFIX}${to_platform_device(dev).name}`);
}

function* platform_probe(dev: device): KGen<number> {
  const pdrv = to_platform_driver(dev.driver!);
  const pdev = to_platform_device(dev);
  let ret = 0;
  if (pdrv.probe) ret = yield* call_maybe_gen(pdrv.probe(pdev));
  if (pdrv.prevent_deferred_probe && ret === -EPROBE_DEFER) { dev_warn(dev, 'probe deferral not supported'); ret = -ENXIO; }
  return ret;
}

function* platform_remove(dev: device): KGen<void> {
  const pdrv = to_platform_driver(dev.driver!);
  if (!pdrv.remove) return;
  const r = yield* call_maybe_gen(pdrv.remove(to_platform_device(dev)));
  if (typeof r === 'number' && r) dev_warn(dev, 'remove callback returned a non-zero value. This will be ignored.');
}

function platform_shutdown(dev: device): void {
  if (!dev.driver) return;
  to_platform_driver(dev.driver).shutdown?.(to_platform_device(dev));
}

const dev_attr_modalias: device_attribute = {
  name: 'modalias', mode: 0o444,
  show: (dev) => of_device_modalias(dev) ?? acpi_device_modalias(dev) ?? `${PLATFORM_MODULE_PREFIX}${to_platform_device(dev).name}\n`,
};

/** driver_override: only the named driver may bind (driver_set_override). */
export const dev_attr_driver_override: device_attribute = {
  name: 'driver_override', mode: 0o644,
  show: (dev) => `${dev.driver_override ?? '(null)'}\n`,
  store: (dev, _a, buf) => {
    if (buf.length >= 4096) return -EINVAL;
    const v = buf.replace(/\n$/, '');
    dev.driver_override = v.length ? v : null;
    return buf.length;
  },
};

const dev_attr_numa_node: device_attribute = { name: 'numa_node', mode: 0o444, show: () => '-1\n' };

export const platform_dev_group: attribute_group = {
  attrs: [dev_attr_modalias, dev_attr_numa_node, dev_attr_driver_override],
  // No NUMA node on this machine: numa_node stays hidden (platform_dev_attrs_visible).
  is_visible: (_k, a) => (a === dev_attr_numa_node ? 0 : a.mode),
};

const platform_dev_pm_ops: dev_pm_ops = {};

export const platform_bus_type: bus_type = {
  name: 'platform',
  dev_groups: [platform_dev_group],
  match: platform_match,
  uevent: platform_uevent,
  probe: platform_probe,
  remove: platform_remove,
  shutdown: platform_shutdown,
  pm: platform_dev_pm_ops,
};

/** platform_bus_init(): /sys/devices/platform and /sys/bus/platform. */
export function platform_bus_init(run: (g: KGen<number>) => number): number {
  const st = platformState();
  const pb = device_alloc();
  pb.init_name = 'platform';
  pb.release = () => { /* static */ };
  device_initialize(pb);
  const r = run(device_add(pb));
  if (r) { put_device(pb); return r; }
  st.platform_bus = pb;
  return bus_register(platform_bus_type);
}

// ---- devices ------------------------------------------------------------------------

function platform_device_release(dev: device): void { void dev; /* kfree(pa) */ }

/** A platform device not yet added (platform_device_alloc). */
export function platform_device_alloc(name: string, id: number): platform_device {
  const pdev = { name, id, id_auto: false, num_resources: 0, resource: [], id_entry: null, claimed: [] } as unknown as platform_device;
  pdev.dev = device_alloc(pdev);
  device_initialize(pdev.dev);
  pdev.dev.release = platform_device_release;
  return pdev;
}

export function platform_device_add_resources(pdev: platform_device, res: resource[]): number {
  pdev.resource = res.map((r) => ({ ...r }));
  pdev.num_resources = res.length;
  return 0;
}

export function platform_device_add_data(pdev: platform_device, data: unknown): number {
  pdev.dev.platform_data = data;
  return 0;
}

function claim_resources(pdev: platform_device): number {
  const st = platformState();
  for (let i = 0; i < pdev.resource.length; i++) {
    const r = pdev.resource[i];
    const t = resource_type(r);
    if (t !== IORESOURCE_MEM && t !== IORESOURCE_IO) continue;
    if (!r.name) r.name = dev_name(pdev.dev);
    const clash = st.claimed.find((c) => resource_type(c.r) === t && c.r.start <= r.end && r.start <= c.r.end);
    if (clash) {
      pr_err(`platform ${dev_name(pdev.dev)}: failed to claim resource ${i}: ${format_resource(r)}`);
      release_resources(pdev);
      return -EBUSY;
    }
    st.claimed.push({ r, owner: pdev });
    pdev.claimed.push(r);
  }
  return 0;
}

function release_resources(pdev: platform_device): void {
  const st = platformState();
  st.claimed = st.claimed.filter((c) => c.owner !== pdev);
  pdev.claimed = [];
}

/** Names the device, claims its resources and adds it under /sys/devices/platform (platform_device_add). */
export function* platform_device_add(pdev: platform_device): KGen<number> {
  const st = platformState();
  if (!pdev.dev.parent) pdev.dev.parent = st.platform_bus;
  pdev.dev.bus = platform_bus_type;
  if (pdev.id === PLATFORM_DEVID_AUTO) {
    pdev.id = st.next_auto_id++;
    pdev.id_auto = true;
    dev_set_name(pdev.dev, `${pdev.name}.${pdev.id}.auto`);
  } else if (pdev.id === PLATFORM_DEVID_NONE) dev_set_name(pdev.dev, pdev.name);
  else dev_set_name(pdev.dev, `${pdev.name}.${pdev.id}`);
  let r = claim_resources(pdev);
  if (r) return r;
  r = yield* device_add(pdev.dev);
  if (r) { release_resources(pdev); if (pdev.id_auto) { pdev.id = PLATFORM_DEVID_AUTO; pdev.id_auto = false; } }
  return r;
}

export function* platform_device_register(pdev: platform_device): KGen<number> {
  if (!pdev.dev) pdev.dev = device_alloc(pdev);
  if (!pdev.dev.kobj.state_initialized) { device_initialize(pdev.dev); if (!pdev.dev.release) pdev.dev.release = platform_device_release; }
  return yield* platform_device_add(pdev);
}

export function* platform_device_del(pdev: platform_device): KGen<void> {
  yield* device_del(pdev.dev);
  release_resources(pdev);
}

export function platform_device_put(pdev: platform_device | null): void { if (pdev) put_device(pdev.dev); }

export function* platform_device_unregister(pdev: platform_device): KGen<void> {
  yield* platform_device_del(pdev);
  platform_device_put(pdev);
}

export interface platform_device_info {
  parent?: device | null;
  name: string;
  id?: number;
  res?: resource[];
  data?: unknown;
  of_node?: device_node | null;
}

export function* platform_device_register_full(info: platform_device_info): KGen<platform_device | number> {
  const pdev = platform_device_alloc(info.name, info.id ?? PLATFORM_DEVID_NONE);
  pdev.dev.parent = info.parent ?? null;
  pdev.dev.of_node = info.of_node ?? null;
  platform_device_add_resources(pdev, info.res ?? []);
  if (info.data !== undefined) platform_device_add_data(pdev, info.data);
  const r = yield* platform_device_add(pdev);
  if (r) { platform_device_put(pdev); return r; }
  return pdev;
}

export function* platform_device_register_simple(name: string, id: number, res: resource[] = []): KGen<platform_device | number> {
  return yield* platform_device_register_full({ name, id, res });
}

export function* platform_device_register_data(parent: device | null, name: string, id: number, data: unknown): KGen<platform_device | number> {
  return yield* platform_device_register_full({ parent, name, id, data });
}

// ---- resources for drivers --------------------------------------------------------

export function platform_get_resource(pdev: platform_device, type: number, num: number): resource | null {
  for (const r of pdev.resource) if (resource_type(r) === type && num-- === 0) return r;
  return null;
}

export function platform_get_resource_byname(pdev: platform_device, type: number, name: string): resource | null {
  return pdev.resource.find((r) => resource_type(r) === type && r.name === name) ?? null;
}

export function platform_get_irq_optional(pdev: platform_device, num: number): number {
  const r = platform_get_resource(pdev, IORESOURCE_IRQ, num);
  if (!r) return -ENXIO;
  if (r.start === 0) return -EINVAL; // WARN(1, "0 is an invalid IRQ number")
  return r.start;
}

/** The num'th IRQ, or "IRQ index N not found" and -ENXIO (platform_get_irq). */
export function platform_get_irq(pdev: platform_device, num: number): number {
  const r = platform_get_irq_optional(pdev, num);
  if (r < 0) return dev_err_probe(pdev.dev, r, `IRQ index ${num} not found`);
  return r;
}

export function platform_irq_count(pdev: platform_device): number {
  return pdev.resource.filter((r) => resource_type(r) === IORESOURCE_IRQ).length;
}

// ---- drivers ------------------------------------------------------------------------

/** Registers a platform driver on the platform bus (__platform_driver_register). */
export function* __platform_driver_register(pdrv: platform_driver, owner: string | null = null): KGen<number> {
  pdrv.driver.owner = owner ?? pdrv.driver.owner ?? null;
  pdrv.driver.bus = platform_bus_type;
  (pdrv.driver as unknown as { pdrv: platform_driver }).pdrv = pdrv;
  return yield* driver_register(pdrv.driver);
}

export function* platform_driver_register(pdrv: platform_driver): KGen<number> {
  return yield* __platform_driver_register(pdrv, null);
}

export function* platform_driver_unregister(pdrv: platform_driver): KGen<void> {
  yield* driver_unregister(pdrv.driver);
}

/** module_platform_driver(): the module's init registers the driver, its exit unregisters it. */
export function module_platform_driver(pdrv: platform_driver, owner: string | null = null): { init: () => KGen<number>; exit: () => KGen<void> } {
  return {
    init: () => __platform_driver_register(pdrv, owner),
    exit: () => platform_driver_unregister(pdrv),
  };
}

export function platform_find_device_by_name(name: string): platform_device | null {
  const devs = bus_for_each_dev(platform_bus_type);
  const d = devs.find((x) => dev_name(x) === name);
  return d ? to_platform_device(d) : null;
}

export { ENOMEM, get_device };
