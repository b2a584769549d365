// Models linux/block/blk.h and blk-core.c's plug: what the block layer's units share (the per-task plug, status to errno, blktrace's rwbs).
import type { bio, blk_status_t, block_device } from '../include/linux/blk_types.ts';
import {
  REQ_FUA, REQ_META, REQ_OP_DISCARD, REQ_OP_FLUSH, REQ_OP_MASK, REQ_OP_READ, REQ_OP_SECURE_ERASE, REQ_OP_WRITE,
  REQ_OP_WRITE_ZEROES, REQ_PREFLUSH, REQ_RAHEAD, REQ_SYNC,
} from '../include/linux/blk_types.ts';
import type { request } from '../include/linux/blk-mq.ts';
import type { task_struct } from '../include/linux/sched.ts';
import { EAGAIN, EBADE, EILSEQ, EIO, ENODATA, ENOLINK, ENOMEM, ENOSPC, EOPNOTSUPP, EREMOTEIO, ETIMEDOUT, ENODEV } from '../include/uapi/asm-generic/errno.ts';
import { MAJOR, MINOR, type dev_t } from '../include/linux/fs_types.ts';
import { defineState } from '../kernel/state.ts';

/** struct blk_plug: requests a task batches before they go to the queues (blk_start_plug .. blk_finish_plug). */
export interface blk_plug {
  mq_list: request[];
  rq_count: number;
  multiple_queues: boolean;
  /** Callbacks run at unplug (blk_check_plugged's cb_list). */
  cb_list: ((from_schedule: boolean) => void)[];
}

/** current->plug, per task (a WeakMap: the task_struct has no field for it). */
export const plugState = defineState('blk_plug', () => ({ plugs: new WeakMap<task_struct, blk_plug>() }));

/** The blk_errors table: status → errno and the name the kernel logs. */
export const blk_errors: Readonly<Record<number, readonly [number, string]>> = {
  0: [0, ''], 1: [-EOPNOTSUPP, 'operation not supported'], 2: [-ETIMEDOUT, 'timeout'], 3: [-ENOSPC, 'critical space allocation'],
  4: [-ENOLINK, 'recoverable transport'], 5: [-EREMOTEIO, 'critical target'], 6: [-EBADE, 'critical nexus'],
  7: [-ENODATA, 'critical medium'], 8: [-EILSEQ, 'protection'], 9: [-ENOMEM, 'kernel resource'], 10: [-EIO, 'I/O'],
  11: [-EREMOTEIO, 'dm internal retry'], 12: [-EAGAIN, 'nonblocking retry'], 13: [-ENOMEM, 'device resource'], 17: [-ENODEV, 'device offline'],
};

export function blk_status_to_errno(status: blk_status_t): number {
  return (blk_errors[status] ?? blk_errors[10]!)[0];
}

export function blk_status_to_str(status: blk_status_t): string {
  return (blk_errors[status] ?? blk_errors[10]!)[1];
}

/** __blk_fill_rwbs: blktrace's RWBS column ("WS", "R", "FWFS"...), built from the flags. */
function __blk_fill_rwbs(opf: number): string {
  let s = opf & REQ_PREFLUSH ? 'F' : '';
  switch (opf & REQ_OP_MASK) {
    case REQ_OP_WRITE: case REQ_OP_WRITE_ZEROES: s += 'W'; break;
    case REQ_OP_DISCARD: s += 'D'; break;
    case REQ_OP_SECURE_ERASE: s += 'DE'; break;
    case REQ_OP_FLUSH: s += 'F'; break;
    case REQ_OP_READ: s += 'R'; break;
    default: s += 'N';
  }
  if (opf & REQ_FUA) s += 'F';
  if (opf & REQ_RAHEAD) s += 'A';
  if (opf & REQ_SYNC) s += 'S';
  if (opf & REQ_META) s += 'M';
  return s;
}

// Every IO's events carry these strings and the trace ring keeps them: one shared string each, not a new one per event.
// kernel-static: a pure memo of formatting (the same flags give the same text on every boot).
const rwbs_memo = new Map<number, string>();
// kernel-static: a pure memo of formatting (the same dev_t gives the same text on every boot).
const trace_dev_memo = new Map<number, string>();

/** blk_fill_rwbs: blktrace's RWBS column, one string per distinct flag set. */
export function blk_fill_rwbs(opf: number): string {
  let s = rwbs_memo.get(opf);
  if (s === undefined) { s = __blk_fill_rwbs(opf); rwbs_memo.set(opf, s); }
  return s;
}

/** "253,0": how block tracepoints print a dev_t. */
export function trace_dev(dev: dev_t): string {
  let s = trace_dev_memo.get(dev);
  if (s === undefined) { s = `${MAJOR(dev)},${MINOR(dev)}`; trace_dev_memo.set(dev, s); }
  return s;
}

/** The dev_t a bio's events carry: its disk's (after partition remap the sector is the disk's). */
export const bio_dev = (b: bio): dev_t => (b.bi_bdev ? b.bi_bdev.bd_disk.part0.bd_dev : 0);

/** %pg / bdevname: "vda", "vda1", "nvme0n1p1" (a 'p' when the disk name ends in a digit). */
export function bdevname_of(bdev: block_device): string {
  const name = bdev.bd_disk.disk_name;
  if (!bdev.bd_partno) return name;
  return /[0-9]$/.test(name) ? `${name}p${bdev.bd_partno}` : `${name}${bdev.bd_partno}`;
}
