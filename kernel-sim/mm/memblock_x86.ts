// Models the memblock steps of linux/arch/x86/kernel/setup.c's setup_arch (the kernel image, the first 1 MiB, the initrd), arch/x86/mm/numa.c's alloc_node_data, arch/x86/mm/init.c's memblock_find_dma_reserve and mm/sparse.c's vmemmap buffer: what the boot reserves before the page allocator exists.
import { pr_info } from '../kernel/printk/printk.ts';
import { defineState } from '../kernel/state.ts';
import { memblock_add, memblock_reserve, memblock_phys_alloc_range, memblock_free_ranges, memblock_set_current_limit } from './memblock.ts';
import { PAGE_SHIFT, PAGE_SIZE, MAX_DMA_PFN } from './page_alloc.ts';
import type { e820_entry } from '../arch/x86/kernel/e820.ts';

/**
 * The kernel image as Debian's 6.1 vmlinux lays it out (vmlinux.lds sections) at the physical address KASLR chose on
 * the reference boot (its /proc/iomem); sizes as mem_init_print_info reports them.
 */
export const kernel_image = {
  _text: 0x0de00000,
  /** PFN_ALIGN(_etext) .. __start_rodata and PFN_ALIGN(__end_rodata) .. _sdata: freed as "text/rodata gap", "rodata/data gap". */
  text_end: 0x0ec02000, start_rodata: 0x0ee00000, end_rodata: 0x0f6eb000, sdata: 0x0f800000,
  /** __bss_stop = __end_of_kernel_reserve: setup_arch reserves _text up to here. */
  end_of_kernel_reserve: 0x11200000,
  /** bss_decrypted's unused tail at the end of .bss (free_unused_decrypted_memory). */
  decrypted_unused: 2036 << 10,
  code_kb: 14343, rwdata_kb: 2338, rodata_kb: 9132, init_kb: 2824, bss_kb: 17344,
  /** __init_begin: the init sections follow .data and the vvar page (their exact place is not in the reference). */
  init_begin: 0x0fa4a000,
  /** .smp_locks after __init_end: freed by alternative_instructions on SMP ("Freeing SMP alternatives memory: 36K"). */
  smp_locks_kb: 36,
} as const;

/** sizeof(pg_data_t) in Debian's 6.1 build (NODE_DATA(0) allocated [mem 0x1fa01000-0x1fa2bfff]). */
const NODE_DATA_SIZE = 0x2b000;
/** QEMU's x86_load_linux puts the initrd page-aligned below the top of low RAM less its ACPI data area (0x30000). */
const QEMU_INITRD_TOP_GAP = 0x30000;
/** q35's MMCONFIG window: the first e820 entry that is not low memory. */
const MMCONFIG_BASE = 0xb0000000;
/** SECTION_SIZE_BITS 27: sparsemem sections of 128 MiB, each with 2 MiB of struct pages mapped by one PMD. */
const PAGES_PER_SECTION = 1 << (27 - PAGE_SHIFT);
const SECTION_MEMMAP_SIZE = PAGES_PER_SECTION * 64;
const PMD_SIZE = 2 << 20;
const SMP_CACHE_BYTES = 64;

interface boot_mem {
  /** Where the image was loaded less where the reference's KASLR put it. */
  image_offset: number;
  initrd: [number, number] | null;
  /** memblock_find_dma_reserve's count, taken off ZONE_DMA's managed estimate. */
  dma_reserve: number;
  /** nr_kernel_pages from free_area_init_core: what the early hash tables scale with. */
  nr_kernel_pages: number;
}
export const bootMem = defineState<boot_mem>('boot_mem', () => ({ image_offset: 0, initrd: null, dma_reserve: 0, nr_kernel_pages: 0 }));

/** CONFIG_PHYSICAL_START: where the image sits when KASLR has no room above it (or with nokaslr). */
const PHYSICAL_START = 0x1000000;

/** The kernel image's addresses on this boot: the reference's place when RAM holds it there, else PHYSICAL_START. */
export function kimage(): { [K in keyof typeof kernel_image]: number } {
  const off = bootMem().image_offset;
  const k = kernel_image;
  return {
    ...k, _text: k._text + off, text_end: k.text_end + off, start_rodata: k.start_rodata + off, end_rodata: k.end_rodata + off,
    sdata: k.sdata + off, end_of_kernel_reserve: k.end_of_kernel_reserve + off, init_begin: k.init_begin + off,
  };
}

const hex10 = (a: number): string => '0x' + a.toString(16).padStart(8, '0');

/**
 * setup_arch's memblock part up to the zones: RAM from e820, the kernel image, the initrd QEMU loaded (RAMDISK line),
 * the first 1 MiB (reserve_real_mode reserves all of it), and memblock_find_dma_reserve.
 */
export function x86_memblock_setup(ram_ranges: readonly (readonly [number, number])[], fw: readonly e820_entry[], initrd_bytes: number): void {
  for (const [s, e] of ram_ranges) memblock_add(s << PAGE_SHIFT, (e - s) << PAGE_SHIFT);
  const fits = ram_ranges.some(([s, e]) => s << PAGE_SHIFT <= kernel_image._text && kernel_image.end_of_kernel_reserve <= e * PAGE_SIZE);
  bootMem().image_offset = fits ? 0 : PHYSICAL_START - kernel_image._text;
  const k = kimage();
  memblock_reserve(k._text, k.end_of_kernel_reserve - k._text);
  if (initrd_bytes > 0) {
    // below_4g_mem_size: where the firmware's map of low memory ends (RAM and the BIOS's reserved tail; not MMCONFIG).
    const below_4g = fw.filter((e) => e.addr < MMCONFIG_BASE).reduce((t, e) => Math.max(t, e.addr + e.size), 0);
    const end = Math.floor((below_4g - QEMU_INITRD_TOP_GAP) / PAGE_SIZE) * PAGE_SIZE;
    const start = Math.floor((end - initrd_bytes) / PAGE_SIZE) * PAGE_SIZE;
    bootMem().initrd = [start, end];
    pr_info(`RAMDISK: [mem ${hex10(start)}-${hex10(end - 1)}]`);
    memblock_reserve(start, end - start);
  }
  memblock_reserve(0, 1 << 20);
  // init_mem_mapping: from here memblock may allocate anywhere in the direct map.
  memblock_set_current_limit(Number.MAX_SAFE_INTEGER);
  // memblock_find_dma_reserve: RAM below 16 MiB that memblock keeps (dma_reserve, taken off ZONE_DMA's estimate).
  const dma_ram = ram_ranges.reduce((n, [s, e]) => n + Math.max(0, Math.min(e, MAX_DMA_PFN) - s), 0);
  const dma_free = memblock_free_ranges().reduce((n, [s, e]) => n + Math.max(0, Math.min(e >> PAGE_SHIFT, MAX_DMA_PFN) - Math.ceil(s / PAGE_SIZE)), 0);
  bootMem().dma_reserve = dma_ram - dma_free;
}

/** alloc_node_data: pg_data_t for node 0, top-down in the node's memory. */
export function alloc_node_data(): void {
  const nd_pa = memblock_phys_alloc_range(NODE_DATA_SIZE, SMP_CACHE_BYTES);
  pr_info(`NODE_DATA(0) allocated [mem ${hex10(nd_pa)}-${hex10(nd_pa + NODE_DATA_SIZE - 1)}]`);
}

/** sparse_init's sparse_buffer_init: one PMD-aligned buffer with every present section's struct pages (vmemmap). */
export function sparse_init(ram_ranges: readonly (readonly [number, number])[]): void {
  const sections = new Set<number>();
  for (const [s, e] of ram_ranges) for (let sec = Math.floor(s / PAGES_PER_SECTION); sec * PAGES_PER_SECTION < e; sec++) sections.add(sec);
  memblock_phys_alloc_range(sections.size * SECTION_MEMMAP_SIZE, PMD_SIZE);
}

/** memblock_alloc for the early hash tables and the like: top-down, cache-line aligned. */
export function memblock_alloc(bytes: number): number { return memblock_phys_alloc_range(bytes, SMP_CACHE_BYTES); }
