// Models linux/include/linux/blk_types.h and bvec.h: struct bio, bio_vec, bvec_iter, block_device, the request operations and flags, blk_status_t.
import type { dev_t } from './fs_types.ts';
import type { gendisk } from './blkdev.ts';
import type { device } from '../../drivers/base/base.ts';
import type { kobject } from '../../lib/kobject.ts';

export const SECTOR_SHIFT = 9;
export const SECTOR_SIZE = 1 << SECTOR_SHIFT;
export const PAGE_SECTORS_SHIFT = 3;

/** enum req_op: the low REQ_OP_BITS of bi_opf / cmd_flags. */
export const REQ_OP_BITS = 8;
export const REQ_OP_MASK = (1 << REQ_OP_BITS) - 1;
export const REQ_OP_READ = 0, REQ_OP_WRITE = 1, REQ_OP_FLUSH = 2, REQ_OP_DISCARD = 3;
export const REQ_OP_SECURE_ERASE = 5, REQ_OP_WRITE_ZEROES = 9, REQ_OP_DRV_IN = 34, REQ_OP_DRV_OUT = 35;

/** enum req_flag_bits, as flags (the bits above REQ_OP_BITS). */
export const REQ_FAILFAST_DEV = 1 << 8, REQ_FAILFAST_TRANSPORT = 1 << 9, REQ_FAILFAST_DRIVER = 1 << 10;
export const REQ_SYNC = 1 << 11, REQ_META = 1 << 12, REQ_PRIO = 1 << 13, REQ_NOMERGE = 1 << 14, REQ_IDLE = 1 << 15;
export const REQ_INTEGRITY = 1 << 16, REQ_FUA = 1 << 17, REQ_PREFLUSH = 1 << 18, REQ_RAHEAD = 1 << 19;
export const REQ_BACKGROUND = 1 << 20, REQ_NOWAIT = 1 << 21, REQ_POLLED = 1 << 23, REQ_DRV = 1 << 26;
export const REQ_FAILFAST_MASK = REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT | REQ_FAILFAST_DRIVER;
/** Flags that keep a request from being merged with another (REQ_NOMERGE_FLAGS). */
export const REQ_NOMERGE_FLAGS = REQ_NOMERGE | REQ_PREFLUSH | REQ_FUA;

export const bio_op = (opf: number): number => opf & REQ_OP_MASK;
/** op_is_write: odd operations move data to the device. */
export const op_is_write = (op: number): boolean => (op & 1) !== 0;
export const op_is_flush = (opf: number): boolean => (opf & (REQ_FUA | REQ_PREFLUSH)) !== 0;
/** op_is_sync: reads, and writes marked REQ_SYNC/FUA/PREFLUSH, are synchronous. */
export const op_is_sync = (opf: number): boolean => bio_op(opf) === REQ_OP_READ || (opf & (REQ_SYNC | REQ_FUA | REQ_PREFLUSH)) !== 0;
export const op_is_discard = (opf: number): boolean => bio_op(opf) === REQ_OP_DISCARD;

export const REQ_OP_NAMES: Readonly<Record<number, string>> = {
  [REQ_OP_READ]: 'READ', [REQ_OP_WRITE]: 'WRITE', [REQ_OP_FLUSH]: 'FLUSH', [REQ_OP_DISCARD]: 'DISCARD',
  [REQ_OP_SECURE_ERASE]: 'SECURE_ERASE', [REQ_OP_WRITE_ZEROES]: 'WRITE_ZEROES', [REQ_OP_DRV_IN]: 'DRV_IN', [REQ_OP_DRV_OUT]: 'DRV_OUT',
};

/** blk_status_t: the block layer's own error codes, mapped to errnos by blk_status_to_errno. */
export type blk_status_t = number;
export const BLK_STS_OK = 0, BLK_STS_NOTSUPP = 1, BLK_STS_TIMEOUT = 2, BLK_STS_NOSPC = 3, BLK_STS_TRANSPORT = 4;
export const BLK_STS_TARGET = 5, BLK_STS_NEXUS = 6, BLK_STS_MEDIUM = 7, BLK_STS_PROTECTION = 8, BLK_STS_RESOURCE = 9;
export const BLK_STS_IOERR = 10, BLK_STS_DM_REQUEUE = 11, BLK_STS_AGAIN = 12, BLK_STS_DEV_RESOURCE = 13, BLK_STS_OFFLINE = 17;

/** One segment of a bio: `bv_len` bytes at `bv_offset` in the page `bv_page` (a page-sized view of memory). */
export interface bio_vec {
  bv_page: Uint8Array;
  bv_len: number;
  bv_offset: number;
}

/** Where a bio is in its transfer: the next sector, the bytes left, the segment and the bytes done of it. */
export interface bvec_iter {
  bi_sector: number;
  bi_size: number;
  bi_idx: number;
  bi_bvec_done: number;
}

export type bio_end_io_t = (bio: bio) => void;

export const BIO_CHAIN = 1 << 0, BIO_CLONED = 1 << 1, BIO_QUIET = 1 << 2, BIO_TRACE_COMPLETION = 1 << 3;

export interface bio {
  bi_next: bio | null;
  bi_bdev: block_device | null;
  /** REQ_OP_* in the low 8 bits, REQ_* flags above. */
  bi_opf: number;
  /** BIO_* state flags. */
  bi_flags: number;
  bi_status: blk_status_t;
  bi_iter: bvec_iter;
  bi_end_io: bio_end_io_t | null;
  bi_private: unknown;
  bi_vcnt: number;
  bi_max_vecs: number;
  bi_io_vec: bio_vec[];
  /** bio_chain: children ending complete their parent after their own end_io. */
  bi_parent: bio | null;
  /** __bi_remaining: this bio plus its chained children not yet ended. */
  __bi_remaining: number;
  /** Virtual ns the bio was submitted (bio_issue), for the io_ticks accounting. */
  bi_issue_ns: number;
}

/** Per-partition IO statistics (struct disk_stats), summed over CPUs; indexed by STAT_READ/WRITE/DISCARD/FLUSH. */
export interface disk_stats {
  nsecs: [number, number, number, number];
  sectors: [number, number, number, number];
  ios: [number, number, number, number];
  merges: [number, number, number, number];
  io_ticks: number;
  /** Requests in flight by direction, for inflight and the in_flight column of stat. */
  in_flight: [number, number];
  /** Virtual ns io_ticks was last brought up to date (bd_stamp). */
  stamp: number;
}
export const STAT_READ = 0, STAT_WRITE = 1, STAT_DISCARD = 2, STAT_FLUSH = 3;

/** The block device of a whole disk (bd_partno 0) or of one partition. */
export interface block_device {
  bd_start_sect: number;
  bd_nr_sectors: number;
  bd_stats: disk_stats;
  bd_dev: dev_t;
  bd_disk: gendisk;
  bd_partno: number;
  bd_read_only: boolean;
  bd_openers: number;
  bd_holder: unknown;
  bd_holders: number;
  /** The disk's holders/ directory (bd_holder_dir; whole disks only), made by add_disk and removed by del_gendisk. */
  bd_holder_dir?: kobject | null;
  /** The `struct device` of the partition (or of the disk: part0's is disk_to_dev). */
  bd_device: device | null;
  /** The partition's uevent PARTNAME / volume label (GPT name), or ''. */
  bd_meta_info: { volname: string; uuid: string } | null;
  /** S_SWAPFILE in bd_inode's i_flags: an active swap area is on the device (mm/swapfile.c sets it for the swapon's life). */
  bd_swapfile?: boolean;
}

export function new_disk_stats(): disk_stats {
  return { nsecs: [0, 0, 0, 0], sectors: [0, 0, 0, 0], ios: [0, 0, 0, 0], merges: [0, 0, 0, 0], io_ticks: 0, in_flight: [0, 0], stamp: 0 };
}
