// Models init_special_inode of linux/fs/inode.c: a device or fifo inode opens through the char, block or fifo fops.
import type { inode, dev_t } from '../include/linux/fs_types.ts';
import { S_IFMT, S_ISCHR, S_ISBLK, S_ISFIFO } from '../include/uapi/stat.ts';
import { def_chr_fops } from './char_dev.ts';
import { def_fifo_fops } from './pipe.ts';
import { blkdev_open_fops } from '../block/fops.ts';

/** Points a device or fifo inode at the generic open that dispatches by type and rdev. */
export function init_special_inode(inode: inode, mode: number, rdev: dev_t): void {
  inode.i_mode = mode;
  if (S_ISCHR(mode)) { inode.i_fop = def_chr_fops; inode.i_rdev = rdev; }
  else if (S_ISBLK(mode)) { inode.i_fop = blkdev_open_fops; inode.i_rdev = rdev; }
  else if (S_ISFIFO(mode)) inode.i_fop = def_fifo_fops;
  else if ((mode & S_IFMT) === 0o140000) inode.i_fop = {};
}
