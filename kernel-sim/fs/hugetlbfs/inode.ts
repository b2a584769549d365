// Models linux/fs/hugetlbfs/inode.c: the hugetlbfs filesystem type (init_hugetlbfs_fs, fs_initcall, after ramfs); no huge pages are preallocated.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../simple_fs.ts';

export const HUGETLBFS_MAGIC = 0x958458f6;
export const hugetlbfs_fs_type = simple_fs_type('hugetlbfs', HUGETLBFS_MAGIC);

function init_hugetlbfs_fs(): number { return register_filesystem(hugetlbfs_fs_type); }

export const initcalls: initcall_entry[] = [['fs', 'init_hugetlbfs_fs', init_hugetlbfs_fs, 10_000]];
