// Models linux/arch/x86/kernel/acpi/boot.c: acpi_boot_table_init and acpi_boot_init from setup_arch — the FADT's PM timer, the MADT's interrupt controllers and overrides, and the HPET table, with the lines they print.
import { pr_info } from '../../../../kernel/printk/printk.ts';
import { acpi_disabled, acpi_get_table, acpi_table_init, table_u32 } from '../../../../drivers/acpi/tables.ts';
import { print_IO_APIC_summary } from '../apic/io_apic.ts';

/** mps_inti_flags_polarity/_trigger: the MPS INTI flag names the override lines print. */
const POLARITY = ['dfl', 'high', 'res', 'low'];
const TRIGGER = ['dfl', 'edge', 'res', 'level'];
const inti = (flags: number): string => `${POLARITY[flags & 3]} ${TRIGGER[(flags >> 2) & 3]}`;

/** acpi_boot_table_init(): find and list the tables (early, before memory is set up). */
export function acpi_boot_table_init(): void {
  acpi_table_init();
}

/** pmtmr_ioport as acpi_parse_fadt sets it: X_PM_TMR_BLK's address, or PM_TMR_BLK; 0 without a FADT. */
export function pmtmr_ioport(): number {
  const f = acpi_get_table('FACP');
  if (!f) return 0;
  // X_PM_TMR_BLK is the GAS at offset 208 (its address at 212); PM_TMR_BLK at 76.
  return (f.length >= 220 ? table_u32(f, 212) : 0) || table_u32(f, 76);
}

/** acpi_parse_fadt(): the PM timer port. */
function acpi_parse_fadt(): void {
  const port = pmtmr_ioport();
  if (port) pr_info(`ACPI: PM-Timer IO Port: 0x${port.toString(16)}`);
}

/** acpi_process_madt(): the entries in table order; LAPICs and the I/O APIC register silently, overrides and NMIs print. */
function acpi_process_madt(): boolean {
  const t = acpi_get_table('APIC');
  if (!t) return false;
  const b = t.bytes;
  // LAPIC_NMI lines come first in Linux: acpi_parse_madt_lapic_entries runs before the I/O APIC entries.
  const entries: { type: number; off: number }[] = [];
  for (let off = 44; off + 2 <= t.length && b[off + 1]! > 0; off += b[off + 1]!) entries.push({ type: b[off]!, off });
  for (const e of entries.filter((x) => x.type === 4)) {
    const flags = b[e.off + 3]! | (b[e.off + 4]! << 8);
    pr_info(`ACPI: LAPIC_NMI (acpi_id[0x${b[e.off + 2]!.toString(16).padStart(2, '0')}] ${inti(flags)} lint[0x${b[e.off + 5]!.toString(16)}])`);
  }
  if (entries.some((x) => x.type === 1)) print_IO_APIC_summary();
  for (const e of entries.filter((x) => x.type === 2)) {
    const gsi = table_u32(t, e.off + 4);
    const flags = b[e.off + 8]! | (b[e.off + 9]! << 8);
    pr_info(`ACPI: INT_SRC_OVR (bus ${b[e.off + 2]} bus_irq ${b[e.off + 3]} global_irq ${gsi} ${inti(flags)})`);
  }
  pr_info('ACPI: Using ACPI (MADT) for SMP configuration information');
  return true;
}

/** The I/O APIC pin an ISA irq arrives on (mp_irqs after acpi_parse_int_src_ovr): its override's GSI, else the irq itself; -1 without ACPI's MADT. */
export function acpi_isa_irq_pin(irq: number): number {
  const t = acpi_disabled() ? null : acpi_get_table('APIC');
  if (!t) return -1;
  const b = t.bytes;
  for (let off = 44; off + 2 <= t.length && b[off + 1]! > 0; off += b[off + 1]!) {
    if (b[off] === 2 && b[off + 3] === irq) return table_u32(t, off + 4);
  }
  return irq;
}

/** acpi_parse_hpet(): the HPET's block id and base address. */
function acpi_parse_hpet(): void {
  const t = acpi_get_table('HPET');
  if (!t) return;
  pr_info(`ACPI: HPET id: 0x${table_u32(t, 36).toString(16)} base: 0x${table_u32(t, 44).toString(16)}`);
}

/** acpi_boot_init(): FADT, MADT, HPET, in that order. */
export function acpi_boot_init(): void {
  if (acpi_disabled()) return;
  acpi_parse_fadt();
  acpi_process_madt();
  acpi_parse_hpet();
}
