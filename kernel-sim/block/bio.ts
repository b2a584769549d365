// Models linux/block/bio.c: allocating bios, adding pages, walking and advancing their segments, splitting, chaining and ending them.
//
// How a filesystem does IO (the interface, for fs/ and mm/):
//   const bio = bio_alloc(bdev, nr_vecs, REQ_OP_READ | REQ_SYNC);   // bdev from blkdev_get_by_dev/by_path (block/bdev.ts)
//   bio.bi_iter.bi_sector = sector;                                 // 512-byte units, relative to bdev (a partition is remapped)
//   bio_add_page(bio, page, len, offset);                           // page: a Uint8Array of PAGE_SIZE; returns len, or 0 when full
//   const err = yield* submit_bio_wait(bio);                        // block/blk-core.ts: sleeps until the device completed it; 0 or -errno
// or, asynchronously: bio.bi_end_io = (b) => {...b.bi_status...}; bio.bi_private = ctx; yield* submit_bio(bio);
// submit_bio is a generator because it may sleep (no free tag); bi_end_io runs later, in the device's completion
// (interrupt) context, and must not sleep. Data moves between the disk and bv_page.subarray(bv_offset, bv_offset + bv_len).
// REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA orders a write after the cache flush and makes it durable; REQ_OP_FLUSH with no
// pages flushes the write cache. bi_status is a blk_status_t (BLK_STS_*); blk_status_to_errno maps it.
// bdev_nr_sectors(bdev) is its size; blkdev_put(bdev, mode) closes it; blk_start_plug/blk_finish_plug batch bios.
import {
  type bio, type bio_vec, type block_device, type blk_status_t, BIO_CHAIN, BLK_STS_IOERR, BLK_STS_OK, SECTOR_SHIFT,
} from '../include/linux/blk_types.ts';
import { bio_dev, blk_fill_rwbs, blk_status_to_errno, trace_dev } from './blk.ts';
import { trace_enabled, trace_event } from '../kernel/trace/trace.ts';

export const BIO_MAX_VECS = 256;
export const PAGE_SIZE = 4096;

export function bio_init(b: bio, bdev: block_device | null, max_vecs: number, opf: number): void {
  b.bi_next = null; b.bi_bdev = bdev; b.bi_opf = opf; b.bi_flags = 0; b.bi_status = BLK_STS_OK;
  b.bi_iter = { bi_sector: 0, bi_size: 0, bi_idx: 0, bi_bvec_done: 0 };
  b.bi_end_io = null; b.bi_private = null; b.bi_vcnt = 0; b.bi_max_vecs = max_vecs; b.bi_io_vec = [];
  b.bi_parent = null; b.__bi_remaining = 1; b.bi_issue_ns = 0;
}

/** bio_alloc: a bio for up to nr_vecs segments, on bdev, doing opf (REQ_OP_* | REQ_*). */
export function bio_alloc(bdev: block_device | null, nr_vecs: number, opf: number): bio {
  const b = {} as bio;
  bio_init(b, bdev, Math.min(Math.max(nr_vecs, 0), BIO_MAX_VECS), opf);
  return b;
}

/** bio_put: the last reference; bios are garbage collected here. */
export function bio_put(_b: bio): void {}

/** bio_add_page: appends (or extends the last segment with) len bytes at offset of page; returns len, or 0 when the bio is full. */
export function bio_add_page(b: bio, page: Uint8Array, len: number, offset: number): number {
  if (len <= 0 || offset < 0 || offset + len > page.length) return 0;
  const last = b.bi_vcnt > 0 ? b.bi_io_vec[b.bi_vcnt - 1]! : null;
  // __bio_try_merge_page: contiguous in the same page.
  if (last && last.bv_page === page && last.bv_offset + last.bv_len === offset) {
    last.bv_len += len;
    b.bi_iter.bi_size += len;
    return len;
  }
  if (b.bi_vcnt >= b.bi_max_vecs) return 0;
  b.bi_io_vec.push({ bv_page: page, bv_len: len, bv_offset: offset });
  b.bi_vcnt++;
  b.bi_iter.bi_size += len;
  return len;
}

export const bio_sectors = (b: bio): number => b.bi_iter.bi_size >> SECTOR_SHIFT;
export const bio_end_sector = (b: bio): number => b.bi_iter.bi_sector + bio_sectors(b);
export const bio_has_data = (b: bio): boolean => b.bi_iter.bi_size > 0;

/**
 * bio_for_each_segment: the segments left from bi_iter, each clipped to what remains
 * (a split bio shares its parent's bi_io_vec and sees only its own part).
 */
export function bio_segments_of(b: bio): bio_vec[] {
  const out: bio_vec[] = [];
  let left = b.bi_iter.bi_size, idx = b.bi_iter.bi_idx, done = b.bi_iter.bi_bvec_done;
  while (left > 0 && idx < b.bi_io_vec.length) {
    const v = b.bi_io_vec[idx]!;
    const len = Math.min(v.bv_len - done, left);
    out.push({ bv_page: v.bv_page, bv_len: len, bv_offset: v.bv_offset + done });
    left -= len; idx++; done = 0;
  }
  return out;
}

/** Calls fn for each segment left in the bio (bio_for_each_segment without the allocation of bio_segments_of). */
export function bio_for_each_segment(b: bio, fn: (v: Uint8Array, sector: number) => void): void {
  let left = b.bi_iter.bi_size, idx = b.bi_iter.bi_idx, done = b.bi_iter.bi_bvec_done, sector = b.bi_iter.bi_sector;
  while (left > 0 && idx < b.bi_io_vec.length) {
    const v = b.bi_io_vec[idx]!;
    const len = Math.min(v.bv_len - done, left);
    const start = v.bv_offset + done;
    fn(v.bv_page.subarray(start, start + len), sector);
    sector += len >> SECTOR_SHIFT; left -= len; idx++; done = 0;
  }
}

/** bio_advance: consume `bytes` of the bio (bvec_iter_advance). */
export function bio_advance(b: bio, bytes: number): void {
  const it = b.bi_iter;
  it.bi_sector += bytes >> SECTOR_SHIFT;
  it.bi_size -= bytes;
  let left = bytes + it.bi_bvec_done;
  while (left > 0 && it.bi_idx < b.bi_io_vec.length && left >= b.bi_io_vec[it.bi_idx]!.bv_len) {
    left -= b.bi_io_vec[it.bi_idx]!.bv_len;
    it.bi_idx++;
  }
  it.bi_bvec_done = left;
}

/** bio_chain: `parent` ends only after `b` has ended too. */
export function bio_chain(b: bio, parent: bio): void {
  b.bi_parent = parent;
  b.bi_flags |= BIO_CHAIN;
  parent.__bi_remaining++;
}

/**
 * bio_split: a new bio for the first `sectors` of `b`, sharing its pages; `b` is advanced past them.
 * The caller chains the split to `b` (bio_chain) so `b` ends last.
 */
export function bio_split(b: bio, sectors: number): bio {
  const s = bio_alloc(b.bi_bdev, 0, b.bi_opf);
  s.bi_io_vec = b.bi_io_vec;
  s.bi_vcnt = b.bi_vcnt;
  s.bi_max_vecs = b.bi_max_vecs;
  s.bi_iter = { ...b.bi_iter, bi_size: sectors << SECTOR_SHIFT };
  s.bi_issue_ns = b.bi_issue_ns;
  bio_advance(b, sectors << SECTOR_SHIFT);
  return s;
}

/** bio_endio: the bio is done (bi_status says how); chained parents end when their last child has. */
function trace_bio_complete(b: bio): void {
  trace_event('block', 'block_bio_complete', { dev: trace_dev(bio_dev(b)), sector: b.bi_iter.bi_sector, nr_sector: b.bi_iter.bi_size >> 9, rwbs: blk_fill_rwbs(b.bi_opf), error: blk_status_to_errno(b.bi_status) });
}

export function bio_endio(b: bio): void {
  let cur: bio | null = b;
  while (cur) {
    if (--cur.__bi_remaining > 0) return;
    // trace_block_bio_complete (C): blk-mq traced its requests' completion already (blk_update_request clears BIO_TRACE_COMPLETION), so only a bio-based disk's bios.
    if (cur.bi_bdev && !cur.bi_bdev.bd_disk.queue.mq_ops && trace_enabled('block')) trace_bio_complete(cur);
    const parent: bio | null = cur.bi_flags & BIO_CHAIN ? cur.bi_parent : null;
    if (parent) {
      // __bio_chain_endio: the first error wins.
      if (parent.bi_status === BLK_STS_OK) parent.bi_status = cur.bi_status;
      cur = parent;
      continue;
    }
    cur.bi_end_io?.(cur);
    return;
  }
}

export function bio_io_error(b: bio, status: blk_status_t = BLK_STS_IOERR): void {
  b.bi_status = status;
  bio_endio(b);
}

/** zero_fill_bio: what a read of a hole (or of past the end of a RAM disk's pages) returns. */
export function zero_fill_bio(b: bio): void {
  bio_for_each_segment(b, (v) => v.fill(0));
}
