// Models the private halves of linux/drivers/base/base.h (subsys_private, driver_private) kept per machine, as Linux 6.3+ bus_to_subsys() finds them.
//
// bus_type, class_ and device_driver objects are module-level constants shared
// by every machine in the process (pci_bus_type, misc_class, a driver's static
// struct). Linux stores bus->p / drv->p in them because a kernel has exactly one
// of each; here several machines may boot in one process, so the private half
// lives in the running machine's state, keyed by the static object. Since Linux
// 6.3 moved bus->p out of struct bus_type (bus_to_subsys walks bus_kset) the
// lookup itself is Linux-faithful.
import { defineState } from '../../kernel/state.ts';
import type { bus_type, class_, device, device_driver, driver_private, subsys_private } from './base.ts';

const privState = defineState('driver-core private', () => ({
  buses: new Map<bus_type, subsys_private>(),
  classes: new Map<class_, subsys_private>(),
  drivers: new Map<device_driver, driver_private>(),
}));

function put<K, V>(m: Map<K, V>, k: K, v: V | null): void {
  if (v) m.set(k, v);
  else m.delete(k);
}

/** The running machine's subsys_private of a bus, null until bus_register (bus->p, bus_to_subsys). */
export function bus_p(bus: bus_type): subsys_private | null { return privState().buses.get(bus) ?? null; }
export function set_bus_p(bus: bus_type, p: subsys_private | null): void { put(privState().buses, bus, p); }

/** The running machine's subsys_private of a class, null until class_register (class->p, class_to_subsys). */
export function class_p(cls: class_): subsys_private | null { return privState().classes.get(cls) ?? null; }
export function set_class_p(cls: class_, p: subsys_private | null): void { put(privState().classes, cls, p); }

/** The running machine's driver_private of a driver, null until bus_add_driver (drv->p). */
export function drv_p(drv: device_driver): driver_private | null { return privState().drivers.get(drv) ?? null; }
export function set_drv_p(drv: device_driver, p: driver_private | null): void { put(privState().drivers, drv, p); }

/** The devices and drivers on a bus in this machine, a copy to walk while binding changes them (bus_for_each_dev/drv). */
export function bus_for_each_dev(bus: bus_type): device[] { return bus_p(bus)?.klist_devices.slice() ?? []; }
export function bus_for_each_drv(bus: bus_type): device_driver[] { return bus_p(bus)?.klist_drivers.slice() ?? []; }
