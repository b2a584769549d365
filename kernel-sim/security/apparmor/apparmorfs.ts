// Models linux/security/apparmor/apparmorfs.c's aa_create_aafs (fs_initcall): the "apparmorfs" pseudo filesystem behind /sys/kernel/security/apparmor/policy, the apparmor directory in securityfs, and aa_null, the .null device whose securityfs mount AppArmor keeps pinned. No profiles are loaded here.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { file_system_type, mount } from '../../include/linux/fs_types.ts';
import { kern_mount, kern_mount_pseudo } from '../../fs/mount.ts';
import { no_such_fs } from '../../fs/super.ts';
import { simple_fs_root } from '../../fs/simple_fs.ts';
import { kernfs_create_dir } from '../../fs/sysfs/kernfs.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { defineState } from '../../kernel/state.ts';
import { security_fs_type } from '../inode.ts';

export const AAFS_MAGIC = 0x5a3c69f0;

/** aafs_ops: kern_mount only (userspace reaches it through the policy symlink), never in /proc/filesystems. */
const aafs_ops: file_system_type = { name: 'apparmorfs', fs_flags: 0, mount: no_such_fs };

const aaState = defineState('apparmorfs', () => ({ aafs_mnt: null as mount | null, aa_null_mnt: null as mount | null }));

function aa_create_aafs(): number {
  const m = kern_mount_pseudo(aafs_ops, AAFS_MAGIC);
  if (typeof m === 'number') return m;
  aaState().aafs_mnt = m;
  // entry_create_dir(&aa_sfs_entry, NULL): /sys/kernel/security/apparmor.
  const dir = kernfs_create_dir(simple_fs_root('securityfs').kn, 'apparmor', 0o755, null);
  if (typeof dir === 'number') return dir;
  // aa_mk_null_file: simple_pin_fs(securityfs) on a mount pointer of its own, which aa_null.mnt keeps (a second
  // internal mount of securityfs's one superblock: a mount id, no new device number).
  const pin = kern_mount(security_fs_type);
  if (typeof pin === 'number') return pin;
  aaState().aa_null_mnt = pin;
  pr_info('AppArmor: AppArmor Filesystem Enabled');
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'aa_create_aafs', aa_create_aafs, 4_000]];
