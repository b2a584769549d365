// Models linux/drivers/acpi/bus.c's acpi_init/acpi_bus_init with scan.c's acpi_scan_init and acpi_bus_attach: the interpreter's start with its boot lines, the namespace scan, and the handler each device gets (PCI root, link, PnP, processor, container, or a platform device).
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_err, pr_info } from '../../kernel/printk/printk.ts';
import { run_sync } from '../../kernel/oops.ts';
import { pci_acpi_crs_quirks } from '../../arch/x86/pci/init.ts';
import { AmlError, acpi_aml_tables_loaded, acpi_ns_load_table } from './acpica.ts';
import { acpi_disabled, acpi_get_table, table_u32 } from './tables.ts';
import { acpi_sysfs_init } from './sysfs.ts';
import { acpi_all_devices, acpi_bus_scan, type acpi_device } from './scan.ts';
import { acpi_pci_root_add_all, root_device_ids } from './pci_root.ts';
import { acpi_pci_link_add, link_device_ids } from './pci_link.ts';
import { acpi_create_platform_device } from './acpi_platform.ts';
import { acpi_proc_root_init, acpi_sleep_proc_init } from './proc.ts';

const ACPI_FADT_POWER_BUTTON = 1 << 4;

/**
 * Scan handlers by id, in acpi_scan_init's registration order; a device
 * whose ids none claims and that has a _HID becomes a platform device
 * (acpi_default_enumeration). The PNP ids (acpi_pnp.c, and the CMOS RTC)
 * go to the PnP layer; processors and containers have their own handlers.
 */
const PNP_IDS = ['PNP0303', 'PNP0F13', 'PNP0400', 'PNP0501', 'PNP0C01', 'PNP0C02', 'PNP0B00'];
const OTHER_HANDLED: [string, string][] = [['ACPI0007', 'processor'], ['ACPI0010', 'container']];

function* acpi_bus_attach(a: acpi_device): KGen<void> {
  const ids = a.pnp.ids;
  if (ids.some((id) => link_device_ids.includes(id))) acpi_pci_link_add(a);
  else if (ids.some((id) => PNP_IDS.includes(id.toUpperCase()))) a.handler = 'pnp';
  else if (OTHER_HANDLED.some(([id]) => ids.includes(id))) a.handler = OTHER_HANDLED.find(([id]) => ids.includes(id))![1];
  else if (a.pnp.platform_id && !ids.some((id) => root_device_ids.includes(id))) yield* acpi_create_platform_device(a);
  for (const c of a.children) yield* acpi_bus_attach(c);
}

/** The GPE block the FADT describes: GPE0_BLK_LEN bytes, half status half enable, 8 GPEs per byte. */
function gpe_block_line(): string | null {
  const f = acpi_get_table('FACP');
  if (!f) return null;
  const n = (f.bytes[92]! / 2) * 8;
  // Two GPEs have handler methods in QEMU's DSDT (_E01 PCI hotplug, _E02 CPU hotplug).
  return n ? `ACPI: Enabled 2 GPEs in block 00 to ${(n - 1).toString(16).toUpperCase().padStart(2, '0')}` : null;
}

/** acpi_bus_init() + acpi_scan_init(): load the DSDT, enable the interpreter, scan the namespace, attach handlers. */
function* acpi_init_gen(): KGen<number> {
  const dsdt = acpi_get_table('DSDT');
  for (const osi of ['Module Device', 'Processor Device', 'Processor Aggregator Device']) pr_info(`ACPI: Added _OSI(${osi})`);
  if (dsdt) {
    try {
      acpi_ns_load_table(dsdt.bytes);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      pr_err(`ACPI Error: ${e.message} (DSDT)`);
    }
  }
  pr_info(`ACPI: ${acpi_aml_tables_loaded()} ACPI AML tables successfully acquired and loaded`);
  if (!acpi_sysfs_init()) pr_err('ACPI: Failed to register kobject');
  pr_info('ACPI: Interpreter enabled');
  // acpi_sleep_init(): the \_Sx packages QEMU's DSDT declares.
  pr_info('ACPI: PM: (supports S0 S3 S4 S5)');
  pr_info('ACPI: Using IOAPIC for interrupt routing');
  acpi_proc_root_init();
  pci_acpi_crs_quirks();
  const gpe = gpe_block_line();
  if (gpe) pr_info(gpe);
  const fadt = acpi_get_table('FACP');
  const r = yield* acpi_bus_scan(!!fadt && !(table_u32(fadt, 112) & ACPI_FADT_POWER_BUTTON));
  if (r) return r;
  // The PCI roots attach first: their bridges and functions must exist before the rest binds to them.
  acpi_pci_root_add_all();
  const root = acpi_all_devices()[0];
  if (root) yield* acpi_bus_attach(root);
  acpi_sleep_proc_init();
  return 0;
}

/** acpi_init() (subsys_initcall). */
function acpi_init(): number {
  if (acpi_disabled()) return 0;
  let ret = 0;
  run_sync((function* () { ret = yield* acpi_init_gen(); })());
  return ret;
}

export const initcalls: initcall_entry[] = [['subsys', 'acpi_init', acpi_init, 69_000_000]];
