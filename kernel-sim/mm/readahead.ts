// Models linux/mm/readahead.c: the per-file readahead window (file_ra_state) — a first window sized from the request, doubled on each sequential hit of its PG_readahead marker, up to the device's ra_pages.
import type { KGen } from '../include/linux/sched.ts';
import { PG_readahead, PG_uptodate, filemap_add_folio, filemap_get_folio, filemap_remove_folio, type address_space } from '../include/linux/pagemap.ts';

/** VM_READAHEAD_PAGES: 128 KiB, read_ahead_kb's default. */
export const VM_READAHEAD_PAGES = 32;

export interface file_ra_state {
  /** Where the current window starts, its size, and how many of its last pages start the next one when touched. */
  start: number;
  size: number;
  async_size: number;
  ra_pages: number;
  /** Byte position after the last read (sequential detection). */
  prev_pos: number;
}

export function file_ra_state_init(ra_pages = VM_READAHEAD_PAGES): file_ra_state {
  return { start: 0, size: 0, async_size: 0, ra_pages, prev_pos: -1 };
}

/** get_init_ra_size: 4x a small request, 2x a medium one, rounded up to a power of two, at most max. */
function get_init_ra_size(size: number, max: number): number {
  let newsize = 1;
  while (newsize < size) newsize <<= 1;
  if (newsize <= max / 32) newsize *= 4;
  else if (newsize <= max / 4) newsize *= 2;
  else newsize = max;
  return Math.min(newsize, max);
}

/** get_next_ra_size: the window grows 4x while small, then 2x, up to max. */
function get_next_ra_size(ra: file_ra_state, max: number): number {
  const cur = ra.size;
  if (cur < max / 16) return Math.min(4 * cur, max);
  return Math.min(2 * cur, max);
}

/** read_pages: reads the pages of [start, start+nr) not cached yet, past EOF excluded; marks the async trigger. */
function* do_page_cache_ra(mapping: address_space, start: number, nr: number, lookahead: number): KGen<void> {
  const end_index = Math.ceil(mapping.host.i_size / 4096);
  for (let i = start; i < start + nr && i < end_index; i++) {
    if (filemap_get_folio(mapping, i)) continue;
    const p = filemap_add_folio(mapping, i);
    if (i === start + nr - lookahead) p.flags |= PG_readahead;
    const r = yield* mapping.a_ops.read_folio(mapping, p);
    if (r) { filemap_remove_folio(p); return; }
    p.flags |= PG_uptodate;
  }
}

/** ondemand_readahead: a new window at a random read, the next one when reading on sequentially. */
function* ondemand_readahead(mapping: address_space, ra: file_ra_state, hit_readahead: boolean, index: number, req: number): KGen<void> {
  const max = ra.ra_pages;
  if (!max) return;
  const sequential = index === 0 || hit_readahead || (ra.prev_pos >= 0 && Math.floor((ra.prev_pos - 1) / 4096) + 1 >= index && Math.floor((ra.prev_pos - 1) / 4096) <= index);
  if (hit_readahead && index === ra.start + ra.size - ra.async_size) {
    ra.start += ra.size;
    ra.size = get_next_ra_size(ra, max);
    ra.async_size = ra.size;
  } else if (sequential) {
    ra.start = index;
    ra.size = get_init_ra_size(req, max);
    ra.async_size = ra.size > req ? ra.size - req : ra.size;
  } else {
    // Random read: just what was asked (force_page_cache_ra without a window).
    yield* do_page_cache_ra(mapping, index, Math.min(req, max), 0);
    return;
  }
  yield* do_page_cache_ra(mapping, ra.start, ra.size, ra.async_size);
}

export function* page_cache_sync_readahead(mapping: address_space, ra: file_ra_state, index: number, req: number): KGen<void> {
  yield* ondemand_readahead(mapping, ra, false, index, req);
}

export function* page_cache_async_readahead(mapping: address_space, ra: file_ra_state, index: number, req: number): KGen<void> {
  yield* ondemand_readahead(mapping, ra, true, index, req);
}
