// Models the exports of linux/lib/idr.c for modules: idr_alloc and friends, ida_alloc_range/ida_free (lib/idr.ts does the allocating).
import { kread_u32, kwrite_u32 } from '../../mm/kmem.ts';
import { idr_alloc, idr_alloc_u32, idr_alloc_cyclic, idr_remove, idr_find, idr_replace, idr_entries, idr_destroy, ida_alloc_range, ida_free } from '../../lib/idr.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { EXPORT_KAPI } from './registry.ts';

/** idr_get_next(_ul): the first entry at or after *nextid, whose ID goes back in *nextid; NULL past the last. */
function idr_get_next(idr: number, nextid: number): number {
  const e = idr_entries(idr, kread_u32(nextid))[0];
  if (!e) return 0;
  kwrite_u32(nextid, e[0]);
  return e[1];
}

/** idr_for_each: fn(id, p, data) for each entry in ID order until one returns non-zero, which is returned. */
function idr_for_each(idr: number, fn: number, data: number): number {
  for (const [id, p] of idr_entries(idr)) {
    const r = call_slot_atomic(fn, [id, p, data], 'idr_for_each') as number;
    if (r) return r;
  }
  return 0;
}

export const ksymtab = EXPORT_KAPI({
  idr_alloc: (idr: number, ptr: number, start: number, end: number) => idr_alloc(idr, ptr, start, end),
  idr_alloc_u32: (idr: number, ptr: number, id: number, max: number) => idr_alloc_u32(idr, ptr, id, max >>> 0),
  idr_alloc_cyclic: (idr: number, ptr: number, start: number, end: number) => idr_alloc_cyclic(idr, ptr, start, end),
  idr_remove, idr_find, idr_replace, idr_for_each, idr_get_next, idr_get_next_ul: idr_get_next, idr_destroy,
  // Preloading fills a per-CPU node cache before a lock is taken; allocations here do not fail that way.
  idr_preload: () => undefined,
  ida_alloc_range: (ida: number, min: number, max: number) => ida_alloc_range(ida, min, max),
  ida_free, ida_destroy: idr_destroy,
});
