// Models linux/block/mq-deadline.c (6.1): per priority class (RT, BE, IDLE) and direction a sector-sorted list and a FIFO with deadlines; batches of fifo_batch in sector order, reads preferred until writes have starved writes_starved times, an expired FIFO head served first, lower classes aged after prio_aging_expire.
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elevator_queue, elevator_type } from '../include/linux/elevator.ts';
import { type blk_mq_hw_ctx, type request } from '../include/linux/blk-mq.ts';
import { op_is_write, type bio } from '../include/linux/blk_types.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { ktime_get, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import { elevator_alloc, elv_attr, elv_bio_merge, elv_data, elv_register, msecs_to_ns_jiffies, ns_to_msecs_jiffies } from './elevator.ts';
import { elv_rb_root, elv_rqhash, rq_fifo } from './elv-rb.ts';
import { ELEVATOR_FRONT_MERGE } from './blk-merge.ts';
import { IOPRIO_PRIO_CLASS, get_current_ioprio } from './ioprio.ts';

/** enum dd_data_dir and enum dd_prio. */
export const DD_READ = 0, DD_WRITE = 1;
export const DD_RT_PRIO = 0, DD_BE_PRIO = 1, DD_IDLE_PRIO = 2, DD_PRIO_MAX = 2;
/** ioprio_class_to_prio: NONE and BE share the BE lists. */
const ioprio_class_to_prio = [DD_BE_PRIO, DD_RT_PRIO, DD_BE_PRIO, DD_IDLE_PRIO] as const;

/** The defaults: read_expire HZ/2, write_expire 5*HZ, prio_aging_expire 10*HZ, writes_starved 2, fifo_batch 16. */
const read_expire = NSEC_PER_SEC / 2, write_expire = 5 * NSEC_PER_SEC, prio_aging_expire = 10 * NSEC_PER_SEC;
const writes_starved = 2, fifo_batch = 16;

interface dd_per_prio {
  dispatch: request[];
  sort_list: [elv_rb_root, elv_rb_root];
  fifo_list: [rq_fifo, rq_fifo];
  /** Next request in sector order per direction (where a batch continues). */
  next_rq: [request | null, request | null];
  stats: { inserted: number; merged: number; dispatched: number; completed: number };
}

export interface deadline_data {
  per_prio: [dd_per_prio, dd_per_prio, dd_per_prio];
  /** Data direction of the current batch. */
  last_dir: number;
  /** Requests dispatched in the current batch, and times reads were preferred over waiting writes. */
  batching: number;
  starved: number;
  fifo_expire: [number, number];
  fifo_batch: number;
  writes_starved: number;
  front_merges: number;
  async_depth: number;
  prio_aging_expire: number;
  hash: elv_rqhash;
}

const rq_data_dir = (rq: request): number => (op_is_write(rq.cmd_flags & 0xff) ? DD_WRITE : DD_READ);
const dd_rq_prio = (rq: request): number => ioprio_class_to_prio[IOPRIO_PRIO_CLASS(rq.ioprio)] ?? DD_BE_PRIO;
const dd_of = (q: request_queue): deadline_data => elv_data<deadline_data>(q);

/** dd_queued: inserted and not yet completed (dispatched ones still count, as in Linux). */
const dd_queued = (dd: deadline_data, prio: number): number => dd.per_prio[prio]!.stats.inserted - dd.per_prio[prio]!.stats.completed;

function deadline_del_rq_rb(per_prio: dd_per_prio, rq: request): void {
  const dir = rq_data_dir(rq);
  if (per_prio.next_rq[dir] === rq) per_prio.next_rq[dir] = per_prio.sort_list[dir].latter(rq);
  per_prio.sort_list[dir].del(rq);
}

/** deadline_remove_request: off the FIFO, the sort list and the merge hash. */
function deadline_remove_request(dd: deadline_data, per_prio: dd_per_prio, rq: request): void {
  per_prio.fifo_list[rq_data_dir(rq)].del(rq);
  deadline_del_rq_rb(per_prio, rq);
  dd.hash.del(rq);
}

/** deadline_move_request: the batch continues from the request after it in sector order. */
function deadline_move_request(dd: deadline_data, per_prio: dd_per_prio, rq: request): void {
  const dir = rq_data_dir(rq);
  per_prio.next_rq[dir] = per_prio.sort_list[dir].latter(rq);
  deadline_remove_request(dd, per_prio, rq);
}

/** deadline_check_fifo: the oldest request of the direction is past its deadline. */
const deadline_check_fifo = (per_prio: dd_per_prio, dir: number, now: number): boolean => {
  const rq = per_prio.fifo_list[dir].first();
  return !!rq && now >= rq.fifo_time;
};

/** started_after: a request younger than latest_start is left for the normal pass (prio aging looks only at old ones). */
const started_after = (rq: request, latest_start: number): boolean => rq.start_time_ns > latest_start;

function __dd_dispatch_request(dd: deadline_data, per_prio: dd_per_prio, latest_start: number, now: number): request | null {
  let rq: request | null;
  if (per_prio.dispatch.length) {
    rq = per_prio.dispatch[0]!;
    if (started_after(rq, latest_start)) return null;
    per_prio.dispatch.shift();
    per_prio.stats.dispatched++;
    return rq;
  }
  // Batches are reads XOR writes: keep going in sector order while entitled to.
  rq = per_prio.next_rq[dd.last_dir];
  if (!rq || dd.batching >= dd.fifo_batch) {
    let dir: number;
    if (per_prio.fifo_list[DD_READ].size) {
      dir = per_prio.fifo_list[DD_WRITE].size && dd.starved++ >= dd.writes_starved ? DD_WRITE : DD_READ;
    } else if (per_prio.fifo_list[DD_WRITE].size) {
      dir = DD_WRITE;
    } else {
      return null;
    }
    if (dir === DD_WRITE) dd.starved = 0;
    // A deadline expired, the last request was in the other direction, or no higher-sectored request is left:
    // start again from the request with the earliest expiry time.
    const next_rq = per_prio.next_rq[dir];
    rq = deadline_check_fifo(per_prio, dir, now) || !next_rq ? per_prio.fifo_list[dir].first() : next_rq;
    if (!rq) return null;
    dd.last_dir = dir;
    dd.batching = 0;
  }
  if (started_after(rq, latest_start)) return null;
  dd.batching++;
  deadline_move_request(dd, per_prio, rq);
  per_prio.stats.dispatched++;
  return rq;
}

/** dd_dispatch_prio_aged_requests: with two classes or more waiting, a lower-class request older than prio_aging_expire goes first. */
function dd_dispatch_prio_aged_requests(dd: deadline_data, now: number): request | null {
  const prio_cnt = (dd_queued(dd, DD_RT_PRIO) ? 1 : 0) + (dd_queued(dd, DD_BE_PRIO) ? 1 : 0) + (dd_queued(dd, DD_IDLE_PRIO) ? 1 : 0);
  if (prio_cnt < 2) return null;
  for (let prio = DD_BE_PRIO; prio <= DD_PRIO_MAX; prio++) {
    const rq = __dd_dispatch_request(dd, dd.per_prio[prio]!, now - dd.prio_aging_expire, now);
    if (rq) return rq;
  }
  return null;
}

/** dd_dispatch_request: aged requests first, then by class; a lower class waits while a higher one has requests queued. */
function dd_dispatch_request(hctx: blk_mq_hw_ctx): request | null {
  const dd = dd_of(hctx.queue), now = ktime_get();
  const aged = dd_dispatch_prio_aged_requests(dd, now);
  if (aged) return aged;
  for (let prio = 0; prio <= DD_PRIO_MAX; prio++) {
    const rq = __dd_dispatch_request(dd, dd.per_prio[prio]!, now, now);
    if (rq || dd_queued(dd, prio)) return rq;
  }
  return null;
}

/** dd_insert_request: at_head onto the class's dispatch list; otherwise into the sort list, the merge hash and the FIFO with its deadline. */
function dd_insert_requests(hctx: blk_mq_hw_ctx, list: request[], at_head: boolean): void {
  const dd = dd_of(hctx.queue), now = ktime_get();
  for (const rq of list) {
    const per_prio = dd.per_prio[dd_rq_prio(rq)]!, dir = rq_data_dir(rq);
    if (!rq.elv_priv[0]) { per_prio.stats.inserted++; rq.elv_priv[0] = 1; }
    if (at_head) {
      per_prio.dispatch.push(rq);
      rq.fifo_time = now;
      continue;
    }
    per_prio.sort_list[dir].add(rq);
    dd.hash.add(rq);
    rq.fifo_time = now + dd.fifo_expire[dir];
    per_prio.fifo_list[dir].add(rq);
  }
}

const dd_has_work_for_prio = (p: dd_per_prio): boolean => p.dispatch.length > 0 || p.fifo_list[DD_READ].size > 0 || p.fifo_list[DD_WRITE].size > 0;
const dd_has_work = (hctx: blk_mq_hw_ctx): boolean => dd_of(hctx.queue).per_prio.some(dd_has_work_for_prio);

/** dd_bio_merge: back merges through the hash, front merges (when front_merges) through the sort list of the bio's class and direction. */
function dd_bio_merge(q: request_queue, b: bio, nr_segs: number): boolean {
  const dd = dd_of(q);
  const per_prio = dd.per_prio[ioprio_class_to_prio[IOPRIO_PRIO_CLASS(get_current_ioprio())] ?? DD_BE_PRIO]!;
  const dir = op_is_write(b.bi_opf & 0xff) ? DD_WRITE : DD_READ;
  const ok = elv_bio_merge(b, nr_segs, dd.hash, (end) => (dd.front_merges ? per_prio.sort_list[dir].find(end) : null), (rq, type, old_end) => {
    // dd_request_merged: a front merge moved the request's start; re-sort it.
    if (type === ELEVATOR_FRONT_MERGE) { deadline_del_rq_rb(per_prio, rq); per_prio.sort_list[dir].add(rq); }
    dd.hash.reposition(rq, old_end);
  });
  if (ok) per_prio.stats.merged++;
  return ok;
}

/** dd_finish_request: requests that went through insert count as completed (bypassed ones were never counted). */
function dd_finish_request(rq: request): void {
  if (!rq.elv_priv[0]) return;
  dd_of(rq.q).per_prio[dd_rq_prio(rq)]!.stats.completed++;
}

const new_per_prio = (): dd_per_prio => ({
  dispatch: [], sort_list: [new elv_rb_root(), new elv_rb_root()], fifo_list: [new rq_fifo(), new rq_fifo()], next_rq: [null, null],
  stats: { inserted: 0, merged: 0, dispatched: 0, completed: 0 },
});

function dd_init_sched(q: request_queue, e: elevator_type): number {
  const dd: deadline_data = {
    per_prio: [new_per_prio(), new_per_prio(), new_per_prio()], last_dir: DD_WRITE, batching: 0, starved: 0,
    fifo_expire: [read_expire, write_expire], fifo_batch, writes_starved, front_merges: 1, async_depth: q.nr_requests,
    prio_aging_expire, hash: new elv_rqhash(),
  };
  elevator_alloc(q, e, dd);
  return 0;
}

/** dd_depth_updated (also from dd_init_hctx): async_depth follows nr_requests. */
function dd_depth_updated(hctx: blk_mq_hw_ctx): void {
  dd_of(hctx.queue).async_depth = hctx.queue.nr_requests;
}

const dd = (e: elevator_queue): deadline_data => e.elevator_data as deadline_data;
const jiffies_attr = (name: string, get: (d: deadline_data) => number, set: (d: deadline_data, v: number) => void) =>
  elv_attr(name, dd, (d) => ns_to_msecs_jiffies(get(d)), (d, ms) => set(d, msecs_to_ns_jiffies(ms)), 0, 0x7fffffff);

/** deadline_attrs, in Linux's order (ls sorts them). */
export const mq_deadline: elevator_type = {
  elevator_name: 'mq-deadline',
  elevator_alias: 'deadline',
  elevator_owner: null,
  ops: {
    init_sched: dd_init_sched, depth_updated: dd_depth_updated, insert_requests: dd_insert_requests, dispatch_request: dd_dispatch_request,
    has_work: dd_has_work, bio_merge: dd_bio_merge, finish_request: dd_finish_request,
    prepare_request: (rq) => { rq.elv_priv[0] = null; },
  },
  elevator_attrs: [
    jiffies_attr('read_expire', (d) => d.fifo_expire[DD_READ], (d, v) => { d.fifo_expire[DD_READ] = v; }),
    jiffies_attr('write_expire', (d) => d.fifo_expire[DD_WRITE], (d, v) => { d.fifo_expire[DD_WRITE] = v; }),
    elv_attr('writes_starved', dd, (d) => d.writes_starved, (d, v) => { d.writes_starved = v; }, -0x80000000, 0x7fffffff),
    elv_attr('front_merges', dd, (d) => d.front_merges, (d, v) => { d.front_merges = v; }, 0, 1),
    elv_attr('async_depth', dd, (d) => d.async_depth, (d, v) => { d.async_depth = v; }, 1, 0x7fffffff),
    elv_attr('fifo_batch', dd, (d) => d.fifo_batch, (d, v) => { d.fifo_batch = v; }, 0, 0x7fffffff),
    jiffies_attr('prio_aging_expire', (d) => d.prio_aging_expire, (d, v) => { d.prio_aging_expire = v; }),
  ],
};

/** deadline_init: mq-deadline is built in (CONFIG_MQ_IOSCHED_DEADLINE=y), registered at device_initcall time. */
function deadline_init(): number {
  return elv_register(mq_deadline);
}

export const initcalls: initcall_entry[] = [['device', 'deadline_init', deadline_init, 1_900_000]];
