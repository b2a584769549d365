// Models linux/block/fops.c and block/ioctl.c: opening a block special file by its rdev, reading and writing the disk at f_pos through bios (whole sectors, read-modify-write at the edges; O_DIRECT as blkdev_direct_IO), and the BLK* ioctls.
import type { file, file_operations } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { ENXIO, EFAULT, EINVAL, ENOTTY, EPERM, ENOSPC, EACCES, EIO, ETXTBSY } from '../include/uapi/asm-generic/errno.ts';
import { copy_to_user, copy_from_user } from '../mm/uaccess.ts';
import type { hd_geometry } from '../include/linux/blkdev.ts';
import { capable, CAP_SYS_ADMIN } from '../kernel/capability.ts';
import { generic_file_llseek_size } from '../fs/libfs.ts';
import { blkdev_get_by_dev, blkdev_put, bdev_write_denied, blkState, type block_device } from './bdev.ts';
import { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_FLUSH, REQ_SYNC, REQ_PREFLUSH, REQ_IDLE, REQ_FUA, type bio } from '../include/linux/blk_types.ts';
import { O_DIRECT, O_DSYNC, O_SYNC } from '../include/uapi/stat.ts';
import { bio_alloc, bio_add_page, bio_end_sector, BIO_MAX_VECS, PAGE_SIZE } from './bio.ts';
import { submit_bio, submit_bio_wait, blk_start_plug, blk_finish_plug } from './blk-core.ts';
import { blk_status_to_errno } from './blk.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';
import { blk_trace_ioctl, is_blktrace_ioctl } from '../kernel/trace/blktrace.ts';
import { is_hibernate_resume_dev } from '../kernel/power/power.ts';

export const BLKROSET = 0x125d, BLKROGET = 0x125e, BLKRRPART = 0x125f, BLKGETSIZE = 0x1260, BLKFLSBUF = 0x1261, BLKSSZGET = 0x1268;
/** HDIO_GETGEO (uapi/linux/hdreg.h). */
export const HDIO_GETGEO = 0x0301;
export const BLKBSZGET = 0x80081270, BLKGETSIZE64 = 0x80081272, BLKPBSZGET = 0x127b, BLKIOMIN = 0x1278, BLKIOOPT = 0x1279;

const bdev_of = (f: { private_data: unknown }): block_device => f.private_data as block_device;
const bdev_bytes = (b: block_device): number => b.bd_nr_sectors * 512;

function put_num(addr: number, v: number, bytes = 8): number {
  const b = new Uint8Array(bytes);
  const dv = new DataView(b.buffer);
  if (bytes === 8) dv.setBigUint64(0, BigInt(v), true); else dv.setUint32(0, v >>> 0, true);
  return copy_to_user(addr, b) ? -EFAULT : 0;
}

/** Reads or writes whole sectors [sector, sector + buf.length/512) of the device, a page per bio; 0 or -errno. */
export function* blkdev_rw_sectors(bdev: block_device, sector: number, buf: Uint8Array, write: boolean): KGen<number> {
  for (let pos = 0; pos < buf.length; pos += PAGE_SIZE * 64) {
    const n = Math.min(PAGE_SIZE * 64, buf.length - pos);
    const bio = bio_alloc(bdev, Math.ceil(n / PAGE_SIZE), (write ? REQ_OP_WRITE : REQ_OP_READ) | REQ_SYNC);
    bio.bi_iter.bi_sector = sector + pos / 512;
    for (let p = 0; p < n; p += PAGE_SIZE) {
      const len = Math.min(PAGE_SIZE, n - p);
      bio_add_page(bio, buf.subarray(pos + p, pos + p + PAGE_SIZE), len, 0);
    }
    const r = yield* submit_bio_wait(bio);
    if (r < 0) return r;
  }
  return 0;
}

/** One stretch of a direct IO: device sectors from `sector`, the user's bytes staged in `data` (whole sectors). */
export interface dio_seg { sector: number; data: Uint8Array }

/**
 * Direct IO's bios (bio_iov_iter_get_pages): each 4 KiB of the user's buffer is a page of its own;
 * a bio takes up to BIO_MAX_VECS of them while its sectors run on, and the next starts where they
 * stop. All are submitted — under a plug when `plugged` — and `end` runs once with 0 or the first
 * -errno when the last has ended (blkdev_bio_end_io / dio_bio_end_io; any context, must not sleep).
 */
export function* dio_submit(bdev: block_device, opf: number, segs: dio_seg[], plugged: boolean, end: (err: number) => void): KGen<void> {
  let left = 1, err = 0;
  const put = (e: number): void => { if (e && !err) err = e; if (--left === 0) end(err); };
  const plug = plugged ? blk_start_plug() : null;
  let b: bio | null = null;
  const send = function* (): KGen<void> {
    if (!b) return;
    const x = b;
    b = null;
    left++;
    x.bi_end_io = (done) => put(blk_status_to_errno(done.bi_status));
    yield* submit_bio(x);
  };
  for (const seg of segs) {
    for (let off = 0; off < seg.data.length; off += PAGE_SIZE) {
      const page = seg.data.subarray(off, Math.min(off + PAGE_SIZE, seg.data.length));
      const sector = seg.sector + off / 512;
      if (b && (bio_end_sector(b) !== sector || !bio_add_page(b, page, page.length, 0))) yield* send();
      if (!b) {
        b = bio_alloc(bdev, BIO_MAX_VECS, opf);
        b.bi_iter.bi_sector = sector;
        bio_add_page(b, page, page.length, 0);
      }
    }
  }
  yield* send();
  if (plug) blk_finish_plug(plug);
  put(0);
}

/** The same, sleeping (uninterruptibly, as a sync kiocb's waiter) until every bio has ended; 0 or -errno. */
export function* dio_submit_wait(bdev: block_device, opf: number, segs: dio_seg[], plugged: boolean): KGen<number> {
  const wq = new wait_queue_head('blkdev_direct_IO');
  let done = false, err = 0;
  yield* dio_submit(bdev, opf, segs, plugged, (e) => { done = true; err = e; wake_up(wq); });
  if (!done) yield* wait_event(wq, () => done, 'blkdev_direct_IO');
  return err;
}

/** dio_bio_write_op: direct writes are REQ_SYNC | REQ_IDLE, and FUA for O_DSYNC without O_SYNC. */
export const dio_bio_write_op = (f_flags: number): number => REQ_OP_WRITE | REQ_SYNC | REQ_IDLE | ((f_flags & O_SYNC) === O_DSYNC ? REQ_FUA : 0);

/**
 * blkdev_direct_IO: an O_DIRECT read or write of the device, sector-aligned (blkdev_dio_unaligned:
 * -EINVAL otherwise). Up to BIO_MAX_VECS pages it is one bio and no plug (__blkdev_direct_IO_simple);
 * more is a bio per BIO_MAX_VECS pages under a plug (__blkdev_direct_IO). Bytes done or -errno.
 */
function* blkdev_direct_IO(f: file, buf: number, count: number, pos: number, write: boolean): KGen<number> {
  const bdev = bdev_of(f), lbs = bdev.bd_disk.queue.limits.logical_block_size;
  if ((pos | count) & (lbs - 1)) return -EINVAL;
  if (!count) return 0;
  let data: Uint8Array;
  if (write) { const src = copy_from_user(buf, count); if (!src) return -EFAULT; data = src; } else data = new Uint8Array(count);
  const nr_pages = Math.ceil(count / PAGE_SIZE);
  const r = yield* dio_submit_wait(bdev, write ? dio_bio_write_op(f.f_flags) : REQ_OP_READ, [{ sector: pos / 512, data }], nr_pages > BIO_MAX_VECS);
  if (r) return r;
  if (!write && copy_to_user(buf, data)) return -EFAULT;
  return count;
}

/** -EIOCBQUEUED: the IO was started and completes through its kiocb's ki_complete. */
export const EIOCBQUEUED = 529;

/**
 * blkdev_direct_IO for an async kiocb (aio): __blkdev_direct_IO_async up to BIO_MAX_VECS pages, plugged
 * bios beyond; the bios stay in flight and `ki_complete(res, data)` runs at the last one's end (res: bytes
 * or -errno; a read's bytes staged in `data`, copied to the submitter's buffer when the event is reaped).
 * Returns -EIOCBQUEUED, or at once a -errno (unaligned: -EINVAL) or 0 for nothing to do.
 */
export function* blkdev_direct_IO_async(f: file, write: boolean, buf: number, count: number, pos: number, ki_complete: (res: number, data: Uint8Array | null) => void): KGen<number> {
  const bdev = bdev_of(f), lbs = bdev.bd_disk.queue.limits.logical_block_size;
  if (write && bdev_write_denied(bdev, FMODE_WRITE)) return -EPERM;
  if (write && bdev.bd_swapfile && !is_hibernate_resume_dev(bdev.bd_dev)) return -ETXTBSY;
  if ((pos | count) & (lbs - 1) || pos < 0) return -EINVAL;
  count = Math.max(0, Math.min(count, bdev_bytes(bdev) - pos));
  if (!count) return 0;
  let data: Uint8Array;
  if (write) { const src = copy_from_user(buf, count); if (!src) return -EFAULT; data = src; } else data = new Uint8Array(count);
  const opf = write ? dio_bio_write_op(f.f_flags) : REQ_OP_READ;
  yield* dio_submit(bdev, opf, [{ sector: pos / 512, data }], Math.ceil(count / PAGE_SIZE) > BIO_MAX_VECS, (err) => ki_complete(err || count, write ? null : data));
  return -EIOCBQUEUED;
}

/** blkdev_getgeo: the driver's getgeo fills a zeroed hd_geometry (start preset to the partition's first sector), copied out as the process lays it out. */
function blkdev_getgeo(b: block_device, argp: number): number {
  if (!argp) return -EINVAL;
  const getgeo = b.bd_disk.fops.getgeo;
  if (!getgeo) return -ENOTTY;
  const geo: hd_geometry = { heads: 0, sectors: 0, cylinders: 0, start: b.bd_start_sect };
  const ret = getgeo(b, geo);
  if (ret) return ret;
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint8(0, geo.heads); dv.setUint8(1, geo.sectors); dv.setUint16(2, geo.cylinders, true); dv.setUint32(4, geo.start >>> 0, true);
  return copy_to_user(argp, out) ? -EFAULT : 0;
}

/** The sector-aligned window around [pos, pos+count): read it, patch or copy out, write it back. */
function* blkdev_rw(f: file, buf: number, count: number, pos: number, write: boolean): KGen<number> {
  const bdev = bdev_of(f);
  const first = Math.floor(pos / 512), last = Math.ceil((pos + count) / 512);
  const win = new Uint8Array((last - first) * 512);
  const partial = pos % 512 !== 0 || (pos + count) % 512 !== 0;
  if (!write || partial) { const r = yield* blkdev_rw_sectors(bdev, first, win, false); if (r < 0) return r; }
  const off = pos - first * 512;
  if (!write) return copy_to_user(buf, win.subarray(off, off + count)) ? -EFAULT : count;
  const src = copy_from_user(buf, count);
  if (!src) return -EFAULT;
  win.set(src, off);
  const r = yield* blkdev_rw_sectors(bdev, first, win, true);
  return r < 0 ? r : count;
}

export const def_blk_fops: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, bdev_bytes(bdev_of(file))); },
  read: function* (file, buf, count, ppos) {
    if (ppos.pos < 0) return -EINVAL;
    const n = Math.max(0, Math.min(count, bdev_bytes(bdev_of(file)) - ppos.pos));
    if (n === 0) return 0;
    const r = file.f_flags & O_DIRECT ? yield* blkdev_direct_IO(file, buf, n, ppos.pos, false) : yield* blkdev_rw(file, buf, n, ppos.pos, false);
    if (r > 0) ppos.pos += r;
    return r;
  },
  write: function* (file, buf, count, ppos) {
    const b = bdev_of(file);
    if (bdev_write_denied(b, FMODE_WRITE)) return -EPERM;
    // blkdev_write_iter: an active swap area is the kernel's, except the hibernation device (uswsusp writes its image there)
    if (b.bd_swapfile && !is_hibernate_resume_dev(b.bd_dev)) return -ETXTBSY;
    if (ppos.pos < 0) return -EINVAL;
    if (ppos.pos >= bdev_bytes(b) && count > 0) return -ENOSPC;
    const n = Math.min(count, bdev_bytes(b) - ppos.pos);
    const r = file.f_flags & O_DIRECT ? yield* blkdev_direct_IO(file, buf, n, ppos.pos, true) : yield* blkdev_rw(file, buf, n, ppos.pos, true);
    if (r > 0) ppos.pos += r;
    return r;
  },
  unlocked_ioctl: function* (file, cmd, arg) {
    const b = bdev_of(file);
    const lim = b.bd_disk.queue.limits;
    switch (cmd >>> 0) {
      case BLKGETSIZE64: return put_num(arg, bdev_bytes(b));
      case BLKGETSIZE: return put_num(arg, b.bd_nr_sectors);
      case BLKSSZGET: return put_num(arg, lim.logical_block_size, 4);
      case BLKPBSZGET: return put_num(arg, lim.physical_block_size, 4);
      case BLKIOMIN: return put_num(arg, lim.io_min, 4);
      case BLKIOOPT: return put_num(arg, lim.io_opt, 4);
      case BLKBSZGET: return put_num(arg, 4096, 4);
      case BLKROGET: return put_num(arg, b.bd_read_only || b.bd_disk.part0.bd_read_only ? 1 : 0, 4);
      case BLKFLSBUF: return 0;
      case HDIO_GETGEO: return blkdev_getgeo(b, arg);
      case BLKROSET: {
        // blkdev_roset: only the administrator marks a device read-only (or writable again).
        if (!capable(CAP_SYS_ADMIN)) return -EACCES;
        const v = copy_from_user(arg, 4);
        if (!v) return -EFAULT;
        b.bd_read_only = new DataView(v.buffer, v.byteOffset, 4).getInt32(0, true) !== 0;
        return 0;
      }
      case BLKRRPART: {
        if (b.bd_partno) return -EINVAL;
        const h = blkState().hooks;
        return h ? yield* h.rescan(b.bd_disk) : -EINVAL;
      }
      default: {
        if (is_blktrace_ioctl(cmd)) return yield* blk_trace_ioctl(b, cmd, arg); // BLKTRACESETUP/START/STOP/TEARDOWN
        const disk = b.bd_disk;
        if (disk.fops.ioctl) return yield* disk.fops.ioctl(b, file.f_mode, cmd, arg);
        return -ENOTTY;
      }
    }
  },
  fsync: function* (file) {
    const bio = bio_alloc(bdev_of(file), 0, REQ_OP_FLUSH | REQ_PREFLUSH);
    const r = yield* submit_bio_wait(bio);
    return r < 0 ? -EIO : 0;
  },
  release: function* (inode, file) { void inode; blkdev_put(bdev_of(file), file.f_mode); return 0; },
};

/** What a block special inode opens with: blkdev_open opens the device by the inode's number and switches the file to def_blk_fops. */
export const blkdev_open_fops: file_operations = { open: function* (inode, filp) {
  const mode = filp.f_mode & (FMODE_READ | FMODE_WRITE);
  const b = yield* blkdev_get_by_dev(inode.i_rdev, mode);
  if (typeof b === 'number') return b === -ENXIO ? -ENXIO : b;
  if (bdev_write_denied(b, mode)) { blkdev_put(b, mode); return -EACCES; }
  filp.f_op = def_blk_fops;
  filp.private_data = b;
  return 0;
} };
