// Models linux/mm/filemap.c and include/linux/pagemap.h: the page cache — an address_space's pages by index, reads through it (filemap_read), buffered writes into it (generic_perform_write), truncation and invalidation.
import type { KGen } from '../include/linux/sched.ts';
import { EFAULT, EIO } from '../include/uapi/asm-generic/errno.ts';
import { copy_to_user, copy_from_user } from './uaccess.ts';
import { account_ns } from '../kernel/time/timekeeping.ts';
import { type file_ra_state, page_cache_sync_readahead, page_cache_async_readahead } from './readahead.ts';
import { folio_mark_dirty } from './page-writeback.ts';
import { folio_wait_locked } from './folio_lock.ts';
import {
  PAGE_SHIFT, PAGE_SIZE, PG_uptodate, PG_dirty, PG_writeback, PG_readahead, PG_locked, filemap_get_folio, filemap_add_folio, filemap_remove_folio, pagemapState,
  type address_space, type page,
} from '../include/linux/pagemap.ts';

export { PAGE_SHIFT, PAGE_SIZE, PG_uptodate, PG_dirty, PG_writeback, PG_readahead, filemap_get_folio, filemap_add_folio, filemap_remove_folio };
export type { address_space, page };

/**
 * filemap_update_page + filemap_read_folio: waits for a locked page's read IO (readahead's), then
 * reads the page itself if it is still not uptodate (the IO failed, or nobody read it); 0 or -errno.
 */
export function* filemap_read_folio(mapping: address_space, p: page): KGen<number> {
  yield* folio_wait_locked(p);
  if (p.flags & PG_uptodate) return 0;
  const r = yield* mapping.a_ops.read_folio(mapping, p);
  if (r) { filemap_remove_folio(p); return r; }
  p.flags |= PG_uptodate;
  return 0;
}

/**
 * filemap_read: copies from the cache to user memory, reading pages in through
 * readahead on a miss; stops at i_size. Returns bytes copied or -errno.
 */
export function* filemap_read(mapping: address_space, ra: file_ra_state, buf: number, count: number, ppos: { pos: number }): KGen<number> {
  const ino = mapping.host;
  let done = 0;
  const last_index = (ppos.pos + count - 1) >> PAGE_SHIFT;
  while (done < count) {
    const pos = ppos.pos;
    if (pos >= ino.i_size) break;
    const index = pos >> PAGE_SHIFT;
    let p = filemap_get_folio(mapping, index);
    if (!p) {
      yield* page_cache_sync_readahead(mapping, ra, index, last_index - index + 1);
      p = filemap_get_folio(mapping, index) ?? filemap_add_folio(mapping, index);
    } else if (p.flags & PG_readahead) {
      p.flags &= ~PG_readahead;
      yield* page_cache_async_readahead(mapping, ra, index, last_index - index + 1);
    }
    const r = yield* filemap_read_folio(mapping, p);
    if (r) return done || r;
    const off = pos & (PAGE_SIZE - 1);
    const n = Math.min(PAGE_SIZE - off, count - done, ino.i_size - pos);
    if (copy_to_user(buf + done, p.data.subarray(off, off + n))) return done || -EFAULT;
    account_ns(n >> 4);
    done += n;
    ppos.pos += n;
  }
  ra.prev_pos = ppos.pos;
  return done;
}

/**
 * generic_perform_write: copies user data into cache pages (reading a page first when the
 * write covers it partly and it holds file data), marks them dirty and grows i_size.
 * `write_begin` reserves the blocks under [pos, pos+len) (ext2_write_begin's get_block with create).
 */
export function* generic_perform_write(mapping: address_space, buf: number, count: number, pos: number, write_begin: (pos: number, len: number) => number): KGen<number> {
  const ino = mapping.host;
  let done = 0;
  while (done < count) {
    const index = pos >> PAGE_SHIFT, off = pos & (PAGE_SIZE - 1);
    const n = Math.min(PAGE_SIZE - off, count - done);
    const src = copy_from_user(buf + done, n);
    if (!src) return done || -EFAULT;
    const e = write_begin(pos, n);
    if (e < 0) return done || e;
    let p = filemap_get_folio(mapping, index);
    if (!p) p = filemap_add_folio(mapping, index);
    yield* folio_wait_locked(p); // write_begin locks the page: a read in flight ends first
    if (!(p.flags & PG_uptodate)) {
      const whole = off === 0 && (n === PAGE_SIZE || pos + n >= ino.i_size);
      const has_data = (index << PAGE_SHIFT) < ino.i_size;
      if (!whole && has_data) { const r = yield* filemap_read_folio(mapping, p); if (r) return done || r; }
      p.flags |= PG_uptodate;
    }
    p.data.set(src, off);
    account_ns(n >> 4);
    folio_mark_dirty(p);
    done += n;
    pos += n;
    if (pos > ino.i_size) ino.i_size = pos;
  }
  return done;
}

/** truncate_inode_pages: drops the pages from `lstart` on and zeroes the tail of a partial one. */
export function truncate_inode_pages(mapping: address_space, lstart: number): void {
  for (const p of [...mapping.i_pages.values()]) {
    const start = p.index << PAGE_SHIFT;
    if (start >= lstart) { p.flags &= ~PG_writeback; filemap_remove_folio(p); }
    else if (start + PAGE_SIZE > lstart) p.data.fill(0, lstart - start);
  }
}

/** invalidate_mapping_pages: drops the clean pages not under IO (dirty, writeback or locked pages stay); returns how many. */
export function invalidate_mapping_pages(mapping: address_space): number {
  let n = 0;
  for (const p of [...mapping.i_pages.values()]) {
    if (p.flags & (PG_dirty | PG_writeback | PG_locked)) continue;
    filemap_remove_folio(p);
    n++;
  }
  return n;
}

/** The mapping goes away with its inode (evict): its pages leave the cache. */
export function mapping_release(mapping: address_space): void {
  truncate_inode_pages(mapping, 0);
  pagemapState().mappings.delete(mapping);
}

/** filemap_check_errors: the writeback error, reported once. */
export function filemap_check_errors(mapping: address_space): number {
  const e = mapping.wb_err;
  mapping.wb_err = 0;
  return e ? -EIO : 0;
}
