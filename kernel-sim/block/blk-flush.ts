// Models linux/block/blk-flush.c: a write with REQ_PREFLUSH and/or REQ_FUA on a queue with a volatile write cache runs as a sequence (preflush, data, postflush when the device has no FUA).
import { type blk_status_t, BLK_STS_OK, REQ_FUA, REQ_OP_FLUSH, REQ_PREFLUSH } from '../include/linux/blk_types.ts';
import { QUEUE_FLAG_FUA, blk_queue_flag_test } from '../include/linux/blkdev.ts';
import { type request, RQF_FLUSH_SEQ, blk_rq_sectors } from '../include/linux/blk-mq.ts';

export const REQ_FSEQ_PREFLUSH = 1 << 0, REQ_FSEQ_DATA = 1 << 1, REQ_FSEQ_POSTFLUSH = 1 << 2;

/** What the dispatching part of blk-mq gives the flush machinery (passed in to keep blk-mq.ts below this unit). */
export interface flush_ops {
  issue(rq: request): void;
  end(rq: request, error: blk_status_t): void;
  free(rq: request): void;
}

/** blk_flush_policy: the steps a request needs. */
export function blk_flush_policy(rq: request): number {
  let policy = 0;
  if (blk_rq_sectors(rq)) policy |= REQ_FSEQ_DATA;
  if (rq.cmd_flags & REQ_PREFLUSH || (rq.cmd_flags & 0xff) === REQ_OP_FLUSH) policy |= REQ_FSEQ_PREFLUSH;
  if (rq.cmd_flags & REQ_FUA && !blk_queue_flag_test(QUEUE_FLAG_FUA, rq.q)) policy |= REQ_FSEQ_POSTFLUSH;
  return policy;
}

/** A request that is plain data (FUA handled by the device) needs no sequence. */
export const blk_flush_policy_needs_seq = (rq: request): boolean => blk_flush_policy(rq) !== REQ_FSEQ_DATA;

/** A flush request borrowing the data request's tag (the queue's flush_rq), ending into `next`. */
function flush_rq_for(rq: request, next: (error: blk_status_t) => void): request {
  const f: request = { ...rq, cmd_flags: REQ_OP_FLUSH | REQ_PREFLUSH, rq_flags: RQF_FLUSH_SEQ, bio: null, biotail: null, __data_len: 0, pdu: rq.pdu, end_io: null };
  f.end_io = (_r, error) => next(error);
  return f;
}

/**
 * blk_insert_flush: runs the steps in order; each ends into the next. An error ends the data request's bios
 * with it; the data request is freed at the end.
 */
export function blk_insert_flush(rq: request, ops: flush_ops): void {
  const policy = blk_flush_policy(rq);
  const steps = [REQ_FSEQ_PREFLUSH, REQ_FSEQ_DATA, REQ_FSEQ_POSTFLUSH].filter((s) => policy & s);
  rq.q.nr_flushes += steps.filter((s) => s !== REQ_FSEQ_DATA).length;
  const has_data = (policy & REQ_FSEQ_DATA) !== 0;
  const step = (i: number, error: blk_status_t): void => {
    if (error !== BLK_STS_OK || i === steps.length) {
      rq.end_io = null;
      if (has_data && error === BLK_STS_OK) ops.free(rq); else ops.end(rq, error);
      return;
    }
    if (steps[i] === REQ_FSEQ_DATA) {
      rq.cmd_flags &= ~REQ_PREFLUSH;
      if (!blk_queue_flag_test(QUEUE_FLAG_FUA, rq.q)) rq.cmd_flags &= ~REQ_FUA;
      rq.end_io = (_r, err) => step(i + 1, err);
      ops.issue(rq);
    } else {
      ops.issue(flush_rq_for(rq, (err) => step(i + 1, err)));
    }
  };
  step(0, BLK_STS_OK);
}
