// Models the boot's memory layout reports: arch/x86/mm/numa.c's dummy_numa_init, mm/page_alloc.c's free_area_init (zones, node ranges, unavailable ranges), build_all_zonelists and alloc_large_system_hash's dcache/inode tables.
import { pr_info } from '../kernel/printk/printk.ts';
import {
  PAGE_SHIFT, MAX_DMA_PFN, MAX_DMA32_PFN, ZONE_NORMAL, zone_limits, init_zones, free_area_init_core, nr_free_zone_pages, alloc_pages, MIGRATE_UNMOVABLE, page_use,
} from './page_alloc.ts';
import { memmap_init_deferred } from './mem_init.ts';
import { bootMem, memblock_alloc } from './memblock_x86.ts';
/** PAGES_PER_SECTION (128 MiB sections): memmap_init pads the end of memory to a whole sparsemem section. */
const PAGES_PER_SECTION = 2 ** (27 - PAGE_SHIFT);

const hex16 = (pfn: number): string => '0x' + (pfn * 2 ** PAGE_SHIFT).toString(16).padStart(16, '0');
const hex16_end = (pfn: number): string => '0x' + (pfn * 2 ** PAGE_SHIFT - 1).toString(16).padStart(16, '0');


/** The zone a page frame falls in by the zone limits alone. */
const zone_of = (pfn: number): string => (pfn < MAX_DMA_PFN ? 'DMA' : pfn < MAX_DMA32_PFN ? 'DMA32' : 'Normal');

/** dummy_numa_init: no SRAT on this machine, so one node spans all of RAM. */
export function dummy_numa_init(max_pfn: number): void {
  pr_info('No NUMA configuration found');
  pr_info(`Faking a node at [mem ${hex16(0)}-${hex16_end(max_pfn)}]`);
}

/**
 * free_area_init over memblock's RAM ranges (page frame numbers, [start, end)): the zone ranges, the node's ranges,
 * and the holes memmap_init finds between them and past the last one.
 */
export function free_area_init(ranges: [number, number][], max_pfn: number): void {
  const min_pfn = ranges[0][0];
  const names = ['DMA', 'DMA32', 'Normal'];
  pr_info('Zone ranges:');
  zone_limits(max_pfn).forEach(([lo, hi], i) => {
    const start = i === 0 ? min_pfn : lo;
    pr_info(`  ${names[i].padEnd(8)} ${hi > start ? `[mem ${hex16(start)}-${hex16_end(hi)}]` : 'empty'}`);
  });
  pr_info(`  ${'Device'.padEnd(8)} empty`);
  pr_info('Movable zone start for each node');
  pr_info('Early memory node ranges');
  for (const [s, e] of ranges) pr_info(`  node ${'0'.padStart(3)}: [mem ${hex16(s)}-${hex16_end(e)}]`);
  pr_info(`Initmem setup node 0 [mem ${hex16(min_pfn)}-${hex16_end(max_pfn)}]`);
  let hole = 0;
  // A hole is counted in the zone of the range after it; the padding past the last range in the last range's zone.
  const unavailable = (from: number, to: number, zone: string): void => {
    if (to > from) pr_info(`On node 0, zone ${zone}: ${to - from} pages in unavailable ranges`);
  };
  for (const [s, e] of ranges) { unavailable(hole, s, zone_of(s)); hole = e; }
  unavailable(hole, Math.ceil(hole / PAGES_PER_SECTION) * PAGES_PER_SECTION, zone_of(hole - 1));
  init_zones(ranges, max_pfn);
  memmap_init_deferred(ranges, max_pfn);
  bootMem().nr_kernel_pages = free_area_init_core(bootMem().dma_reserve);
}

/** build_all_zonelists' lines: one node falls back to itself; the policy zone is the highest zone with memory. */
export function build_all_zonelists(max_pfn: number): void {
  pr_info('Fallback order for Node 0: 0 ');
  // vm_total_pages: the zones' managed estimates (no watermarks yet) a GFP_HIGHUSER_MOVABLE request may use.
  pr_info(`Built 1 zonelists, mobility grouping on.  Total pages: ${nr_free_zone_pages(ZONE_NORMAL)}`);
  pr_info(`Policy zone: ${max_pfn > MAX_DMA32_PFN ? 'Normal' : 'DMA32'}`);
}

/**
 * alloc_large_system_hash(): unless the caller gives a size, one bucket per 2^scale bytes of the kernel's pages
 * (rounded up to a MiB), at least a page's worth; a power of two within [low_limit, high_limit] (high 0: 1/16 of
 * memory). Early tables come from memblock, later ones are whole pages from the buddy allocator (alloc_pages_exact:
 * every table here is a power of two pages). Returns the entries.
 */
export function alloc_large_system_hash(name: string, bucketsize: number, numentries: number, scale: number, early: boolean, low_limit = 0, high_limit = 0): number {
  const nr_kernel_pages = bootMem().nr_kernel_pages;
  if (!numentries) {
    const per_mb = (1 << 20) >>> PAGE_SHIFT;
    numentries = Math.ceil(nr_kernel_pages / per_mb) * per_mb;
    numentries = scale > PAGE_SHIFT ? Math.floor(numentries / 2 ** (scale - PAGE_SHIFT)) : numentries * 2 ** (PAGE_SHIFT - scale);
    if (numentries * bucketsize < 1 << PAGE_SHIFT) numentries = (1 << PAGE_SHIFT) / bucketsize;
  }
  numentries = 2 ** Math.ceil(Math.log2(numentries));
  // On x86-64 every page is lowmem: nr_all_pages is nr_kernel_pages.
  const max = Math.min(high_limit || Math.floor((nr_kernel_pages * 2 ** PAGE_SHIFT) / 16 / bucketsize), 0x80000000);
  numentries = Math.min(Math.max(numentries, low_limit), max);
  const entries = 2 ** Math.floor(Math.log2(numentries));
  const bytes = entries * bucketsize;
  const order = Math.max(0, Math.floor(Math.log2(bytes)) - PAGE_SHIFT);
  if (early) memblock_alloc(bytes);
  else alloc_pages(Math.max(0, Math.ceil(Math.log2(bytes / 2 ** PAGE_SHIFT))), MIGRATE_UNMOVABLE, page_use.kernel);
  pr_info(`${name} hash table entries: ${entries} (order: ${order}, ${bytes} bytes, linear)`);
  return entries;
}

/** vfs_caches_init_early: the dentry and inode hash tables (dhash_entries/ihash_entries unset). */
export function vfs_caches_init_early(): void {
  alloc_large_system_hash('Dentry cache', 8, 0, 13, true);
  alloc_large_system_hash('Inode-cache', 8, 0, 14, true);
}
