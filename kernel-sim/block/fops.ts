// Models linux/block/fops.c and block/ioctl.c: opening a block special file by its rdev, reading and writing the disk at f_pos through bios (whole sectors, read-modify-write at the edges), and the BLK* ioctls.
import type { file, file_operations } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { ENXIO, EFAULT, EINVAL, ENOTTY, EPERM, ENOSPC, EACCES, EIO } from '../include/uapi/asm-generic/errno.ts';
import { copy_to_user, copy_from_user } from '../mm/uaccess.ts';
import type { hd_geometry } from '../include/linux/blkdev.ts';
import { capable, CAP_SYS_ADMIN } from '../kernel/capability.ts';
import { generic_file_llseek_size } from '../fs/libfs.ts';
import { blkdev_get_by_dev, blkdev_put, bdev_write_denied, blkState, type block_device } from './bdev.ts';
import { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_FLUSH, REQ_SYNC, REQ_PREFLUSH } from '../include/linux/blk_types.ts';
import { bio_alloc, bio_add_page, PAGE_SIZE } from './bio.ts';
import { submit_bio_wait } from './blk-core.ts';
import { blk_trace_ioctl, is_blktrace_ioctl } from '../kernel/trace/blktrace.ts';

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
    const r = yield* blkdev_rw(file, buf, n, ppos.pos, false);
    if (r > 0) ppos.pos += r;
    return r;
  },
  write: function* (file, buf, count, ppos) {
    const b = bdev_of(file);
    if (bdev_write_denied(b, FMODE_WRITE)) return -EPERM;
    if (ppos.pos < 0) return -EINVAL;
    if (ppos.pos >= bdev_bytes(b) && count > 0) return -ENOSPC;
    const n = Math.min(count, bdev_bytes(b) - ppos.pos);
    const r = yield* blkdev_rw(file, buf, n, ppos.pos, true);
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
