// Copies a host file into the guest's filesystem from outside any process (as the host's file manager would), creating parents.
import { AT_FDCWD, S_IFREG, S_ISREG } from '../include/uapi/stat.ts';
import { EINVAL, EISDIR } from '../include/uapi/asm-generic/errno.ts';
import { filename_parentat, vfs_mkdir, vfs_create } from '../fs/namei.ts';
import { ramfs_truncate } from '../fs/ramfs/inode.ts';
import { FS_REQUIRES_DEV } from '../include/linux/fs_types.ts';
import type { dentry } from '../include/linux/fs_types.ts';
import { kernel_write_file } from '../fs/kernel_read_file.ts';
import type { KGen } from '../include/linux/sched.ts';

/** include/linux/fs.h: the iattr fields put_file sets. */
const ATTR_MODE = 1, ATTR_SIZE = 8;

/** Runs a kernel path that must not need to sleep here (no task to put to sleep); -EAGAIN if it would. */
function run_nowait(g: KGen<number>): number {
  const r = g.next();
  return r.done ? r.value : -11;
}

/** A file of a disk filesystem (ext2) is written as write(2) writes it: truncated, then through its page cache. */
function put_disk_file(path: string, d: dentry, bytes: Uint8Array, mode: number): number {
  const ino = d.d_inode!;
  const t = ino.i_op.setattr?.(d, { ia_valid: ATTR_MODE | ATTR_SIZE, ia_size: 0, ia_mode: S_IFREG | (mode & 0o7777) }) ?? 0;
  if (t) return t;
  const n = run_nowait(kernel_write_file(path, bytes));
  return n < 0 ? n : n === bytes.length ? 0 : -EINVAL;
}

export function put_file(path: string, bytes: Uint8Array, mode: number): number {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const dir = '/' + parts.slice(0, i).join('/');
    const r = filename_parentat(AT_FDCWD, dir);
    if (typeof r === 'number') return r;
    if (!r.existing) { const e = vfs_mkdir(r.parent, r.last, 0o755); if (e) return e; }
  }
  const r = filename_parentat(AT_FDCWD, path);
  if (typeof r === 'number') return r;
  let d = r.existing;
  if (!d) {
    const c = vfs_create(r.parent, r.last, mode & 0o7777);
    if (typeof c === 'number') return c;
    d = c;
  }
  const ino = d.d_inode!;
  if (!S_ISREG(ino.i_mode)) return -EISDIR;
  if (ino.i_sb.s_type.fs_flags & FS_REQUIRES_DEV) return put_disk_file(path, d, bytes, mode);
  if (ino.i_data === null && ino.i_size > 0) return -EINVAL;
  ramfs_truncate(ino, 0);
  ino.i_data = bytes.slice();
  ino.i_size = bytes.length;
  ino.i_blocks = Math.ceil(bytes.length / 512);
  ino.i_mode = S_IFREG | (mode & 0o7777);
  return 0;
}
