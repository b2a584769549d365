// Models linux/mm/readahead.c: the per-file readahead window (file_ra_state) — a first window sized from the request, doubled on each sequential hit of its PG_readahead marker, up to the device's ra_pages — and reading a window's pages as locked pages under a plug.
import type { KGen } from '../include/linux/sched.ts';
import { PAGE_SHIFT, PG_locked, PG_readahead, PG_uptodate, filemap_add_folio, filemap_get_folio, filemap_remove_folio, type address_space, type page } from '../include/linux/pagemap.ts';
import { blk_start_plug, blk_finish_plug } from '../block/blk-core.ts';
import { folio_unlock } from './folio_lock.ts';

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

/**
 * read_pages: the batch goes to the filesystem's ->readahead (or ->read_folio page by page) with the
 * task plugged, so its bios gather and merge before the queue sees them (blk_start_plug .. blk_finish_plug).
 */
function* read_pages(mapping: address_space, batch: page[]): KGen<void> {
  if (!batch.length) return;
  const plug = blk_start_plug();
  if (mapping.a_ops.readahead) yield* mapping.a_ops.readahead(mapping, batch.splice(0));
  else {
    for (const p of batch.splice(0)) {
      const r = yield* mapping.a_ops.read_folio(mapping, p);
      if (!r) p.flags |= PG_uptodate;
      folio_unlock(p);
      if (r) filemap_remove_folio(p);
    }
  }
  blk_finish_plug(plug);
}

/**
 * page_cache_ra_unbounded (via do_page_cache_ra): new locked pages for [start, start+nr) up to EOF,
 * read in batches of consecutive missing pages; a cached page ends a batch. The page `lookahead`
 * from the end gets PG_readahead, the async trigger.
 */
function* do_page_cache_ra(mapping: address_space, start: number, nr: number, lookahead: number): KGen<void> {
  const isize = mapping.host.i_size;
  if (!isize) return;
  const end_index = (isize - 1) >> PAGE_SHIFT;
  if (start > end_index) return;
  nr = Math.min(nr, end_index - start + 1);
  const batch: page[] = [];
  for (let i = start; i < start + nr; i++) {
    if (filemap_get_folio(mapping, i)) { yield* read_pages(mapping, batch); continue; }
    const p = filemap_add_folio(mapping, i);
    p.flags |= PG_locked;
    if (i === start + nr - lookahead) p.flags |= PG_readahead;
    batch.push(p);
  }
  yield* read_pages(mapping, batch);
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
