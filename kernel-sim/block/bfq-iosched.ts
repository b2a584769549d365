// Models linux/block/bfq-iosched.c (6.1): Budget Fair Queueing — a queue per process (sync) or per priority (async), served one at a time for a budget of sectors, picked by B-WF2Q+ (bfq-wf2q.ts) by weight (from ioprio) within RT, BE and IDLE classes; the in-service sync queue is idled on for slice_idle when it empties, expired when its budget is used, its timeout passes or it stays idle; low_latency raises a new queue's weight for a while.
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elevator_queue, elevator_type } from '../include/linux/elevator.ts';
import { type blk_mq_hw_ctx, type request, blk_rq_pos, blk_rq_sectors } from '../include/linux/blk-mq.ts';
import { REQ_OP_MASK, REQ_OP_READ, REQ_SYNC, type bio } from '../include/linux/blk_types.ts';
import type { ts_module_def } from '../kernel/module/obj_m.ts';
import { current } from '../kernel/sched/core.ts';
import { HZ, TICK_NSEC, hrtimer_active, hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC, NSEC_PER_SEC, NSEC_PER_USEC } from '../kernel/time/timekeeping.ts';
import type { hrtimer } from '../kernel/time/timer_queue.ts';
import { elevator_alloc, elv_attr, elv_bio_merge, elv_data, elv_register, elv_unregister, msecs_to_ns_jiffies, ns_to_msecs_jiffies } from './elevator.ts';
import { elv_rb_root, elv_rqhash, rq_fifo } from './elv-rb.ts';
import { blk_mq_run_hw_queues } from './blk-mq.ts';
import { ELEVATOR_FRONT_MERGE } from './blk-merge.ts';
import { IOPRIO_CLASS_IDLE, IOPRIO_CLASS_RT, IOPRIO_NR_LEVELS, IOPRIO_PRIO_CLASS, IOPRIO_PRIO_DATA, get_current_ioprio } from './ioprio.ts';
import {
  type bfq_entity, type bfq_service_tree, bfq_activate_entity, bfq_entity_expire, bfq_lookup_next_entity, bfq_served, new_service_tree,
} from './bfq-wf2q.ts';

/** The defaults of bfq-iosched.c. */
const bfq_fifo_expire = [NSEC_PER_SEC / 4, NSEC_PER_SEC / 8] as const; // [async, sync]
const bfq_back_max = 16 * 1024, bfq_back_penalty = 2;
const bfq_slice_idle = NSEC_PER_SEC / 125;
const bfq_default_max_budget = 16 * 1024;
const bfq_async_charge_factor = 3;
/** bfq_timeout = HZ / 8: 31 jiffies at HZ=250, which timeout_sync shows as 124 ms. */
const bfq_timeout = Math.floor(HZ / 8) * TICK_NSEC;
/** BFQ_WEIGHT_CONVERSION_COEFF and the weight-raising coefficient and (minimum) duration for a new interactive queue. */
const BFQ_WEIGHT_CONVERSION_COEFF = 10, bfq_wr_coeff = 30, bfq_wr_duration = 3 * NSEC_PER_SEC;

/** enum bfqq_expiration. */
export const BFQQE_TOO_IDLE = 0, BFQQE_BUDGET_TIMEOUT = 1, BFQQE_BUDGET_EXHAUSTED = 2, BFQQE_NO_MORE_REQUESTS = 3;

/** bfq_ioprio_to_weight: level 0 (highest) weighs 80, the default level 4 weighs 40, level 7 weighs 10. */
export const bfq_ioprio_to_weight = (level: number): number => (IOPRIO_NR_LEVELS - level) * BFQ_WEIGHT_CONVERSION_COEFF;

export interface bfq_queue {
  /** The process it serves (0 for a shared async queue) and its class (0 RT, 1 BE, 2 IDLE). */
  pid: number;
  sync: boolean;
  ioprio_class: number;
  entity: bfq_entity;
  orig_weight: number;
  sort_list: elv_rb_root;
  fifo: rq_fifo;
  next_rq: request | null;
  /** Requests queued here and requests dispatched and not yet completed. */
  queued: number;
  dispatched: number;
  max_budget: number;
  /** When the in-service slot times out (budget_timeout). */
  budget_timeout: number;
  fifo_checked: boolean;
  /** Weight raising: the coefficient and when it ends. */
  wr_coeff: number;
  wr_until: number;
}

interface bfq_data {
  q: request_queue;
  /** By bfq_queue_key: a process's sync queue, or the async queue of a class and level (bic_to_bfqq / bfqg->async_bfqq). */
  queues: Map<number, bfq_queue>;
  /** bfq_entity_to_bfqq (container_of in Linux): the queue an entity on a service tree belongs to. */
  entity_queue: Map<bfq_entity, bfq_queue>;
  /** One service tree per class: RT, BE, IDLE. */
  st: [bfq_service_tree, bfq_service_tree, bfq_service_tree];
  in_service_queue: bfq_queue | null;
  dispatch: request[];
  queued: number;
  /** The slice_idle timer and whether the in-service queue is being waited for. */
  idle_slice_timer: hrtimer;
  wait_request: boolean;
  last_position: number;
  hash: elv_rqhash;
  bfq_fifo_expire: [number, number];
  bfq_back_max: number;
  bfq_back_penalty: number;
  bfq_slice_idle: number;
  bfq_user_max_budget: number;
  bfq_max_budget: number;
  bfq_timeout: number;
  strict_guarantees: number;
  low_latency: number;
}

const bfqd_of = (q: request_queue): bfq_data => elv_data<bfq_data>(q);
const rq_is_sync = (rq: request): boolean => (rq.cmd_flags & REQ_OP_MASK) === REQ_OP_READ || (rq.cmd_flags & REQ_SYNC) !== 0;
const bfqq_of = (rq: request): bfq_queue | null => rq.elv_priv[1] as bfq_queue | null;
const class_index = (ioprio: number): number => {
  const c = IOPRIO_PRIO_CLASS(ioprio);
  return c === IOPRIO_CLASS_RT ? 0 : c === IOPRIO_CLASS_IDLE ? 2 : 1;
};

/** The queues map's key: a sync queue by its pid (>= 0), an async one by class and level (negative, never a pid). */
const bfq_queue_key = (pid: number, sync: boolean, cls: number, level: number): number => (sync ? pid : -1 - ((cls << 16) | level));

/** bfq_get_queue: the task's sync queue, or the async queue shared by its priority; a new one is weight-raised under low_latency. */
function bfq_get_queue(bfqd: bfq_data, pid: number, sync: boolean, ioprio: number): bfq_queue {
  const level = IOPRIO_PRIO_DATA(ioprio), cls = class_index(ioprio);
  const key = bfq_queue_key(pid, sync, cls, level);
  let bfqq = bfqd.queues.get(key);
  if (!bfqq) {
    const w = bfq_ioprio_to_weight(Math.min(level, IOPRIO_NR_LEVELS - 1));
    const raised = sync && bfqd.low_latency ? bfq_wr_coeff : 1;
    bfqq = {
      pid: sync ? pid : 0, sync, ioprio_class: cls, orig_weight: w,
      entity: { weight: w * raised, budget: 0, service: 0, start: 0, finish: 0, on_st: false },
      sort_list: new elv_rb_root(), fifo: new rq_fifo(), next_rq: null, queued: 0, dispatched: 0,
      max_budget: Math.floor((2 * bfqd.bfq_max_budget) / 3), budget_timeout: 0, fifo_checked: false,
      wr_coeff: raised, wr_until: raised > 1 ? ktime_get() + bfq_wr_duration : 0,
    };
    bfqq.entity.budget = bfqq.max_budget;
    bfqd.queues.set(key, bfqq);
    bfqd.entity_queue.set(bfqq.entity, bfqq);
  }
  return bfqq;
}

/** bfq_bfqq_end_wr: back to the weight its priority gives. */
function bfq_update_wr(bfqd: bfq_data, bfqq: bfq_queue, now: number): void {
  if (bfqq.wr_coeff === 1 || (now < bfqq.wr_until && bfqd.low_latency)) return;
  const st = bfqd.st[bfqq.ioprio_class];
  if (bfqq.entity.on_st) st.wsum -= bfqq.entity.weight - bfqq.orig_weight;
  bfqq.entity.weight = bfqq.orig_weight;
  bfqq.wr_coeff = 1;
}

/**
 * bfq_choose_req: of the requests just after and just before the head, the closer one; one behind counts
 * back_seek_penalty times its distance and only within back_seek_max.
 */
function bfq_find_next_rq(bfqd: bfq_data, bfqq: bfq_queue): request | null {
  const last = bfqd.last_position;
  const after = bfqq.sort_list.ceil(last), before = bfqq.sort_list.floor(last);
  if (!before) return after ?? bfqq.sort_list.first();
  const back = (last - blk_rq_pos(before)) * bfqd.bfq_back_penalty;
  const back_ok = last - blk_rq_pos(before) <= bfqd.bfq_back_max * 2;
  if (!after) return back_ok ? before : bfqq.sort_list.first();
  return back_ok && back < blk_rq_pos(after) - last ? before : after;
}

/** bfq_add_request: into the queue's sort list and FIFO; an idle queue becomes backlogged (bfq_bfqq_handle_idle_busy_switch). */
function bfq_add_request(bfqd: bfq_data, bfqq: bfq_queue, rq: request, now: number): void {
  bfqq.sort_list.add(rq);
  bfqq.fifo.add(rq);
  bfqd.hash.add(rq);
  rq.fifo_time = now + bfqd.bfq_fifo_expire[bfqq.sync ? 1 : 0];
  bfqq.queued++;
  bfqd.queued++;
  bfqq.next_rq = bfq_find_next_rq(bfqd, bfqq);
  if (!bfqq.entity.on_st) {
    bfq_update_wr(bfqd, bfqq, now);
    bfqq.entity.budget = bfqq.max_budget;
    bfq_activate_entity(bfqd.st[bfqq.ioprio_class], bfqq.entity);
  }
  // A request for the queue being waited for ends the idling at once.
  if (bfqq === bfqd.in_service_queue && bfqd.wait_request) {
    bfqd.wait_request = false;
    hrtimer_cancel(bfqd.idle_slice_timer);
  }
}

function bfq_remove_request(bfqd: bfq_data, bfqq: bfq_queue, rq: request): void {
  bfqq.sort_list.del(rq);
  bfqq.fifo.del(rq);
  bfqd.hash.del(rq);
  bfqq.queued--;
  bfqd.queued--;
  if (bfqq.next_rq === rq) bfqq.next_rq = bfqq.queued ? bfq_find_next_rq(bfqd, bfqq) : null;
}

function bfq_insert_requests(hctx: blk_mq_hw_ctx, list: request[], at_head: boolean): void {
  const bfqd = bfqd_of(hctx.queue), now = ktime_get();
  for (const rq of list) {
    if (at_head) { bfqd.dispatch.push(rq); continue; }
    // bfq_init_rq: the queue of the task that allocated the request (its io_context), kept in elv.priv.
    const bfqq = bfqq_of(rq) ?? bfq_get_queue(bfqd, rq.alloc_pid, rq_is_sync(rq), rq.ioprio);
    rq.elv_priv[1] = bfqq;
    bfq_add_request(bfqd, bfqq, rq, now);
  }
}

/** __bfq_bfqq_recalc_budget: a queue that used its budget gets twice as much next time; one that went idle half. */
function bfq_recalc_budget(bfqd: bfq_data, bfqq: bfq_queue, reason: number): void {
  const min_budget = Math.floor(bfqd.bfq_max_budget / 32);
  if (!bfqq.sync) { bfqq.max_budget = bfqd.bfq_max_budget; return; }
  if (reason === BFQQE_BUDGET_EXHAUSTED || reason === BFQQE_BUDGET_TIMEOUT) bfqq.max_budget = Math.min(bfqq.max_budget * 2, bfqd.bfq_max_budget);
  else if (reason === BFQQE_TOO_IDLE) bfqq.max_budget = Math.max(bfqq.max_budget - 4 * min_budget, min_budget);
}

/**
 * bfq_bfqq_expire: the slot ends. A sync queue that timed out is charged its whole budget (time fairness for seeky
 * processes); the finish time then reflects the service; a backlogged queue goes back on the tree for its next slot.
 */
function bfq_bfqq_expire(bfqd: bfq_data, bfqq: bfq_queue, reason: number): void {
  if (reason === BFQQE_BUDGET_TIMEOUT && bfqq.sync && bfqq.wr_coeff === 1) bfqq.entity.service = Math.max(bfqq.entity.service, bfqq.entity.budget);
  bfq_recalc_budget(bfqd, bfqq, reason);
  bfqq.entity.budget = bfqq.max_budget;
  bfq_entity_expire(bfqd.st[bfqq.ioprio_class], bfqq.entity, bfqq.queued > 0);
  bfqd.in_service_queue = null;
  bfqd.wait_request = false;
  hrtimer_cancel(bfqd.idle_slice_timer);
}

/** bfq_set_in_service_queue: the next entity of the highest class with any. */
function bfq_set_in_service_queue(bfqd: bfq_data, now: number): bfq_queue | null {
  for (const st of bfqd.st) {
    const e = bfq_lookup_next_entity(st);
    if (!e) continue;
    const bfqq = bfqd.entity_queue.get(e)!;
    bfqd.in_service_queue = bfqq;
    bfqq.budget_timeout = now + bfqd.bfq_timeout;
    bfqq.fifo_checked = false;
    return bfqq;
  }
  return null;
}

/** bfq_better_to_idle: a sync queue whose process will likely issue again soon is waited for (not when slice_idle is 0). */
const bfq_better_to_idle = (bfqd: bfq_data, bfqq: bfq_queue): boolean => bfqq.sync && bfqd.bfq_slice_idle > 0;

/**
 * bfq_select_queue: stay with the in-service queue while it has budget, time and requests; an empty sync one is
 * idled on (nothing else is dispatched meanwhile); otherwise expire it and pick the next by B-WF2Q+.
 */
function bfq_select_queue(bfqd: bfq_data, now: number): bfq_queue | null {
  const bfqq = bfqd.in_service_queue;
  if (bfqq) {
    bfq_update_wr(bfqd, bfqq, now);
    if (now >= bfqq.budget_timeout) bfq_bfqq_expire(bfqd, bfqq, BFQQE_BUDGET_TIMEOUT);
    else if (bfqq.queued) {
      const next = bfqq.next_rq!;
      if (bfqq.entity.budget - bfqq.entity.service >= blk_rq_sectors(next)) return bfqq;
      bfq_bfqq_expire(bfqd, bfqq, BFQQE_BUDGET_EXHAUSTED);
    } else if (bfq_better_to_idle(bfqd, bfqq)) {
      if (bfqq.dispatched === 0 && !bfqd.wait_request) bfq_arm_slice_timer(bfqd, now);
      return null;
    } else {
      bfq_bfqq_expire(bfqd, bfqq, BFQQE_NO_MORE_REQUESTS);
    }
  }
  return bfq_set_in_service_queue(bfqd, now);
}

function bfq_arm_slice_timer(bfqd: bfq_data, now: number): void {
  bfqd.wait_request = true;
  hrtimer_start(bfqd.idle_slice_timer, now + bfqd.bfq_slice_idle);
}

/** bfq_idle_slice_timer: the process did not issue in time; its queue expires (too idle) and the next is served. */
function bfq_idle_slice_timer(bfqd: bfq_data): void {
  const bfqq = bfqd.in_service_queue;
  if (bfqq && bfqd.wait_request && !bfqq.queued) bfq_bfqq_expire(bfqd, bfqq, BFQQE_TOO_IDLE);
  bfqd.wait_request = false;
  blk_mq_run_hw_queues(bfqd.q, true);
}

/** bfq_serv_to_charge: async service counts three times unless weight-raised. */
const bfq_serv_to_charge = (rq: request, bfqq: bfq_queue): number =>
  bfqq.sync || bfqq.wr_coeff > 1 ? blk_rq_sectors(rq) : blk_rq_sectors(rq) * bfq_async_charge_factor;

/** bfq_dispatch_rq_from_bfqq: the next request by position, or once per slot an expired FIFO head (bfq_check_fifo). */
function bfq_dispatch_rq_from_bfqq(bfqd: bfq_data, bfqq: bfq_queue, now: number): request {
  let rq = bfqq.next_rq!;
  if (!bfqq.fifo_checked) {
    bfqq.fifo_checked = true;
    const head = bfqq.fifo.first();
    if (head && now >= head.fifo_time) rq = head;
  }
  bfq_remove_request(bfqd, bfqq, rq);
  bfqq.dispatched++;
  bfq_served(bfqd.st[bfqq.ioprio_class], bfqq.entity, bfq_serv_to_charge(rq, bfqq));
  bfqd.last_position = blk_rq_pos(rq) + blk_rq_sectors(rq);
  if (bfqq.queued) bfqq.next_rq = bfq_find_next_rq(bfqd, bfqq);
  return rq;
}

function bfq_dispatch_request(hctx: blk_mq_hw_ctx): request | null {
  const bfqd = bfqd_of(hctx.queue), now = ktime_get();
  if (bfqd.dispatch.length) return bfqd.dispatch.shift()!;
  const bfqq = bfq_select_queue(bfqd, now);
  return bfqq && bfqq.queued ? bfq_dispatch_rq_from_bfqq(bfqd, bfqq, now) : null;
}

const bfq_has_work = (hctx: blk_mq_hw_ctx): boolean => {
  const bfqd = bfqd_of(hctx.queue);
  return bfqd.dispatch.length > 0 || bfqd.queued > 0;
};

/** bfq_finish_requeue_request: a dispatched request ended (or came back); an emptied in-service queue starts its idle slice. */
function bfq_finish_requeue_request(rq: request): void {
  const bfqq = bfqq_of(rq);
  if (!bfqq || !rq.dispatch_time_ns) return;
  const bfqd = bfqd_of(rq.q);
  bfqq.dispatched--;
  rq.dispatch_time_ns = 0;
  if (bfqq === bfqd.in_service_queue && !bfqq.queued && !bfqq.dispatched && bfq_better_to_idle(bfqd, bfqq) && !hrtimer_active(bfqd.idle_slice_timer)) {
    bfq_arm_slice_timer(bfqd, ktime_get());
  }
}

/** bfq_bio_merge: into a request of the submitting task's own queue (back through the hash, front through its sort list). */
function bfq_bio_merge(q: request_queue, b: bio, nr_segs: number): boolean {
  const bfqd = bfqd_of(q);
  const sync = (b.bi_opf & REQ_OP_MASK) === REQ_OP_READ || (b.bi_opf & REQ_SYNC) !== 0;
  const ioprio = sync ? 0 : get_current_ioprio();
  const bfqq = bfqd.queues.get(bfq_queue_key(current().pid, sync, class_index(ioprio), IOPRIO_PRIO_DATA(ioprio)));
  if (!bfqq) return false;
  return elv_bio_merge(b, nr_segs, bfqd.hash, (end) => bfqq.sort_list.find(end), (rq, type, old_end) => {
    if (bfqq_of(rq) !== bfqq) return;
    if (type === ELEVATOR_FRONT_MERGE) { bfqq.sort_list.del(rq); bfqq.sort_list.add(rq); }
    bfqd.hash.reposition(rq, old_end);
    if (bfqq.next_rq === rq || type === ELEVATOR_FRONT_MERGE) bfqq.next_rq = bfq_find_next_rq(bfqd, bfqq);
  });
}

function bfq_init_queue(q: request_queue, e: elevator_type): number {
  const bfqd: bfq_data = {
    q, queues: new Map(), entity_queue: new Map(), st: [new_service_tree(), new_service_tree(), new_service_tree()], in_service_queue: null, dispatch: [],
    queued: 0, idle_slice_timer: null as unknown as hrtimer, wait_request: false, last_position: 0, hash: new elv_rqhash(),
    bfq_fifo_expire: [...bfq_fifo_expire], bfq_back_max, bfq_back_penalty, bfq_slice_idle, bfq_user_max_budget: 0,
    bfq_max_budget: bfq_default_max_budget, bfq_timeout, strict_guarantees: 0, low_latency: 1,
  };
  bfqd.idle_slice_timer = hrtimer_create('bfq_idle_slice_timer', () => bfq_idle_slice_timer(bfqd));
  elevator_alloc(q, e, bfqd);
  return 0;
}

function bfq_exit_queue(e: elevator_queue): void {
  hrtimer_cancel((e.elevator_data as bfq_data).idle_slice_timer);
}

const bd = (e: elevator_queue): bfq_data => e.elevator_data as bfq_data;
const INT_MAX = 0x7fffffff;
const ms_attr = (name: string, get: (d: bfq_data) => number, set: (d: bfq_data, ns: number) => void) =>
  elv_attr(name, bd, (d) => Math.floor(get(d) / NSEC_PER_MSEC), (d, ms) => set(d, ms * NSEC_PER_MSEC), 0, INT_MAX);

/** bfq_attrs, in Linux's order. */
export const iosched_bfq_mq: elevator_type = {
  elevator_name: 'bfq',
  elevator_owner: 'bfq',
  ops: {
    init_sched: bfq_init_queue, exit_sched: bfq_exit_queue, insert_requests: bfq_insert_requests, dispatch_request: bfq_dispatch_request,
    has_work: bfq_has_work, bio_merge: bfq_bio_merge, prepare_request: (rq) => { rq.elv_priv[1] = null; },
    finish_request: bfq_finish_requeue_request, requeue_request: bfq_finish_requeue_request,
  },
  elevator_attrs: [
    ms_attr('fifo_expire_sync', (d) => d.bfq_fifo_expire[1], (d, v) => { d.bfq_fifo_expire[1] = v; }),
    ms_attr('fifo_expire_async', (d) => d.bfq_fifo_expire[0], (d, v) => { d.bfq_fifo_expire[0] = v; }),
    elv_attr('back_seek_max', bd, (d) => d.bfq_back_max, (d, v) => { d.bfq_back_max = v; }, 0, INT_MAX),
    elv_attr('back_seek_penalty', bd, (d) => d.bfq_back_penalty, (d, v) => { d.bfq_back_penalty = v; }, 1, INT_MAX),
    ms_attr('slice_idle', (d) => d.bfq_slice_idle, (d, v) => { d.bfq_slice_idle = v; }),
    elv_attr('slice_idle_us', bd, (d) => Math.floor(d.bfq_slice_idle / NSEC_PER_USEC), (d, v) => { d.bfq_slice_idle = v * NSEC_PER_USEC; }, 0, INT_MAX),
    elv_attr('max_budget', bd, (d) => d.bfq_user_max_budget, (d, v) => {
      d.bfq_user_max_budget = v;
      d.bfq_max_budget = v === 0 ? bfq_default_max_budget : v;
    }, 0, INT_MAX),
    elv_attr('timeout_sync', bd, (d) => ns_to_msecs_jiffies(d.bfq_timeout), (d, v) => { d.bfq_timeout = msecs_to_ns_jiffies(v); }, 1, INT_MAX),
    elv_attr('strict_guarantees', bd, (d) => d.strict_guarantees, (d, v) => { d.strict_guarantees = v; }, 0, 1),
    elv_attr('low_latency', bd, (d) => d.low_latency, (d, v) => {
      d.low_latency = v;
      if (!v) for (const x of d.queues.values()) bfq_update_wr(d, x, 0);
    }, 0, 1),
  ],
};

/** bfq.ko (CONFIG_IOSCHED_BFQ=m), MODULE_ALIAS("bfq-iosched"). */
export const obj_m: readonly ts_module_def[] = [{
  name: 'bfq', path: 'kernel/block/bfq.ko', description: 'MQ Budget Fair Queueing I/O Scheduler', license: 'GPL', author: 'Paolo Valente',
  alias: ['bfq-iosched'], size: 94208, init: () => elv_register(iosched_bfq_mq), exit: () => { elv_unregister(iosched_bfq_mq); },
}];

