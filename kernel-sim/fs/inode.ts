// Models linux/fs/inode.c: allocating inodes (init_special_inode is in special_inode.ts).
import type { inode, super_block } from '../include/linux/fs_types.ts';
import { ktime_get_real } from '../kernel/time/timekeeping.ts';
import { current } from '../kernel/sched/core.ts';
import { kernel_entered } from '../kernel/state.ts';

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

export function inode_touch_mtime(inode: inode): void {
  inode.i_mtime = inode.i_ctime = ktime_get_real();
}
