// Models linux/fs/direct-io.c: __blockdev_direct_IO for filesystems that map blocks through get_block — O_DIRECT between user memory and the blocks under a file, bypassing the page cache, with the task plugged while the bios go out (do_blockdev_direct_IO).
import type { KGen } from '../include/linux/sched.ts';
import { EFAULT, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { REQ_OP_READ } from '../include/linux/blk_types.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { dio_submit_wait, dio_bio_write_op, type dio_seg } from '../block/fops.ts';
import type { mpage_map } from './mpage.ts';

/**
 * __blockdev_direct_IO: `count` bytes at `pos` (aligned to the device's logical block size, else
 * -EINVAL). Each filesystem block's part of the range is a stretch of sectors; stretches that
 * follow on disk share bios. Reads of holes are zeroes; writes allocate, and a newly allocated
 * block's sectors outside the write are written as zeroes (dio_zero_block). A read stops at
 * `i_size`. Returns bytes done or -errno; the caller invalidates its cache and updates the inode.
 */
export function* __blockdev_direct_IO(m: mpage_map, write: boolean, f_flags: number, i_size: number, buf: number, count: number, pos: number): KGen<number> {
  const lbs = m.bdev.bd_disk.queue.limits.logical_block_size, bs = m.blocksize;
  if ((pos | count) & (lbs - 1)) return -EINVAL;
  let result = count;
  if (!write) {
    if (pos >= i_size) return 0;
    result = Math.min(count, i_size - pos);
    count = Math.min(count, Math.ceil((i_size - pos) / lbs) * lbs);
  }
  let data: Uint8Array;
  if (write) { const src = copy_from_user(buf, count); if (!src) return -EFAULT; data = src; } else data = new Uint8Array(count);
  const segs: dio_seg[] = [];
  for (let done = 0; done < count;) {
    const p = pos + done, iblock = Math.floor(p / bs), off = p % bs, n = Math.min(bs - off, count - done);
    const fresh = write && m.get_block(iblock, false) === 0;
    const blk = m.get_block(iblock, write);
    if (blk < 0) { result = done || blk; count = done; break; }
    const sector = blk * (bs / 512);
    if (blk) {
      if (fresh && off) segs.push({ sector, data: new Uint8Array(off) });
      segs.push({ sector: sector + off / 512, data: data.subarray(done, done + n) });
      if (fresh && off + n < bs) segs.push({ sector: sector + (off + n) / 512, data: new Uint8Array(bs - off - n) });
    }
    done += n;
  }
  if (count <= 0) return result;
  const r = yield* dio_submit_wait(m.bdev, write ? dio_bio_write_op(f_flags) : REQ_OP_READ, segs, true);
  if (r) return r;
  if (!write && copy_to_user(buf, data.subarray(0, result))) return -EFAULT;
  return result;
}
