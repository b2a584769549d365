// Models linux/drivers/pnp/core.c, driver.c (pnp_bus_type), interface.c (the id file) and pnpacpi/core.c (pnpacpi_init): a PnP device 00:NN for each ACPI device the PnP scan handler claimed, in namespace order, under the protocol's pnp0 device.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { run_sync } from '../../kernel/oops.ts';
import type { bus_type, device, device_attribute, device_driver } from '../base/base.ts';
import { device_alloc, device_initialize, device_add, dev_set_name } from '../base/core.ts';
import { bus_register } from '../base/bus.ts';
import { acpi_disabled } from '../acpi/tables.ts';
import { acpi_all_devices, acpi_bind_one, acpi_device_is_present, type acpi_device } from '../acpi/scan.ts';

/** struct pnp_dev: its number on the protocol, its ids and the ACPI node it came from. */
export interface pnp_dev { number: number; ids: string[]; dev: device; data: acpi_device }

/** struct pnp_driver: a driver with the PnP ids it serves (compare_pnp_id against each device's ids). */
export interface pnp_driver extends device_driver { id_table: string[] }

/** pnp_add_id(): the id as PnP stores it, its four hex digits in lower case ("PNP0b00" for ACPI's PNP0B00). */
export const pnp_add_id = (id: string): string => id.slice(0, 3) + id.slice(3, 7).toLowerCase();

/** compare_pnp_id()'s test of one id: case-insensitive, an 'X' in the driver's id matching any digit. */
export const pnp_id_match = (dev_id: string, drv_id: string): boolean =>
  dev_id.length === drv_id.length && [...drv_id].every((ch, i) => (i >= 3 && ch === 'X') || ch.toUpperCase() === dev_id[i]!.toUpperCase());

/** pnp_bus_match(): a device matches when one of its ids is in the driver's table. */
function pnp_bus_match(dev: device, drv: device_driver): number {
  const ids = (dev.container as pnp_dev).ids;
  return (drv as pnp_driver).id_table?.some((id) => ids.some((d) => pnp_id_match(d, id))) ? 1 : 0;
}

// kernel-static: the bus description; its registration is per machine
export const pnp_bus_type: bus_type = { name: 'pnp', match: pnp_bus_match };
const pnpState = defineState('pnp', () => ({ devices: [] as pnp_dev[] }));
export const pnp_devices = (): readonly pnp_dev[] => pnpState().devices;

/** pnp_show_current_ids(): one id a line, as pnp_add_id stored it. */
const dev_attr_id: device_attribute = { name: 'id', mode: 0o444, show: (dev) => (dev.container as pnp_dev).ids.map((i) => `${i}\n`).join('') };

/** ispnpidacpi(): three letters and four hex digits. */
const ispnpidacpi = (id: string): boolean => /^[A-Z]{3}[0-9A-F]{4}$/i.test(id);

/** pnpacpi_add_device(): skipped when bound to a physical device already, without _CRS, or not present. */
function* pnpacpi_add_device(a: acpi_device, protocol: device): KGen<void> {
  if (a.physical_node_list.length || !a.handle?.objects.has('_CRS') || !acpi_device_is_present(a)) return;
  const ids = a.pnp.ids.filter(ispnpidacpi).map(pnp_add_id);
  if (!ids.length) return;
  const st = pnpState();
  const p: pnp_dev = { number: st.devices.length, ids, data: a, dev: device_alloc(null) };
  p.dev.container = p;
  device_initialize(p.dev);
  p.dev.parent = protocol;
  p.dev.bus = pnp_bus_type;
  p.dev.groups = [{ attrs: [dev_attr_id] }];
  dev_set_name(p.dev, `00:${p.number.toString(16).padStart(2, '0')}`);
  if (yield* device_add(p.dev)) return;
  acpi_bind_one(p.dev, a);
  st.devices.push(p);
}

/** pnpacpi_init() (fs_initcall): the protocol device pnp0, then the devices the ACPI PnP handler claimed, in namespace order. */
function pnpacpi_init(): number {
  if (acpi_disabled()) return 0;
  pr_info('pnp: PnP ACPI init');
  const r = bus_register(pnp_bus_type);
  if (r) return r;
  run_sync((function* () {
    const protocol = device_alloc(null);
    device_initialize(protocol);
    dev_set_name(protocol, 'pnp0');
    if (yield* device_add(protocol)) return;
    for (const a of acpi_all_devices()) if (a.handler === 'pnp') yield* pnpacpi_add_device(a, protocol);
  })());
  pr_info(`pnp: PnP ACPI: found ${pnpState().devices.length} devices`);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'pnpacpi_init', pnpacpi_init, 8_000_000]];
