// Models linux/drivers/pci/setup-res.c, setup-bus.c (the parts x86 uses) and arch/x86/pci/i386.c: claiming the firmware's assignments (pcibios_resource_survey) and assigning BARs left unset (pci_assign_resource).
import { type pci_bus, type pci_dev, PCI_BRIDGE_RESOURCES, PCI_ROM_RESOURCE, PCI_STD_NUM_BARS, pci_name } from '../../include/linux/pci.ts';
import * as R from '../../include/uapi/linux/pci_regs.ts';
import {
  type resource, IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_PREFETCH, IORESOURCE_MEM_64, IORESOURCE_UNSET, IORESOURCE_TYPE_BITS, IORESOURCE_WINDOW,
  request_resource_conflict, format_resource, resource_size, resource_contains, release_resource,
} from '../../kernel/resource.ts';
import { pci_read_config_word, pci_write_config_dword, pci_read_config_dword } from './access.ts';
import { pci_info } from './pci_printk.ts';
import { printk, KERN_INFO } from '../../kernel/printk/printk.ts';
import { defineState } from '../../kernel/state.ts';
/** Register offsets copied into locals once (module namespace reads are getter calls on hot paths). */
const { PCI_BASE_ADDRESS_0, PCI_COMMAND, PCI_COMMAND_IO, PCI_COMMAND_MEMORY } = R;

/** Lowest addresses the kernel assigns on x86 (PCIBIOS_MIN_IO, PCIBIOS_MIN_MEM = the e820 gap start). */
export const PCIBIOS_MIN_IO = 0x1000;
/** PCIBIOS_MIN_MEM: the lowest address the kernel gives a BAR; pcibios_init raises it above RAM (per boot). */
const pcibiosState = defineState('pcibios', () => ({ min_mem: 0x20000000 }));
export function set_pcibios_min_mem(v: number): void { pcibiosState().min_mem = v; }
export function pcibios_min_mem(): number { return pcibiosState().min_mem; }

/** The windows a bus forwards: the root's apertures, or a bridge's io/mem/pref windows. */
export function pci_bus_resources(bus: pci_bus): resource[] {
  return bus.parent ? bus.resource.filter((r): r is resource => !!r && !!r.flags && !(r.flags & IORESOURCE_UNSET)) : bus.resources;
}

/** pci_find_parent_resource(): the window of the device's bus that holds `res` (a prefetchable BAR may sit in a non-prefetchable window). */
export function pci_find_parent_resource(dev: pci_dev, res: resource): resource | null {
  let best: resource | null = null;
  for (const w of pci_bus_resources(dev.bus)) {
    if ((w.flags & IORESOURCE_TYPE_BITS) !== (res.flags & IORESOURCE_TYPE_BITS)) continue;
    if (res.start < w.start || res.end > w.end) continue;
    if (w.flags & IORESOURCE_PREFETCH && !(res.flags & IORESOURCE_PREFETCH)) continue;
    if (w.flags & IORESOURCE_PREFETCH || !best) best = w;
  }
  return best;
}

/** pci_claim_resource(): requests the BAR inside its bus window; prints why not. */
export function pci_claim_resource(dev: pci_dev, i: number): number {
  const res = dev.resource[i]!;
  const label = i === PCI_ROM_RESOURCE ? 'ROM' : i >= PCI_BRIDGE_RESOURCES ? 'bridge window' : `BAR ${i}`;
  if (res.flags & IORESOURCE_UNSET) {
    pci_info(dev, `${label} ${format_resource(res)}: can't claim; no address assigned`);
    return -22;
  }
  if (res.parent) return 0;
  const root = pci_find_parent_resource(dev, res);
  if (!root) {
    pci_info(dev, `${label} ${format_resource(res)}: can't claim; no compatible bridge window`);
    res.flags |= IORESOURCE_UNSET;
    return -22;
  }
  const conflict = request_resource_conflict(root, res);
  if (conflict) {
    pci_info(dev, `${label} ${format_resource(res)}: can't claim; address conflict with ${conflict.name} ${format_resource(conflict)}`);
    res.flags |= IORESOURCE_UNSET;
    return -16;
  }
  return 0;
}

/** pcibios_allocate_bus_resources(): bridge windows first, depth first. */
function allocate_bus_resources(bus: pci_bus): void {
  for (const dev of bus.devices) {
    if (!dev.subordinate) continue;
    for (let i = PCI_BRIDGE_RESOURCES; i < PCI_BRIDGE_RESOURCES + 3; i++) {
      const r = dev.resource[i]!;
      if (r.flags && !r.parent) pci_claim_resource(dev, i);
    }
    allocate_bus_resources(dev.subordinate);
  }
}

/** pcibios_allocate_dev_resources(): BARs whose decoding is on are claimed where the firmware put them. */
function allocate_dev_resources(dev: pci_dev): void {
  const cmd = pci_read_config_word(dev, PCI_COMMAND);
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) {
    const r = dev.resource[i]!;
    if (!r.flags || r.parent || r.flags & IORESOURCE_UNSET) continue;
    if (r.flags & IORESOURCE_IO && !(cmd & PCI_COMMAND_IO)) continue;
    if (r.flags & IORESOURCE_MEM && !(cmd & PCI_COMMAND_MEMORY)) continue;
    pci_claim_resource(dev, i);
  }
  // Chipset quirk regions (ICH LPC ACPI/GPIO) live in the bridge-resource slots of a non-bridge.
  if (!dev.subordinate) {
    for (let i = PCI_BRIDGE_RESOURCES; i < PCI_BRIDGE_RESOURCES + 4; i++) {
      const r = dev.resource[i]!;
      if (r.flags && !r.parent) pci_claim_resource(dev, i);
    }
  }
}

function walk(bus: pci_bus, fn: (d: pci_dev) => void): void {
  for (const d of bus.devices) {
    fn(d);
    if (d.subordinate) walk(d.subordinate, fn);
  }
}

/** Finds a free, size-aligned range in a window at or above `min` (allocate_resource, first fit ascending). */
function find_free(window: resource, size: number, min: number): number | null {
  const align = size;
  let cursor = Math.max(window.start, min);
  cursor = Math.ceil(cursor / align) * align;
  for (const c of window.child) {
    if (c.start > cursor && c.start - cursor >= size) break;
    if (c.end >= cursor) cursor = Math.ceil((c.end + 1) / align) * align;
  }
  return cursor + size - 1 <= window.end ? cursor : null;
}

/** pci_assign_resource(): places an unset BAR in a free part of its bus window and programs the BAR. */
export function pci_assign_resource(dev: pci_dev, i: number): number {
  const r = dev.resource[i]!;
  const size = resource_size(r);
  const min = r.flags & IORESOURCE_IO ? PCIBIOS_MIN_IO : pcibios_min_mem();
  const windows = pci_bus_resources(dev.bus).filter((w) => (w.flags & IORESOURCE_TYPE_BITS) === (r.flags & IORESOURCE_TYPE_BITS)
    && (!(w.flags & IORESOURCE_PREFETCH) || r.flags & IORESOURCE_PREFETCH) && (r.flags & IORESOURCE_MEM_64 || w.end <= 0xffffffff));
  // Prefetchable BARs prefer prefetchable windows.
  windows.sort((a, b) => Number(!!(b.flags & IORESOURCE_PREFETCH)) - Number(!!(a.flags & IORESOURCE_PREFETCH)));
  for (const w of windows) {
    const start = find_free(w, size, min);
    if (start === null) continue;
    r.start = start;
    r.end = start + size - 1;
    r.flags &= ~IORESOURCE_UNSET;
    if (request_resource_conflict(w, r)) continue;
    // pci_update_resource(): the new address goes into the BAR.
    const reg = PCI_BASE_ADDRESS_0 + 4 * i;
    const lowbits = pci_read_config_dword(dev, reg) & (r.flags & IORESOURCE_IO ? 0x3 : 0xf);
    pci_write_config_dword(dev, reg, ((start & 0xffffffff) >>> 0 | lowbits) >>> 0);
    if (r.flags & IORESOURCE_MEM_64) pci_write_config_dword(dev, reg + 4, Math.floor(start / 0x1_0000_0000));
    pci_info(dev, `BAR ${i} ${format_resource(r)}: assigned`);
    return 0;
  }
  r.flags |= IORESOURCE_UNSET;
  pci_info(dev, `BAR ${i} ${format_resource(r)}: can't assign; no space`);
  return -16;
}

/** pci_assign_unassigned_bus_resources(): every BAR of the bus still unset. */
export function pci_assign_unassigned_bus_resources(bus: pci_bus): void {
  walk(bus, (dev) => {
    for (let i = 0; i < PCI_STD_NUM_BARS; i++) {
      const r = dev.resource[i]!;
      if (r.flags && !r.parent && r.flags & IORESOURCE_UNSET) pci_assign_resource(dev, i);
    }
  });
}

/** pcibios_resource_survey(): claim bridge windows, then enabled BARs. */
export function pcibios_resource_survey(roots: pci_bus[]): void {
  for (const b of roots) allocate_bus_resources(b);
  for (const b of roots) walk(b, allocate_dev_resources);
  for (const b of roots) pci_assign_unassigned_bus_resources(b);
}

/** pci_bus_dump_resources(), as pci_assign_unassigned_resources ends (fs_initcall): each bus's resources, children first. */
export function pci_bus_dump_resources(roots: pci_bus[]): void {
  for (const b of roots) {
    walk(b, (d) => { if (d.subordinate) print_bus_resources(d.subordinate); });
    print_bus_resources(b);
  }
}

function print_bus_resources(bus: pci_bus): void {
  const name = `${bus.domain_nr.toString(16).padStart(4, '0')}:${bus.number.toString(16).padStart(2, '0')}`;
  const list = bus.parent ? bus.resource.map((r, i) => [i, r] as const).filter(([, r]) => r && r.flags) : bus.resources.map((r, i) => [i + 4, r] as const);
  for (const [i, r] of list) printk(`${KERN_INFO}pci_bus ${name}: resource ${i} ${format_resource(r!)}`);
}

/** pci_release_resource(): a removed device's BARs leave the resource tree. */
export function pci_free_resources(dev: pci_dev): void {
  for (const r of dev.resource) if (r.parent) release_resource(r);
}

/** quirk_ich6_lpc(): the ACPI I/O block of the ICH LPC bridge, claimed as a device region. */
export function quirk_ich_lpc(dev: pci_dev): void {
  if (dev.vendor !== 0x8086 || dev.device !== 0x2918) return;
  const pmbase = pci_read_config_dword(dev, 0x40) & 0xff80;
  if (!pmbase) return;
  const r = dev.resource[PCI_BRIDGE_RESOURCES]!;
  Object.assign(r, { start: pmbase, end: pmbase + 127, flags: IORESOURCE_IO, name: pci_name(dev) });
  pci_info(dev, `quirk: ${format_resource(r)} claimed by ICH6 ACPI/GPIO/TCO`);
}

export { resource_contains, IORESOURCE_WINDOW };
