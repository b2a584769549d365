// Models linux/block/blk-merge.c: splitting a bio at the queue limits (sectors, segments, chunk boundaries) and merging a bio into a request at its back or front.
import type { bio } from '../include/linux/blk_types.ts';
import { REQ_NOMERGE_FLAGS, REQ_OP_READ, REQ_OP_WRITE, SECTOR_SHIFT, bio_op } from '../include/linux/blk_types.ts';
import { type request_queue, QUEUE_FLAG_NOMERGES, QUEUE_FLAG_NOXMERGES, blk_queue_flag_test } from '../include/linux/blkdev.ts';
import { type request, blk_rq_pos, blk_rq_sectors, RQF_FLUSH_SEQ } from '../include/linux/blk-mq.ts';
import { bio_sectors } from './bio.ts';

export const ELEVATOR_NO_MERGE = 0, ELEVATOR_FRONT_MERGE = 1, ELEVATOR_BACK_MERGE = 2;

/** The largest piece (in sectors) the bio may be at its position: max_sectors, clipped at the next chunk boundary. */
function get_max_io_size(b: bio, q: request_queue): number {
  const lim = q.limits;
  const lbs_sectors = lim.logical_block_size >> SECTOR_SHIFT;
  let max = lim.max_sectors;
  if (lim.chunk_sectors) max = Math.min(max, lim.chunk_sectors - (b.bi_iter.bi_sector & (lim.chunk_sectors - 1)));
  return Math.max(lbs_sectors, max - (max % lbs_sectors));
}

/**
 * bio_split_rw's walk: how many sectors of `b` fit in one request (max sectors, max segments of at most
 * max_segment_size each), and its segment count. Returns sectors === bio_sectors(b) when no split is needed.
 */
export function bio_split_point(b: bio, q: request_queue): { sectors: number; nr_segs: number } {
  const lim = q.limits, max_bytes = get_max_io_size(b, q) << SECTOR_SHIFT;
  let bytes = 0, segs = 0, left = b.bi_iter.bi_size, idx = b.bi_iter.bi_idx, done = b.bi_iter.bi_bvec_done;
  while (left > 0 && idx < b.bi_io_vec.length) {
    let len = Math.min(b.bi_io_vec[idx]!.bv_len - done, left);
    while (len > 0) {
      const seg = Math.min(len, lim.max_segment_size, max_bytes - bytes);
      if (segs + 1 > lim.max_segments || seg <= 0) return { sectors: bytes >> SECTOR_SHIFT, nr_segs: segs };
      segs++; bytes += seg; len -= seg; left -= seg;
      if (bytes >= max_bytes && left > 0) return { sectors: bytes >> SECTOR_SHIFT, nr_segs: segs };
    }
    idx++; done = 0;
  }
  return { sectors: bio_sectors(b), nr_segs: Math.max(segs, bio_sectors(b) ? 1 : 0) };
}

/** blk_queue_nomerges / nomerges=2: no merging at all. */
export const blk_queue_nomerges = (q: request_queue): boolean => blk_queue_flag_test(QUEUE_FLAG_NOMERGES, q);
export const blk_queue_noxmerges = (q: request_queue): boolean => blk_queue_flag_test(QUEUE_FLAG_NOXMERGES, q);

/** rq_mergeable / blk_rq_merge_ok: the same kind of IO to the same disk, neither marked unmergeable. */
export function blk_rq_merge_ok(rq: request, b: bio): boolean {
  if (rq.rq_flags & RQF_FLUSH_SEQ || rq.cmd_flags & REQ_NOMERGE_FLAGS || b.bi_opf & REQ_NOMERGE_FLAGS) return false;
  const op = bio_op(b.bi_opf);
  if (op !== REQ_OP_READ && op !== REQ_OP_WRITE) return false;
  if ((rq.cmd_flags & 0xff) !== op) return false;
  return rq.bio !== null && rq.bio.bi_bdev?.bd_disk === b.bi_bdev?.bd_disk;
}

/** blk_try_merge: where `b` would go in `rq`. */
export function blk_try_merge(rq: request, b: bio): number {
  if (blk_rq_pos(rq) + blk_rq_sectors(rq) === b.bi_iter.bi_sector) return ELEVATOR_BACK_MERGE;
  if (blk_rq_pos(rq) - bio_sectors(b) === b.bi_iter.bi_sector) return ELEVATOR_FRONT_MERGE;
  return ELEVATOR_NO_MERGE;
}

/** ll_back_merge_fn / ll_front_merge_fn: whether the merged request still fits the limits. */
function ll_merge_fits(rq: request, b: bio, nr_segs: number): boolean {
  const lim = rq.q.limits;
  return blk_rq_sectors(rq) + bio_sectors(b) <= lim.max_sectors && rq.nr_phys_segments + nr_segs <= lim.max_segments;
}

export function bio_attempt_back_merge(rq: request, b: bio, nr_segs: number): boolean {
  if (!ll_merge_fits(rq, b, nr_segs)) return false;
  rq.biotail!.bi_next = b;
  rq.biotail = b;
  rq.__data_len += b.bi_iter.bi_size;
  rq.nr_phys_segments += nr_segs;
  return true;
}

export function bio_attempt_front_merge(rq: request, b: bio, nr_segs: number): boolean {
  if (!ll_merge_fits(rq, b, nr_segs)) return false;
  b.bi_next = rq.bio;
  rq.bio = b;
  rq.__sector = b.bi_iter.bi_sector;
  rq.__data_len += b.bi_iter.bi_size;
  rq.nr_phys_segments += nr_segs;
  return true;
}
