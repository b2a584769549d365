// Models linux/mm/page_alloc.c: the zones of node 0, the buddy allocator's free lists per order and migratetype (split on allocation, merge on free, fallback stealing of pageblocks), and the watermarks and per-cpu pageset limits derived from min_free_kbytes.
import { defineState } from '../kernel/state.ts';
import { runqueue } from '../kernel/sched/core.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
/** Orders 0..MAX_ORDER-1 (4 KiB to 4 MiB blocks). */
export const MAX_ORDER = 11;
/** pageblock_order on x86-64: HUGETLB_PAGE_ORDER, a 2 MiB pageblock. */
export const pageblock_order = 9;
export const pageblock_nr_pages = 1 << pageblock_order;

/** enum migratetype without CONFIG_CMA (Debian's 6.1 config), with CONFIG_MEMORY_ISOLATION. */
export const MIGRATE_UNMOVABLE = 0, MIGRATE_MOVABLE = 1, MIGRATE_RECLAIMABLE = 2, MIGRATE_HIGHATOMIC = 3, MIGRATE_ISOLATE = 4;
export const MIGRATE_TYPES = 5;
export const MIGRATE_PCPTYPES = 3;
export const migratetype_names = ['Unmovable', 'Movable', 'Reclaimable', 'HighAtomic', 'Isolate'];

/** enum zone_type with CONFIG_ZONE_DMA, CONFIG_ZONE_DMA32 and CONFIG_ZONE_DEVICE. */
export const ZONE_DMA = 0, ZONE_DMA32 = 1, ZONE_NORMAL = 2, ZONE_MOVABLE = 3, ZONE_DEVICE = 4;
export const MAX_NR_ZONES = 5;
export const zone_names = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'];
/** Zone limits on x86-64, in pages: ZONE_DMA below 16 MiB, ZONE_DMA32 below 4 GiB. */
export const MAX_DMA_PFN = (16 << 20) >>> PAGE_SHIFT, MAX_DMA32_PFN = 2 ** (32 - PAGE_SHIFT);

/** sysctl_lowmem_reserve_ratio: DMA and DMA32 keep 1/256 of what the zones above them manage, Normal 1/32. */
const sysctl_lowmem_reserve_ratio = [256, 256, 32, 0, 0];
/** watermark_scale_factor's default: the kswapd watermarks sit 0.1% of the zone apart at least. */
const watermark_scale_factor = 10;
const WMARK_MIN = 0, WMARK_LOW = 1, WMARK_HIGH = 2, WMARK_PROMO = 3;

/** fallbacks[]: where an allocation of each type steals from when its own lists are empty. */
const fallbacks: readonly number[][] = [
  [MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE],
  [MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE],
  [MIGRATE_UNMOVABLE, MIGRATE_MOVABLE],
];

export interface free_area {
  /** First and last page frame of each migratetype's free list (-1: empty). */
  head: Int32Array;
  tail: Int32Array;
  /** Blocks on each migratetype's list (pagetypeinfo walks the lists; the count is the same). */
  count: Int32Array;
  nr_free: number;
}

export interface zone {
  readonly idx: number;
  readonly name: string;
  zone_start_pfn: number;
  spanned_pages: number;
  present_pages: number;
  managed_pages: number;
  free_area: free_area[];
  /** _watermark[WMARK_MIN, WMARK_LOW, WMARK_HIGH, WMARK_PROMO]. */
  _watermark: number[];
  watermark_boost: number;
  lowmem_reserve: number[];
  /** The per-cpu pageset limits (zone_set_pageset_high_and_batch); no page sits on a pcp list in this model. */
  pcp_high: number;
  pcp_batch: number;
  stat_threshold: number;
  nr_free_pages: number;
}

/** What a page frame holds, as page-flags would tell (PG_reserved, PageBuddy, or the owner of an allocated page). */
export const enum page_use { none = 0, reserved, buddy, kernel, pagetable, kstack, slab, anon, file, shmem }

interface mem_map_t {
  zones: zone[];
  max_pfn: number;
  /** Free-list links of the first page of each free block, as pfn + 1 (0: none), so fresh arrays need no filling. */
  next: Int32Array;
  prev: Int32Array;
  /** buddy_order + 1 of a free block's first page, 0 for every other page (PageBuddy). */
  order: Uint8Array;
  /** The list a free block is on (its migratetype when freed or moved). */
  list_mt: Uint8Array;
  /** get_pageblock_migratetype per pageblock. */
  pageblock_mt: Uint8Array;
  use: Uint8Array;
  /** totalram_pages(): pages handed to the buddy allocator. */
  totalram_pages: number;
  /** min_free_kbytes as calculate_min_free_kbytes and khugepaged set it. */
  min_free_kbytes: number;
  /** pgdat->first_deferred_pfn: struct pages from here on are initialised by pgdatinit0 (DEFERRED_STRUCT_PAGE_INIT). */
  first_deferred_pfn: number;
}

const empty_map = (): mem_map_t => ({
  zones: [], max_pfn: 0, next: new Int32Array(0), prev: new Int32Array(0), order: new Uint8Array(0), list_mt: new Uint8Array(0),
  pageblock_mt: new Uint8Array(0), use: new Uint8Array(0), totalram_pages: 0, min_free_kbytes: 0, first_deferred_pfn: Infinity,
});

export const memMap = defineState<mem_map_t>('mem_map', empty_map);

export function node_zones(): zone[] { return memMap().zones; }
export function totalram_pages(): number { return memMap().totalram_pages; }
export function totalram_pages_add(n: number): void { memMap().totalram_pages += n; }
export function populated_zone(z: zone): boolean { return z.present_pages > 0; }
export function zone_end_pfn(z: zone): number { return z.zone_start_pfn + z.spanned_pages; }

/** page_zone: the zone whose span holds the page frame. */
export function pfn_zone(pfn: number): zone | undefined {
  return memMap().zones.find((z) => populated_zone(z) && pfn >= z.zone_start_pfn && pfn < zone_end_pfn(z));
}

function new_zone(idx: number): zone {
  return {
    idx, name: zone_names[idx], zone_start_pfn: 0, spanned_pages: 0, present_pages: 0, managed_pages: 0,
    free_area: Array.from({ length: MAX_ORDER }, () => ({ head: new Int32Array(MIGRATE_TYPES).fill(-1), tail: new Int32Array(MIGRATE_TYPES).fill(-1), count: new Int32Array(MIGRATE_TYPES), nr_free: 0 })),
    _watermark: [0, 0, 0, 0], watermark_boost: 0, lowmem_reserve: new Array<number>(MAX_NR_ZONES).fill(0),
    pcp_high: 0, pcp_batch: 1, stat_threshold: 0, nr_free_pages: 0,
  };
}

/** The zone limits in page frames: DMA below 16 MiB, DMA32 below 4 GiB, Normal above. */
export function zone_limits(max_pfn: number): [number, number][] {
  return [[0, Math.min(MAX_DMA_PFN, max_pfn)], [MAX_DMA_PFN, Math.min(MAX_DMA32_PFN, max_pfn)], [MAX_DMA32_PFN, max_pfn]];
}

/**
 * free_area_init's zone sizes (zone_spanned_pages_in_node, zone_absent_pages_in_node) over memblock's RAM page
 * ranges, and memmap_init: every page reserved, every pageblock MIGRATE_MOVABLE, no page free yet.
 */
export function init_zones(ranges: readonly (readonly [number, number])[], max_pfn: number): void {
  const mm = memMap();
  const zones = Array.from({ length: MAX_NR_ZONES }, (_, i) => new_zone(i));
  const limits = zone_limits(max_pfn);
  const min_pfn = ranges[0]?.[0] ?? 0;
  limits.forEach(([lo, hi], i) => {
    const z = zones[i];
    // A zone spans from its first RAM page frame (the node's first for DMA) to the last, holes included.
    const inside = ranges.map(([s, e]): [number, number] => [Math.max(s, lo), Math.min(e, hi)]).filter(([s, e]) => e > s);
    if (!inside.length) return;
    z.zone_start_pfn = Math.max(lo, min_pfn);
    z.spanned_pages = inside[inside.length - 1][1] - z.zone_start_pfn;
    z.present_pages = inside.reduce((n, [s, e]) => n + e - s, 0);
  });
  mm.zones = zones;
  mm.max_pfn = max_pfn;
  mm.next = new Int32Array(max_pfn);
  mm.prev = new Int32Array(max_pfn);
  mm.order = new Uint8Array(max_pfn);
  mm.list_mt = new Uint8Array(max_pfn);
  mm.pageblock_mt = new Uint8Array(Math.ceil(max_pfn / pageblock_nr_pages)).fill(MIGRATE_MOVABLE);
  // Every struct page starts reserved, the holes' too (init_unavailable_range); memblock_free_all frees the free RAM.
  mm.use = new Uint8Array(max_pfn).fill(page_use.reserved);
}

/** calc_memmap_size: the struct pages of a zone (64 bytes each), by its present pages when holes make the span much larger. */
function calc_memmap_size(spanned: number, present: number): number {
  const pages = spanned > present + (present >> 4) ? present : spanned;
  return Math.ceil(pages * 64 / PAGE_SIZE);
}

/**
 * free_area_init_core's estimate of each zone's managed pages before memblock hands them over: present less the
 * memmap, less dma_reserve in the first zone. Returns nr_kernel_pages (the hash tables size from it).
 */
export function free_area_init_core(dma_reserve: number): number {
  let nr_kernel_pages = 0;
  for (const z of memMap().zones) {
    let freesize = z.present_pages;
    const memmap_pages = calc_memmap_size(z.spanned_pages, z.present_pages);
    if (freesize >= memmap_pages) freesize -= memmap_pages;
    if (z.idx === 0 && freesize > dma_reserve) freesize -= dma_reserve;
    nr_kernel_pages += freesize;
    z.managed_pages = freesize;
  }
  return nr_kernel_pages;
}

// ---- the free lists ----

function add_to_free_list(pfn: number, z: zone, order: number, mt: number, tail: boolean): void {
  const mm = memMap();
  const area = z.free_area[order];
  mm.order[pfn] = order + 1;
  mm.list_mt[pfn] = mt;
  const head = area.head[mt];
  if (head < 0) { mm.next[pfn] = mm.prev[pfn] = 0; area.head[mt] = area.tail[mt] = pfn; }
  else if (tail) { const last = area.tail[mt]; mm.next[last] = pfn + 1; mm.prev[pfn] = last + 1; mm.next[pfn] = 0; area.tail[mt] = pfn; }
  else { mm.next[pfn] = head + 1; mm.prev[pfn] = 0; mm.prev[head] = pfn + 1; area.head[mt] = pfn; }
  area.count[mt]++;
  area.nr_free++;
}

function del_page_from_free_list(pfn: number, z: zone, order: number): void {
  const mm = memMap();
  const area = z.free_area[order];
  const mt = mm.list_mt[pfn];
  const n = mm.next[pfn] - 1, p = mm.prev[pfn] - 1;
  if (p >= 0) mm.next[p] = n + 1; else area.head[mt] = n;
  if (n >= 0) mm.prev[n] = p + 1; else area.tail[mt] = p;
  mm.next[pfn] = mm.prev[pfn] = 0;
  mm.order[pfn] = 0;
  area.count[mt]--;
  area.nr_free--;
}

/** Free blocks of one list, head first (pagetypeinfo walks them; tests check the order). */
export function free_list(z: zone, order: number, mt: number): number[] {
  const mm = memMap();
  const out: number[] = [];
  for (let p = z.free_area[order].head[mt]; p >= 0; p = mm.next[p] - 1) out.push(p);
  return out;
}

const pageblock_of = (pfn: number): number => Math.floor(pfn / pageblock_nr_pages);
export function get_pageblock_migratetype(pfn: number): number { return memMap().pageblock_mt[pageblock_of(pfn)]; }

/** buddy_merge_likely: a block whose buddy's buddy is free will probably merge soon, so it goes to the tail. */
function buddy_merge_likely(pfn: number, buddy_pfn: number, order: number): boolean {
  if (order >= MAX_ORDER - 2) return false;
  const higher = buddy_pfn & pfn;
  const higher_buddy = higher ^ (1 << (order + 1));
  return is_free_buddy(higher_buddy, order + 1);
}

function is_free_buddy(pfn: number, order: number): boolean {
  const mm = memMap();
  return pfn >= 0 && pfn < mm.max_pfn && mm.order[pfn] === order + 1;
}

/** __free_one_page: merges with free buddies of the same order up to MAX_ORDER-1, then queues the block. */
function __free_one_page(pfn: number, order: number, z: zone, mt: number, to_tail: boolean): void {
  const mm = memMap();
  const pages = 1 << order;
  let buddy_pfn = -1;
  while (order < MAX_ORDER - 1) {
    buddy_pfn = pfn ^ (1 << order);
    if (!is_free_buddy(buddy_pfn, order) || buddy_pfn < z.zone_start_pfn || buddy_pfn >= zone_end_pfn(z)) { break; }
    del_page_from_free_list(buddy_pfn, z, order);
    pfn &= buddy_pfn;
    order++;
    buddy_pfn = -1;
  }
  const tail = to_tail || (buddy_pfn >= 0 && buddy_merge_likely(pfn, buddy_pfn, order));
  add_to_free_list(pfn, z, order, mt, tail);
  mm.use.fill(page_use.buddy, pfn, pfn + (1 << order));
  z.nr_free_pages += pages;
}

/** expand: the unused halves of a split block go back on the lists, the first `1 << low` pages are taken. */
function expand(z: zone, pfn: number, low: number, high: number, mt: number): void {
  while (high > low) {
    high--;
    add_to_free_list(pfn + (1 << high), z, high, mt, false);
  }
}

/** __rmqueue_smallest: the smallest free block of the type that fits, split down. */
function __rmqueue_smallest(z: zone, order: number, mt: number): number {
  for (let o = order; o < MAX_ORDER; o++) {
    const pfn = z.free_area[o].head[mt];
    if (pfn < 0) continue;
    del_page_from_free_list(pfn, z, o);
    expand(z, pfn, order, o, mt);
    return pfn;
  }
  return -1;
}

/** can_steal_fallback: a large request, or an unmovable/reclaimable one, takes the whole pageblock it steals from. */
function can_steal_fallback(order: number, start_mt: number): boolean {
  return order >= pageblock_order / 2 || start_mt === MIGRATE_RECLAIMABLE || start_mt === MIGRATE_UNMOVABLE;
}

function find_suitable_fallback(area: free_area, order: number, mt: number): { fallback: number; can_steal: boolean } {
  for (const f of fallbacks[mt]) if (area.head[f] >= 0) return { fallback: f, can_steal: can_steal_fallback(order, mt) };
  return { fallback: -1, can_steal: false };
}

/** move_freepages_block: every free block of the pageblock onto the new type's lists; counts the movable pages in use. */
function move_freepages_block(z: zone, pfn: number, mt: number): { free: number; movable: number } {
  const mm = memMap();
  const start = Math.max(pageblock_of(pfn) * pageblock_nr_pages, z.zone_start_pfn);
  const end = Math.min((pageblock_of(pfn) + 1) * pageblock_nr_pages, zone_end_pfn(z));
  let free = 0, movable = 0;
  for (let p = start; p < end;) {
    const o = mm.order[p] - 1;
    if (o >= 0) {
      del_page_from_free_list(p, z, o);
      add_to_free_list(p, z, o, mt, false);
      free += 1 << o;
      p += 1 << o;
      continue;
    }
    const u = mm.use[p];
    if (u === page_use.anon || u === page_use.file || u === page_use.shmem) movable++;
    p++;
  }
  return { free, movable };
}

/** steal_suitable_fallback: takes the block's pageblock over when it is large or mostly free/alike, else just the block. */
function steal_suitable_fallback(z: zone, pfn: number, order: number, start_mt: number, whole_block: boolean): void {
  const mm = memMap();
  const old = get_pageblock_migratetype(pfn);
  if (old === MIGRATE_HIGHATOMIC) { move_block(z, pfn, order, start_mt); return; }
  if (order >= pageblock_order) {
    for (let b = pageblock_of(pfn); b < pageblock_of(pfn + (1 << order) - 1) + 1; b++) mm.pageblock_mt[b] = start_mt;
    move_block(z, pfn, order, start_mt);
    return;
  }
  if (!whole_block) { move_block(z, pfn, order, start_mt); return; }
  const { free, movable } = move_freepages_block(z, pfn, start_mt);
  const alike = start_mt === MIGRATE_MOVABLE ? movable : old === MIGRATE_MOVABLE ? pageblock_nr_pages - (free + movable) : 0;
  if (free + alike >= 1 << (pageblock_order - 1)) mm.pageblock_mt[pageblock_of(pfn)] = start_mt;
}

function move_block(z: zone, pfn: number, order: number, mt: number): void {
  del_page_from_free_list(pfn, z, order);
  add_to_free_list(pfn, z, order, mt, false);
}

/** __rmqueue_fallback: the largest block of a fallback type (the smallest, for a movable request that cannot steal). */
function __rmqueue_fallback(z: zone, order: number, start_mt: number): boolean {
  let found = -1, can_steal = false, fallback = -1;
  for (let o = MAX_ORDER - 1; o >= order; o--) {
    const r = find_suitable_fallback(z.free_area[o], o, start_mt);
    if (r.fallback < 0) continue;
    if (!r.can_steal && start_mt === MIGRATE_MOVABLE && o > order) {
      for (let s = order; s < MAX_ORDER; s++) {
        const q = find_suitable_fallback(z.free_area[s], s, start_mt);
        if (q.fallback >= 0) { found = s; fallback = q.fallback; can_steal = q.can_steal; break; }
      }
    } else { found = o; fallback = r.fallback; can_steal = r.can_steal; }
    break;
  }
  if (found < 0) return false;
  steal_suitable_fallback(z, z.free_area[found].head[fallback], found, start_mt, can_steal);
  return true;
}

/** __rmqueue: the type's own lists, then stealing from a fallback type. */
function __rmqueue(z: zone, order: number, mt: number): number {
  for (;;) {
    const pfn = __rmqueue_smallest(z, order, mt);
    if (pfn >= 0 || !__rmqueue_fallback(z, order, mt)) return pfn;
  }
}

/**
 * __alloc_pages for one zone list walk: the highest zone the request may use first (ZONE_NORMAL, then DMA32, then
 * DMA: the zonelist's order), each only while it stays above its min watermark plus the lowmem reserve against
 * higher zones (ALLOC_NO_WATERMARKS skips that check). Returns the first page frame or -1.
 */
export function alloc_pages(order: number, mt: number, use: page_use, highest_zoneidx = ZONE_NORMAL, no_watermarks = false): number {
  const mm = memMap();
  for (let i = highest_zoneidx; i >= 0; i--) {
    const z = mm.zones[i];
    if (!z || !populated_zone(z)) continue;
    if (!no_watermarks && z.nr_free_pages - (1 << order) < min_wmark_pages(z) + z.lowmem_reserve[highest_zoneidx]) continue;
    const pfn = __rmqueue(z, order, mt);
    if (pfn < 0) continue;
    z.nr_free_pages -= 1 << order;
    mm.use.fill(use, pfn, pfn + (1 << order));
    return pfn;
  }
  return -1;
}

/** __free_pages: back to the buddy lists of its pageblock's type. */
export function __free_pages(pfn: number, order: number): void {
  const z = pfn_zone(pfn);
  if (!z) return;
  __free_one_page(pfn, order, z, get_pageblock_migratetype(pfn), false);
}

/**
 * __free_pages_core: pages memblock (or the deferred init, or free_reserved_area) hands over become managed by their
 * zone; memblock's blocks go to the tail (FPI_TO_TAIL) so the first allocations do not take them.
 */
export function __free_pages_core(pfn: number, order: number, to_tail = true): void {
  const z = pfn_zone(pfn);
  if (!z) return;
  z.managed_pages += 1 << order;
  __free_one_page(pfn, order, z, get_pageblock_migratetype(pfn), to_tail);
}

/** __free_pages_memory: a free range in the largest naturally aligned blocks that fit. */
export function __free_pages_memory(start: number, end: number, to_tail = true): void {
  while (start < end) {
    let order = Math.min(MAX_ORDER - 1, start === 0 ? MAX_ORDER - 1 : Math.log2(start & -start));
    while (start + (1 << order) > end) order--;
    __free_pages_core(start, order, to_tail);
    start += 1 << order;
  }
}

export function nr_free_pages(): number { return memMap().zones.reduce((n, z) => n + z.nr_free_pages, 0); }
export function min_wmark_pages(z: zone): number { return z._watermark[WMARK_MIN] + z.watermark_boost; }
export function low_wmark_pages(z: zone): number { return z._watermark[WMARK_LOW] + z.watermark_boost; }
export function high_wmark_pages(z: zone): number { return z._watermark[WMARK_HIGH] + z.watermark_boost; }

/** nr_free_zone_pages: what the zones a request may use hold above their high watermarks. */
export function nr_free_zone_pages(highest_zoneidx: number): number {
  return memMap().zones.filter((z) => z.idx <= highest_zoneidx).reduce((n, z) => n + Math.max(0, z.managed_pages - high_wmark_pages(z)), 0);
}
/** nr_free_buffer_pages: GFP_USER may use every zone up to ZONE_NORMAL. */
export const nr_free_buffer_pages = (): number => nr_free_zone_pages(ZONE_NORMAL);

const fls = (x: number): number => (x <= 0 ? 0 : Math.floor(Math.log2(x)) + 1);
const rounddown_pow_of_two = (x: number): number => 2 ** Math.floor(Math.log2(x));

/** zone_batchsize: a quarter of the zone's managed pages per 1024, at most 1 MiB, rounded to 2^n - 1 (times 1.5). */
function zone_batchsize(z: zone): number {
  let batch = Math.floor(Math.min(Math.floor(z.managed_pages / 1024), (1 << 20) / PAGE_SIZE) / 4);
  if (batch < 1) batch = 1;
  return rounddown_pow_of_two(batch + (batch >> 1)) - 1;
}

/** zone_highsize: the low watermark split between the node's CPUs, at least four batches. */
function zone_highsize(z: zone, batch: number, nr_cpus: number): number {
  return Math.max(Math.floor(low_wmark_pages(z) / nr_cpus), batch << 2);
}

/** __setup_per_zone_wmarks, then zone_pcp_update: min from min_free_kbytes by each zone's share of lowmem. */
export function setup_per_zone_wmarks(nr_cpus: number): void {
  const mm = memMap();
  const pages_min = mm.min_free_kbytes >> (PAGE_SHIFT - 10);
  const lowmem_pages = mm.zones.reduce((n, z) => n + z.managed_pages, 0);
  for (const z of mm.zones) {
    const min = lowmem_pages ? Math.floor(pages_min * z.managed_pages / lowmem_pages) : 0;
    const tmp = Math.max(min >> 2, Math.floor(z.managed_pages * watermark_scale_factor / 10000));
    z.watermark_boost = 0;
    z._watermark[WMARK_MIN] = min;
    z._watermark[WMARK_LOW] = min + tmp;
    z._watermark[WMARK_HIGH] = min + 2 * tmp;
    z._watermark[WMARK_PROMO] = min + 3 * tmp;
  }
  for (const z of mm.zones) {
    z.pcp_batch = Math.max(1, zone_batchsize(z));
    z.pcp_high = zone_highsize(z, z.pcp_batch, nr_cpus);
  }
}

/** setup_per_zone_lowmem_reserve: each zone keeps managed-pages-above / ratio from allocations that could go higher. */
export function setup_per_zone_lowmem_reserve(): void {
  const zones = memMap().zones;
  for (let i = 0; i < MAX_NR_ZONES - 1; i++) {
    const z = zones[i];
    const ratio = sysctl_lowmem_reserve_ratio[i];
    const clear = !ratio || !z.managed_pages;
    let managed = 0;
    for (let j = i + 1; j < MAX_NR_ZONES; j++) {
      managed += zones[j].managed_pages;
      z.lowmem_reserve[j] = clear ? 0 : Math.floor(managed / ratio);
    }
  }
}

/** refresh_zone_stat_thresholds: calculate_normal_threshold per populated zone (0 for the others). */
export function refresh_zone_stat_thresholds(nr_cpus: number): void {
  for (const z of memMap().zones) {
    const mem = z.managed_pages >> (27 - PAGE_SHIFT);
    z.stat_threshold = populated_zone(z) ? Math.min(125, 2 * fls(nr_cpus) * (1 + fls(mem))) : 0;
  }
}

/** calculate_min_free_kbytes: sqrt(lowmem_kbytes * 16), between 128 KiB and 256 MiB. */
export function calculate_min_free_kbytes(): void {
  const lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
  memMap().min_free_kbytes = Math.min(262144, Math.max(128, Math.floor(Math.sqrt(lowmem_kbytes * 16))));
}

/** init_per_zone_wmark_min (postcore_initcall). */
function init_per_zone_wmark_min(): number {
  const nr_cpus = runqueue().nr_cpus;
  calculate_min_free_kbytes();
  setup_per_zone_wmarks(nr_cpus);
  refresh_zone_stat_thresholds(nr_cpus);
  setup_per_zone_lowmem_reserve();
  return 0;
}

export const initcalls: initcall_entry[] = [['postcore', 'init_per_zone_wmark_min', init_per_zone_wmark_min, 10_000]];

/** min_free_kbytes_sysctl_handler: vm.min_free_kbytes written; the watermarks follow. */
export function min_free_kbytes_sysctl_handler(kbytes: number, nr_cpus: number): void {
  memMap().min_free_kbytes = kbytes;
  setup_per_zone_wmarks(nr_cpus);
}

/** The node's min watermarks together, in bytes: what an allocation may not dip into. */
export function min_free_bytes_of_zones(): number {
  return memMap().zones.reduce((n, z) => n + min_wmark_pages(z), 0) * PAGE_SIZE;
}
