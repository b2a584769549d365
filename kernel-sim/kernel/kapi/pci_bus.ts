// The C struct pci_bus a module reaches through pdev->bus (include/linux/pci.h): made on first use with the bus's number, primary and parent, and mapped back to kernel-sim's bus for drivers/pci/search.c's lookups.
import type { pci_bus } from '../../include/linux/pci.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { pci_bus_view, struct_pci_bus } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';

const st = defineState('kapi-pci-bus', () => ({ c: new Map<pci_bus, number>(), ts: new Map<number, pci_bus>() }));

export function c_pci_bus(bus: pci_bus): number {
  const s = st();
  let a = s.c.get(bus);
  if (a !== undefined) return a;
  a = kmalloc(struct_pci_bus.SIZE, __GFP_ZERO);
  disown(a);
  s.c.set(bus, a);
  s.ts.set(a, bus);
  const v = pci_bus_view(a);
  v.number = bus.number;
  v.primary = bus.primary;
  if (bus.parent) v.parent = c_pci_bus(bus.parent);
  return a;
}

export const ts_pci_bus = (a: number): pci_bus | null => st().ts.get(a) ?? null;
