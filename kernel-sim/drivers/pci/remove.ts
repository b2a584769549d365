// Models linux/drivers/pci/remove.c, bus.c (pci_bus_add_device[s]) and the rescan half of probe.c: devices joining the driver model, hot removal and rescans, with their uevents.
import type { KGen } from '../../include/linux/sched.ts';
import type { pci_bus, pci_dev } from '../../include/linux/pci.ts';
import { device_add, device_del, put_device } from '../base/core.ts';
import { device_attach, device_release_driver } from '../base/dd.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { pciState } from './pci-state.ts';
import { pci_scan_child_bus, pci_walk_bus } from './probe.ts';
import { pci_assign_unassigned_bus_resources, pci_free_resources } from './setup-res.ts';
import { pci_create_sysfs_dev_files, pci_remove_sysfs_dev_files } from './pci-sysfs-bin.ts';
import { pci_proc_attach_device, pci_proc_detach_device } from './proc.ts';
import { pci_free_irq_vectors } from './msi/msi.ts';
import { pci_bus_class_add } from './bus_class.ts';

/** pci_bus_add_device(): /sys entry and ADD uevent, sysfs and proc files, then a driver may bind. */
export function* pci_bus_add_device(dev: pci_dev): KGen<number> {
  if (dev.is_added) return 0;
  if (!dev.dev.parent && dev.bus.bridge && !dev.bus.bridge.kobj.state_in_sysfs) yield* device_add(dev.bus.bridge);
  const r = yield* device_add(dev.dev);
  if (r) return r;
  pci_create_sysfs_dev_files(dev);
  pci_proc_attach_device(dev);
  dev.is_added = true;
  dev.match_driver = true;
  yield* device_attach(dev.dev);
  trace_event('pci', 'pci_bus_add_device', { dev: dev.dev.kobj.name, vendor: dev.vendor, device: dev.device });
  return 0;
}

/** pci_bus_add_devices(): every new device of the bus, then the buses behind bridges. */
export function* pci_bus_add_devices(bus: pci_bus): KGen<void> {
  if (!bus.parent && bus.bridge && !bus.bridge.kobj.state_in_sysfs) yield* device_add(bus.bridge);
  if (!bus.parent) yield* pci_bus_class_add(bus);
  for (const dev of [...bus.devices]) if (!dev.is_added) yield* pci_bus_add_device(dev);
  for (const dev of [...bus.devices]) if (dev.subordinate) yield* pci_bus_add_devices(dev.subordinate);
}

/** pci_stop_and_remove_bus_device(): children first; the driver unbinds, files go, REMOVE uevent, BARs released. */
export function* pci_stop_and_remove_bus_device(dev: pci_dev): KGen<void> {
  if (dev.subordinate) {
    for (const child of [...dev.subordinate.devices].reverse()) yield* pci_stop_and_remove_bus_device(child);
    const parent = dev.bus;
    parent.children = parent.children.filter((b) => b !== dev.subordinate);
  }
  if (dev.is_added) {
    yield* device_release_driver(dev.dev);
    if (dev.msi_enabled || dev.msix_enabled) pci_free_irq_vectors(dev);
    pci_proc_detach_device(dev);
    pci_remove_sysfs_dev_files(dev);
    yield* device_del(dev.dev);
    dev.is_added = false;
  }
  dev.bus.devices = dev.bus.devices.filter((d) => d !== dev);
  pci_free_resources(dev);
  dev.removed = true;
  trace_event('pci', 'pci_remove_device', { dev: dev.dev.kobj.name });
  put_device(dev.dev);
}

export function* pci_stop_and_remove_bus_device_locked(dev: pci_dev): KGen<void> {
  yield* pci_stop_and_remove_bus_device(dev);
}

/** pci_rescan_bus(): new functions on the bus (and below) are found, get resources and are added. Returns the max bus number. */
export function* pci_rescan_bus(bus: pci_bus): KGen<number> {
  const max = pci_scan_child_bus(bus);
  pci_assign_unassigned_bus_resources(bus);
  yield* pci_bus_add_devices(bus);
  return max;
}

/** /sys/bus/pci/rescan: every root bus. */
export function* pci_rescan_all(): KGen<void> {
  for (const b of [...pciState().root_buses]) yield* pci_rescan_bus(b);
}

export { pci_walk_bus };
