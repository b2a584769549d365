// Models QEMU's hw/i386/acpi-build.c with SeaBIOS's table loader for q35: the FACS, DSDT, FACP, APIC, HPET, MCFG and WAET tables, the RSDT and the RSDP, written into guest RAM where the real firmware leaves them.
//
// The tables are those QEMU 7.2 builds for `-M q35` (OEM "BOCHS ", table id
// "BXPC"), at the same addresses for the same RAM size: SeaBIOS allocates them
// from the top of low RAM (FACS first, 64-byte aligned, then each table packed
// after the previous one) and copies the RSDP into the F segment. The kernel
// finds them as Linux does, by scanning for "RSD PTR ".
import type { KwbMachine } from '../core/machine-builder.ts';
import type { PCIHostState } from '../pci/pci_host.ts';
import { PCI_DEVFN } from '../pci/pci_regs.ts';
import { aml_encode, AML } from './aml-build.ts';
import { q35_dsdt_namespace } from './acpi-dsdt.ts';

/** Where SeaBIOS 1.16 leaves the RSDP for this machine (the F segment). */
export const SEABIOS_RSDP_ADDR = 0xf59d0;
/** QEMU 7.2's q35 DSDT length for the reference machine; the AML the model emits is padded to it (see build_dsdt). */
export const QEMU_Q35_DSDT_LEN = 0x20fd;
const HPET_BASE = 0xfed00000, IOAPIC_BASE = 0xfec00000, LAPIC_BASE = 0xfee00000;
const PM_IO_BASE = 0x600;

/** One table as it lies in guest RAM. */
export interface acpi_table_blob { signature: string; address: number; bytes: Uint8Array }

class TableWriter {
  readonly b: number[] = [];
  u8(v: number): this { this.b.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: number): this { return this.u32(v >>> 0).u32(Math.floor(v / 2 ** 32)); }
  str(s: string, len: number): this { for (let i = 0; i < len; i++) this.u8(i < s.length ? s.charCodeAt(i) : 0x20); return this; }
  bytes(a: ArrayLike<number>): this { for (let i = 0; i < a.length; i++) this.u8(a[i]!); return this; }
  /** Generic Address Structure: space (0 memory, 1 I/O), register width, offset, access size, address. */
  gas(space: number, width: number, addr: number, access = 0): this { return this.u8(space).u8(width).u8(0).u8(access).u64(addr); }
}

/** Fills in the length and the checksum byte (offset 9 in an SDT header, `at` in the RSDP) so the bytes sum to 0. */
function finish(w: TableWriter, checksum_at = 9): Uint8Array {
  const a = Uint8Array.from(w.b);
  if (checksum_at === 9) new DataView(a.buffer).setUint32(4, a.length, true);
  a[checksum_at] = 0;
  const sum = a.reduce((s, x) => (s + x) & 0xff, 0);
  a[checksum_at] = (0x100 - sum) & 0xff;
  return a;
}

/** The 36-byte header every table but the FACS and RSDP starts with (acpi_table_begin). */
function sdt(sig: string, rev: number): TableWriter {
  return new TableWriter().str(sig, 4).u32(0).u8(rev).u8(0).str('BOCHS ', 6).str('BXPC', 8).u32(1).str('BXPC', 4).u32(1);
}

function build_facs(): Uint8Array {
  const w = new TableWriter().str('FACS', 4).u32(64).u32(0).u32(0).u32(0).u32(0).u8(0);
  while (w.b.length < 64) w.u8(0);
  return Uint8Array.from(w.b);
}

/** build_dsdt(): the namespace's AML, then NoopOps up to QEMU's length, so every later table sits where QEMU puts it. */
function build_dsdt(m: KwbMachine, host: PCIHostState): Uint8Array {
  const w = sdt('DSDT', 1);
  for (const n of q35_dsdt_namespace(m, host)) w.bytes(aml_encode(n));
  // The method bodies QEMU also emits (_PRT, _OSC, the link devices' _SRS, hotplug) are not modelled.
  while (w.b.length < QEMU_Q35_DSDT_LEN) w.u8(AML.NOOP);
  return finish(w);
}

/** build_fadt() with QEMU's q35 values: ICH9 PM block at 0x600, SCI 9, reset through 0xcf9. */
function build_facp(facs: number, dsdt: number): Uint8Array {
  const w = sdt('FACP', 3);
  w.u32(facs).u32(dsdt).u8(0).u8(0).u16(9).u32(0xb2).u8(0x02).u8(0x03).u8(0).u8(0);
  w.u32(PM_IO_BASE).u32(0).u32(PM_IO_BASE + 4).u32(0).u32(0).u32(PM_IO_BASE + 8).u32(PM_IO_BASE + 0x20).u32(0);
  w.u8(4).u8(2).u8(0).u8(4).u8(0x10).u8(0).u8(0).u8(0);
  w.u16(0x0fff).u16(0x0fff).u16(0).u16(0).u8(0).u8(0).u8(0).u8(0).u8(0x32);
  w.u16(0x0002).u8(0);
  // WBINVD | PROC_C1 | SLP_BUTTON | RTC_S4 | TMR_VAL_EXT | RESET_REG_SUP | USE_PLATFORM_CLOCK; no PWR_BUTTON bit: a fixed-feature power button.
  w.u32((1 << 0) | (1 << 2) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 15));
  w.gas(1, 8, 0xcf9).u8(0x0f).u8(0).u8(0).u8(0);
  w.u64(0).u64(dsdt);
  w.gas(1, 32, PM_IO_BASE).gas(0, 0, 0).gas(1, 16, PM_IO_BASE + 4).gas(0, 0, 0).gas(0, 0, 0);
  w.gas(1, 32, PM_IO_BASE + 8).gas(1, 128, PM_IO_BASE + 0x20).gas(0, 0, 0);
  return finish(w);
}

/** MADT flags of the interrupt source overrides: active high (01) and level triggered (11 << 2). */
const MPS_HIGH_LEVEL = 0x000d;

/** build_madt(): a local APIC per CPU, the I/O APIC, the ISA overrides (timer on pin 2, PCI's level IRQs 5, 9, 10, 11), LINT1 as NMI. */
function build_apic(cpus: number): Uint8Array {
  const w = sdt('APIC', 1).u32(LAPIC_BASE).u32(1);
  for (let i = 0; i < cpus; i++) w.u8(0).u8(8).u8(i).u8(i).u32(1);
  w.u8(1).u8(12).u8(0).u8(0).u32(IOAPIC_BASE).u32(0);
  w.u8(2).u8(10).u8(0).u8(0).u32(2).u16(0);
  for (const irq of [5, 9, 10, 11]) w.u8(2).u8(10).u8(0).u8(irq).u32(irq).u16(MPS_HIGH_LEVEL);
  w.u8(4).u8(6).u8(0xff).u16(0).u8(1);
  return finish(w);
}

/** build_hpet(): QEMU's HPET block id (Intel, 3 comparators, 64-bit, legacy routing capable) at 0xfed00000. */
function build_hpet(): Uint8Array {
  return finish(sdt('HPET', 1).u32(0x8086a201).gas(0, 0, HPET_BASE).u8(0).u16(0).u8(0));
}

function build_mcfg(ecam: number, end_bus: number): Uint8Array {
  return finish(sdt('MCFG', 1).u64(0).u64(ecam).u16(0).u8(0).u8(end_bus).u32(0));
}

/** build_waet(): "the PM timer is good" (one read gives a consistent value), so Windows and Linux trust it. */
function build_waet(): Uint8Array {
  return finish(sdt('WAET', 1).u32(1 << 1));
}

function build_rsdt(entries: number[]): Uint8Array {
  const w = sdt('RSDT', 1);
  for (const e of entries) w.u32(e);
  return finish(w);
}

/** RSDP revision 0: "RSD PTR ", checksum, OEM id, revision, RSDT address (20 bytes). */
function build_rsdp(rsdt: number): Uint8Array {
  return finish(new TableWriter().str('RSD PTR ', 8).u8(0).str('BOCHS ', 6).u8(0).u32(rsdt), 8);
}

/**
 * acpi_build() + SeaBIOS's romfile loader: lays the tables out from the top
 * of low RAM less 128 KiB (where SeaBIOS's high zone ends on q35) and writes
 * them into guest RAM. Returns what was written, or [] for a machine without
 * the q35 chipset (no ACPI there).
 */
export function acpi_setup(m: KwbMachine): acpi_table_blob[] {
  const host = m.pci_hosts.find((h) => m.mch_hosts.has(h) && h.root_bus.devices[PCI_DEVFN(0x1f, 0)]);
  if (!host || !m.ram || m.ram_size < 0x200000) return [];
  const low = Math.min(m.ram_size, 0xb0000000);
  let at = low - 0x20000;
  const out: acpi_table_blob[] = [];
  const place = (signature: string, bytes: Uint8Array): number => {
    out.push({ signature, address: at, bytes });
    const a = at;
    at += bytes.length;
    return a;
  };
  const facs = place('FACS', build_facs());
  const dsdt = place('DSDT', build_dsdt(m, host));
  const ecam = m.ecam_base(host);
  const listed = [
    place('FACP', build_facp(facs, dsdt)),
    place('APIC', build_apic(Math.max(1, m.smp_cpus))),
    place('HPET', build_hpet()),
    place('MCFG', build_mcfg(ecam, 0xff)),
    place('WAET', build_waet()),
  ];
  const rsdt = place('RSDT', build_rsdt(listed));
  out.push({ signature: 'RSD PTR ', address: SEABIOS_RSDP_ADDR, bytes: build_rsdp(rsdt) });
  for (const t of out) m.ram.write(t.address, t.bytes);
  return out;
}
