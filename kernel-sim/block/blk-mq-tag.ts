// Models linux/block/blk-mq-tag.c: driver tags (a bitmap per hardware queue, reserved tags first), getting one (sleeping when none is free) and putting it back.
import type { KGen } from '../include/linux/sched.ts';
import { type blk_mq_tag_set, type blk_mq_tags, type blk_mq_ctx, type blk_mq_hw_ctx, type request, BLK_MQ_NO_TAG, MQ_RQ_IDLE } from '../include/linux/blk-mq.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';

/** blk_mq_init_tags: `total` tags, the first `reserved` of them kept for reserved allocations. */
export function blk_mq_init_tags(total: number, reserved: number): blk_mq_tags {
  const free_tags: number[] = [];
  // A stack popped from the end: tag reserved..total-1 handed out lowest first, as sbitmap's first-fit does on an idle queue.
  for (let t = total - 1; t >= reserved; t--) free_tags.push(t);
  return { nr_tags: total, nr_reserved_tags: reserved, free_tags, rqs: new Array(total).fill(null), static_rqs: [], wait: new wait_queue_head('sbitmap'), nr_waits: 0 };
}

/** A free tag now, or BLK_MQ_NO_TAG (the nowait path). */
export function blk_mq_get_tag_nowait(tags: blk_mq_tags): number {
  return tags.free_tags.length ? tags.free_tags.pop()! : BLK_MQ_NO_TAG;
}

/**
 * blk_mq_get_tag: a free tag; when none is, the task's plug is flushed (flush_plug) and it sleeps on the
 * tag waitqueue (in D state, as io_schedule) until blk_mq_put_tag frees one.
 */
export function* blk_mq_get_tag(tags: blk_mq_tags, flush_plug: () => void): KGen<number> {
  let tag = blk_mq_get_tag_nowait(tags);
  while (tag === BLK_MQ_NO_TAG) {
    tags.nr_waits++;
    flush_plug();
    yield* wait_event(tags.wait, () => tags.free_tags.length > 0, 'blk_mq_get_tag');
    tag = blk_mq_get_tag_nowait(tags);
  }
  return tag;
}

export function blk_mq_put_tag(tags: blk_mq_tags, tag: number): void {
  tags.rqs[tag] = null;
  tags.free_tags.push(tag);
  if (tags.wait.head.length) wake_up(tags.wait);
}

/** Tags in use (blk_mq_tag_busy's view; the inflight count of the hardware queue). */
export const blk_mq_tags_busy = (tags: blk_mq_tags): number => tags.nr_tags - tags.nr_reserved_tags - tags.free_tags.length;

/** blk_mq_alloc_rqs: a preallocated request per tag of `tags`, each given its driver payload by init_request. */
export function blk_mq_alloc_rqs(set: blk_mq_tag_set, tags: blk_mq_tags, hctx_idx: number): number {
  for (let t = 0; t < tags.nr_tags; t++) {
    const rq: request = {
      q: null as unknown as request_queue, mq_ctx: null as unknown as blk_mq_ctx, mq_hctx: null as unknown as blk_mq_hw_ctx,
      cmd_flags: 0, rq_flags: 0, tag: t, internal_tag: BLK_MQ_NO_TAG, __data_len: 0, __sector: -1, bio: null, biotail: null, part: null,
      start_time_ns: 0, io_start_time_ns: 0, nr_phys_segments: 0, state: MQ_RQ_IDLE, deadline: 0, timeout: 0, end_io: null,
      end_io_data: null, pdu: null, nr_requeues: 0, ioprio: 0, fifo_time: 0, elv_priv: [null, null], alloc_pid: 0, alloc_comm: '',
      insert_time_ns: 0, dispatch_time_ns: 0, stats_sectors: 0,
    };
    if (set.ops.init_request && set.ops.init_request(set, rq, hctx_idx) < 0) return -1;
    tags.static_rqs.push(rq);
  }
  return 0;
}
