// Drivers matched by ACPI id, written in C (include/linux/acpi.h, drivers/acpi/bus.c): struct acpi_device_id tables read from the module, ACPI_COMPANION, acpi_match_device, acpi_device_get_match_data, acpi_device_hid.
import type { device } from '../../drivers/base/base.ts';
import { acpi_match_device, type acpi_device_id } from '../../drivers/acpi/bus.ts';
import { ACPI_COMPANION, acpi_device_hid, to_acpi_device } from '../../drivers/acpi/scan.ts';
import { kread_cstr, kread_u8, kread_u32 } from '../../mm/kmem.ts';
import { c_device, c_device_addr, c_device_new, c_string } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** sizeof(struct acpi_device_id) on wasm32: id[ACPI_ID_LEN = 16], kernel_ulong_t driver_data, u32 cls, u32 cls_msk. */
export const ACPI_DEVICE_ID_SIZE = 28;
const ACPI_ID_LEN = 16;

/** An entry of a C table: the id, its driver_data (the C value) and where the entry lives (what acpi_match_device returns). */
export interface c_acpi_device_id extends acpi_device_id { driver_data: number; c_entry: number }

/** A C acpi_device_id array up to its empty terminator, as the driver core's acpi_match_table. */
export function c_acpi_table(addr: number): c_acpi_device_id[] {
  const out: c_acpi_device_id[] = [];
  for (let e = addr; e && kread_u8(e) !== 0 && out.length < 256; e += ACPI_DEVICE_ID_SIZE) {
    out.push({ id: kread_cstr(e, ACPI_ID_LEN), driver_data: kread_u32(e + ACPI_ID_LEN), c_entry: e });
  }
  return out;
}

/** The C struct acpi_device of a companion: its struct device, which the C header puts first. */
function c_acpi_device(dev: device | null): number {
  const a = ACPI_COMPANION(dev);
  if (!a) return 0;
  return c_device_addr(a.dev) ?? c_device_new(a.dev);
}

export const ksymtab = EXPORT_KAPI({
  /** ACPI_COMPANION(dev): include/linux/acpi.h's stand-in for to_acpi_device_node(dev->fwnode). */
  kwb_acpi_companion: (dev: number) => c_acpi_device(c_device(dev)),
  acpi_match_device: (ids: number, dev: number) => {
    const d = c_device(dev);
    const m = d ? acpi_match_device(c_acpi_table(ids), d) as c_acpi_device_id | null : null;
    return m?.c_entry ?? 0;
  },
  acpi_device_get_match_data: (dev: number) => {
    const d = c_device(dev);
    const m = d ? acpi_match_device(d.driver?.acpi_match_table, d) as c_acpi_device_id | null : null;
    return typeof m?.driver_data === 'number' ? m.driver_data : 0;
  },
  acpi_device_hid: (adev: number) => {
    const d = c_device(adev);
    return c_string(d ? acpi_device_hid(to_acpi_device(d)) : 'device');
  },
});
