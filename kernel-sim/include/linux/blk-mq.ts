// Models linux/include/linux/blk-mq.h: struct request, the tag set and tags, software (blk_mq_ctx) and hardware (blk_mq_hw_ctx) queues, blk_mq_ops.
import type { bio, blk_status_t, block_device } from './blk_types.ts';
import type { request_queue } from './blkdev.ts';
import type { hrtimer } from '../../kernel/time/timer_queue.ts';
import type { wait_queue_head } from '../../kernel/sched/wait.ts';
import type { kobject } from '../../lib/kobject.ts';

/** rq_flags (RQF_*). */
export const RQF_STARTED = 1 << 1, RQF_FLUSH_SEQ = 1 << 4, RQF_MIXED_MERGE = 1 << 5, RQF_MQ_INFLIGHT = 1 << 6;
export const RQF_DONTPREP = 1 << 7, RQF_SCHED_TAGS = 1 << 8, RQF_USE_SCHED = 1 << 9, RQF_FAILED = 1 << 10;
export const RQF_QUIET = 1 << 11, RQF_IO_STAT = 1 << 13, RQF_TIMED_OUT = 1 << 21;

/** enum mq_rq_state. */
export const MQ_RQ_IDLE = 0, MQ_RQ_IN_FLIGHT = 1, MQ_RQ_COMPLETE = 2;

export interface request {
  q: request_queue;
  mq_ctx: blk_mq_ctx;
  mq_hctx: blk_mq_hw_ctx;
  cmd_flags: number;
  rq_flags: number;
  tag: number;
  internal_tag: number;
  /** __data_len and __sector: what is left of the request. */
  __data_len: number;
  __sector: number;
  bio: bio | null;
  biotail: bio | null;
  part: block_device | null;
  /** Virtual ns of allocation (start_time_ns) and of blk_mq_start_request (io_start_time_ns). */
  start_time_ns: number;
  io_start_time_ns: number;
  nr_phys_segments: number;
  state: number;
  /** Virtual ns the timeout fires (rq->deadline). */
  deadline: number;
  timeout: number;
  end_io: ((rq: request, error: blk_status_t) => void) | null;
  end_io_data: unknown;
  /** The driver's per-request payload (blk_mq_rq_to_pdu), cmd_size of the tag set. */
  pdu: unknown;
  /** How many times the request went back to the queue (for the requeue test and blktrace's R). */
  nr_requeues: number;
  /** rq->ioprio: the submitter's I/O priority (IOPRIO_PRIO_VALUE(class, level)), what the schedulers sort classes by. */
  ioprio: number;
  /** rq->fifo_time: when the scheduler must serve it (mq-deadline's expiry, bfq's fifo), virtual ns. */
  fifo_time: number;
  /** rq->elv.priv[]: the scheduler's per-request data (bfq's queue, kyber's domain, mq-deadline's inserted mark). */
  elv_priv: [unknown, unknown];
  /** The task that allocated it (pid, comm): what the IO view groups by, as blktrace's per-event pid does. */
  alloc_pid: number;
  alloc_comm: string;
  /** Virtual ns of insertion into the scheduler / software queue and of dispatch from it (the IO view's stages). */
  insert_time_ns: number;
  dispatch_time_ns: number;
  /** rq->stats_sectors: the size when issued (blk_mq_start_request), for accounting after completion consumed it. */
  stats_sectors: number;
}

export const blk_rq_pos = (rq: request): number => rq.__sector;
export const blk_rq_bytes = (rq: request): number => rq.__data_len;
export const blk_rq_sectors = (rq: request): number => rq.__data_len >> 9;
export const req_op = (rq: request): number => rq.cmd_flags & 0xff;
export const blk_mq_rq_to_pdu = <T>(rq: request): T => rq.pdu as T;

/** struct blk_mq_tags: a bitmap of driver tags (and reserved tags below nr_reserved_tags) and the request owning each. */
export interface blk_mq_tags {
  nr_tags: number;
  nr_reserved_tags: number;
  /** free[i] true when tag i is free; kept as a stack of free numbers for O(1) get. */
  free_tags: number[];
  rqs: (request | null)[];
  /** static_rqs: the preallocated request per tag. */
  static_rqs: request[];
  /** sbitmap_queue waiters: tasks sleeping for a free tag (bt_wait_ptr). */
  wait: wait_queue_head;
  /** Tags taken at once at the high-water mark (for /sys/kernel/debug-like stats and the tags-exhausted test). */
  nr_waits: number;
}

export const BLK_MQ_F_SHOULD_MERGE = 1 << 0, BLK_MQ_F_TAG_QUEUE_SHARED = 1 << 1, BLK_MQ_F_STACKING = 1 << 2;
export const BLK_MQ_F_TAG_HCTX_SHARED = 1 << 3, BLK_MQ_F_BLOCKING = 1 << 5, BLK_MQ_F_NO_SCHED = 1 << 6;
export const BLK_MQ_F_NO_SCHED_BY_DEFAULT = 1 << 7;

export const HCTX_TYPE_DEFAULT = 0, HCTX_TYPE_READ = 1, HCTX_TYPE_POLL = 2, HCTX_MAX_TYPES = 3;
export const BLK_MQ_MAX_DEPTH = 10240;
export const BLK_MQ_NO_TAG = -1;

export interface blk_mq_queue_map { mq_map: number[]; nr_queues: number; queue_offset: number }

export interface blk_mq_tag_set {
  ops: blk_mq_ops;
  map: blk_mq_queue_map[];
  nr_maps: number;
  nr_hw_queues: number;
  queue_depth: number;
  reserved_tags: number;
  cmd_size: number;
  numa_node: number;
  /** Request timeout in virtual ns (0: the default 30 s). */
  timeout: number;
  flags: number;
  driver_data: unknown;
  tags: blk_mq_tags[];
  tag_list: request_queue[];
}

/** struct blk_mq_ctx: one CPU's software queue; requests wait here (rq_lists) until the hardware queue runs. */
export interface blk_mq_ctx {
  /** mq/<hctx>/cpuN in sysfs, while the disk is registered. */
  kobj?: kobject | null;
  cpu: number;
  index_hw: number[];
  hctxs: blk_mq_hw_ctx[];
  rq_lists: request[][];
  queue: request_queue;
  /** rq_dispatched / rq_merged / rq_completed [sync, async], as debugfs shows them. */
  rq_dispatched: [number, number];
  rq_merged: number;
  rq_completed: [number, number];
}

export interface blk_mq_hw_ctx {
  /** mq/<queue_num> in sysfs, while the disk is registered. */
  kobj?: kobject | null;
  queue: request_queue;
  queue_num: number;
  /** Requests taken from the software queues, waiting for queue_rq to accept them (BLK_STS_RESOURCE puts them back here). */
  dispatch: request[];
  state: number;
  flags: number;
  ctxs: blk_mq_ctx[];
  nr_ctx: number;
  tags: blk_mq_tags;
  /** CPUs mapped to this queue (the cpu_list attribute of mq/N/). */
  cpumask: number[];
  driver_data: unknown;
  /** Times queue_rq was called, and times the queue was run (dispatched, run) for debugfs-like counters. */
  run: number;
  dispatched: number;
  /** blk_mq_stop_hw_queue. */
  stopped: boolean;
  /** Deferred run (blk_mq_delay_run_hw_queue) in virtual time. */
  run_timer: hrtimer | null;
  /** hctx->sched_tags: with an elevator, requests are allocated from these (nr_requests deep) and take a driver tag at dispatch. */
  sched_tags?: blk_mq_tags | null;
  /** hctx->sched_data: the scheduler's per-hardware-queue data (kyber's domains). */
  sched_data?: unknown;
}
export const BLK_MQ_S_STOPPED = 0, BLK_MQ_S_TAG_ACTIVE = 1, BLK_MQ_S_SCHED_RESTART = 2, BLK_MQ_S_INACTIVE = 3;

export interface blk_mq_queue_data { rq: request; last: boolean }

/** enum blk_eh_timer_return. */
export const BLK_EH_DONE = 0, BLK_EH_RESET_TIMER = 1;

export interface blk_mq_ops {
  queue_rq: (hctx: blk_mq_hw_ctx, bd: blk_mq_queue_data) => blk_status_t;
  commit_rqs?: (hctx: blk_mq_hw_ctx) => void;
  complete?: (rq: request) => void;
  timeout?: (rq: request) => number;
  init_hctx?: (hctx: blk_mq_hw_ctx, data: unknown, idx: number) => number;
  exit_hctx?: (hctx: blk_mq_hw_ctx, idx: number) => void;
  init_request?: (set: blk_mq_tag_set, rq: request, hctx_idx: number) => number;
  map_queues?: (set: blk_mq_tag_set) => void;
}
