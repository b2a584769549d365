// Models linux/drivers/pci/pci-driver.c: pci_bus_type, ID matching (static tables, dynamic new_id/remove_id, driver_override), probe/remove/shutdown, pci_register_driver and module_pci_driver.
import type { KGen } from '../../include/linux/sched.ts';
import { type pci_dev, type pci_driver, type pci_device_id, PCI_ANY_ID, to_pci_dev, pci_name } from '../../include/linux/pci.ts';
import { EINVAL, ENODEV, EEXIST } from '../../include/uapi/asm-generic/errno.ts';
import type { bus_type, device, device_driver, driver_attribute } from '../base/base.ts';
import { call_maybe_gen } from '../base/base.ts';
import { bus_register } from '../base/bus.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { dev_warn } from '../base/core.ts';
import { driver_attach } from '../base/dd.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import { pciState, pci_dynids } from './pci-state.ts';
import { pci_dev_groups, pci_bus_groups, pci_modalias } from './pci-sysfs.ts';
import { pci_dev_put_resources_on_unbind } from './pci.ts';
import { pm_runtime_get_sync, pm_runtime_put_noidle, pm_runtime_put_sync } from '../base/power/runtime.ts';
import { pci_dev_pm_ops } from './pci-pm.ts';

/** pci_match_one_device(). */
export function pci_match_one_device(id: pci_device_id, dev: pci_dev): boolean {
  return (id.vendor === PCI_ANY_ID || id.vendor === dev.vendor)
    && (id.device === PCI_ANY_ID || id.device === dev.device)
    && (id.subvendor === PCI_ANY_ID || id.subvendor === dev.subsystem_vendor)
    && (id.subdevice === PCI_ANY_ID || id.subdevice === dev.subsystem_device)
    && ((id.class ^ dev.class) & id.class_mask) === 0;
}

/** pci_match_id(): the first entry of a table (terminated by its end) that matches. */
export function pci_match_id(ids: pci_device_id[] | null, dev: pci_dev): pci_device_id | null {
  for (const id of ids ?? []) {
    if (!id.vendor && !id.subvendor && !id.class_mask) break; // { } terminator
    if (pci_match_one_device(id, dev)) return id;
  }
  return null;
}

export function to_pci_driver(drv: device_driver): pci_driver {
  return (drv as unknown as { pdrv: pci_driver }).pdrv;
}

const pci_device_id_any: pci_device_id = { vendor: PCI_ANY_ID, device: PCI_ANY_ID, subvendor: PCI_ANY_ID, subdevice: PCI_ANY_ID, class: 0, class_mask: 0, driver_data: 0 };

/** pci_match_device(): driver_override first, then dynamic IDs, then the static table. */
export function pci_match_device(drv: pci_driver, dev: pci_dev): pci_device_id | null {
  const override = dev.dev.driver_override;
  if (override && override !== drv.name) return null;
  for (const d of pci_dynids(drv)) if (pci_match_one_device(d.id, dev)) return d.id;
  const found = pci_match_id(drv.id_table, dev);
  if (found) return found;
  if (override === drv.name) return pci_device_id_any;
  return null;
}

function pci_bus_match(dev: device, drv: device_driver): number {
  const pdev = to_pci_dev(dev);
  if (!pdev.match_driver) return 0;
  return pci_match_device(to_pci_driver(drv), pdev) ? 1 : 0;
}

/** pci_uevent(): PCI_CLASS, PCI_ID, PCI_SUBSYS_ID, PCI_SLOT_NAME, MODALIAS. */
function pci_uevent(dev: device, env: kobj_uevent_env): number {
  const p = to_pci_dev(dev);
  const H = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  return add_uevent_var(env, `PCI_CLASS=${p.class.toString(16).toUpperCase()}`)
    || add_uevent_var(env, `PCI_ID=${H(p.vendor, 4)}:${H(p.device, 4)}`)
    || add_uevent_var(env, `PCI_SUBSYS_ID=${H(p.subsystem_vendor, 4)}:${H(p.subsystem_device, 4)}`)
    || add_uevent_var(env, `PCI_SLOT_NAME=${pci_name(p)}`)
    || add_uevent_var(env, `MODALIAS=${pci_modalias(p)}`);
}


/** pci_device_probe(): finds the matching id and calls the driver's probe with it. */
function* pci_device_probe(dev: device): KGen<number> {
  const pdev = to_pci_dev(dev);
  const drv = to_pci_driver(dev.driver!);
  const id = pci_match_device(drv, pdev);
  if (!id) return -ENODEV;
  if (!drv.probe) return -ENODEV;
  // local_pci_probe(): bound devices are active and held so; a driver doing runtime PM drops the count itself.
  yield* pm_runtime_get_sync(dev);
  pdev.driver = drv;
  const r = yield* call_maybe_gen(drv.probe(pdev, id));
  if (r) {
    pdev.driver = null;
    yield* pm_runtime_put_sync(dev);
    pci_dev_put_resources_on_unbind(pdev);
    return r > 0 ? -ENODEV : r;
  }
  return 0;
}

/** pci_device_remove(): the driver's remove, then a device left enabled is disabled (with a warning in pci_disable_device). */
function* pci_device_remove(dev: device): KGen<void> {
  const pdev = to_pci_dev(dev);
  const drv = pdev.driver;
  if (drv?.remove) {
    yield* pm_runtime_get_sync(dev);
    yield* call_maybe_gen(drv.remove(pdev));
    pm_runtime_put_noidle(dev);
  }
  pci_dev_put_resources_on_unbind(pdev);
  pdev.driver = null;
  // Undo local_pci_probe()'s usage count.
  yield* pm_runtime_put_sync(dev);
}

function pci_device_shutdown(dev: device): void {
  const pdev = to_pci_dev(dev);
  pdev.driver?.shutdown?.(pdev);
}

// kernel-static: drv_groups is set once at load; bus_register's per-boot p is drivers/base's to move into its state
export const pci_bus_type: bus_type = {
  name: 'pci',
  match: pci_bus_match,
  uevent: pci_uevent,
  probe: pci_device_probe,
  remove: pci_device_remove,
  shutdown: pci_device_shutdown,
  dev_groups: pci_dev_groups,
  bus_groups: pci_bus_groups,
  drv_groups: [],
  pm: pci_dev_pm_ops,
};

/** new_id: "vendor device [subvendor subdevice class class_mask driver_data]" in hex. */
function parse_id_line(buf: string): pci_device_id | null {
  const f = buf.trim().split(/\s+/).filter(Boolean);
  if (f.length < 2 || f.length > 7) return null;
  const v = f.map((x) => /^(0x)?[0-9a-fA-F]+$/.test(x) ? parseInt(x, 16) : NaN);
  if (v.some((x) => Number.isNaN(x))) return null;
  return {
    vendor: v[0]!, device: v[1]!, subvendor: v[2] ?? PCI_ANY_ID, subdevice: v[3] ?? PCI_ANY_ID,
    class: v[4] ?? 0, class_mask: v[5] ?? 0, driver_data: v[6] ?? 0,
  };
}

const driver_attr_new_id: driver_attribute = {
  name: 'new_id', mode: 0o200,
  store: function* (drv, buf) {
    const pdrv = to_pci_driver(drv);
    const id = parse_id_line(buf);
    if (!id) return -EINVAL;
    const dynids = pci_dynids(pdrv);
    if (dynids.some((d) => d.id.vendor === id.vendor && d.id.device === id.device && d.id.subvendor === id.subvendor && d.id.subdevice === id.subdevice && d.id.class === id.class && d.id.class_mask === id.class_mask)) return -EEXIST;
    dynids.push({ id });
    yield* driver_attach(drv);
    return buf.length;
  } as driver_attribute['store'],
};

const driver_attr_remove_id: driver_attribute = {
  name: 'remove_id', mode: 0o200,
  store: (drv, buf) => {
    const pdrv = to_pci_driver(drv);
    const id = parse_id_line(buf);
    if (!id) return -EINVAL;
    const dynids = pci_dynids(pdrv);
    const i = dynids.findIndex((d) => d.id.vendor === id.vendor && d.id.device === id.device
      && (id.subvendor === PCI_ANY_ID || d.id.subvendor === id.subvendor) && (id.subdevice === PCI_ANY_ID || d.id.subdevice === id.subdevice)
      && d.id.class === id.class && d.id.class_mask === id.class_mask);
    if (i < 0) return -ENODEV;
    dynids.splice(i, 1);
    return buf.length;
  },
};

pci_bus_type.drv_groups = [{ attrs: [driver_attr_new_id, driver_attr_remove_id] }];

/** __pci_register_driver(): the embedded device_driver joins pci_bus_type; matching devices are probed now. */
export function* __pci_register_driver(drv: pci_driver, owner: string | null = null, mod_name: string | null = null): KGen<number> {
  const dd: device_driver & { pdrv?: pci_driver } = drv.driver ?? ({} as device_driver);
  dd.name = drv.name;
  dd.bus = pci_bus_type;
  dd.owner = owner ?? drv.owner ?? null;
  dd.mod_name = mod_name;
  dd.pdrv = drv;
  drv.driver = dd;
  const r = yield* driver_register(dd);
  if (!r) pciState().drivers.push(drv);
  return r;
}

export function* pci_register_driver(drv: pci_driver): KGen<number> {
  return yield* __pci_register_driver(drv);
}

export function* pci_unregister_driver(drv: pci_driver): KGen<void> {
  yield* driver_unregister(drv.driver);
  const st = pciState();
  st.dynids.delete(drv);
  st.drivers = st.drivers.filter((d) => d !== drv);
}

/** module_pci_driver(): the init/exit pair of a module that only registers a PCI driver. */
export function module_pci_driver(drv: pci_driver, owner: string | null = null): { init: () => KGen<number>; exit: () => KGen<void> } {
  return { init: () => __pci_register_driver(drv, owner, owner), exit: () => pci_unregister_driver(drv) };
}

/** pci_driver_init(): /sys/bus/pci. */
export function pci_driver_init(): number {
  pciState().bus_type = pci_bus_type;
  return bus_register(pci_bus_type);
}

export { dev_warn };
