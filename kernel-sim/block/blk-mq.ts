// Models linux/block/blk-mq.c: tag sets, queues with per-CPU software and per-device hardware queues, turning bios into requests (plug and merge first), dispatching them to queue_rq, completion, requeue and timeouts.
import type { KGen } from '../include/linux/sched.ts';
import {
  type bio, type blk_status_t, BLK_STS_AGAIN, BLK_STS_DEV_RESOURCE, BLK_STS_OK, BLK_STS_RESOURCE, BLK_STS_IOERR,
  REQ_NOWAIT, REQ_OP_MASK, REQ_SYNC, REQ_OP_READ, op_is_flush, SECTOR_SHIFT,
} from '../include/linux/blk_types.ts';
import {
  type request_queue, blk_default_limits, QUEUE_FLAG_IO_STAT, QUEUE_FLAG_WC, BLK_DEF_MAX_SECTORS, blk_queue_flag_test,
  QUEUE_FLAG_SAME_COMP, QUEUE_FLAG_NOWAIT,
} from '../include/linux/blkdev.ts';
import {
  type blk_mq_ctx, type blk_mq_hw_ctx, type blk_mq_queue_data, type blk_mq_tag_set, type blk_mq_tags, type request,
  BLK_EH_DONE, BLK_MQ_MAX_DEPTH, BLK_MQ_NO_TAG, BLK_MQ_S_SCHED_RESTART, HCTX_TYPE_DEFAULT, MQ_RQ_COMPLETE, MQ_RQ_IDLE,
  MQ_RQ_IN_FLIGHT, RQF_FLUSH_SEQ, RQF_IO_STAT, RQF_MQ_INFLIGHT, RQF_QUIET, RQF_STARTED, RQF_TIMED_OUT, RQF_USE_SCHED, blk_rq_bytes,
  blk_rq_pos, blk_rq_sectors,
} from '../include/linux/blk-mq.ts';
import type { elevator_queue } from '../include/linux/elevator.ts';
import { EINVAL, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { bio_advance, bio_chain, bio_endio, bio_sectors, bio_split, bio_io_error } from './bio.ts';
import { blk_fill_rwbs, blk_status_to_str, plugState, trace_dev, type blk_plug } from './blk.ts';
import { blk_mq_alloc_rqs, blk_mq_get_tag, blk_mq_init_tags, blk_mq_put_tag, blk_mq_tags_busy, blk_mq_get_tag_nowait } from './blk-mq-tag.ts';
import {
  ELEVATOR_BACK_MERGE, ELEVATOR_FRONT_MERGE, bio_attempt_back_merge, bio_attempt_front_merge, bio_split_point,
  blk_queue_nomerges, blk_rq_merge_ok, blk_try_merge,
} from './blk-merge.ts';
import { blk_account_io_completion, blk_account_io_done, blk_account_io_merge_bio, blk_account_io_start } from './blk-account.ts';
import { blk_insert_flush, blk_flush_policy_needs_seq, type flush_ops } from './blk-flush.ts';
import { current, runqueue } from '../kernel/sched/core.ts';
import { raise_softirq, BLOCK_SOFTIRQ } from '../kernel/softirq.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';
import { get_current_ioprio, IOPRIO_PRIO_CLASS } from './ioprio.ts';
import { printk, KERN_ERR } from '../kernel/printk/printk.ts';
import { trace_enabled, trace_event } from '../kernel/trace/trace.ts';
import { hrtimer_active, hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import { defineState } from '../kernel/state.ts';

/** BLK_MAX_REQUEST_COUNT / BLK_PLUG_FLUSH_SIZE: a plug is flushed past 32 requests or a 128 KiB one. */
export const BLK_MAX_REQUEST_COUNT = 32;
export const BLK_PLUG_FLUSH_SIZE = 128 * 1024;
/** BLK_MQ_RESOURCE_DELAY: a queue refused for lack of resources with nothing in flight is rerun after 3 ms. */
export const BLK_MQ_RESOURCE_DELAY_NS = 3 * NSEC_PER_MSEC;
export const BLK_DEFAULT_TIMEOUT_NS = 30 * NSEC_PER_SEC;

const mqState = defineState('blk_mq', () => ({ next_queue_id: 0 }));

const nr_cpu_ids = (): number => Math.max(1, runqueue().nr_cpus);

/** blk_mq_map_queues: CPUs to hardware queues, round robin (no SMT siblings in our machines). */
export function blk_mq_map_queues(set: blk_mq_tag_set): void {
  const m = set.map[HCTX_TYPE_DEFAULT]!;
  m.mq_map = Array.from({ length: nr_cpu_ids() }, (_, cpu) => m.queue_offset + (cpu % m.nr_queues));
}

/** blk_mq_alloc_tag_set: checks the set, maps CPUs to queues and preallocates a request per tag (init_request gives each its pdu). */
export function blk_mq_alloc_tag_set(set: blk_mq_tag_set): number {
  if (!set.nr_hw_queues || !set.queue_depth || !set.ops?.queue_rq) return -EINVAL;
  if (set.queue_depth > BLK_MQ_MAX_DEPTH) set.queue_depth = BLK_MQ_MAX_DEPTH;
  if (set.reserved_tags >= set.queue_depth) return -EINVAL;
  if (set.nr_hw_queues > nr_cpu_ids()) set.nr_hw_queues = nr_cpu_ids();
  if (!set.nr_maps) set.nr_maps = 1;
  set.map = [{ mq_map: [], nr_queues: set.nr_hw_queues, queue_offset: 0 }];
  if (set.ops.map_queues) set.ops.map_queues(set); else blk_mq_map_queues(set);
  set.tags = [];
  for (let i = 0; i < set.nr_hw_queues; i++) {
    const tags = blk_mq_init_tags(set.queue_depth, set.reserved_tags);
    if (blk_mq_alloc_rqs(set, tags, i) < 0) return -ENOMEM;
    set.tags.push(tags);
  }
  set.tag_list = [];
  return 0;
}

export function blk_mq_free_tag_set(set: blk_mq_tag_set): void {
  set.tags = [];
}

/** A tag set with Linux's defaults for the fields a driver leaves out. */
export function blk_mq_tag_set_init(s: Partial<blk_mq_tag_set> & Pick<blk_mq_tag_set, 'ops'>): blk_mq_tag_set {
  return {
    map: [], nr_maps: 1, nr_hw_queues: 1, queue_depth: 64, reserved_tags: 0, cmd_size: 0, numa_node: -1, timeout: 0, flags: 0,
    driver_data: null, tags: [], tag_list: [], ...s,
  };
}

/** blk_mq_init_allocated_queue: a request_queue on `set` with its software and hardware contexts. */
export function blk_mq_init_queue(set: blk_mq_tag_set, queuedata: unknown = null): request_queue {
  const q: request_queue = {
    queuedata, queue_flags: (1 << QUEUE_FLAG_IO_STAT) | (1 << QUEUE_FLAG_SAME_COMP) | (1 << QUEUE_FLAG_NOWAIT), limits: blk_default_limits(),
    mq_ops: set.ops, tag_set: set, queue_ctx: [], queue_hw_ctx: [], nr_hw_queues: set.nr_hw_queues, elevator: null,
    disk: null, nr_requests: set.queue_depth, rq_timeout: set.timeout || BLK_DEFAULT_TIMEOUT_NS, last_merge: null,
    requeue_list: [], nr_flushes: 0, iostats_passthrough: 0, dma_pad_mask: 0, id: mqState().next_queue_id++, ra_pages: 32,
    wbt_lat_nsec: -1, mq_freeze_depth: 0, timeout_timer: null, requeue_timer: null, quiesce_depth: 0,
  };
  // blk_queue_max_hw_sectors via blk_mq_init_allocated_queue's defaults: max_hw_sectors BLK_SAFE_MAX, max_sectors capped at BLK_DEF_MAX.
  q.limits.max_sectors = Math.min(q.limits.max_hw_sectors, BLK_DEF_MAX_SECTORS);
  for (let i = 0; i < set.nr_hw_queues; i++) {
    const hctx: blk_mq_hw_ctx = {
      queue: q, queue_num: i, dispatch: [], state: 0, flags: set.flags, ctxs: [], nr_ctx: 0, tags: set.tags[i]!, cpumask: [],
      driver_data: null, run: 0, dispatched: 0, stopped: false, run_timer: null,
    };
    q.queue_hw_ctx.push(hctx);
  }
  for (let cpu = 0; cpu < nr_cpu_ids(); cpu++) {
    const hctx = q.queue_hw_ctx[set.map[HCTX_TYPE_DEFAULT]!.mq_map[cpu] ?? 0]!;
    const ctx: blk_mq_ctx = { cpu, index_hw: [hctx.nr_ctx], hctxs: [hctx], rq_lists: [[]], queue: q, rq_dispatched: [0, 0], rq_merged: 0, rq_completed: [0, 0] };
    hctx.ctxs.push(ctx); hctx.nr_ctx++; hctx.cpumask.push(cpu);
    q.queue_ctx.push(ctx);
  }
  q.queue_hw_ctx.forEach((h, i) => { if (set.ops.init_hctx) set.ops.init_hctx(h, set.driver_data, i); });
  q.timeout_timer = hrtimer_create('blk_mq_timeout', () => blk_mq_timeout_work(q));
  q.requeue_timer = hrtimer_create('blk_mq_requeue_work', () => blk_mq_requeue_work(q));
  set.tag_list.push(q);
  return q;
}

const blk_mq_map_ctx = (q: request_queue): blk_mq_ctx => q.queue_ctx[current().cpu % q.queue_ctx.length]!;

/** The tags a request is allocated from: the scheduler's when the queue has one (a driver tag comes at dispatch). */
const blk_mq_tags_from_data = (hctx: blk_mq_hw_ctx): blk_mq_tags => hctx.sched_tags ?? hctx.tags;

/**
 * blk_mq_rq_ctx_init: a request on the tag `tag` (a scheduler tag when the queue has an elevator: rq->internal_tag,
 * no driver tag yet). It counts in q_usage_counter until freed, and the scheduler prepares its private data.
 */
function blk_mq_rq_init(q: request_queue, ctx: blk_mq_ctx, hctx: blk_mq_hw_ctx, tag: number, opf: number): request {
  const e = q.elevator;
  const rq = blk_mq_tags_from_data(hctx).static_rqs[tag]!;
  rq.q = q; rq.mq_ctx = ctx; rq.mq_hctx = hctx; rq.cmd_flags = opf;
  rq.rq_flags = blk_queue_flag_test(QUEUE_FLAG_IO_STAT, q) ? RQF_IO_STAT : 0;
  rq.__data_len = 0; rq.__sector = -1; rq.bio = rq.biotail = null; rq.part = null; rq.start_time_ns = ktime_get();
  rq.io_start_time_ns = 0; rq.nr_phys_segments = 0; rq.state = MQ_RQ_IDLE; rq.deadline = 0; rq.timeout = 0;
  rq.end_io = null; rq.end_io_data = null; rq.nr_requeues = 0;
  const t = current();
  rq.ioprio = get_current_ioprio(); rq.fifo_time = 0; rq.elv_priv[0] = rq.elv_priv[1] = null;
  rq.alloc_pid = t.pid; rq.alloc_comm = t.comm; rq.insert_time_ns = rq.dispatch_time_ns = rq.stats_sectors = 0;
  q.q_usage_counter = (q.q_usage_counter ?? 0) + 1;
  if (e) {
    rq.internal_tag = tag; rq.tag = BLK_MQ_NO_TAG;
    rq.rq_flags |= RQF_USE_SCHED;
    e.type.ops.prepare_request?.(rq);
  } else {
    rq.tag = tag; rq.internal_tag = BLK_MQ_NO_TAG;
    hctx.tags.rqs[tag] = rq;
  }
  return rq;
}

/** blk_mq_get_driver_tag: a request coming out of the scheduler takes a driver tag, or stays where it is. */
export function blk_mq_get_driver_tag(rq: request): boolean {
  if (rq.tag !== BLK_MQ_NO_TAG) return true;
  const tag = blk_mq_get_tag_nowait(rq.mq_hctx.tags);
  if (tag === BLK_MQ_NO_TAG) return false;
  rq.tag = tag;
  rq.mq_hctx.tags.rqs[tag] = rq;
  return true;
}

/** blk_mq_put_driver_tag: on requeue with a scheduler, the driver tag goes back until the request is dispatched again. */
function blk_mq_put_driver_tag(rq: request): void {
  if (rq.internal_tag === BLK_MQ_NO_TAG || rq.tag === BLK_MQ_NO_TAG) return;
  blk_mq_put_tag(rq.mq_hctx.tags, rq.tag);
  rq.tag = BLK_MQ_NO_TAG;
}

/** blk_queue_enter: a frozen queue (a scheduler switch) makes submitters wait; the task's plug goes out first, as schedule() would. */
function* blk_queue_enter(q: request_queue): KGen<void> {
  if (!q.mq_freeze_depth) return;
  blk_flush_plug(current_plug(), true);
  const wq = (q.mq_freeze_wq ??= new wait_queue_head('mq_freeze_wq'));
  yield* wait_event(wq, () => !q.mq_freeze_depth, 'blk_queue_enter');
}

/** blk_mq_freeze_queue: no new request is allocated and every allocated one completes before this returns. */
export function* blk_mq_freeze_queue(q: request_queue): KGen<void> {
  q.mq_freeze_depth++;
  const wq = (q.mq_freeze_wq ??= new wait_queue_head('mq_freeze_wq'));
  blk_mq_run_hw_queues(q, false);
  yield* wait_event(wq, () => !q.q_usage_counter, 'blk_mq_freeze_queue_wait');
}

export function blk_mq_unfreeze_queue(q: request_queue): void {
  if (q.mq_freeze_depth > 0 && --q.mq_freeze_depth === 0 && q.mq_freeze_wq) wake_up(q.mq_freeze_wq);
}

function blk_mq_bio_to_request(rq: request, b: bio, nr_segs: number): void {
  rq.bio = rq.biotail = b;
  rq.__sector = b.bi_iter.bi_sector;
  rq.__data_len = b.bi_iter.bi_size;
  rq.nr_phys_segments = nr_segs;
  rq.part = b.bi_bdev;
  blk_account_io_start(rq);
}

const rq_trace = (rq: request) => ({
  dev: trace_dev(rq.q.disk?.part0.bd_dev ?? 0), sector: rq.__sector < 0 ? 0 : rq.__sector, nr_sector: blk_rq_sectors(rq), bytes: blk_rq_bytes(rq),
  rwbs: blk_fill_rwbs(rq.cmd_flags), comm: current().comm, tag: rq.tag, hctx: rq.mq_hctx.queue_num,
});
const bio_trace = (b: bio) => ({
  dev: trace_dev(b.bi_bdev?.bd_disk.part0.bd_dev ?? 0), sector: b.bi_iter.bi_sector, nr_sector: bio_sectors(b), rwbs: blk_fill_rwbs(b.bi_opf), comm: current().comm,
});

/** blk_mq_alloc_request: a request for a driver's own command (passthrough: REQ_OP_DRV_IN/OUT), sleeping for a tag. */
export function* blk_mq_alloc_request(q: request_queue, opf: number): KGen<request> {
  yield* blk_queue_enter(q);
  const ctx = blk_mq_map_ctx(q), hctx = ctx.hctxs[0]!;
  const tag = yield* blk_mq_get_tag(blk_mq_tags_from_data(hctx), () => blk_flush_plug(current_plug(), true));
  const rq = blk_mq_rq_init(q, ctx, hctx, tag, opf);
  rq.part = q.disk?.part0 ?? null;
  return rq;
}

export const current_plug = (): blk_plug | null => plugState().plugs.get(current()) ?? null;

/** blk_attempt_plug_merge: the request this task plugged last, on the same queue, may take the bio. */
function blk_attempt_plug_merge(q: request_queue, b: bio, nr_segs: number, plug: blk_plug): boolean {
  const rq = plug.mq_list[plug.mq_list.length - 1];
  if (!rq || rq.q !== q) return false;
  return blk_attempt_bio_merge(rq, b, nr_segs);
}

/** blk_attempt_bio_merge: a back or front merge of `b` into `rq` (traced M or F, counted in merges). */
export function blk_attempt_bio_merge(rq: request, b: bio, nr_segs: number): boolean {
  if (!blk_rq_merge_ok(rq, b)) return false;
  const where = blk_try_merge(rq, b);
  let ok = false;
  if (where === ELEVATOR_BACK_MERGE && bio_attempt_back_merge(rq, b, nr_segs)) {
    if (trace_enabled('block')) trace_event('block', 'block_bio_backmerge', bio_trace(b)); ok = true;
  } else if (where === ELEVATOR_FRONT_MERGE && bio_attempt_front_merge(rq, b, nr_segs)) {
    if (trace_enabled('block')) trace_event('block', 'block_bio_frontmerge', bio_trace(b)); ok = true;
  }
  if (ok) { blk_account_io_merge_bio(rq); rq.mq_ctx.rq_merged++; }
  return ok;
}

/** blk_mq_sched_bio_merge: the scheduler's bio_merge, or with no elevator the last few requests waiting in this CPU's software queue (blk_bio_list_merge). */
function blk_mq_sched_bio_merge(q: request_queue, b: bio, nr_segs: number): boolean {
  const e = q.elevator;
  if (e) return e.type.ops.bio_merge?.(q, b, nr_segs) ?? false;
  const list = blk_mq_map_ctx(q).rq_lists[HCTX_TYPE_DEFAULT]!;
  for (let i = list.length - 1, checked = 0; i >= 0 && checked < 8; i--, checked++) {
    if (blk_attempt_bio_merge(list[i]!, b, nr_segs)) return true;
  }
  return false;
}

/**
 * blk_mq_submit_bio: split the bio at the limits (each piece chained to what is left), merge it into a plugged
 * or waiting request, or give it a request of its own and plug or issue that. May sleep for a tag.
 */
export function* blk_mq_submit_bio(b: bio): KGen<void> {
  const q = b.bi_bdev!.bd_disk.queue;
  if (q.mq_freeze_depth) yield* blk_queue_enter(q);
  for (;;) {
    const { sectors, nr_segs } = bio_split_point(b, q);
    if (b.bi_iter.bi_size && sectors > 0 && sectors < bio_sectors(b)) {
      const split = bio_split(b, sectors);
      bio_chain(split, b);
      if (trace_enabled('block')) trace_event('block', 'block_split', { dev: trace_dev(b.bi_bdev!.bd_disk.part0.bd_dev), sector: split.bi_iter.bi_sector, new_sector: b.bi_iter.bi_sector, rwbs: blk_fill_rwbs(b.bi_opf), comm: current().comm });
      yield* blk_mq_submit_one(q, split, nr_segs);
      continue;
    }
    yield* blk_mq_submit_one(q, b, nr_segs);
    return;
  }
}

function* blk_mq_submit_one(q: request_queue, b: bio, nr_segs: number): KGen<void> {
  const plug = current_plug();
  if (!blk_queue_nomerges(q) && !op_is_flush(b.bi_opf)) {
    if (plug && blk_attempt_plug_merge(q, b, nr_segs, plug)) return;
    if (blk_mq_sched_bio_merge(q, b, nr_segs)) return;
  }
  const ctx = blk_mq_map_ctx(q), hctx = ctx.hctxs[0]!;
  const tags = blk_mq_tags_from_data(hctx);
  let tag = blk_mq_get_tag_nowait(tags);
  if (tag === BLK_MQ_NO_TAG) {
    if (b.bi_opf & REQ_NOWAIT) { bio_io_error(b, BLK_STS_AGAIN); return; }
    tag = yield* blk_mq_get_tag(tags, () => blk_flush_plug(current_plug(), true));
  }
  const c2 = blk_mq_map_ctx(q), h2 = c2.hctxs[0]!;
  // After sleeping the task may run on another CPU whose queue owns other tags: the tag came from hctx.
  const rq = blk_mq_rq_init(q, h2 === hctx ? c2 : ctx, hctx, tag, b.bi_opf);
  if (trace_enabled('block')) trace_event('block', 'block_getrq', bio_trace(b));
  blk_mq_bio_to_request(rq, b, nr_segs);
  if (op_is_flush(b.bi_opf) && blk_queue_flag_test(QUEUE_FLAG_WC, q) && blk_flush_policy_needs_seq(rq)) {
    blk_insert_flush(rq, flush_ops);
    return;
  }
  if (plug) { blk_add_rq_to_plug(plug, rq); return; }
  // With an elevator the request goes to the scheduler and kblockd runs the queue (blk_mq_sched_insert_request(rq, false, true, true)).
  if (q.elevator) { blk_mq_insert_request(rq); blk_mq_run_hw_queue(hctx, true); return; }
  blk_mq_try_issue_directly(hctx, rq);
}

const flush_ops: flush_ops = {
  issue: (rq) => blk_mq_try_issue_directly(rq.mq_hctx, rq),
  end: (rq, error) => blk_mq_end_request(rq, error),
  free: (rq) => blk_mq_free_request(rq),
};

/** trace_block_plug(rq->q). */
const trace_plug = (q: request_queue): void => {
  if (trace_enabled('block')) trace_event('block', 'block_plug', { dev: trace_dev(q.disk?.part0.bd_dev ?? 0), comm: current().comm });
};

/** blk_add_rq_to_plug: the plug's first request traces P; a full plug (32 requests, or a large last one) is flushed first, and P again. */
function blk_add_rq_to_plug(plug: blk_plug, rq: request): void {
  const last = plug.mq_list[plug.mq_list.length - 1];
  if (!plug.rq_count) trace_plug(rq.q);
  else if (plug.rq_count >= BLK_MAX_REQUEST_COUNT || (last && blk_rq_bytes(last) >= BLK_PLUG_FLUSH_SIZE)) {
    blk_flush_plug(plug, false);
    trace_plug(rq.q);
  }
  if (last && last.q !== rq.q) plug.multiple_queues = true;
  plug.mq_list.push(rq);
  plug.rq_count++;
}

/**
 * trace_block_unplug(q, depth, explicit): one U (UT from schedule) per queue, with the number of its requests
 * the plug held — where 6.1 traces it: blk_mq_dispatch_plug_list (the insert path), and on the direct path only
 * blk_mq_commit_rqs of a driver with ->commit_rqs (a queue without one, as null_blk's, shows P and no U).
 */
function trace_unplug(plug: blk_plug, from_schedule: boolean): void {
  const direct = plug_issues_direct(plug, from_schedule);
  const depth = new Map<request_queue, number>();
  for (const rq of plug.mq_list) if (!direct || rq.q.mq_ops?.commit_rqs) depth.set(rq.q, (depth.get(rq.q) ?? 0) + 1);
  for (const [q, nr_rq] of depth) trace_event('block', 'block_unplug', { dev: trace_dev(q.disk?.part0.bd_dev ?? 0), nr_rq, comm: current().comm, explicit: !from_schedule });
}

/** blk_flush_plug: issues what the plug holds; from_schedule when the task is about to sleep. */
export function blk_flush_plug(plug: blk_plug | null, from_schedule: boolean): void {
  if (!plug) return;
  for (const cb of plug.cb_list.splice(0)) cb(from_schedule);
  if (!plug.rq_count) return;
  if (trace_enabled('block')) trace_unplug(plug, from_schedule);
  blk_mq_flush_plug_list(plug, from_schedule);
}

/** One queue, no elevator, not from schedule: blk_mq_flush_plug_list issues each request directly (blk_mq_plug_issue_direct). */
const plug_issues_direct = (plug: blk_plug, from_schedule: boolean): boolean => !plug.multiple_queues && !from_schedule && !!plug.mq_list[0] && !plug.mq_list[0].q.elevator;

/**
 * blk_mq_flush_plug_list: one queue, no elevator, not from schedule → issue each directly (no insert);
 * otherwise insert them into their software queues (I) and run the hardware queues.
 */
export function blk_mq_flush_plug_list(plug: blk_plug, from_schedule: boolean): void {
  const direct = plug_issues_direct(plug, from_schedule);
  const list = plug.mq_list.splice(0);
  plug.rq_count = 0; plug.multiple_queues = false;
  if (direct) {
    list.forEach((rq) => blk_mq_try_issue_directly(rq.mq_hctx, rq));
    return;
  }
  const hctxs = new Set<blk_mq_hw_ctx>();
  for (const rq of list) { blk_mq_insert_request(rq); hctxs.add(rq.mq_hctx); }
  for (const h of hctxs) blk_mq_run_hw_queue(h, from_schedule);
}

/** blk_mq_insert_request / blk_mq_sched_insert_request: into the scheduler, or without one the CPU's software queue (traced I). */
export function blk_mq_insert_request(rq: request, at_head = false): void {
  if (trace_enabled('block')) trace_event('block', 'block_rq_insert', rq_trace(rq));
  rq.insert_time_ns = ktime_get();
  const e = rq.q.elevator;
  if (e && rq.rq_flags & RQF_USE_SCHED) { e.type.ops.insert_requests(rq.mq_hctx, [rq], at_head); return; }
  const list = rq.mq_ctx.rq_lists[HCTX_TYPE_DEFAULT]!;
  if (at_head) list.unshift(rq); else list.push(rq);
}

/** blk_mq_request_bypass_insert: straight onto the hardware queue's dispatch list (a request the driver refused, a requeue). */
export function blk_mq_request_bypass_insert(rq: request, at_head: boolean): void {
  if (at_head) rq.mq_hctx.dispatch.unshift(rq); else rq.mq_hctx.dispatch.push(rq);
}

const hctx_stopped = (hctx: blk_mq_hw_ctx): boolean => hctx.stopped || hctx.queue.quiesce_depth > 0;

/** blk_mq_try_issue_directly: to the driver now when the queue can take it; put back on a busy device. */
export function blk_mq_try_issue_directly(hctx: blk_mq_hw_ctx, rq: request): void {
  if (hctx_stopped(hctx) || hctx.dispatch.length) {
    if (rq.q.elevator) blk_mq_request_bypass_insert(rq, false); else blk_mq_insert_request(rq);
    blk_mq_run_hw_queue(hctx, true);
    return;
  }
  const ret = blk_mq_queue_rq(hctx, rq, true);
  if (ret === BLK_STS_OK) return;
  if (ret === BLK_STS_RESOURCE || ret === BLK_STS_DEV_RESOURCE) {
    blk_mq_request_bypass_insert(rq, false);
    blk_mq_restart_later(hctx, ret);
    return;
  }
  blk_mq_end_request(rq, ret);
}

/** queue_rq for one request; one without a driver tag (it came through a scheduler) takes one first or is refused as a busy device. */
function blk_mq_queue_rq(hctx: blk_mq_hw_ctx, rq: request, last: boolean): blk_status_t {
  if (rq.tag === BLK_MQ_NO_TAG) {
    if (!blk_mq_get_driver_tag(rq)) return BLK_STS_DEV_RESOURCE;
    // A flush step borrows its data request's tags; one that had to take its own driver tag gives it back when freed.
    if (rq.rq_flags & RQF_FLUSH_SEQ) rq.rq_flags |= RQF_MQ_INFLIGHT;
  }
  if (!rq.dispatch_time_ns) rq.dispatch_time_ns = ktime_get();
  const bd: blk_mq_queue_data = { rq, last };
  const ret = hctx.queue.mq_ops!.queue_rq(hctx, bd);
  if (ret === BLK_STS_OK) { hctx.dispatched++; rq.mq_ctx.rq_dispatched[rq.cmd_flags & REQ_SYNC || (rq.cmd_flags & REQ_OP_MASK) === REQ_OP_READ ? 0 : 1]++; }
  return ret;
}

/** A refused dispatch: rerun when a request of this queue completes (SCHED_RESTART), or after 3 ms when none is in flight. */
function blk_mq_restart_later(hctx: blk_mq_hw_ctx, ret: blk_status_t): void {
  const inflight = hctx.sched_tags
    ? hctx.tags.rqs.reduce((n, r) => n + (r && r.state === MQ_RQ_IN_FLIGHT ? 1 : 0), 0)
    : blk_mq_tags_busy(hctx.tags) - hctx.dispatch.length;
  if (inflight > 0 && ret === BLK_STS_RESOURCE) hctx.state |= 1 << BLK_MQ_S_SCHED_RESTART;
  else if (inflight > 0) hctx.state |= 1 << BLK_MQ_S_SCHED_RESTART;
  else blk_mq_delay_run_hw_queue(hctx, BLK_MQ_RESOURCE_DELAY_NS);
}

/** blk_mq_run_hw_queue: dispatch what waits (async: from kblockd, in virtual time right after this). */
export function blk_mq_run_hw_queue(hctx: blk_mq_hw_ctx, async: boolean): void {
  if (async) { blk_mq_delay_run_hw_queue(hctx, 0); return; }
  __blk_mq_run_hw_queue(hctx);
}

export function blk_mq_delay_run_hw_queue(hctx: blk_mq_hw_ctx, delay_ns: number): void {
  hctx.run_timer ??= hrtimer_create('blk_mq_run_work_fn', () => __blk_mq_run_hw_queue(hctx));
  if (!hrtimer_active(hctx.run_timer)) hrtimer_start(hctx.run_timer, ktime_get() + delay_ns);
}

export function blk_mq_run_hw_queues(q: request_queue, async: boolean): void {
  for (const h of q.queue_hw_ctx) blk_mq_run_hw_queue(h, async);
}

/**
 * blk_mq_sched_dispatch_requests: the dispatch list first (requests the driver refused); if it drained, the
 * scheduler's requests, or with `none` every software queue of the hardware queue.
 */
function __blk_mq_run_hw_queue(hctx: blk_mq_hw_ctx): void {
  if (hctx_stopped(hctx)) return;
  hctx.run++;
  if (hctx.dispatch.length && !blk_mq_dispatch_rq_list(hctx, hctx.dispatch.splice(0))) return;
  const e = hctx.queue.elevator;
  if (e) { blk_mq_do_dispatch_sched(hctx, e); return; }
  const list: request[] = [];
  for (const ctx of hctx.ctxs) { const l = ctx.rq_lists[HCTX_TYPE_DEFAULT]!; if (l.length) list.push(...l.splice(0)); }
  if (list.length) blk_mq_dispatch_rq_list(hctx, list);
}

/**
 * blk_mq_do_dispatch_sched: asks the scheduler for requests while it has work and the device has driver tags.
 * Out of driver tags it stops dequeueing ("we are unlikely to be able to submit them anyway and it creates false
 * impression for scheduling heuristics that the device can take more IO") and runs again when a request frees one.
 */
function blk_mq_do_dispatch_sched(hctx: blk_mq_hw_ctx, e: elevator_queue): void {
  const ops = e.type.ops;
  for (;;) {
    const list: request[] = [];
    let starved = false;
    while (ops.has_work(hctx)) {
      if (!hctx.tags.free_tags.length) { starved = true; break; }
      const rq = ops.dispatch_request(hctx);
      if (!rq) break;
      rq.dispatch_time_ns = ktime_get();
      blk_mq_get_driver_tag(rq);
      list.push(rq);
    }
    if (starved) hctx.state |= 1 << BLK_MQ_S_SCHED_RESTART;
    if (!list.length || !blk_mq_dispatch_rq_list(hctx, list) || starved) return;
  }
}

/** blk_mq_dispatch_rq_list: queue_rq each; on a resource shortage the rest go back to the dispatch list (false returned). */
function blk_mq_dispatch_rq_list(hctx: blk_mq_hw_ctx, list: request[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const rq = list[i]!;
    const ret = blk_mq_queue_rq(hctx, rq, i === list.length - 1);
    if (ret === BLK_STS_OK) continue;
    if (ret === BLK_STS_RESOURCE || ret === BLK_STS_DEV_RESOURCE) {
      hctx.dispatch.unshift(...list.slice(i));
      if (i > 0) hctx.queue.mq_ops!.commit_rqs?.(hctx);
      blk_mq_restart_later(hctx, ret);
      return false;
    }
    blk_mq_end_request(rq, ret);
  }
  return true;
}

/** blk_mq_start_request: the driver took it; traced D, its timeout armed. */
export function blk_mq_start_request(rq: request): void {
  const q = rq.q, now = ktime_get();
  rq.io_start_time_ns = now;
  rq.stats_sectors = blk_rq_sectors(rq);
  if (trace_enabled('block')) trace_event('block', 'block_rq_issue', rq_trace(rq));
  rq.rq_flags |= RQF_STARTED;
  rq.state = MQ_RQ_IN_FLIGHT;
  rq.deadline = now + (rq.timeout || q.rq_timeout);
  if (q.timeout_timer && (!hrtimer_active(q.timeout_timer) || q.timeout_timer.expires > rq.deadline)) hrtimer_start(q.timeout_timer, rq.deadline);
}

/** blk_mq_complete_request: from the driver's interrupt; runs mq_ops.complete once (a timed-out request is not completed twice). */
export function blk_mq_complete_request(rq: request): boolean {
  if (rq.state !== MQ_RQ_IN_FLIGHT) return false;
  rq.state = MQ_RQ_COMPLETE;
  // blk_mq_complete_request_remote(): a single hardware queue shared by several CPUs completes in BLOCK_SOFTIRQ.
  if (rq.q.nr_hw_queues === 1 && nr_cpu_ids() > 1) raise_softirq(BLOCK_SOFTIRQ);
  if (rq.q.mq_ops!.complete) rq.q.mq_ops!.complete(rq); else blk_mq_end_request(rq, BLK_STS_OK);
  return true;
}

/** blk_print_req_error: "I/O error, dev vda, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2" — the class of the request's ioprio (2, best effort, unless the submitter's was set). */
function blk_print_req_error(rq: request, status: blk_status_t): void {
  const op = rq.cmd_flags & REQ_OP_MASK;
  const name = ({ 0: 'READ', 1: 'WRITE', 2: 'FLUSH', 3: 'DISCARD', 9: 'WRITE_ZEROES', 34: 'DRV_IN', 35: 'DRV_OUT' } as Record<number, string>)[op] ?? 'UNKNOWN';
  printk(`${KERN_ERR}${blk_status_to_str(status)} error, dev ${rq.q.disk?.disk_name ?? '?'}, sector ${blk_rq_pos(rq)} op 0x${op.toString(16)}:(${name}) flags 0x${(rq.cmd_flags & ~REQ_OP_MASK).toString(16)} phys_seg ${rq.nr_phys_segments} prio class ${IOPRIO_PRIO_CLASS(rq.ioprio)}`);
}

/** blk_update_request: `nr_bytes` of the request are done; ends the bios they cover. Returns true while some remain. */
export function blk_update_request(rq: request, error: blk_status_t, nr_bytes: number): boolean {
  if (trace_enabled('block')) trace_event('block', error ? 'block_rq_error' : 'block_rq_complete', { dev: trace_dev(rq.q.disk?.part0.bd_dev ?? 0), sector: rq.__sector < 0 ? 0 : rq.__sector, nr_sector: nr_bytes >> SECTOR_SHIFT, rwbs: blk_fill_rwbs(rq.cmd_flags), error: error ? -5 : 0 });
  if (!rq.bio) return false;
  if (error && !(rq.rq_flags & RQF_QUIET)) blk_print_req_error(rq, error);
  blk_account_io_completion(rq, nr_bytes);
  let total = 0;
  while (rq.bio) {
    const b: bio = rq.bio;
    const n = Math.min(b.bi_iter.bi_size, nr_bytes - total);
    if (error) b.bi_status = error;
    bio_advance(b, n);
    total += n;
    if (b.bi_iter.bi_size === 0) {
      rq.bio = b.bi_next;
      b.bi_next = null;
      bio_endio(b);
    }
    if (total >= nr_bytes) break;
  }
  if (!rq.bio) { rq.__data_len = 0; return false; }
  rq.__data_len -= total;
  rq.__sector += total >> SECTOR_SHIFT;
  return true;
}

/** __blk_mq_end_request: accounting, then the request's end_io or freeing it (its tag back). */
export function __blk_mq_end_request(rq: request, error: blk_status_t): void {
  const now = ktime_get();
  blk_account_io_done(rq, now);
  if (rq.rq_flags & RQF_USE_SCHED) rq.q.elevator?.type.ops.completed_request?.(rq, now);
  if (trace_enabled('iosched', 'block_rq_stages')) trace_event('iosched', 'block_rq_stages', {
    dev: trace_dev(rq.q.disk?.part0.bd_dev ?? 0), sched: rq.q.elevator?.type.elevator_name ?? 'none', sector: rq.__sector < 0 ? 0 : rq.__sector,
    nr_sector: rq.stats_sectors, rwbs: blk_fill_rwbs(rq.cmd_flags), pid: rq.alloc_pid, comm: rq.alloc_comm, ioprio: rq.ioprio,
    alloc_ns: rq.start_time_ns, insert_ns: rq.insert_time_ns, dispatch_ns: rq.dispatch_time_ns, issue_ns: rq.io_start_time_ns, complete_ns: now, error: error ? 1 : 0,
  });
  if (rq.end_io) { rq.end_io(rq, error); return; }
  blk_mq_free_request(rq);
}

export function blk_mq_end_request(rq: request, error: blk_status_t): void {
  if (blk_update_request(rq, error, blk_rq_bytes(rq))) { blk_update_request(rq, BLK_STS_IOERR, blk_rq_bytes(rq)); }
  __blk_mq_end_request(rq, error);
}

/** blk_mq_free_request: the tag goes back; a queue that was refused for lack of resources runs again (blk_mq_sched_restart). */
export function blk_mq_free_request(rq: request): void {
  const hctx = rq.mq_hctx, q = rq.q;
  const borrowed = (rq.rq_flags & RQF_FLUSH_SEQ) !== 0;
  if (rq.rq_flags & RQF_USE_SCHED) q.elevator?.type.ops.finish_request?.(rq);
  const own_tag = !borrowed || (rq.rq_flags & RQF_MQ_INFLIGHT) !== 0;
  rq.state = MQ_RQ_IDLE;
  rq.rq_flags = 0;
  rq.mq_ctx.rq_completed[rq.cmd_flags & REQ_SYNC || (rq.cmd_flags & REQ_OP_MASK) === REQ_OP_READ ? 0 : 1]++;
  if (own_tag && rq.tag !== BLK_MQ_NO_TAG) blk_mq_put_tag(hctx.tags, rq.tag);
  if (!borrowed) {
    if (rq.internal_tag !== BLK_MQ_NO_TAG && hctx.sched_tags) blk_mq_put_tag(hctx.sched_tags, rq.internal_tag);
    rq.tag = rq.internal_tag = BLK_MQ_NO_TAG;
    q.q_usage_counter = (q.q_usage_counter ?? 1) - 1;
    if (!q.q_usage_counter && q.mq_freeze_depth && q.mq_freeze_wq) wake_up(q.mq_freeze_wq);
  }
  if (hctx.state & (1 << BLK_MQ_S_SCHED_RESTART)) {
    hctx.state &= ~(1 << BLK_MQ_S_SCHED_RESTART);
    blk_mq_run_hw_queue(hctx, true);
  }
}

/** blk_mq_requeue_request: the driver gives the request back (traced R); it is dispatched again from the requeue list. */
export function blk_mq_requeue_request(rq: request, kick_requeue_list: boolean): void {
  if (trace_enabled('block')) trace_event('block', 'block_rq_requeue', rq_trace(rq));
  rq.state = MQ_RQ_IDLE;
  rq.rq_flags &= ~(RQF_STARTED | RQF_TIMED_OUT);
  rq.nr_requeues++;
  if (rq.rq_flags & RQF_USE_SCHED) { rq.q.elevator?.type.ops.requeue_request?.(rq); blk_mq_put_driver_tag(rq); }
  rq.q.requeue_list.push(rq);
  if (kick_requeue_list) blk_mq_kick_requeue_list(rq.q);
}

export function blk_mq_kick_requeue_list(q: request_queue): void {
  blk_mq_delay_kick_requeue_list(q, 0);
}

export function blk_mq_delay_kick_requeue_list(q: request_queue, delay_ns: number): void {
  if (q.requeue_timer && !hrtimer_active(q.requeue_timer)) hrtimer_start(q.requeue_timer, ktime_get() + delay_ns);
}

/** blk_mq_requeue_work: requeued requests go back through the software queues (I) and the queues run. */
function blk_mq_requeue_work(q: request_queue): void {
  for (const rq of q.requeue_list.splice(0)) blk_mq_insert_request(rq);
  blk_mq_run_hw_queues(q, false);
}

/** blk_mq_timeout_work: requests past their deadline go to the driver's timeout (or are given more time), then the timer is re-armed. */
function blk_mq_timeout_work(q: request_queue): void {
  const now = ktime_get();
  let next = Infinity;
  for (const hctx of q.queue_hw_ctx) {
    for (const rq of hctx.tags.rqs) {
      if (!rq || rq.q !== q || rq.state !== MQ_RQ_IN_FLIGHT) continue;
      if (rq.deadline <= now) {
        rq.rq_flags |= RQF_TIMED_OUT;
        const ret = q.mq_ops!.timeout ? q.mq_ops!.timeout(rq) : -1;
        if (ret === BLK_EH_DONE) continue;
        rq.deadline = now + (rq.timeout || q.rq_timeout);
      }
      if (rq.state === MQ_RQ_IN_FLIGHT) next = Math.min(next, rq.deadline);
    }
  }
  if (next !== Infinity && q.timeout_timer) hrtimer_start(q.timeout_timer, next);
}

/** blk_mq_stop_hw_queues / blk_mq_start_stopped_hw_queues: a driver out of room (virtio's ring full) stops and restarts dispatch. */
export function blk_mq_stop_hw_queue(hctx: blk_mq_hw_ctx): void { hctx.stopped = true; }
export function blk_mq_start_stopped_hw_queue(hctx: blk_mq_hw_ctx, async: boolean): void {
  if (!hctx.stopped) return;
  hctx.stopped = false;
  blk_mq_run_hw_queue(hctx, async);
}
export function blk_mq_start_stopped_hw_queues(q: request_queue, async: boolean): void {
  for (const h of q.queue_hw_ctx) blk_mq_start_stopped_hw_queue(h, async);
}
export function blk_mq_quiesce_queue(q: request_queue): void { q.quiesce_depth++; }
export function blk_mq_unquiesce_queue(q: request_queue): void {
  if (q.quiesce_depth > 0 && --q.quiesce_depth === 0) blk_mq_run_hw_queues(q, true);
}

/** blk_mq_tag_to_rq: the request a driver's completion names by tag. */
export const blk_mq_tag_to_rq = (tags: blk_mq_tags, tag: number): request | null => tags.rqs[tag] ?? null;
/** blk_mq_unique_tag: hardware queue << 16 | tag. */
export const blk_mq_unique_tag = (rq: request): number => (rq.mq_hctx.queue_num << 16) | (rq.tag & 0xffff);

/** rq_for_each_segment: each segment of each bio of the request, with its sector. */
export function rq_for_each_segment(rq: request, fn: (data: Uint8Array, sector: number) => void): void {
  for (let b: bio | null = rq.bio; b; b = b.bi_next) {
    let left = b.bi_iter.bi_size, idx = b.bi_iter.bi_idx, done = b.bi_iter.bi_bvec_done, sector = b.bi_iter.bi_sector;
    while (left > 0 && idx < b.bi_io_vec.length) {
      const v = b.bi_io_vec[idx]!;
      const len = Math.min(v.bv_len - done, left);
      const start = v.bv_offset + done;
      // A whole page is passed as itself (no view made per segment: a 4 KiB O_DIRECT read is one such segment).
      fn(start === 0 && len === v.bv_page.length ? v.bv_page : v.bv_page.subarray(start, start + len), sector);
      sector += len >> SECTOR_SHIFT; left -= len; idx++; done = 0;
    }
  }
}

