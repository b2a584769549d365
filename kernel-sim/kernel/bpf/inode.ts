// Models linux/kernel/bpf/inode.c: the bpf filesystem where pinned BPF objects live (bpf_init, fs_initcall; mounted at /sys/fs/bpf). Nothing can be pinned here: the workbench has no bpf(2).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../../fs/simple_fs.ts';
import { sysfs_create_mount_point } from '../../fs/sysfs/dir.ts';
import { fs_kobj } from '../../drivers/base/init.ts';

export const BPF_FS_MAGIC = 0xcafe4a11;
export const bpf_fs_type = simple_fs_type('bpf', BPF_FS_MAGIC, 0o1777);

/** bpf_init: the /sys/fs/bpf mount point, then the filesystem. */
function bpf_init(): number {
  const fs = fs_kobj();
  if (fs) sysfs_create_mount_point(fs, 'bpf');
  return register_filesystem(bpf_fs_type);
}

export const initcalls: initcall_entry[] = [['fs', 'bpf_init', bpf_init, 10_000]];
