// Models linux/drivers/acpi/acpi_platform.c (acpi_create_platform_device): a platform device for each present ACPI device with a _HID that no scan handler claims, named after it, with its _CRS as resources and the ACPI node as its companion.
import type { KGen } from '../../include/linux/sched.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import {
  platform_device_alloc, platform_device_add, platform_device_add_resources, platform_device_put, IORESOURCE_IO, IORESOURCE_IRQ, IORESOURCE_MEM,
  PLATFORM_DEVID_NONE, type platform_device, type resource,
} from '../base/platform.ts';
import type { acpi_resource } from './acpica.ts';
import {
  ACPI_COMPANION_SET, acpi_bind_one, acpi_dev_name, acpi_device_is_present, acpi_device_resources, acpi_get_first_physical_node, type acpi_device,
} from './scan.ts';

/** acpi_dev_resource_*(): a _CRS descriptor as struct resources (one per IRQ). */
function to_resources(r: acpi_resource): resource[] {
  if (r.type === 'io') return [{ start: r.start, end: r.start + r.length - 1, flags: IORESOURCE_IO }];
  if (r.type === 'mem') return [{ start: r.start, end: r.start + r.length - 1, flags: IORESOURCE_MEM }];
  return r.irqs.map((irq) => ({ start: irq, end: irq, flags: IORESOURCE_IRQ }));
}

/**
 * acpi_create_platform_device(): "QEMU0002:00" under its parent's physical
 * node (the host bridge for a device inside \_SB.PCI0), companion set before
 * it is added so ACPI matching sees it, firmware_node linked once it is in sysfs.
 */
export function* acpi_create_platform_device(a: acpi_device): KGen<platform_device | null> {
  if (!acpi_device_is_present(a) || a.physical_node_list.length) return null;
  a.handler = 'platform';
  const pdev = platform_device_alloc(acpi_dev_name(a), PLATFORM_DEVID_NONE);
  pdev.dev.parent = a.parent ? acpi_get_first_physical_node(a.parent) : null;
  platform_device_add_resources(pdev, acpi_device_resources(a).flatMap(to_resources));
  ACPI_COMPANION_SET(pdev.dev, a);
  const r = yield* platform_device_add(pdev);
  if (r) {
    pr_err(`ACPI: platform device creation failed for ${acpi_dev_name(a)}: ${r}`);
    platform_device_put(pdev);
    return null;
  }
  acpi_bind_one(pdev.dev, a);
  return pdev;
}
