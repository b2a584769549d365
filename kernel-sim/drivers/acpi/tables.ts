// Models linux/drivers/acpi/tables.c with ACPICA's tbxfroot.c/tbutils.c/tbprint.c: finding the RSDP in the BIOS area, walking the RSDT, printing each table header and reserving the tables' memory; the tables stay readable for /sys/firmware/acpi/tables.
import { defineState } from '../../kernel/state.ts';
import { pr_info, pr_warn } from '../../kernel/printk/printk.ts';
import { machine_hw } from '../../machine/hardware.ts';

/** One table the firmware provides: its signature, physical address and bytes (acpi_table_desc). */
export interface acpi_table_desc { signature: string; address: number; length: number; revision: number; bytes: Uint8Array }

interface AcpiTablesState { rsdp: acpi_table_desc | null; tables: acpi_table_desc[]; disabled: boolean }
export const acpiTables = defineState<AcpiTablesState>('acpi_tables', () => ({ rsdp: null, tables: [], disabled: false }));

const hex = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
const str = (b: Uint8Array, off: number, len: number): string => String.fromCharCode(...b.subarray(off, off + len));
const u32 = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(off, true);

/** early_memremap of guest RAM: the firmware's bytes as the kernel sees them at boot. */
function phys_read(addr: number, len: number): Uint8Array | null {
  const ram = machine_hw()?.ram;
  if (!ram || addr + len > ram.size) return null;
  return ram.read(addr, len);
}

const checksum_ok = (b: Uint8Array): boolean => b.reduce((s, x) => (s + x) & 0xff, 0) === 0;

/** acpi_find_root_pointer(): "RSD PTR " on a 16-byte boundary in the BIOS area 0xe0000-0xfffff, with a valid checksum. */
function acpi_find_root_pointer(): number {
  const area = phys_read(0xe0000, 0x20000);
  if (!area) return 0;
  for (let off = 0; off + 20 <= area.length; off += 16) {
    if (str(area, off, 8) === 'RSD PTR ' && checksum_ok(area.subarray(off, off + 20))) return 0xe0000 + off;
  }
  return 0;
}

/** acpi_tb_print_table_header(): the one line each table gets at boot. */
function print_header(t: acpi_table_desc): void {
  const addr = `0x${hex(0, 8)}${hex(t.address, 8)}`;
  if (t.signature === 'FACS') { pr_info(`ACPI: FACS ${addr} ${hex(t.length, 6)}`); return; }
  if (t.signature === 'RSD PTR ') { pr_info(`ACPI: RSDP ${addr} ${hex(t.length, 6)} (v${String(t.revision).padStart(2, '0')} ${str(t.bytes, 9, 6)})`); return; }
  const b = t.bytes;
  pr_info(`ACPI: ${t.signature} ${addr} ${hex(t.length, 6)} (v${String(t.revision).padStart(2, '0')} ${str(b, 10, 6)} ${str(b, 16, 8)} ${hex(u32(b, 24), 8)} ${str(b, 28, 4)} ${hex(u32(b, 32), 8)})`);
}

/** Reads one table at `addr` (its length from its header; the FACS's from offset 4 too). */
function read_table(addr: number): acpi_table_desc | null {
  const head = phys_read(addr, 36);
  if (!head) return null;
  const length = u32(head, 4);
  const bytes = phys_read(addr, length);
  if (!bytes || length < 36 && str(head, 0, 4) !== 'FACS') return null;
  return { signature: str(head, 0, 4), address: addr, length, revision: head[8]!, bytes };
}

/**
 * acpi_table_init() from setup_arch (acpi_boot_table_init): RSDP, RSDT, the
 * tables it lists, and the FACS and DSDT the FADT points at, printed in the
 * order ACPICA installs them; then their memory is reserved (acpi_table_init_complete).
 */
export function acpi_table_init(): boolean {
  const st = acpiTables();
  const rsdp_addr = acpi_find_root_pointer();
  if (!rsdp_addr) { st.disabled = true; return false; }
  pr_info('ACPI: Early table checksum verification disabled');
  const rb = phys_read(rsdp_addr, 20)!;
  st.rsdp = { signature: 'RSD PTR ', address: rsdp_addr, length: 20, revision: rb[15]!, bytes: rb };
  print_header(st.rsdp);
  const rsdt = read_table(u32(rb, 16));
  if (!rsdt || rsdt.signature !== 'RSDT') { pr_warn('ACPI: Invalid root pointer'); st.disabled = true; return false; }
  print_header(rsdt);
  const order: acpi_table_desc[] = [];
  for (let off = 36; off + 4 <= rsdt.length; off += 4) {
    const t = read_table(u32(rsdt.bytes, off));
    if (!t) continue;
    print_header(t);
    order.push(t);
    // acpi_tb_parse_fadt(): the DSDT and FACS are installed right after the FADT.
    if (t.signature === 'FACP') {
      for (const at of [40, 36]) {
        const sub = read_table(u32(t.bytes, at));
        if (sub) { print_header(sub); order.push(sub); }
      }
    }
  }
  st.tables = order;
  for (const t of order) pr_info(`ACPI: Reserving ${t.signature} table memory at [mem 0x${t.address.toString(16)}-0x${(t.address + t.length - 1).toString(16)}]`);
  return true;
}

/** acpi_get_table(): the first (or nth) table of a signature. */
export function acpi_get_table(signature: string, instance = 1): acpi_table_desc | null {
  return acpiTables().tables.filter((t) => t.signature === signature)[instance - 1] ?? null;
}

/** The tables in installation order (for /sys/firmware/acpi/tables). */
export function acpi_tables(): readonly acpi_table_desc[] { return acpiTables().tables; }

export function acpi_disabled(): boolean { return acpiTables().disabled || !acpiTables().rsdp; }

/** A little-endian field of a table, for the parsers. */
export function table_u32(t: acpi_table_desc, off: number): number { return u32(t.bytes, off); }
