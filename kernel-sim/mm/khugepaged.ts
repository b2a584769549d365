// Models linux/mm/huge_memory.c's hugepage_init and mm/khugepaged.c's set_recommended_min_free_kbytes: with THP "always" (Debian's config) khugepaged starts at boot and raises min_free_kbytes so pageblocks stay free for huge pages.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { runqueue } from '../kernel/sched/core.ts';
import { memMap, node_zones, populated_zone, nr_free_buffer_pages, setup_per_zone_wmarks, pageblock_nr_pages, MIGRATE_PCPTYPES, ZONE_NORMAL, PAGE_SHIFT } from './page_alloc.ts';

/**
 * set_recommended_min_free_kbytes: two free pageblocks per zone plus MIGRATE_PCPTYPES^2 for fallbacks, at most 5% of
 * lowmem; raises min_free_kbytes, never lowers it, and recomputes the watermarks.
 */
export function set_recommended_min_free_kbytes(nr_cpus: number): void {
  const mm = memMap();
  const nr_zones = node_zones().filter((z) => populated_zone(z) && z.idx <= ZONE_NORMAL).length;
  let recommended = pageblock_nr_pages * nr_zones * 2 + pageblock_nr_pages * nr_zones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
  recommended = Math.min(recommended, Math.floor(nr_free_buffer_pages() / 20)) << (PAGE_SHIFT - 10);
  if (recommended > mm.min_free_kbytes) mm.min_free_kbytes = recommended;
  setup_per_zone_wmarks(nr_cpus);
}

/** hugepage_init (subsys_initcall): start_stop_khugepaged with THP enabled. */
function hugepage_init(): number {
  set_recommended_min_free_kbytes(runqueue().nr_cpus);
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'hugepage_init', hugepage_init, 20_000]];
