// Models linux/block/blk-mq-tag.c: driver tags (a bitmap per hardware queue, reserved tags first), getting one (sleeping when none is free) and putting it back.
import type { KGen } from '../include/linux/sched.ts';
import { type blk_mq_tags, BLK_MQ_NO_TAG } from '../include/linux/blk-mq.ts';
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
