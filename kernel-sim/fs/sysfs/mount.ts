// Models linux/fs/sysfs/mount.c: the sysfs filesystem type; every mount shows the same tree.
import type { file_system_type, super_block } from '../../include/linux/fs_types.ts';
import { register_filesystem, alloc_super } from '../super.ts';
import { defineState } from '../../kernel/state.ts';
import { kernfs_get_inode } from './kernfs.ts';
import { sysfs_root } from './sysfs.ts';

export const SYSFS_MAGIC = 0x62656572;

const mountState = defineState('sysfs_mount', () => ({ sb: null as super_block | null }));

function sysfs_get_sb(): super_block {
  const st = mountState();
  if (st.sb) return st.sb;
  const root = sysfs_root();
  const sb = alloc_super(sysfs_fs_type, SYSFS_MAGIC, (s) => kernfs_get_inode(s, root.kn));
  sb.s_op = {
    statfs: () => ({ f_type: SYSFS_MAGIC, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }),
  };
  root.sb = sb;
  st.sb = sb;
  return sb;
}

export const sysfs_fs_type: file_system_type = {
  name: 'sysfs',
  fs_flags: 8, // FS_USERNS_MOUNT
  mount: () => sysfs_get_sb(),
};

/** sysfs_init(): registered before any kobject appears (called from mnt_init in Linux). */
export function sysfs_init(): number {
  return register_filesystem(sysfs_fs_type);
}
