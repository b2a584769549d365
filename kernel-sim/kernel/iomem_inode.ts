// Models linux/kernel/resource.c's iomem_init_inode (fs_initcall, CONFIG_IO_STRICT_DEVMEM): the "iomem" pseudo filesystem, pinned at boot, whose inode /dev/mem mappings would hang off so a driver claiming a region can revoke them.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import type { file_system_type, inode } from '../include/linux/fs_types.ts';
import { kern_mount_pseudo } from '../fs/mount.ts';
import { no_such_fs } from '../fs/super.ts';
import { new_inode } from '../fs/inode.ts';
import { pr_err } from './printk/printk.ts';
import { defineState } from './state.ts';

export const DEVMEM_MAGIC = 0x454d444d;

/** iomem_fs_type: pinned with simple_pin_fs, never registered. */
const iomem_fs_type: file_system_type = { name: 'iomem', fs_flags: 0, mount: no_such_fs };

const iomemState = defineState('iomem_inode', () => ({ iomem_inode: null as inode | null }));

function iomem_init_inode(): number {
  const m = kern_mount_pseudo(iomem_fs_type, DEVMEM_MAGIC);
  if (typeof m === 'number') { pr_err(`Cannot mount iomem pseudo filesystem: ${m}`); return m; }
  iomemState().iomem_inode = new_inode(m.mnt.mnt_sb, 0);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'iomem_init_inode', iomem_init_inode, 2_000]];
