// Models linux/drivers/acpi/bus.c: acpi_early_init's line and ACPI id matching for drivers (acpi_match_device, acpi_driver_match_device, acpi_device_get_match_data); acpi_init is in scan_init.ts.
import { pr_info } from '../../kernel/printk/printk.ts';
import type { device, device_driver } from '../base/base.ts';
import { acpi_disabled } from './tables.ts';
import { ACPI_COMPANION, type acpi_device } from './scan.ts';

/** struct acpi_device_id: a _HID/_CID string and the driver's data for it. */
export interface acpi_device_id { id: string; driver_data?: unknown }

declare module '../base/base.ts' {
  interface device_driver {
    /** The ACPI ids the driver binds to (struct device_driver's acpi_match_table). */
    acpi_match_table?: acpi_device_id[];
  }
}

/** ACPI_CA_VERSION of Linux 6.1's ACPICA. */
export const ACPI_CA_VERSION = 0x20220331;

/** acpi_early_init() from start_kernel. */
export function acpi_early_init(): void {
  if (acpi_disabled()) return;
  pr_info(`ACPI: Core revision ${ACPI_CA_VERSION.toString(16).padStart(8, '0')}`);
}

// ---- matching ---------------------------------------------------------------------------

/** __acpi_match_device(): the first table entry equal to one of the companion's ids, in the companion's id order. */
export function acpi_match_device_ids_of(a: acpi_device | null, ids: readonly acpi_device_id[] | undefined): acpi_device_id | null {
  if (!a || !ids?.length || !(a.sta & 0x1)) return null;
  for (const hwid of a.pnp.ids) {
    const m = ids.find((id) => id.id === hwid);
    if (m) return m;
  }
  return null;
}

/** acpi_match_device(ids, dev): the entry matching dev's ACPI companion, or null. */
export function acpi_match_device(ids: readonly acpi_device_id[] | undefined, dev: device): acpi_device_id | null {
  return acpi_match_device_ids_of(ACPI_COMPANION(dev), ids);
}

/** acpi_driver_match_device(): does drv's acpi_match_table name dev's companion? (platform_match asks this first). */
export function acpi_driver_match_device(dev: device, drv: device_driver): boolean {
  return acpi_match_device(drv.acpi_match_table, dev) !== null;
}

/** acpi_device_get_match_data(): the bound (or matching) driver's data for dev. */
export function acpi_device_get_match_data(dev: device): unknown {
  return acpi_match_device(dev.driver?.acpi_match_table, dev)?.driver_data ?? null;
}
