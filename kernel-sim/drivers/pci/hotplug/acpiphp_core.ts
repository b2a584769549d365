// Models linux/drivers/pci/hotplug/acpiphp_core.c: acpiphp_init, the ACPI PCI hotplug driver's announcement (its slots come from acpiphp_enumerate_slots for buses with ejectable ACPI slots; q35's root bus has none).
import { pr_info } from '../../../kernel/printk/printk.ts';

const DRIVER_DESC = 'ACPI Hot Plug PCI Controller Driver';
const DRIVER_VERSION = '0.5';

export function acpiphp_init(): void {
  pr_info(`acpiphp: ${DRIVER_DESC} version: ${DRIVER_VERSION}`);
}
