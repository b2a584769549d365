// Models linux/arch/x86/kernel/e820.c: the firmware's memory map (as QEMU's q35 with SeaBIOS gives it), its trimming in setup_arch, the end of RAM, the nosave regions and the PCI gap.
import { pr_info } from '../../../kernel/printk/printk.ts';

export type e820_type = 'usable' | 'reserved';
export interface e820_entry { addr: number; size: number; type: e820_type }

const PAGE_SIZE = 4096;
/** MAX_PHYSMEM_BITS (46 with 4-level paging) in pages: what e820__end_of_ram_pfn prints as max_arch_pfn. */
const MAX_ARCH_PFN = 2 ** (46 - 12);
/** ISA_START_ADDRESS..ISA_END_ADDRESS: the legacy VGA/BIOS hole trim_bios_range removes from RAM. */
const BIOS_BEGIN = 0xa0000, BIOS_END = 0x100000;

/** q35 keeps RAM below 4 GiB up to 2 GiB when the machine has more than the MMCONFIG window leaves (pc_q35_init). */
function lowmem_bytes(ram: number): number {
  return ram >= 0xb0000000 ? 0x80000000 : ram;
}

/**
 * The map SeaBIOS hands over on QEMU q35: base memory below the EBDA, the BIOS area, RAM less the 0x24000 bytes
 * SeaBIOS keeps at its top for ACPI and its own tables, MMCONFIG, the ICH9 RCRB, the flash, RAM above 4 GiB, and the
 * range below 1 TiB QEMU reserves on AMD CPUs (the HyperTransport hole).
 */
export function e820_table(ram: number): e820_entry[] {
  const low = lowmem_bytes(ram), high = ram - low;
  const t: e820_entry[] = [
    { addr: 0, size: 0x9fc00, type: 'usable' },
    { addr: 0x9fc00, size: 0x400, type: 'reserved' },
    { addr: 0xf0000, size: 0x10000, type: 'reserved' },
    { addr: 0x100000, size: low - 0x24000 - 0x100000, type: 'usable' },
    { addr: low - 0x24000, size: 0x24000, type: 'reserved' },
    { addr: 0xb0000000, size: 0x10000000, type: 'reserved' },
    { addr: 0xfed1c000, size: 0x4000, type: 'reserved' },
    { addr: 0xfffc0000, size: 0x40000, type: 'reserved' },
  ];
  if (high > 0) t.push({ addr: 2 ** 32, size: high, type: 'usable' });
  t.push({ addr: 0xfd00000000, size: 0x300000000, type: 'reserved' });
  return t;
}

const hex16 = (n: number): string => '0x' + n.toString(16).padStart(16, '0');
const hex8 = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

/** e820__print_table("BIOS-e820"). */
export function e820__memory_setup(t: e820_entry[]): void {
  pr_info('BIOS-provided physical RAM map:');
  for (const e of t) pr_info(`BIOS-e820: [mem ${hex16(e.addr)}-${hex16(e.addr + e.size - 1)}] ${e.type}`);
}

/** The kernel's copy of the map after setup_arch's trimming: the first page reserved, the 640 KiB–1 MiB hole not RAM. */
export function e820_kernel_table(fw: e820_entry[]): e820_entry[] {
  const t: e820_entry[] = [];
  for (const e of fw) {
    if (e.type === 'usable' && e.addr === 0) {
      t.push({ addr: 0, size: PAGE_SIZE, type: 'reserved' }, { addr: PAGE_SIZE, size: e.size - PAGE_SIZE, type: 'usable' });
    } else t.push({ ...e });
  }
  return t;
}

/**
 * setup_arch's trimming as it reports it: the first page becomes reserved (e820__range_update, "usable ==> reserved")
 * and the 640 KiB–1 MiB hole is removed from RAM (trim_bios_range). Returns the kernel's copy of the table.
 */
export function e820_trim_bios_range(fw: e820_entry[]): e820_entry[] {
  pr_info(`e820: update [mem ${hex8(0)}-${hex8(PAGE_SIZE - 1)}] usable ==> reserved`);
  pr_info(`e820: remove [mem ${hex8(BIOS_BEGIN)}-${hex8(BIOS_END - 1)}] usable`);
  return e820_kernel_table(fw);
}

/** ram_alignment: how far past a RAM range's end the "RAM buffer" reaches (64 KiB in the first MiB, 1 MiB below 16 MiB, then 64 MiB). */
function ram_alignment(pos: number): number {
  const mb = Math.floor(pos / 2 ** 20);
  return mb === 0 ? 64 << 10 : mb < 16 ? 1 << 20 : 64 << 20;
}

/** e820__reserve_resources_late's RAM buffers: from each RAM range's end up to its alignment, as [start, end]. */
export function e820_ram_buffers(t: e820_entry[]): [number, number][] {
  const out: [number, number][] = [];
  for (const e of t) {
    if (e.type !== 'usable') continue;
    const start = e.addr + e.size, align = ram_alignment(start);
    const end = Math.ceil(start / align) * align - 1;
    if (start < end) out.push([start, end]);
  }
  return out;
}

/** Page frame numbers of the usable ranges, whole pages only (memblock's view of RAM). */
export function e820_ram_ranges(t: e820_entry[]): [number, number][] {
  return t.filter((e) => e.type === 'usable').map((e) => [Math.ceil(e.addr / PAGE_SIZE), Math.floor((e.addr + e.size) / PAGE_SIZE)] as [number, number]);
}

/** e820__end_of_ram_pfn (and e820__end_of_low_ram_pfn when RAM goes past 4 GiB): prints and returns max_pfn. */
export function e820__end_of_ram_pfn(t: e820_entry[]): number {
  const ends = e820_ram_ranges(t).map(([, end]) => end);
  const max_pfn = Math.max(...ends);
  pr_info(`last_pfn = 0x${max_pfn.toString(16)} max_arch_pfn = 0x${MAX_ARCH_PFN.toString(16)}`);
  const low = Math.max(...ends.filter((e) => e <= 2 ** 20));
  if (low !== max_pfn) pr_info(`last_pfn = 0x${low.toString(16)} max_arch_pfn = 0x${MAX_ARCH_PFN.toString(16)}`);
  return max_pfn;
}

/** e820__register_nosave_regions: what is not RAM below max_pfn, in whole pages, is left out of a hibernation image. */
export function e820__register_nosave_regions(t: e820_entry[], max_pfn: number): void {
  let pfn = 0;
  for (const [start, end] of e820_ram_ranges(t)) {
    if (pfn < start) pr_info(`PM: hibernation: Registered nosave memory: [mem ${hex8(pfn * PAGE_SIZE)}-${hex8(start * PAGE_SIZE - 1)}]`);
    pfn = end;
    if (pfn >= max_pfn) break;
  }
}

/** e820__setup_pci_gap: the largest gap below 4 GiB above RAM, where PCI BARs go. Returns its start. */
export function e820__setup_pci_gap(t: e820_entry[]): number {
  let best_start = 0, best_size = 0, last = 2 ** 32;
  for (const e of [...t].sort((a, b) => b.addr - a.addr)) {
    const end = e.addr + e.size;
    if (e.addr >= 2 ** 32) continue;
    if (last > end && last - end > best_size) { best_size = last - end; best_start = end; }
    last = Math.min(last, e.addr);
  }
  pr_info(`[mem ${hex8(best_start)}-${hex8(best_start + best_size - 1)}] available for PCI devices`);
  return best_start;
}
