// Models linux/block/elevator.h (6.1): struct elevator_type, elevator_mq_ops, elevator_queue and the sysfs entry of a scheduler tunable.
import type { bio } from './blk_types.ts';
import type { request_queue } from './blkdev.ts';
import type { blk_mq_hw_ctx, request } from './blk-mq.ts';
import type { kobject } from '../../lib/kobject.ts';

/** The hooks a blk-mq I/O scheduler fills (elevator_mq_ops); insert/dispatch/has_work are required. */
export interface elevator_mq_ops {
  init_sched(q: request_queue, e: elevator_type): number;
  exit_sched?(e: elevator_queue): void;
  init_hctx?(hctx: blk_mq_hw_ctx, idx: number): number;
  exit_hctx?(hctx: blk_mq_hw_ctx, idx: number): void;
  /** depth_updated: nr_requests changed (kyber and bfq size their domains and async limits from it). */
  depth_updated?(hctx: blk_mq_hw_ctx): void;
  /** bio_merge: the scheduler looks for a request to merge the bio into (true: merged). */
  bio_merge?(q: request_queue, b: bio, nr_segs: number): boolean;
  /** request_merged: `rq` grew by a merge of type ELEVATOR_FRONT_MERGE/BACK_MERGE (its sort key may move). */
  request_merged?(q: request_queue, rq: request, type: number): void;
  /** limit_depth: how many scheduler tags a request of this op may use (async_depth, kyber's async limit). */
  limit_depth?(opf: number, q: request_queue): number;
  prepare_request?(rq: request): void;
  finish_request?(rq: request): void;
  insert_requests(hctx: blk_mq_hw_ctx, list: request[], at_head: boolean): void;
  dispatch_request(hctx: blk_mq_hw_ctx): request | null;
  has_work(hctx: blk_mq_hw_ctx): boolean;
  /** completed_request: with the completion time in virtual ns (kyber's latency samples, bfq's service). */
  completed_request?(rq: request, now: number): void;
  requeue_request?(rq: request): void;
}

/** struct elv_fs_entry: one file of /sys/block/X/queue/iosched/. */
export interface elv_fs_entry {
  readonly name: string;
  readonly mode: number;
  show(e: elevator_queue): string;
  /** Parsed input, or -errno. */
  store?(e: elevator_queue, page: string): number;
}

/** struct elevator_type: a registered scheduler. */
export interface elevator_type {
  readonly elevator_name: string;
  readonly elevator_alias?: string;
  readonly ops: elevator_mq_ops;
  readonly elevator_attrs: readonly elv_fs_entry[];
  /** The module holding it (null: built in); what try_module_get pins while a queue uses it. */
  elevator_owner: string | null;
}

/** struct elevator_queue: a scheduler attached to one request_queue. */
export interface elevator_queue {
  type: elevator_type;
  elevator_data: unknown;
  /** The iosched/ directory. */
  kobj: kobject | null;
  registered: boolean;
}
