// Models linux/block/blk-core.c: submit_bio and its checks (end of device, partition remap, flush on queues without a write cache), plugging, and submit_bio_wait.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import {
  type bio, BLK_STS_IOERR, BLK_STS_NOTSUPP, REQ_FUA, REQ_OP_FLUSH, REQ_PREFLUSH, REQ_NOWAIT, BLK_STS_AGAIN, bio_op, op_is_write,
} from '../include/linux/blk_types.ts';
import { QUEUE_FLAG_FUA, QUEUE_FLAG_NOWAIT, QUEUE_FLAG_WC, blk_queue_flag_test, bdev_read_only, disk_live } from '../include/linux/blkdev.ts';
import { bio_endio, bio_io_error, bio_sectors } from './bio.ts';
import { bdevname_of, bio_dev, blk_fill_rwbs, blk_status_to_errno, plugState, trace_dev, type blk_plug } from './blk.ts';
import { blk_mq_submit_bio, blk_flush_plug, current_plug } from './blk-mq.ts';
import { blkcg_bio_issue, blkcg_bio_throttle } from '../kernel/cgroup/io.ts';

export { blk_flush_plug };
import { current, register_sched_submit_work } from '../kernel/sched/core.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';
import { pr_info, pr_warn } from '../kernel/printk/printk.ts';
import { trace_enabled, trace_event } from '../kernel/trace/trace.ts';
import { ktime_get } from '../kernel/time/timekeeping.ts';

/** bio_check_eod: a bio past the end of its device is refused with the kernel's message. */
function bio_check_eod(b: bio): boolean {
  const bdev = b.bi_bdev!;
  const maxsector = bdev.bd_nr_sectors, nr = bio_sectors(b);
  if (nr && (nr > maxsector || b.bi_iter.bi_sector > maxsector - nr)) {
    pr_info(`${current().comm}: attempt to access beyond end of device\n${bdevname_of(bdev)}: rw=${b.bi_opf}, sector=${b.bi_iter.bi_sector}, nr_sectors = ${nr} limit=${maxsector}`);
    return false;
  }
  return true;
}

/** blk_partition_remap: a partition's sectors become the disk's (the bio keeps its bdev for accounting). */
function blk_partition_remap(b: bio): void {
  const p = b.bi_bdev!;
  if (p.bd_partno === 0 || bio_sectors(b) === 0) return;
  const old = b.bi_iter.bi_sector;
  b.bi_iter.bi_sector += p.bd_start_sect;
  if (trace_enabled('block')) trace_event('block', 'block_bio_remap', { dev: trace_dev(p.bd_disk.part0.bd_dev), sector: b.bi_iter.bi_sector, nr_sector: bio_sectors(b), rwbs: blk_fill_rwbs(b.bi_opf), old_dev: trace_dev(p.bd_dev), old_sector: old });
}

/** submit_bio_noacct: checks a bio and hands it to the disk (bio-based driver) or to blk-mq. May sleep for a tag. */
export function* submit_bio_noacct(b: bio): KGen<void> {
  const bdev = b.bi_bdev;
  if (!bdev || !disk_live(bdev.bd_disk)) { bio_io_error(b); return; }
  const q = bdev.bd_disk.queue;
  if (b.bi_opf & REQ_NOWAIT && !blk_queue_flag_test(QUEUE_FLAG_NOWAIT, q)) { bio_io_error(b, BLK_STS_AGAIN); return; }
  if (op_is_write(bio_op(b.bi_opf)) && bdev_read_only(bdev)) pr_warn(`Trying to write to read-only block-device ${bdevname_of(bdev)}`);
  if (!bio_check_eod(b)) { bio_io_error(b); return; }
  blk_partition_remap(b);
  // A queue without a volatile write cache has nothing to flush: strip PREFLUSH/FUA, end empty flushes at once.
  if (b.bi_opf & (REQ_PREFLUSH | REQ_FUA) || bio_op(b.bi_opf) === REQ_OP_FLUSH) {
    if (!blk_queue_flag_test(QUEUE_FLAG_WC, q)) {
      b.bi_opf &= ~(REQ_PREFLUSH | REQ_FUA);
      if (bio_sectors(b) === 0) { bio_endio(b); return; }
    } else if (!blk_queue_flag_test(QUEUE_FLAG_FUA, q)) {
      // No FUA: the flush machinery issues a post-flush instead (blk_insert_flush).
    }
  }
  if (bio_op(b.bi_opf) > REQ_OP_FLUSH && bio_op(b.bi_opf) !== 9 && !q.limits.max_discard_sectors) { bio_io_error(b, BLK_STS_NOTSUPP); return; }
  const throttled = blkcg_bio_issue(b); // io.stat counts the bio; blk_throtl_bio: io.max may hold it
  if (throttled) yield* blkcg_bio_throttle(throttled);
  b.bi_issue_ns = ktime_get();
  if (trace_enabled('block')) trace_event('block', 'block_bio_queue', { dev: trace_dev(bio_dev(b)), sector: b.bi_iter.bi_sector, nr_sector: bio_sectors(b), rwbs: blk_fill_rwbs(b.bi_opf), comm: current().comm });
  if (bdev.bd_disk.fops.submit_bio) bdev.bd_disk.fops.submit_bio(b);
  else if (q.mq_ops) yield* blk_mq_submit_bio(b);
  else bio_io_error(b, BLK_STS_IOERR);
}

/** submit_bio: the entry for filesystems; completion comes through bio.bi_end_io. (submit_bio_noacct's own generator: no second one per bio.) */
export function submit_bio(b: bio): KGen<void> {
  return submit_bio_noacct(b);
}

/**
 * submit_bio_wait: submits and sleeps (uninterruptibly, as wait_for_completion_io) until the bio ends;
 * returns 0 or the -errno of its status. The task's plug is flushed first, as schedule() would.
 */
export function* submit_bio_wait(b: bio): KGen<number> {
  const wq = new wait_queue_head('submit_bio_wait');
  let done = false;
  b.bi_end_io = () => { done = true; wake_up(wq); };
  yield* submit_bio(b);
  if (!done) {
    blk_flush_plug(current_plug(), true);
    yield* wait_event(wq, () => done, 'submit_bio_wait');
  }
  return blk_status_to_errno(b.bi_status);
}

export { current_plug };

/** blk_start_plug: until blk_finish_plug, the task's requests gather in its plug (and merge there) instead of being issued one by one. */
export function blk_start_plug(plug: blk_plug = { mq_list: [], rq_count: 0, multiple_queues: false, cb_list: [] }): blk_plug {
  const t = current();
  const plugs = plugState().plugs;
  // Nested plugs: only the outermost one counts. P is traced when the plug takes its first request (blk_add_rq_to_plug).
  if (!plugs.has(t)) plugs.set(t, plug);
  return plug;
}

export function blk_finish_plug(plug: blk_plug): void {
  const t = current();
  const plugs = plugState().plugs;
  if (plugs.get(t) !== plug) return;
  blk_flush_plug(plug, false);
  plugs.delete(t);
}

/** The plug of a task about to sleep goes out first (sched_submit_work → blk_flush_plug(tsk->plug, true)). */
function blk_flush_plug_on_sleep(t: task_struct): void {
  const plug = plugState().plugs.get(t);
  if (plug) blk_flush_plug(plug, true);
}

/** blk_dev_init: the block layer's hook into the scheduler. */
function blk_dev_init(): number {
  register_sched_submit_work(blk_flush_plug_on_sleep);
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'blk_dev_init', blk_dev_init, 2_000]];
