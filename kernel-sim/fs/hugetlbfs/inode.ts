// Models linux/fs/hugetlbfs/inode.c: the hugetlbfs filesystem type (init_hugetlbfs_fs, fs_initcall, after ramfs); no huge pages are preallocated.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../simple_fs.ts';
import { kern_mount } from '../mount.ts';

export const HUGETLBFS_MAGIC = 0x958458f6;
export const hugetlbfs_fs_type = simple_fs_type('hugetlbfs', HUGETLBFS_MAGIC);

/** init_hugetlbfs_fs: the type, then one internal mount per huge page size (the reference's CPU has 2 MiB only). */
function init_hugetlbfs_fs(): number {
  const err = register_filesystem(hugetlbfs_fs_type);
  if (err) return err;
  const m = kern_mount(hugetlbfs_fs_type);
  return typeof m === 'number' ? m : 0;
}

export const initcalls: initcall_entry[] = [['fs', 'init_hugetlbfs_fs', init_hugetlbfs_fs, 10_000]];
