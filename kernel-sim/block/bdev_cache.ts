// Models linux/block/bdev.c's bdev_cache_init: the "bdev" pseudo filesystem, whose one superblock holds every block device's inode.
import type { file_system_type, super_block } from '../include/linux/fs_types.ts';
import { kern_mount_pseudo } from '../fs/mount.ts';
import { no_such_fs } from '../fs/super.ts';
import { defineState } from '../kernel/state.ts';

export const BDEVFS_MAGIC = 0x62646576;

/** bd_type: kern_mount only (6.1 never registers it, so /proc/filesystems has no bdev line). */
const bd_type: file_system_type = { name: 'bdev', fs_flags: 0, mount: no_such_fs };

const bdevState = defineState('bdev_cache', () => ({ blockdev_superblock: null as super_block | null }));

/** vfs_caches_init's bdev_cache_init(): right after the mount tree, so bd_mnt takes mount id 2. */
export function bdev_cache_init(): void {
  // Linux panics when this fails; it cannot here (a pseudo superblock needs only an anonymous minor, and none is taken yet).
  const m = kern_mount_pseudo(bd_type, BDEVFS_MAGIC);
  if (typeof m !== 'number') bdevState().blockdev_superblock = m.mnt.mnt_sb;
}

/** blockdev_superblock: the superblock block devices' inodes belong to (for writeback). */
export const blockdev_superblock = (): super_block | null => bdevState().blockdev_superblock;
