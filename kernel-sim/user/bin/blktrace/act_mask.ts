// Models blktrace 1.3.0's act_mask.c: the -a names of the trace categories, shared by blktrace and blkparse.
import {
  BLK_TC_AHEAD, BLK_TC_COMPLETE, BLK_TC_DISCARD, BLK_TC_DRV_DATA, BLK_TC_FLUSH, BLK_TC_FS, BLK_TC_FUA, BLK_TC_ISSUE,
  BLK_TC_META, BLK_TC_NOTIFY, BLK_TC_PC, BLK_TC_QUEUE, BLK_TC_READ, BLK_TC_REQUEUE, BLK_TC_SYNC, BLK_TC_WRITE,
} from '../../../include/uapi/linux/blktrace_api.ts';

/** mask_maps[]: name → category bit (matched without regard to case). */
const MASK_MAPS: Readonly<Record<string, number>> = {
  QUEUE: BLK_TC_QUEUE, REQUEUE: BLK_TC_REQUEUE, ISSUE: BLK_TC_ISSUE, COMPLETE: BLK_TC_COMPLETE, FS: BLK_TC_FS, PC: BLK_TC_PC,
  NOTIFY: BLK_TC_NOTIFY, READ: BLK_TC_READ, WRITE: BLK_TC_WRITE, SYNC: BLK_TC_SYNC, AHEAD: BLK_TC_AHEAD, META: BLK_TC_META,
  DISCARD: BLK_TC_DISCARD, DRV_DATA: BLK_TC_DRV_DATA, FUA: BLK_TC_FUA, FLUSH: BLK_TC_FLUSH,
};

/** find_mask_map: the category of a -a name, or -1. */
export function find_mask_map(name: string): number {
  return MASK_MAPS[name.toUpperCase()] ?? -1;
}

/** blktrace_api's default: every category. */
export const DEFAULT_ACT_MASK = 0xffff;
