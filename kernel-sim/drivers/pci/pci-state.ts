// Models the globals of linux/drivers/pci/pci.h and probe.c (pci_root_buses, the bus type pointer), kept per machine.
import type { pci_bus, pci_driver, pci_dynid } from '../../include/linux/pci.ts';
import type { bus_type } from '../base/base.ts';
import { defineState } from '../../kernel/state.ts';

interface PciState {
  root_buses: pci_bus[];
  bus_type: bus_type | null;
  drivers: pci_driver[];
  /** Each driver's IDs added through new_id: per machine, since built-in drivers are objects shared by every boot. */
  dynids: Map<pci_driver, pci_dynid[]>;
  /** /proc/bus/pci directory entry. */
  proc_initialized: boolean;
  /** The DT path of each hardware function, for hot-unplug by path. */
  added_after_boot: number;
}

export const pciState = defineState<PciState>('pci', () => ({ root_buses: [], bus_type: null, drivers: [], dynids: new Map(), proc_initialized: false, added_after_boot: 0 }));

/** drv->dynids.list of this machine. */
export function pci_dynids(drv: pci_driver): pci_dynid[] {
  const all = pciState().dynids;
  let ids = all.get(drv);
  if (!ids) all.set(drv, ids = []);
  return ids;
}

/** The pci_bus_type, registered by pci-driver.ts (kept here to break an import cycle with probe.ts). */
export function pci_bus_type_ref(): bus_type {
  const b = pciState().bus_type;
  if (!b) throw new Error('pci_bus_type used before pci_driver_init');
  return b;
}
