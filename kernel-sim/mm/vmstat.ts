// Models linux/mm/vmstat.c: the zone, NUMA, node, writeback and event counters under 6.1's names (vmstat_text for Debian's config), and /proc/buddyinfo, /proc/pagetypeinfo, /proc/vmstat and /proc/zoneinfo, registered by init_mm_internals.
import { proc_create_single } from '../fs/proc/generic.ts';
import { seq_puts, type seq_file } from '../fs/seq_file.ts';
import { runqueue } from '../kernel/sched/core.ts';
import { meminfo_counters } from './meminfo.ts';
import { sync_page_holders, zone_page_uses } from './page_accounting.ts';
import {
  node_zones, populated_zone, zone_end_pfn, free_list, get_pageblock_migratetype, min_wmark_pages, low_wmark_pages, high_wmark_pages,
  nr_free_pages, page_use, type zone, MAX_ORDER, MIGRATE_TYPES, migratetype_names, pageblock_order, pageblock_nr_pages, PAGE_SIZE,
} from './page_alloc.ts';

/** enum zone_stat_item. */
const zone_stat_items = [
  'nr_free_pages', 'nr_zone_inactive_anon', 'nr_zone_active_anon', 'nr_zone_inactive_file', 'nr_zone_active_file',
  'nr_zone_unevictable', 'nr_zone_write_pending', 'nr_mlock', 'nr_bounce', 'nr_zspages', 'nr_free_cma',
] as const;
/** enum numa_stat_item (CONFIG_NUMA). */
const numa_stat_items = ['numa_hit', 'numa_miss', 'numa_foreign', 'numa_interleave', 'numa_local', 'numa_other'] as const;
/** enum node_stat_item. */
const node_stat_items = [
  'nr_inactive_anon', 'nr_active_anon', 'nr_inactive_file', 'nr_active_file', 'nr_unevictable', 'nr_slab_reclaimable',
  'nr_slab_unreclaimable', 'nr_isolated_anon', 'nr_isolated_file', 'workingset_nodes', 'workingset_refault_anon',
  'workingset_refault_file', 'workingset_activate_anon', 'workingset_activate_file', 'workingset_restore_anon',
  'workingset_restore_file', 'workingset_nodereclaim', 'nr_anon_pages', 'nr_mapped', 'nr_file_pages', 'nr_dirty',
  'nr_writeback', 'nr_writeback_temp', 'nr_shmem', 'nr_shmem_hugepages', 'nr_shmem_pmdmapped', 'nr_file_hugepages',
  'nr_file_pmdmapped', 'nr_anon_transparent_hugepages', 'nr_vmscan_write', 'nr_vmscan_immediate_reclaim', 'nr_dirtied',
  'nr_written', 'nr_throttled_written', 'nr_kernel_misc_reclaimable', 'nr_foll_pin_acquired', 'nr_foll_pin_released',
  'nr_kernel_stack', 'nr_page_table_pages', 'nr_sec_page_table_pages', 'nr_swapcached', 'pgpromote_success', 'pgpromote_candidate',
] as const;
const writeback_stat_items = ['nr_dirty_threshold', 'nr_dirty_background_threshold'] as const;
const zones_of = (x: string): string[] => ['dma', 'dma32', 'normal', 'movable', 'device'].map((z) => `${x}_${z}`);
/** enum vm_event_item with Debian's config (THP, compaction, migration, NUMA balancing, balloon, swap, KSM, zswap, x86). */
const vm_event_items = [
  'pgpgin', 'pgpgout', 'pswpin', 'pswpout', ...zones_of('pgalloc'), ...zones_of('allocstall'), ...zones_of('pgskip'),
  'pgfree', 'pgactivate', 'pgdeactivate', 'pglazyfree', 'pgfault', 'pgmajfault', 'pglazyfreed', 'pgrefill', 'pgreuse',
  'pgsteal_kswapd', 'pgsteal_direct', 'pgdemote_kswapd', 'pgdemote_direct', 'pgscan_kswapd', 'pgscan_direct',
  'pgscan_direct_throttle', 'pgscan_anon', 'pgscan_file', 'pgsteal_anon', 'pgsteal_file', 'zone_reclaim_failed',
  'pginodesteal', 'slabs_scanned', 'kswapd_inodesteal', 'kswapd_low_wmark_hit_quickly', 'kswapd_high_wmark_hit_quickly',
  'pageoutrun', 'pgrotated', 'drop_pagecache', 'drop_slab', 'oom_kill', 'numa_pte_updates', 'numa_huge_pte_updates',
  'numa_hint_faults', 'numa_hint_faults_local', 'numa_pages_migrated', 'pgmigrate_success', 'pgmigrate_fail',
  'thp_migration_success', 'thp_migration_fail', 'thp_migration_split', 'compact_migrate_scanned', 'compact_free_scanned',
  'compact_isolated', 'compact_stall', 'compact_fail', 'compact_success', 'compact_daemon_wake',
  'compact_daemon_migrate_scanned', 'compact_daemon_free_scanned', 'htlb_buddy_alloc_success', 'htlb_buddy_alloc_fail',
  'unevictable_pgs_culled', 'unevictable_pgs_scanned', 'unevictable_pgs_rescued', 'unevictable_pgs_mlocked',
  'unevictable_pgs_munlocked', 'unevictable_pgs_cleared', 'unevictable_pgs_stranded', 'thp_fault_alloc',
  'thp_fault_fallback', 'thp_fault_fallback_charge', 'thp_collapse_alloc', 'thp_collapse_alloc_failed', 'thp_file_alloc',
  'thp_file_fallback', 'thp_file_fallback_charge', 'thp_file_mapped', 'thp_split_page', 'thp_split_page_failed',
  'thp_deferred_split_page', 'thp_split_pmd', 'thp_scan_exceed_none_pte', 'thp_scan_exceed_swap_pte',
  'thp_scan_exceed_share_pte', 'thp_split_pud', 'thp_zero_page_alloc', 'thp_zero_page_alloc_failed', 'thp_swpout',
  'thp_swpout_fallback', 'balloon_inflate', 'balloon_deflate', 'balloon_migrate', 'swap_ra', 'swap_ra_hit',
  'ksm_swpin_copy', 'cow_ksm', 'zswpin', 'zswpout', 'direct_map_level2_splits', 'direct_map_level3_splits',
] as const;

type node_stat = (typeof node_stat_items)[number];
type zone_stat = (typeof zone_stat_items)[number];

/**
 * global_node_page_state for every node item, in pages (nr_kernel_stack in kB, as NR_KERNEL_STACK_KB is kept). Items
 * the simulation does not track (reclaim, workingset, THP, isolation, foll_pin, promotion) stay 0 as on an idle guest.
 */
function node_page_state(): Record<node_stat, number> {
  const c = meminfo_counters();
  const P = (kb: number): number => Math.floor(kb / (PAGE_SIZE >> 10));
  const v = Object.fromEntries(node_stat_items.map((n) => [n, 0])) as Record<node_stat, number>;
  v.nr_inactive_anon = P(c.inactive_anon); v.nr_active_anon = P(c.active_anon);
  v.nr_inactive_file = P(c.inactive_file); v.nr_active_file = P(c.active_file); v.nr_unevictable = P(c.unevictable);
  v.nr_slab_reclaimable = P(c.sreclaimable); v.nr_slab_unreclaimable = P(c.sunreclaim);
  v.nr_anon_pages = P(c.anon); v.nr_mapped = P(c.mapped); v.nr_file_pages = P(c.cached + c.buffers);
  v.nr_dirty = P(c.dirty); v.nr_writeback = P(c.writeback); v.nr_shmem = P(c.shmem);
  v.nr_kernel_stack = c.kernel_stack; v.nr_page_table_pages = P(c.page_tables);
  return v;
}

/**
 * zone_page_state for every zone: its free pages and its share of the node's LRU lists, by the pages the users hold
 * in it (the last populated zone takes the rounding, so the zones add up to the node).
 */
function zone_page_states(node: Record<node_stat, number>): Map<zone, Record<zone_stat, number>> {
  const zones = node_zones().filter(populated_zone);
  const uses = new Map(zones.map((z) => [z, zone_page_uses(z.idx)]));
  const out = new Map<zone, Record<zone_stat, number>>();
  const held = (z: zone, u: page_use): number => uses.get(z)!.get(u) ?? 0;
  const split = (u: page_use, total: number): number[] => {
    const all = zones.reduce((n, z) => n + held(z, u), 0);
    const parts = zones.map((z) => (all ? Math.floor(total * held(z, u) / all) : 0));
    parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
    return parts;
  };
  const cols: [zone_stat, page_use, number][] = [
    ['nr_zone_inactive_anon', page_use.shmem, node.nr_inactive_anon], ['nr_zone_active_anon', page_use.anon, node.nr_active_anon],
    ['nr_zone_inactive_file', page_use.file, node.nr_inactive_file], ['nr_zone_active_file', page_use.file, node.nr_active_file],
    ['nr_zone_unevictable', page_use.shmem, node.nr_unevictable], ['nr_zone_write_pending', page_use.file, node.nr_dirty + node.nr_writeback],
  ];
  const parts = cols.map(([, u, total]) => split(u, total));
  zones.forEach((z, i) => {
    const v = Object.fromEntries(zone_stat_items.map((n) => [n, 0])) as Record<zone_stat, number>;
    v.nr_free_pages = z.nr_free_pages;
    cols.forEach(([name], c) => { v[name] = parts[c][i]; });
    out.set(z, v);
  });
  return out;
}

/** calculate_totalreserve_pages: each zone's largest lowmem reserve plus its high watermark, at most what it manages. */
function totalreserve_pages(): number {
  return node_zones().reduce((n, z) => n + Math.min(z.managed_pages, Math.max(...z.lowmem_reserve) + high_wmark_pages(z)), 0);
}

/** global_dirty_limits with vm.dirty_ratio 20 and vm.dirty_background_ratio 10 of the dirtyable memory. */
function global_dirty_limits(node: Record<node_stat, number>): [number, number] {
  const free = nr_free_pages();
  const available = free - Math.min(free, totalreserve_pages()) + node.nr_inactive_file + node.nr_active_file + 1;
  const ratio = Math.floor(20 * PAGE_SIZE / 100), bg_ratio = Math.floor(10 * PAGE_SIZE / 100);
  const thresh = Math.floor(ratio * available / PAGE_SIZE);
  let bg = Math.floor(bg_ratio * available / PAGE_SIZE);
  if (bg >= thresh) bg = Math.floor(thresh / 2);
  return [thresh, bg];
}

/** The NUMA events: every allocation is local on one node; the model counts none of them (all 0). */
const numa_events = (): number[] => numa_stat_items.map(() => 0);

/** vmstat_start's array and vmstat_show's lines, with the deprecated nr_unstable after the last item. */
export function vmstat_show(): string {
  sync_page_holders();
  const node = node_page_state();
  const states = [...zone_page_states(node).values()];
  const zone_totals = zone_stat_items.map((n) => states.reduce((t, v) => t + v[n], 0));
  const [thresh, bg] = global_dirty_limits(node);
  const values: [string, number][] = [
    ...zone_stat_items.map((n, i): [string, number] => [n, zone_totals[i]]),
    ...numa_stat_items.map((n, i): [string, number] => [n, numa_events()[i]]),
    ...node_stat_items.map((n): [string, number] => [n, node[n]]),
    [writeback_stat_items[0], thresh], [writeback_stat_items[1], bg],
    ...vm_event_items.map((n): [string, number] => [n, 0]),
  ];
  return values.map(([n, v]) => `${n} ${v}\n`).join('') + 'nr_unstable 0\n';
}

/** frag_show_print: free blocks per order, for each populated zone. */
export function buddyinfo_show(): string {
  sync_page_holders();
  return node_zones().filter(populated_zone)
    .map((z) => `Node 0, zone ${z.name.padStart(8)} ${z.free_area.map((a) => String(a.nr_free).padStart(6) + ' ').join('')}\n`).join('');
}

/** pagetypeinfo_show: free blocks per order and migratetype, then pageblocks per migratetype (no PAGE_OWNER: no mixed counts). */
export function pagetypeinfo_show(): string {
  sync_page_holders();
  const zones = node_zones().filter(populated_zone);
  let s = `Page block order: ${pageblock_order}\nPages per block:  ${pageblock_nr_pages}\n\n`;
  s += `${'Free pages count per migrate type at order'.padEnd(43)} ` + Array.from({ length: MAX_ORDER }, (_, o) => `${String(o).padStart(6)} `).join('') + '\n';
  for (const z of zones) {
    for (let mt = 0; mt < MIGRATE_TYPES; mt++) {
      s += `Node ${'0'.padStart(4)}, zone ${z.name.padStart(8)}, type ${migratetype_names[mt].padStart(12)} `;
      for (let o = 0; o < MAX_ORDER; o++) {
        const n = free_list(z, o, mt).length;
        s += n >= 100000 ? `>${String(100000).padStart(6)} ` : `${String(n).padStart(6)} `;
      }
      s += '\n';
    }
  }
  s += `\n${'Number of blocks type '.padEnd(23)}` + migratetype_names.map((n) => `${n.padStart(12)} `).join('') + '\n';
  for (const z of zones) {
    const count = new Array<number>(MIGRATE_TYPES).fill(0);
    for (let pfn = z.zone_start_pfn; pfn < zone_end_pfn(z); pfn += pageblock_nr_pages) count[get_pageblock_migratetype(pfn)]++;
    s += `Node 0, zone ${z.name.padStart(8)} ` + count.map((c) => `${String(c).padStart(12)} `).join('') + '\n';
  }
  return s;
}

/** zoneinfo_show_print for every zone, populated or not; the first populated zone carries the node's counters. */
export function zoneinfo_show(): string {
  sync_page_holders();
  const node = node_page_state();
  const zones = node_zones();
  const first = zones.find(populated_zone);
  const states = zone_page_states(node);
  const nr_cpus = runqueue().nr_cpus;
  let s = '';
  for (const z of zones) {
    s += `Node 0, zone ${z.name.padStart(8)}`;
    if (z === first) {
      s += '\n  per-node stats';
      for (const n of node_stat_items) s += `\n      ${n.padEnd(12)} ${node[n]}`;
    }
    s += `\n  pages free     ${z.nr_free_pages}\n        boost    ${z.watermark_boost}\n        min      ${min_wmark_pages(z)}`;
    s += `\n        low      ${low_wmark_pages(z)}\n        high     ${high_wmark_pages(z)}\n        spanned  ${z.spanned_pages}`;
    s += `\n        present  ${z.present_pages}\n        managed  ${z.managed_pages}\n        cma      0`;
    s += `\n        protection: (${z.lowmem_reserve.join(', ')})`;
    if (!populated_zone(z)) { s += '\n'; continue; }
    const zs = states.get(z)!;
    for (const n of zone_stat_items) s += `\n      ${n.padEnd(12)} ${zs[n]}`;
    for (const n of numa_stat_items) s += `\n      ${n.padEnd(12)} 0`;
    s += '\n  pagesets';
    for (let cpu = 0; cpu < nr_cpus; cpu++) {
      s += `\n    cpu: ${cpu}\n              count: 0\n              high:  ${z.pcp_high}\n              batch: ${z.pcp_batch}`;
      s += `\n  vm stats threshold: ${z.stat_threshold}`;
    }
    s += `\n  node_unreclaimable:  0\n  start_pfn:           ${z.zone_start_pfn}\n`;
  }
  return s;
}

/** init_mm_internals' /proc files (kernel_init_freeable, before the initcalls); pagetypeinfo is root's only. */
export function init_mm_internals(): void {
  const show = (f: () => string) => (m: seq_file): void => { seq_puts(m, f()); };
  proc_create_single('buddyinfo', 0o444, null, show(buddyinfo_show));
  proc_create_single('pagetypeinfo', 0o400, null, show(pagetypeinfo_show));
  proc_create_single('vmstat', 0o444, null, show(vmstat_show));
  proc_create_single('zoneinfo', 0o444, null, show(zoneinfo_show));
}
