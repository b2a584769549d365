// Models linux/fs/pstore/inode.c: pstore, the filesystem of records kept across crashes (pstore_init, late_initcall; mounted at /sys/fs/pstore). No backend is registered, so it holds no records.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../simple_fs.ts';
import { sysfs_create_mount_point } from '../sysfs/dir.ts';
import { fs_kobj } from '../../drivers/base/init.ts';

export const PSTOREFS_MAGIC = 0x6165676c;
export const pstore_fs_type = simple_fs_type('pstore', PSTOREFS_MAGIC, 0o750);

/** pstore_init_fs: the /sys/fs/pstore mount point, then the filesystem. */
function pstore_init(): number {
  const fs = fs_kobj();
  if (fs) sysfs_create_mount_point(fs, 'pstore');
  return register_filesystem(pstore_fs_type);
}

export const initcalls: initcall_entry[] = [['late', 'pstore_init', pstore_init, 10_000]];
