// Models linux/block/blk-mq-sched.c's setup half: attaching a scheduler to a queue (scheduler tags per hardware queue, nr_requests = 2 × min(depth, 128), init_sched/init_hctx) and detaching it.
import type { request_queue } from '../include/linux/blkdev.ts';
import { BLKDEV_DEFAULT_RQ } from '../include/linux/blkdev.ts';
import type { elevator_type } from '../include/linux/elevator.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { blk_mq_freeze_queue, blk_mq_unfreeze_queue } from './blk-mq.ts';
import { blk_mq_alloc_rqs, blk_mq_init_tags } from './blk-mq-tag.ts';

/** blk_mq_init_sched: each hardware queue gets nr_requests scheduler tags (requests wait in the scheduler holding one), then the scheduler's own init. */
export function blk_mq_init_sched(q: request_queue, e: elevator_type): number {
  const set = q.tag_set;
  if (!set) return -ENOMEM;
  // Linux: q->nr_requests = 2 * min_t(unsigned int, q->tag_set->queue_depth, BLKDEV_DEFAULT_RQ).
  q.nr_requests = 2 * Math.min(set.queue_depth, BLKDEV_DEFAULT_RQ);
  for (const hctx of q.queue_hw_ctx) {
    const tags = blk_mq_init_tags(q.nr_requests, set.reserved_tags);
    if (blk_mq_alloc_rqs(set, tags, hctx.queue_num) < 0) { blk_mq_sched_free_tags(q); return -ENOMEM; }
    hctx.sched_tags = tags;
  }
  const ret = e.ops.init_sched(q, e);
  if (ret) { blk_mq_sched_free_tags(q); return ret; }
  for (const hctx of q.queue_hw_ctx) {
    const r = e.ops.init_hctx?.(hctx, hctx.queue_num) ?? 0;
    e.ops.depth_updated?.(hctx);
    if (r) { blk_mq_exit_sched(q); return r; }
  }
  return 0;
}

function blk_mq_sched_free_tags(q: request_queue): void {
  for (const hctx of q.queue_hw_ctx) { hctx.sched_tags = null; hctx.sched_data = undefined; }
  q.nr_requests = q.tag_set?.queue_depth ?? q.nr_requests;
}

/** blk_mq_exit_sched: with the queue frozen (no request holds a scheduler tag). */
export function blk_mq_exit_sched(q: request_queue): void {
  const e = q.elevator;
  if (!e) return;
  for (const hctx of q.queue_hw_ctx) e.type.ops.exit_hctx?.(hctx, hctx.queue_num);
  e.type.ops.exit_sched?.(e);
  q.elevator = null;
  blk_mq_sched_free_tags(q);
}

/** MAX_SCHED_RQ: scheduler tags a queue may grow to (16 × BLKDEV_DEFAULT_RQ). */
export const MAX_SCHED_RQ = 16 * BLKDEV_DEFAULT_RQ;

/**
 * blk_mq_update_nr_requests with a scheduler: with the queue frozen, each hardware queue's scheduler tags are
 * rebuilt at the new depth (up to MAX_SCHED_RQ) and the scheduler hears of it (depth_updated).
 */
export function* blk_mq_sched_update_nr_requests(q: request_queue, nr: number): KGen<number> {
  const set = q.tag_set;
  if (!set || !q.elevator) return -EINVAL;
  if (q.nr_requests === nr) return 0;
  if (nr > MAX_SCHED_RQ) return -EINVAL;
  yield* blk_mq_freeze_queue(q);
  let ret = 0;
  for (const hctx of q.queue_hw_ctx) {
    const tags = blk_mq_init_tags(nr, set.reserved_tags);
    if (blk_mq_alloc_rqs(set, tags, hctx.queue_num) < 0) { ret = -ENOMEM; break; }
    hctx.sched_tags = tags;
    q.elevator?.type.ops.depth_updated?.(hctx);
  }
  if (!ret) q.nr_requests = nr;
  blk_mq_unfreeze_queue(q);
  return ret;
}
