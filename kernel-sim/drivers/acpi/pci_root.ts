// Models linux/drivers/acpi/pci_root.c (acpi_pci_root_add, negotiate_os_control) and drivers/pci/pci-acpi.c (acpi_pci_find_companion): the PNP0A08 host bridge's scan and the _ADR companions of PCI functions.
import type { pci_bus } from '../../include/linux/pci.ts';
import { dev_info } from '../base/core.ts';
import { pci_acpi_scan_roots } from '../../arch/x86/pci/init.ts';
import { acpi_bind_one, acpi_all_devices, type acpi_device } from './scan.ts';

export const root_device_ids = ['PNP0A08', 'PNP0A03'];

/** The host bridges the namespace declares, by segment (_SEG, 0 here: QEMU's q35 has one root). */
const pci_roots = (): acpi_device[] => acpi_all_devices().filter((a) => a.pnp.ids.some((id) => root_device_ids.includes(id)));

/** acpi_find_child_device(): the child of `parent` whose _ADR is (slot << 16) | function. */
function find_child(parent: acpi_device, adr: number): acpi_device | null {
  return parent.children.find((c) => c.pnp.bus_address === adr) ?? null;
}

/** acpi_pci_find_companion() for a bus and everything behind its bridges. */
function bind_bus(bus: pci_bus, companion: acpi_device): void {
  for (const d of bus.devices) {
    const c = find_child(companion, ((d.devfn >> 3) << 16) | (d.devfn & 7));
    if (!c) continue;
    acpi_bind_one(d.dev, c);
    if (d.subordinate) bind_bus(d.subordinate, c);
  }
}

/** negotiate_os_control(): what QEMU's _OSC grants a Linux 6.1 that asks for everything. */
function negotiate_os_control(root: acpi_device): void {
  dev_info(root.dev, '_OSC: OS supports [ExtendedConfig ASPM ClockPM Segments MSI HPX-Type3]');
  dev_info(root.dev, '_OSC: platform does not support [PCIeHotplug LTR]');
  dev_info(root.dev, '_OSC: OS now controls [SHPCHotplug PME AER PCIeCapability]');
}

/** acpi_pci_root_add() for every root: _OSC, the scan (arch/x86/pci), then the host bridge and functions bound to their nodes. */
export function acpi_pci_root_add_all(): void {
  const roots = pci_roots();
  pci_acpi_scan_roots(
    (seg) => { const r = roots[seg]; if (r) { r.handler = 'pci_root'; negotiate_os_control(r); } },
    (seg, bus) => {
      const r = roots[seg];
      if (!r) return;
      if (bus.bridge) acpi_bind_one(bus.bridge, r);
      bind_bus(bus, r);
    },
  );
}

