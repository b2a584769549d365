// Models linux/drivers/pci/search.c for modules: pci_get_slot, pci_get_device, pci_get_subsys, pci_get_class, pci_dev_get/pci_dev_put — each device found comes with a reference the caller drops with pci_dev_put (as does the `from` a search continues after).
import type { pci_dev } from '../../include/linux/pci.ts';
import { for_each_pci_dev } from '../../drivers/pci/probe.ts';
import { get_device, put_device } from '../../drivers/base/core.ts';
import { c_pci_dev, ts_pci_dev } from './pci.ts';
import { ts_pci_bus } from './pci_bus.ts';
import { EXPORT_KAPI } from './registry.ts';

const PCI_ANY_ID = 0xffff;

function pci_dev_get(p: number): number {
  const d = ts_pci_dev(p);
  if (d) get_device(d.dev);
  return p;
}

function pci_dev_put(p: number): void {
  const d = ts_pci_dev(p);
  if (d) put_device(d.dev);
}

/** The next present device after `from` (in bus order) that `match` accepts, referenced; `from`'s reference is dropped. */
function pci_get_dev_by_id(match: (d: pci_dev) => boolean, from: number): number {
  const after = from ? ts_pci_dev(from) : null;
  let seen = !after;
  let found = 0;
  for (const d of for_each_pci_dev()) {
    if (!seen) { seen = d === after; continue; }
    if (!d.removed && match(d)) { found = pci_dev_get(c_pci_dev(d)); break; }
  }
  if (from) pci_dev_put(from);
  return found;
}

const any = (want: number, have: number): boolean => (want & 0xffff) === PCI_ANY_ID || want === have;

export const ksymtab = EXPORT_KAPI({
  pci_dev_get, pci_dev_put,
  /** pci_get_slot: the device at devfn on the bus, referenced; NULL when there is none. */
  pci_get_slot: (bus: number, devfn: number) => {
    const b = ts_pci_bus(bus);
    const d = b?.devices.find((x) => x.devfn === devfn && !x.removed);
    return d ? pci_dev_get(c_pci_dev(d)) : 0;
  },
  pci_get_subsys: (vendor: number, device: number, ss_vendor: number, ss_device: number, from: number) =>
    pci_get_dev_by_id((d) => any(vendor, d.vendor) && any(device, d.device) && any(ss_vendor, d.subsystem_vendor) && any(ss_device, d.subsystem_device), from),
  pci_get_device: (vendor: number, device: number, from: number) => pci_get_dev_by_id((d) => any(vendor, d.vendor) && any(device, d.device), from),
  pci_get_class: (cls: number, from: number) => pci_get_dev_by_id((d) => d.class === (cls >>> 0), from),
});
