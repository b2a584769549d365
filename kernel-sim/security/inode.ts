// Models linux/security/inode.c: securityfs, the LSMs' filesystem (securityfs_init, core_initcall; mounted at /sys/kernel/security).
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../fs/simple_fs.ts';
import { kern_mount } from '../fs/mount.ts';

export const SECURITYFS_MAGIC = 0x73636673;
export const security_fs_type = simple_fs_type('securityfs', SECURITYFS_MAGIC);

/** securityfs_init: /sys/kernel/security is made with the other /sys/kernel mount points (drivers/base/init.ts). */
function securityfs_init(): number {
  const err = register_filesystem(security_fs_type);
  if (err) return err;
  // securityfs_create_file("lsm") pins the filesystem (simple_pin_fs): its internal mount lives from here on.
  const m = kern_mount(security_fs_type);
  return typeof m === 'number' ? m : 0;
}

export const initcalls: initcall_entry[] = [['core', 'securityfs_init', securityfs_init, 10_000]];
