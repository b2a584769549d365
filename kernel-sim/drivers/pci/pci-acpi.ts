// Models linux/drivers/pci/pci-acpi.c's acpi_pci_init (arch_initcall): with ACPI, the FADT's MSI/ASPM opt-outs (q35's FADT sets neither) and the ACPI PCI hotplug driver.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { acpi_disabled } from '../acpi/tables.ts';
import { acpiphp_init } from './hotplug/acpiphp_core.ts';

function acpi_pci_init(): number {
  if (acpi_disabled()) return 0;
  acpiphp_init();
  return 0;
}

export const initcalls: initcall_entry[] = [['arch', 'acpi_pci_init', acpi_pci_init, 20_000]];
