// Models linux/drivers/acpi/pci_link.c: the PNP0C0F interrupt link devices, each reporting the IRQ its _CRS routes it to when the scan attaches it.
import { pr_info } from '../../kernel/printk/printk.ts';
import { acpi_device_bid, acpi_device_resources, type acpi_device } from './scan.ts';

export const link_device_ids = ['PNP0C0F'];

/** acpi_pci_link_add(): "Interrupt link LNKA configured for IRQ 10", or "disabled" when its _CRS routes nothing. */
export function acpi_pci_link_add(a: acpi_device): void {
  a.handler = 'pci_link';
  const irq = acpi_device_resources(a).find((r) => r.type === 'irq');
  const active = irq && irq.type === 'irq' ? irq.irqs[0] ?? 0 : 0;
  if (active) pr_info(`ACPI: PCI: Interrupt link ${acpi_device_bid(a)} configured for IRQ ${active}`);
  else pr_info(`ACPI: PCI: Interrupt link ${acpi_device_bid(a)} disabled`);
}
