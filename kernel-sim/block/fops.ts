// Models linux/block/fops.c and block/ioctl.c: opening a block special file by its rdev, reading and writing the disk at f_pos, and BLKGETSIZE64.
import type { file_operations } from '../include/linux/fs_types.ts';
import { ENXIO, EFAULT, EINVAL, ENOTTY, EPERM, ENOSPC } from '../include/uapi/asm-generic/errno.ts';
import { copy_to_user, copy_from_user } from '../mm/uaccess.ts';
import { generic_file_llseek_size } from '../fs/libfs.ts';
import { get_gendisk, type gendisk } from './bdev.ts';

export const BLKROGET = 0x125e, BLKGETSIZE = 0x1260, BLKSSZGET = 0x1268, BLKGETSIZE64 = 0x80081272;

const disk_of = (f: { private_data: unknown }): gendisk => f.private_data as gendisk;
const disk_bytes = (d: gendisk): number => d.capacity * 512;

function put_u64(addr: number, v: number, bytes = 8): number {
  const b = new Uint8Array(bytes);
  const dv = new DataView(b.buffer);
  if (bytes === 8) dv.setBigUint64(0, BigInt(v), true); else dv.setUint32(0, v >>> 0, true);
  return copy_to_user(addr, b) ? -EFAULT : 0;
}

export const def_blk_fops: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, disk_bytes(disk_of(file))); },
  read: function* (file, buf, count, ppos) {
    const d = disk_of(file);
    if (ppos.pos < 0) return -EINVAL;
    const n = Math.max(0, Math.min(count, disk_bytes(d) - ppos.pos));
    if (n === 0) return 0;
    if (copy_to_user(buf, d.fops.read(d, ppos.pos, n))) return -EFAULT;
    ppos.pos += n;
    return n;
  },
  write: function* (file, buf, count, ppos) {
    const d = disk_of(file);
    if (d.read_only) return -EPERM;
    if (ppos.pos < 0) return -EINVAL;
    if (ppos.pos >= disk_bytes(d) && count > 0) return -ENOSPC;
    const n = Math.min(count, disk_bytes(d) - ppos.pos);
    const src = copy_from_user(buf, n);
    if (!src) return -EFAULT;
    d.fops.write(d, ppos.pos, src);
    ppos.pos += n;
    return n;
  },
  unlocked_ioctl: function* (file, cmd, arg) {
    const d = disk_of(file);
    switch (cmd >>> 0) {
      case BLKGETSIZE64: return put_u64(arg, disk_bytes(d));
      case BLKGETSIZE: return put_u64(arg, d.capacity);
      case BLKSSZGET: return put_u64(arg, 512, 4);
      case BLKROGET: return put_u64(arg, d.read_only ? 1 : 0, 4);
      default: return -ENOTTY;
    }
  },
  fsync: function* () { return 0; },
};

/** What a block special inode opens with: blkdev_open finds the disk by the inode's number and switches the file to def_blk_fops. */
export const blkdev_open_fops: file_operations = { open: function* (inode, filp) {
  const d = get_gendisk(inode.i_rdev);
  if (!d) return -ENXIO;
  filp.f_op = def_blk_fops;
  filp.private_data = d;
  return 0;
} };
