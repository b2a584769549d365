// Models linux/fs/anon_inodes.c: the anon_inodefs pseudo filesystem (fs_initcall) and its one shared inode, on which pidfds, GPIO line requests and other fd-only objects get their files ("anon_inode:[pidfd]").
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { FMODE_READ, FMODE_WRITE, type file, type file_operations, type file_system_type, type inode, type mount, type super_block } from '../include/linux/fs_types.ts';
import { O_ACCMODE, O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from '../include/uapi/stat.ts';
import { ENODEV } from '../include/uapi/asm-generic/errno.ts';
import { kern_mount_pseudo } from './mount.ts';
import { no_such_fs } from './super.ts';
import { new_inode } from './inode.ts';
import { alloc_fd, fd_install, put_unused_fd } from './file.ts';
import { defineState } from '../kernel/state.ts';

export const ANON_INODE_FS_MAGIC = 0x09041934;

/** anon_inode_fs_type: kern_mount only, never registered (no line in /proc/filesystems). */
const anon_inode_fs_type: file_system_type = { name: 'anon_inodefs', fs_flags: 0, mount: no_such_fs };

const anonState = defineState('anon_inodes', () => ({ mnt: null as mount | null, inode: null as inode | null }));

/** anon_inode_init(): the internal mount and alloc_anon_inode's inode (mode 0600, no file type), shared by every such file. */
function anon_inode_init(): number {
  const m = kern_mount_pseudo(anon_inode_fs_type, ANON_INODE_FS_MAGIC);
  if (typeof m === 'number') return m;
  anonState().mnt = m;
  anonState().inode = new_inode(m.mnt.mnt_sb, 0o600);
  return 0;
}

/**
 * anon_inode_getfile(): a file named `name` ("[pidfd]", "gpio-line") on the shared inode; its private_data is `priv`.
 * The access mode comes from flags' O_ACCMODE, O_NONBLOCK stays in f_flags. -ENODEV before anon_inode_init.
 */
export function anon_inode_getfile(name: string, fops: file_operations, priv: unknown, flags: number): file | number {
  const { mnt, inode } = anonState();
  if (!mnt || !inode) return -ENODEV;
  const acc = flags & O_ACCMODE;
  return {
    f_path: { mnt, dentry: mnt.mnt.mnt_root }, f_inode: inode, f_op: fops, f_flags: flags & (O_ACCMODE | O_NONBLOCK),
    f_mode: (acc === O_RDONLY || acc === O_RDWR ? FMODE_READ : 0) | (acc === O_WRONLY || acc === O_RDWR ? FMODE_WRITE : 0),
    f_pos: 0, f_count: 1, private_data: priv, f_name: `anon_inode:${name}`,
  };
}

/** anon_inode_getfd(): get_unused_fd_flags(flags & O_CLOEXEC) + anon_inode_getfile + fd_install. */
export function anon_inode_getfd(name: string, fops: file_operations, priv: unknown, flags: number): number {
  const fd = alloc_fd(0, flags & O_CLOEXEC);
  if (fd < 0) return fd;
  const f = anon_inode_getfile(name, fops, priv, flags);
  if (typeof f === 'number') { put_unused_fd(fd); return f; }
  fd_install(fd, f);
  return fd;
}

/** The anon_inodefs superblock (files of the kernel's own that live on no filesystem a path reaches). */
export const anon_inode_sb = (): super_block | null => anonState().mnt?.mnt.mnt_sb ?? null;

export const initcalls: initcall_entry[] = [['fs', 'anon_inode_init', anon_inode_init, 3_000]];
