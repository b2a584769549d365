// Models where the simulation's memory users get their pages from (mm/page_alloc.c's callers: the anon fault path, the page cache, slab, kernel stacks, page tables): each user's pages held as blocks of the buddy allocator, brought in line with the byte counts the simulation keeps whenever the zones are looked at.
import { defineState } from '../kernel/state.ts';
import { meminfo_counters } from './meminfo.ts';
import {
  memMap, alloc_pages, __free_pages, nr_free_pages, node_zones, page_use, PAGE_SIZE,
  MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_RECLAIMABLE,
} from './page_alloc.ts';

/** A memory user: the pages it holds (order-0 frames, newest last) and the migratetype its allocations ask for. */
interface page_holder { use: page_use; mt: number; pfns: number[] }

const holder = (use: page_use, mt: number): page_holder => ({ use, mt, pfns: [] });

/**
 * The users, in the order their pages are brought in: what the kernel keeps first (so its unmovable pageblocks are
 * the boot's), then what processes and files take.
 */
const holdersState = defineState('page_holders', () => ({
  kernel: holder(page_use.kernel, MIGRATE_UNMOVABLE),
  slab_unreclaimable: holder(page_use.slab, MIGRATE_UNMOVABLE),
  slab_reclaimable: holder(page_use.slab, MIGRATE_RECLAIMABLE),
  kstack: holder(page_use.kstack, MIGRATE_UNMOVABLE),
  pagetable: holder(page_use.pagetable, MIGRATE_UNMOVABLE),
  file: holder(page_use.file, MIGRATE_MOVABLE),
  shmem: holder(page_use.shmem, MIGRATE_MOVABLE),
  anon: holder(page_use.anon, MIGRATE_MOVABLE),
}));

export type holder_name = keyof ReturnType<typeof holdersState>;

/** Pages each user holds by the simulation's counts (meminfo's split of the used memory). */
function targets(): Record<holder_name, number> {
  const c = meminfo_counters();
  const P = (kb: number): number => Math.floor(kb / (PAGE_SIZE >> 10));
  const t = {
    slab_unreclaimable: P(c.sunreclaim), slab_reclaimable: P(c.sreclaimable), kstack: P(c.kernel_stack), pagetable: P(c.page_tables),
    file: P(c.cached + c.buffers - c.shmem - c.unevictable), shmem: P(c.shmem + c.unevictable), anon: P(c.anon), kernel: 0,
  };
  // The kernel's other pages make up the rest of what is used, less the pages the boot allocated itself.
  const held = Object.values(holdersState()).reduce((n, h) => n + h.pfns.length, 0);
  const boot_allocated = managed_pages() - nr_free_pages() - held;
  const used = P(c.total - c.free) - boot_allocated;
  t.kernel = Math.max(0, used - (Object.values(t).reduce((n, v) => n + v, 0)));
  return t;
}

const managed_pages = (): number => node_zones().reduce((n, z) => n + z.managed_pages, 0);

/**
 * Brings every user's pages to its count: frees first (newest pages first, so blocks merge back), then allocates
 * order-0 pages of the user's migratetype, under the watermarks if possible (the counts were already allowed by
 * __vm_enough_memory, so the reserves are dipped into rather than the count refused).
 */
export function sync_page_holders(): void {
  if (!memMap().zones.length) return;
  const hs = holdersState();
  const t = targets();
  const names = Object.keys(hs) as holder_name[];
  for (const n of names) {
    const h = hs[n];
    while (h.pfns.length > t[n]) __free_pages(h.pfns.pop()!, 0);
  }
  for (const n of names) {
    const h = hs[n];
    while (h.pfns.length < t[n]) {
      let pfn = alloc_pages(0, h.mt, h.use);
      if (pfn < 0) pfn = alloc_pages(0, h.mt, h.use, undefined, true);
      if (pfn < 0) break;
      h.pfns.push(pfn);
    }
  }
}

/** The pages a zone's users hold, by use (the per-zone LRU and slab counters). */
export function zone_page_uses(zone_idx: number): Map<page_use, number> {
  const out = new Map<page_use, number>();
  const z = node_zones()[zone_idx];
  const end = z.zone_start_pfn + z.spanned_pages;
  for (const h of Object.values(holdersState())) {
    let n = 0;
    for (const p of h.pfns) if (p >= z.zone_start_pfn && p < end) n++;
    out.set(h.use, (out.get(h.use) ?? 0) + n);
  }
  return out;
}

/** The page frames a user holds, oldest first (the LRU order /proc/kpageflags reads its active and mapped pages in). */
export function holder_pfns(name: holder_name): readonly number[] { return holdersState()[name].pfns; }
