// Models linux/fs/inode.c: allocating inodes and initialising special (device, fifo, socket) inodes.
import type { inode, super_block, file_operations, dev_t } from '../include/linux/fs_types.ts';
import { S_IFMT, S_ISCHR, S_ISBLK, S_ISFIFO } from '../include/uapi/stat.ts';
import { ktime_get_real } from '../kernel/time/timekeeping.ts';
import { current } from '../kernel/sched/core.ts';
import { kernel_entered } from '../kernel/state.ts';

/** Open functions for special files, filled in by char_dev.ts, block_dev and pipe.ts. */
export const special_fops: { chr: file_operations; blk: file_operations; fifo: file_operations } = {
  chr: {}, blk: {}, fifo: {},
};

export function new_inode(sb: super_block, mode: number, ino?: number): inode {
  const now = ktime_get_real();
  const t = kernel_entered() ? current() : null;
  return {
    i_ino: ino ?? sb.s_next_ino++,
    i_mode: mode,
    i_uid: t?.cred.fsuid ?? 0,
    i_gid: t?.cred.fsgid ?? 0,
    i_nlink: 1,
    i_size: 0,
    i_rdev: 0,
    i_atime: now, i_mtime: now, i_ctime: now,
    i_blocks: 0,
    i_sb: sb,
    i_op: {},
    i_fop: {},
    i_private: null,
    i_data: null,
    i_link: null,
    i_cdev: null,
    i_pipe: null,
  };
}

/** Points a device or fifo inode at the generic open that dispatches by type and rdev. */
export function init_special_inode(inode: inode, mode: number, rdev: dev_t): void {
  inode.i_mode = mode;
  if (S_ISCHR(mode)) { inode.i_fop = special_fops.chr; inode.i_rdev = rdev; }
  else if (S_ISBLK(mode)) { inode.i_fop = special_fops.blk; inode.i_rdev = rdev; }
  else if (S_ISFIFO(mode)) inode.i_fop = special_fops.fifo;
  else if ((mode & S_IFMT) === 0o140000) inode.i_fop = {};
}

export function inode_touch_mtime(inode: inode): void {
  inode.i_mtime = inode.i_ctime = ktime_get_real();
}
