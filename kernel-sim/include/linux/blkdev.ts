// Models linux/include/linux/blkdev.h: struct gendisk, request_queue, queue_limits, block_device_operations and the queue flags.
import type { KGen } from './sched.ts';
import type { bio, block_device } from './blk_types.ts';
import type { blk_mq_ctx, blk_mq_hw_ctx, blk_mq_ops, blk_mq_tag_set, request } from './blk-mq.ts';
import type { kobject } from '../../lib/kobject.ts';
import type { hrtimer } from '../../kernel/time/timer_queue.ts';
import type { elevator_queue } from './elevator.ts';
import type { wait_queue_head } from '../../kernel/sched/wait.ts';

/** hd_geometry, for HDIO_GETGEO. */
export interface hd_geometry { heads: number; sectors: number; cylinders: number; start: number }

export interface block_device_operations {
  /** Bio-based drivers (brd) take bios here; blk-mq drivers leave it out and get requests through mq_ops. */
  submit_bio?: (bio: bio) => void;
  open?: (bdev: block_device, mode: number) => KGen<number>;
  release?: (disk: gendisk, mode: number) => void;
  ioctl?: (bdev: block_device, mode: number, cmd: number, arg: number) => KGen<number>;
  getgeo?: (bdev: block_device, geo: hd_geometry) => number;
  owner?: unknown;
}

export const BLK_MAX_SEGMENTS = 128;
export const BLK_SAFE_MAX_SECTORS = 255;
export const BLK_DEF_MAX_SECTORS = 2560;
export const BLK_MAX_SEGMENT_SIZE = 65536;
export const BLK_SEG_BOUNDARY_MASK = 0xffffffff;
export const BLKDEV_DEFAULT_RQ = 128;
export const BLK_MIN_SG_TIMEOUT = 7 * 250;

/** struct queue_limits: what one request may span, in sectors, segments and bytes. */
export interface queue_limits {
  seg_boundary_mask: number;
  virt_boundary_mask: number;
  max_hw_sectors: number;
  max_dev_sectors: number;
  chunk_sectors: number;
  max_sectors: number;
  max_segment_size: number;
  physical_block_size: number;
  logical_block_size: number;
  alignment_offset: number;
  io_min: number;
  io_opt: number;
  max_discard_sectors: number;
  max_hw_discard_sectors: number;
  max_secure_erase_sectors: number;
  max_write_zeroes_sectors: number;
  max_zone_append_sectors: number;
  discard_granularity: number;
  discard_alignment: number;
  zone_write_granularity: number;
  max_segments: number;
  max_integrity_segments: number;
  max_discard_segments: number;
  misaligned: number;
  discard_misaligned: number;
  dma_alignment: number;
}

/** blk_set_default_limits. */
export function blk_default_limits(): queue_limits {
  return {
    seg_boundary_mask: BLK_SEG_BOUNDARY_MASK, virt_boundary_mask: 0,
    max_hw_sectors: BLK_SAFE_MAX_SECTORS, max_dev_sectors: 0, chunk_sectors: 0, max_sectors: BLK_SAFE_MAX_SECTORS,
    max_segment_size: BLK_MAX_SEGMENT_SIZE, physical_block_size: 512, logical_block_size: 512, alignment_offset: 0,
    io_min: 512, io_opt: 0, max_discard_sectors: 0, max_hw_discard_sectors: 0, max_secure_erase_sectors: 0,
    max_write_zeroes_sectors: 0, max_zone_append_sectors: 0, discard_granularity: 0, discard_alignment: 0,
    zone_write_granularity: 0, max_segments: BLK_MAX_SEGMENTS, max_integrity_segments: 0, max_discard_segments: 1,
    misaligned: 0, discard_misaligned: 0, dma_alignment: 511,
  };
}

/** queue_flags bits (QUEUE_FLAG_*). */
export const QUEUE_FLAG_STOPPED = 0, QUEUE_FLAG_DYING = 1, QUEUE_FLAG_NOMERGES = 3, QUEUE_FLAG_SAME_COMP = 4;
export const QUEUE_FLAG_FAIL_IO = 5, QUEUE_FLAG_NONROT = 6, QUEUE_FLAG_IO_STAT = 7, QUEUE_FLAG_NOXMERGES = 9;
export const QUEUE_FLAG_ADD_RANDOM = 10, QUEUE_FLAG_SAME_FORCE = 12, QUEUE_FLAG_INIT_DONE = 14, QUEUE_FLAG_STABLE_WRITES = 15;
export const QUEUE_FLAG_POLL = 16, QUEUE_FLAG_WC = 17, QUEUE_FLAG_FUA = 18, QUEUE_FLAG_DAX = 19, QUEUE_FLAG_STATS = 20;
export const QUEUE_FLAG_REGISTERED = 22, QUEUE_FLAG_QUIESCED = 24, QUEUE_FLAG_PCI_P2PDMA = 25, QUEUE_FLAG_ZONE_RESETALL = 26;
export const QUEUE_FLAG_RQ_ALLOC_TIME = 27, QUEUE_FLAG_HCTX_ACTIVE = 28, QUEUE_FLAG_NOWAIT = 29;

/** The elevator hook: the I/O scheduler attached to the queue (block/elevator.ts), null for `none`. */
export type { elevator_queue } from './elevator.ts';

export interface request_queue {
  queuedata: unknown;
  queue_flags: number;
  limits: queue_limits;
  mq_ops: blk_mq_ops | null;
  tag_set: blk_mq_tag_set | null;
  /** Per-CPU software queues (blk_mq_ctx), indexed by CPU. */
  queue_ctx: blk_mq_ctx[];
  queue_hw_ctx: blk_mq_hw_ctx[];
  nr_hw_queues: number;
  elevator: elevator_queue | null;
  disk: gendisk | null;
  nr_requests: number;
  /** Request timeout in virtual ns (rq_timeout, shown in jiffies-derived ms as io_timeout). */
  rq_timeout: number;
  /** The last request a bio was merged into (q->last_merge), tried first. */
  last_merge: request | null;
  /** Requests waiting in q->requeue_list for blk_mq_kick_requeue_list. */
  requeue_list: request[];
  /** Flush machinery: requests that carry PREFLUSH/FUA on a write-back-cached queue wait here (blk_flush_queue). */
  nr_flushes: number;
  /** Sysfs knobs with no other home (nomerges, rq_affinity, iostats ...) are queue_flags; these are values. */
  iostats_passthrough: number;
  dma_pad_mask: number;
  integrity_kobj?: kobject | null;
  /** Queue id (q->id), also the debugfs index. */
  id: number;
  /** bdi: read_ahead_kb. */
  ra_pages: number;
  /** Writeback throttling latency target in ns (wbt_lat_usec * 1000); -1 not set. */
  wbt_lat_nsec: number;
  /** blk_queue_dying / blk_mq_freeze_queue depth. */
  mq_freeze_depth: number;
  /** q->timeout: fires at the earliest deadline of the requests in flight (blk_mq_timeout_work). */
  timeout_timer: hrtimer | null;
  /** q->requeue_work, run on kblockd in virtual time. */
  requeue_timer: hrtimer | null;
  /** blk_mq_quiesce_queue depth: nothing is dispatched while > 0. */
  quiesce_depth: number;
  /** q_usage_counter: requests allocated and not yet freed (blk_mq_freeze_queue waits for it to reach 0). */
  q_usage_counter?: number;
  /** mq_freeze_wq: submitters wait here while the queue is frozen; the freezer waits here for the counter to drain. */
  mq_freeze_wq?: wait_queue_head;
}

export const GENHD_FL_REMOVABLE = 1 << 0, GENHD_FL_HIDDEN = 1 << 1, GENHD_FL_NO_PART = 1 << 2;
/** gendisk->state bits. */
export const GD_NEED_PART_SCAN = 0, GD_READ_ONLY = 1, GD_DEAD = 2, GD_NATIVE_CAPACITY = 3, GD_ADDED = 4;
export const DISK_MAX_PARTS = 256;

export interface gendisk {
  major: number;
  first_minor: number;
  minors: number;
  disk_name: string;
  /** GENHD_FL_* */
  flags: number;
  /** GD_* bits. */
  state: number;
  /** The partitions by number; [0] is the whole disk (part0). */
  part_tbl: (block_device | undefined)[];
  part0: block_device;
  fops: block_device_operations;
  queue: request_queue;
  private_data: unknown;
  open_partitions: number;
  /** The disk's `holders`/`slaves` dirs and the queue kobject, made at device_add_disk. */
  slave_dir: kobject | null;
  queue_kobj: kobject | null;
  mq_kobj: kobject | null;
  /** Event counter shown as /sys/block/X/events* (media change; unused by our disks). */
  events: number;
  /** disk_seq: a per-boot sequence number each disk gets at allocation (diskseq). */
  diskseq: number;
}

export const bdev_nr_sectors = (bdev: block_device): number => bdev.bd_nr_sectors;
export const get_capacity = (disk: gendisk): number => disk.part0.bd_nr_sectors;
export const bdev_get_queue = (bdev: block_device): request_queue => bdev.bd_disk.queue;
export const bdev_logical_block_size = (bdev: block_device): number => bdev.bd_disk.queue.limits.logical_block_size;
export const bdev_is_partition = (bdev: block_device): boolean => bdev.bd_partno !== 0;
export const bdev_read_only = (bdev: block_device): boolean => bdev.bd_read_only || bdev.bd_disk.part0.bd_read_only;
export const queue_max_sectors = (q: request_queue): number => q.limits.max_sectors;
export const queue_logical_block_size = (q: request_queue): number => q.limits.logical_block_size;
export const blk_queue_flag_set = (flag: number, q: request_queue): void => { q.queue_flags |= 1 << flag; };
export const blk_queue_flag_clear = (flag: number, q: request_queue): void => { q.queue_flags &= ~(1 << flag); };
export const blk_queue_flag_test = (flag: number, q: request_queue): boolean => (q.queue_flags & (1 << flag)) !== 0;
export const queue_is_mq = (q: request_queue): boolean => q.mq_ops !== null;
export const disk_live = (disk: gendisk): boolean => (disk.state & (1 << GD_ADDED)) !== 0 && (disk.state & (1 << GD_DEAD)) === 0;
