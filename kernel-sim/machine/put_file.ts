// Copies a host file into the guest's filesystem from outside any process (as the host's file manager would), creating parents.
import { AT_FDCWD, S_IFREG, S_ISREG } from '../include/uapi/stat.ts';
import { EINVAL, EISDIR } from '../include/uapi/asm-generic/errno.ts';
import { filename_parentat, vfs_mkdir, vfs_create } from '../fs/namei.ts';
import { ramfs_truncate } from '../fs/ramfs/inode.ts';

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
  if (ino.i_data === null && ino.i_size > 0) return -EINVAL;
  ramfs_truncate(ino, 0);
  ino.i_data = bytes.slice();
  ino.i_size = bytes.length;
  ino.i_blocks = Math.ceil(bytes.length / 512);
  ino.i_mode = S_IFREG | (mode & 0o7777);
  return 0;
}
