// Models the hand-over from memblock to the page allocator: mm/memblock.c's memblock_free_all, mm/page_alloc.c's deferred struct page init (defer_init, deferred_init_memmap), mem_init_print_info and free_reserved_area, and arch/x86/mm/init_64.c's mem_init (preallocate_vmalloc_pages).
import { pr_info } from '../kernel/printk/printk.ts';
import { account_ns, ktime_get } from '../kernel/time/timekeeping.ts';
import { memblock_free_ranges } from './memblock.ts';
import {
  memMap, node_zones, populated_zone, zone_end_pfn, __free_pages_memory, __free_pages_core, alloc_pages, totalram_pages,
  totalram_pages_add, nr_free_pages, page_use, PAGE_SHIFT, PAGE_SIZE, MIGRATE_UNMOVABLE,
} from './page_alloc.ts';
import { kernel_image, kimage, bootMem } from './memblock_x86.ts';

const PAGES_PER_SECTION = 1 << (27 - PAGE_SHIFT);
const K = (pages: number): number => pages << (PAGE_SHIFT - 10);

/**
 * memmap_init's defer_init: in the node's last zone with memory, struct pages past the first section boundary after
 * one section's worth of the zone's last range are left for pgdatinit0 (CONFIG_DEFERRED_STRUCT_PAGE_INIT).
 */
export function memmap_init_deferred(ranges: readonly (readonly [number, number])[], max_pfn: number): void {
  const mm = memMap();
  mm.first_deferred_pfn = Infinity;
  for (const z of node_zones()) {
    if (!populated_zone(z)) continue;
    for (const [s, e] of ranges) {
      const start = Math.max(s, z.zone_start_pfn), end = Math.min(e, zone_end_pfn(z));
      if (end <= start || end < max_pfn) continue;
      const first = Math.ceil((start + PAGES_PER_SECTION) / PAGES_PER_SECTION) * PAGES_PER_SECTION;
      if (first < end) mm.first_deferred_pfn = first;
    }
  }
}

/** The free memblock ranges in whole pages ([PFN_UP(start), PFN_DOWN(end)), as __free_memory_core takes them. */
function free_pfn_ranges(): [number, number][] {
  return memblock_free_ranges().map(([s, e]): [number, number] => [Math.ceil(s / PAGE_SIZE), Math.floor(e / PAGE_SIZE)]).filter(([s, e]) => e > s);
}

/**
 * memblock_free_all: zones' managed counts restart from zero, every free memblock page is counted in totalram, and
 * those whose struct pages are initialised go to the buddy lists (the deferred ones wait for page_alloc_init_late).
 */
export function memblock_free_all(): void {
  const mm = memMap();
  for (const z of node_zones()) z.managed_pages = 0;
  for (const [s, e] of free_pfn_ranges()) {
    totalram_pages_add(e - s);
    const end = Math.min(e, mm.first_deferred_pfn);
    if (end > s) __free_pages_memory(s, end);
  }
}

/**
 * preallocate_vmalloc_pages: a PUD page for every PGD entry of the 32 TiB vmalloc area (4-level paging), so no
 * process page table misses one later. KASLR puts VMALLOC_START on a 1 GiB boundary, not a 512 GiB one, so the area
 * touches 65 PGD entries; with nokaslr it starts PGD-aligned and touches 64.
 */
export function preallocate_vmalloc_pages(kaslr: boolean): void {
  const n = (32 * 2 ** 40) / (512 * 2 ** 30) + (kaslr ? 1 : 0);
  for (let i = 0; i < n; i++) alloc_pages(0, MIGRATE_UNMOVABLE, page_use.pagetable);
}

/** mem_init_print_info: free pages now, present pages, the kernel's sections, and what memblock kept. */
export function mem_init_print_info(): void {
  const physpages = node_zones().reduce((n, z) => n + z.present_pages, 0);
  const k = kernel_image;
  pr_info(`Memory: ${K(nr_free_pages())}K/${K(physpages)}K available (${k.code_kb}K kernel code, ${k.rwdata_kb}K rwdata, ${k.rodata_kb}K rodata, ${k.init_kb}K init, ${k.bss_kb}K bss, ${K(physpages - totalram_pages())}K reserved, 0K cma-reserved)`);
}

/** x86-64 mem_init: memblock_free_all, then the vmalloc area's page tables; mm_init prints the summary after. */
export function mem_init(kaslr: boolean): void {
  memblock_free_all();
  preallocate_vmalloc_pages(kaslr);
  mem_init_print_info();
}

/** Initialising and freeing one deferred struct page on the reference guest: "12ms" for its 56,1xx free pages. */
const DEFERRED_INIT_NS_PER_PAGE = 215;

/** deferred_init_memmap (pgdatinit0): the rest of the node's free pages join the buddy lists. Returns the pages. */
function deferred_init_memmap(): number {
  const mm = memMap();
  const first = mm.first_deferred_pfn;
  if (first === Infinity) return 0;
  let pages = 0;
  for (const [s, e] of free_pfn_ranges()) {
    if (e <= first) continue;
    __free_pages_memory(Math.max(s, first), e);
    pages += e - Math.max(s, first);
  }
  mm.first_deferred_pfn = Infinity;
  return pages;
}

/** page_alloc_init_late: waits for pgdatinit0 and reports how long the deferred pages took. */
export function page_alloc_init_late(): void {
  if (memMap().first_deferred_pfn === Infinity) return;
  const start = ktime_get();
  account_ns(deferred_init_memmap() * DEFERRED_INIT_NS_PER_PAGE);
  pr_info(`node 0 deferred pages initialised in ${Math.floor((ktime_get() - start) / 1_000_000)}ms`);
}

/** free_reserved_area: the pages of [start, end) (bytes) become managed and free; the line says how much. */
export function free_reserved_area(start: number, end: number, s: string): number {
  const mm = memMap();
  const first = Math.ceil(start / PAGE_SIZE), last = Math.min(Math.floor(end / PAGE_SIZE), mm.max_pfn);
  let pages = 0;
  // Only pages memblock kept (PageReserved) are given back; a range past the end of RAM frees nothing.
  for (let pfn = first; pfn < last; pfn++) if (mm.use[pfn] === page_use.reserved) { __free_pages_core(pfn, 0, false); pages++; }
  totalram_pages_add(pages);
  if (pages && s) pr_info(`Freeing ${s} memory: ${K(pages)}K`);
  return pages;
}

/** free_initrd_mem: the initrd's reservation once it is unpacked. */
export function free_initrd_mem(): void {
  const r = bootMem().initrd;
  if (r) free_reserved_area(r[0], r[1], 'initrd');
  bootMem().initrd = null;
}

/** alternative_instructions on SMP: the .smp_locks table is not needed once the alternatives are patched. */
export function free_smp_locks(): void {
  const k = kimage();
  const start = k.init_begin + (k.init_kb << 10);
  free_reserved_area(start, start + (k.smp_locks_kb << 10), 'SMP alternatives');
}

/** free_initmem: the unused bss_decrypted tail (mem_encrypt_free_decrypted_mem), then the init sections. */
export function free_initmem(): void {
  const k = kimage();
  free_reserved_area(k.end_of_kernel_reserve - k.decrypted_unused, k.end_of_kernel_reserve, 'unused decrypted');
  free_reserved_area(k.init_begin, k.init_begin + (k.init_kb << 10), 'unused kernel image (initmem)');
}

/** mark_rodata_ro's free_kernel_image_pages: the gaps the 2 MiB section alignment left between text, rodata and data. */
export function free_kernel_image_gaps(): void {
  const k = kimage();
  free_reserved_area(k.text_end, k.start_rodata, 'unused kernel image (text/rodata gap)');
  free_reserved_area(k.end_rodata, k.sdata, 'unused kernel image (rodata/data gap)');
}
