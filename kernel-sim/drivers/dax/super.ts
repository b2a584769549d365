// Models linux/drivers/dax/super.c's dax_core_init (subsys_initcall, CONFIG_DAX=y as Debian builds it) with bus.c's dax_bus_init: the "dax" character major and the dax bus that device-dax instances join. No machine here has persistent memory or soft-reserved ranges, so the bus stays empty. The internal dax pseudo filesystem is mounted (never registered) as Linux does.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { MINORMASK } from '../../include/linux/fs_types.ts';
import { alloc_chrdev_region, unregister_chrdev_region } from '../../fs/char_dev.ts';
import type { bus_type } from '../base/base.ts';
import type { file_system_type } from '../../include/linux/fs_types.ts';
import { kern_mount_pseudo } from '../../fs/mount.ts';
import { no_such_fs } from '../../fs/super.ts';
import { bus_register } from '../base/bus.ts';

// kernel-static: the bus description; its registration is per machine
const dax_bus_type: bus_type = { name: 'dax' };

export const DAXFS_MAGIC = 0x64646178;
/** dax_fs_type: kern_mount only (dax_fs_init), never in /proc/filesystems. */
const dax_fs_type: file_system_type = { name: 'dax', fs_flags: 0, mount: no_such_fs };

function dax_core_init(): number {
  // dax_fs_init: the pseudo filesystem dax inodes live on, before the chrdev region.
  const m = kern_mount_pseudo(dax_fs_type, DAXFS_MAGIC);
  if (typeof m === 'number') return m;
  const devt = alloc_chrdev_region(0, MINORMASK + 1, 'dax');
  // As 6.1 does, a failure here leaves dax unusable but does not fail the initcall.
  if (devt < 0) return 0;
  if (bus_register(dax_bus_type)) unregister_chrdev_region(devt, MINORMASK + 1);
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'dax_core_init', dax_core_init, 8_000]];
