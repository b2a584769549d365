// Models linux/fs/buffer.c: buffer heads (one filesystem block of a block device, cached), sb_bread, mark_buffer_dirty, sync_dirty_buffer, brelse, and block_read_full_folio/__block_write_full_folio for the page cache.
//
// Buffers are keyed by (block_device, block size, block number), as the bdev's
// page cache holds them in Linux. Two ways to do IO:
//  - from process context that may sleep (file reads and writes, fsync, the flusher):
//    generators over submit_bio / submit_bio_wait;
//  - from VFS callbacks that cannot sleep here (lookup, create, mount's fill_super):
//    bh_rw_nowait submits, and when the driver does not complete inline (as bio-based
//    brd does) it polls: the CPU spins with interrupts on, virtual time passing, until
//    the device's completion interrupt has ended the bio (blk_poll / io_poll). A
//    submission that would sleep (no free tag) cannot be waited for there: -EIO.
import type { super_block } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { type block_device, REQ_OP_READ, REQ_OP_WRITE, REQ_SYNC, SECTOR_SHIFT } from '../include/linux/blk_types.ts';
import { EIO } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';
import { bio_alloc, bio_add_page } from '../block/bio.ts';
import { submit_bio, submit_bio_wait, blk_start_plug, blk_finish_plug, blk_flush_plug, current_plug } from '../block/blk-core.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';
import { blk_status_to_errno } from '../block/blk.ts';
import { pr_err } from '../kernel/printk/printk.ts';
import { account_ns, commit_pending, timekeeping } from '../kernel/time/timekeeping.ts';
import { run_expired_timers } from '../kernel/sched/core.ts';
import { vmstat } from '../mm/meminfo.ts';

export const BH_Uptodate = 1 << 0, BH_Dirty = 1 << 1, BH_Mapped = 1 << 5, BH_New = 1 << 6;

export interface buffer_head {
  b_state: number;
  b_blocknr: number;
  b_size: number;
  b_data: Uint8Array;
  b_bdev: block_device;
  /** Users holding it (get_bh/brelse); a clean buffer with none may be dropped. */
  b_count: number;
}

const key = (size: number, block: number): number => size * 2 ** 32 + block;

const bufState = defineState('buffer', () => ({
  /** Per block device: its cached buffers. */
  cache: new Map<block_device, Map<number, buffer_head>>(),
  /** The block device under each mounted filesystem's superblock (sb->s_bdev). */
  s_bdev: new Map<super_block, block_device>(),
  io_errors_reported: 0,
}));

export function sb_set_bdev(sb: super_block, bdev: block_device | null): void {
  if (bdev) bufState().s_bdev.set(sb, bdev); else bufState().s_bdev.delete(sb);
}
export function sb_bdev(sb: super_block): block_device | null { return bufState().s_bdev.get(sb) ?? null; }

/** __getblk: the cached buffer for a block, made (not read) if absent; its count goes up. */
export function __getblk(bdev: block_device, block: number, size: number): buffer_head {
  const st = bufState();
  let m = st.cache.get(bdev);
  if (!m) { m = new Map(); st.cache.set(bdev, m); }
  let bh = m.get(key(size, block));
  if (!bh) {
    bh = { b_state: BH_Mapped, b_blocknr: block, b_size: size, b_data: new Uint8Array(size), b_bdev: bdev, b_count: 0 };
    m.set(key(size, block), bh);
    vmstat().NR_BUFFERS_BYTES += size;
  }
  bh.b_count++;
  return bh;
}

/** submit_bh's bio for a buffer: `opf` as the caller gives it (6.1: __bread_slow plain REQ_OP_READ, sync_dirty_buffer REQ_SYNC, writeback wbc's flags). */
function bio_for_bh(opf: number, bh: buffer_head): ReturnType<typeof bio_alloc> {
  const b = bio_alloc(bh.b_bdev, 1, opf);
  b.bi_iter.bi_sector = bh.b_blocknr * (bh.b_size >> SECTOR_SHIFT);
  bio_add_page(b, bh.b_data, bh.b_size, 0);
  return b;
}

/**
 * Submits and expects the driver to have completed before submit returns (bio-based drivers).
 * Returns 0, the bio's -errno, or -EIO when the device would have made us sleep.
 */
export function bio_rw_nowait(b: ReturnType<typeof bio_alloc>): number {
  let done = false;
  b.bi_end_io = () => { done = true; };
  const g = submit_bio(b);
  const finished = g.next().done === true;
  // The wait that follows would flush the task's plug (a readahead or writeback plug may hold this very bio).
  if (finished && !done) { blk_flush_plug(current_plug(), true); blk_poll(() => done); }
  if (!finished || !done) {
    if (bufState().io_errors_reported++ === 0) pr_err('buffer: synchronous metadata IO on a disk that completes from its interrupt is not possible from this context');
    return -EIO;
  }
  return blk_status_to_errno(b.bi_status);
}

/** Polling budget: a device that has not completed within this much virtual time has failed the IO. */
const BLK_POLL_MAX_NS = 30_000_000_000;

/** blk_poll: spins until `done()`, letting each pending timer (the device's completion) fire in turn. */
function blk_poll(done: () => boolean): void {
  const tk = timekeeping();
  commit_pending();
  const deadline = tk.now + BLK_POLL_MAX_NS;
  while (!done()) {
    run_expired_timers();
    if (done()) return;
    const next = tk.timers.next_expiry();
    if (next === null || next > deadline) return;
    if (next > tk.now) { account_ns(next - tk.now); commit_pending(); }
  }
}

/** Reads or writes one buffer without sleeping (see the header); `opf` is REQ_OP_READ or a write with its flags. */
export function bh_rw_nowait(opf: number, bh: buffer_head): number {
  account_ns(2_000);
  const r = bio_rw_nowait(bio_for_bh(opf, bh));
  if (r === 0 && opf === REQ_OP_READ) bh.b_state |= BH_Uptodate;
  return r;
}

/** __bread: the buffer for `block`, read from the device unless cached and uptodate; null on an IO error. */
export function __bread(bdev: block_device, block: number, size: number): buffer_head | null {
  const bh = __getblk(bdev, block, size);
  if (bh.b_state & BH_Uptodate) return bh;
  if (bh_rw_nowait(REQ_OP_READ, bh)) { brelse(bh); return null; }
  return bh;
}

/** sb_bread: a block of the filesystem's device in its block size. */
export function sb_bread(sb: super_block, block: number): buffer_head | null {
  const bdev = sb_bdev(sb);
  return bdev ? __bread(bdev, block, sb.s_blocksize) : null;
}

/** sb_getblk: a buffer the caller will fill entirely (a newly allocated block): no read. */
export function sb_getblk(sb: super_block, block: number): buffer_head | null {
  const bdev = sb_bdev(sb);
  if (!bdev) return null;
  const bh = __getblk(bdev, block, sb.s_blocksize);
  bh.b_state |= BH_Uptodate;
  return bh;
}

export function brelse(bh: buffer_head | null): void {
  if (bh && bh.b_count > 0) bh.b_count--;
}

export function mark_buffer_dirty(bh: buffer_head): void {
  if (bh.b_state & BH_Dirty) return;
  bh.b_state |= BH_Dirty;
  vmstat().NR_FILE_DIRTY_BUFFERS += bh.b_size;
}

function clear_buffer_dirty(bh: buffer_head): void {
  if (!(bh.b_state & BH_Dirty)) return;
  bh.b_state &= ~BH_Dirty;
  vmstat().NR_FILE_DIRTY_BUFFERS -= bh.b_size;
}

/** sync_dirty_buffer: write it now (without sleeping, see the header); 0 or -errno. */
export function sync_dirty_buffer(bh: buffer_head): number {
  if (!(bh.b_state & BH_Dirty)) return 0;
  clear_buffer_dirty(bh);
  const r = bh_rw_nowait(REQ_OP_WRITE | REQ_SYNC, bh);
  if (r) mark_buffer_dirty(bh);
  return r;
}

/**
 * sync_blockdev (filemap_write_and_wait of the device's buffers): every dirty buffer is submitted
 * in block order with the task plugged — adjacent ones merge — and then waited for; 0 or -errno.
 */
export function* sync_blockdev(bdev: block_device): KGen<number> {
  const m = bufState().cache.get(bdev);
  if (!m) return 0;
  const wq = new wait_queue_head('sync_blockdev');
  let err = 0, left = 0;
  const plug = blk_start_plug();
  for (const bh of [...m.values()].sort((a, b) => a.b_blocknr - b.b_blocknr)) {
    if (!(bh.b_state & BH_Dirty)) continue;
    clear_buffer_dirty(bh);
    const b = bio_for_bh(REQ_OP_WRITE | REQ_SYNC, bh);
    left++;
    b.bi_end_io = (x) => {
      const e = blk_status_to_errno(x.bi_status);
      if (e) { mark_buffer_dirty(bh); err = e; }
      if (--left === 0) wake_up(wq);
    };
    yield* submit_bio(b);
  }
  blk_finish_plug(plug);
  if (left) yield* wait_event(wq, () => left === 0, 'sync_blockdev');
  return err;
}

/** The same without sleeping (umount and remount run in callbacks that cannot). */
export function sync_blockdev_nowait(bdev: block_device): number {
  const m = bufState().cache.get(bdev);
  let err = 0;
  for (const bh of m?.values() ?? []) { const r = sync_dirty_buffer(bh); if (r) err = r; }
  return err;
}

/** invalidate_bdev: drops the clean, unused buffers of a device (drop_caches, umount). */
export function invalidate_bdev(bdev: block_device): void {
  const m = bufState().cache.get(bdev);
  if (!m) return;
  for (const [k, bh] of m) {
    if (bh.b_count > 0 || bh.b_state & BH_Dirty) continue;
    m.delete(k);
    vmstat().NR_BUFFERS_BYTES -= bh.b_size;
  }
}

export function all_buffer_bdevs(): block_device[] { return [...bufState().cache.keys()]; }

/** Maps block `iblock` of a file to a device block (0: a hole), allocating when `create`; -errno on failure. */
export type get_block_t = (iblock: number, create: boolean) => number;

/**
 * block_read_full_folio: fills a page-cache page from the blocks under it, one bio per
 * run of adjacent blocks; holes read as zeroes. Sleeps until the reads are done.
 */
export function* block_read_full_folio(bdev: block_device, data: Uint8Array, first_iblock: number, blocksize: number, get_block: get_block_t): KGen<number> {
  const per = data.length / blocksize;
  let run: { blk: number; from: number; n: number } | null = null;
  const flush = function* (): KGen<number> {
    if (!run) return 0;
    const b = bio_alloc(bdev, 1, REQ_OP_READ);
    b.bi_iter.bi_sector = run.blk * (blocksize >> SECTOR_SHIFT);
    bio_add_page(b, data, run.n * blocksize, run.from * blocksize);
    run = null;
    return yield* submit_bio_wait(b);
  };
  for (let i = 0; i < per; i++) {
    const blk = get_block(first_iblock + i, false);
    if (blk < 0) return blk;
    if (blk === 0) { data.fill(0, i * blocksize, (i + 1) * blocksize); const r = yield* flush(); if (r) return r; continue; }
    if (run && run.blk + run.n === blk) { run.n++; continue; }
    const r = yield* flush();
    if (r) return r;
    run = { blk, from: i, n: 1 };
  }
  return yield* flush();
}

/**
 * __block_write_full_folio: the bios that write a page's blocks up to `valid` bytes (i_size),
 * one per run of adjacent blocks; the caller submits them and ends writeback when all are done.
 */
export function block_write_full_folio_bios(bdev: block_device, data: Uint8Array, first_iblock: number, blocksize: number, valid: number, get_block: get_block_t): ReturnType<typeof bio_alloc>[] | number {
  const per = Math.min(data.length / blocksize, Math.ceil(valid / blocksize));
  const bios: ReturnType<typeof bio_alloc>[] = [];
  let last = -1;
  for (let i = 0; i < per; i++) {
    const blk = get_block(first_iblock + i, false);
    if (blk < 0) return blk;
    if (blk === 0) { last = -1; continue; }
    if (last >= 0 && blk === last + 1) bio_add_page(bios[bios.length - 1], data, blocksize, i * blocksize);
    else {
      const b = bio_alloc(bdev, 1, REQ_OP_WRITE);
      b.bi_iter.bi_sector = blk * (blocksize >> SECTOR_SHIFT);
      bio_add_page(b, data, blocksize, i * blocksize);
      bios.push(b);
    }
    last = blk;
  }
  return bios;
}
