// Models linux/fs/stat.c and fs/readdir.c: stat(2) family, readlink, and getdents64.
import type { inode, path } from '../include/linux/fs_types.ts';
import { new_encode_dev } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EBADF, EFAULT, EINVAL, ENOTDIR, ENOENT } from '../include/uapi/asm-generic/errno.ts';
import { AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, S_ISDIR, S_ISLNK } from '../include/uapi/stat.ts';
import { encode_stat, encode_dirent64, type kstat } from '../include/uapi/abi.ts';
import { copy_to_user } from '../mm/uaccess.ts';
import { fget } from './file.ts';
import { path_walk, LOOKUP_FOLLOW } from './namei.ts';

export function generic_fillattr(ino: inode): kstat {
  return {
    dev: new_encode_dev(ino.i_sb.s_dev), ino: ino.i_ino, nlink: ino.i_nlink, mode: ino.i_mode, uid: ino.i_uid, gid: ino.i_gid,
    rdev: new_encode_dev(ino.i_rdev), size: ino.i_size, blksize: ino.i_sb.s_blocksize, blocks: ino.i_blocks,
    atime_ns: ino.i_atime, mtime_ns: ino.i_mtime, ctime_ns: ino.i_ctime,
  };
}

/** Resolves the target of fstatat-like calls (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW). */
export function resolve_at(dfd: number, name: string, flags: number): path | number {
  if (name === '' ) {
    if (!(flags & AT_EMPTY_PATH)) return -ENOENT;
    const f = fget(dfd);
    return f ? f.f_path : -EBADF;
  }
  const r = path_walk(dfd, name, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW);
  return typeof r === 'number' ? r : r.path;
}

export function vfs_fstatat(dfd: number, name: string, flags: number): kstat | number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 | 0x6000)) return -EINVAL;
  const p = resolve_at(dfd, name, flags);
  if (typeof p === 'number') return p;
  return generic_fillattr(p.dentry.d_inode!);
}

export function cp_new_stat(st: kstat, ubuf: number): number {
  return copy_to_user(ubuf, encode_stat(st)) ? -EFAULT : 0;
}

export function do_readlinkat(dfd: number, name: string, buf: number, size: number): number {
  if (size <= 0) return -EINVAL;
  const r = path_walk(dfd, name, 0);
  if (typeof r === 'number') return r;
  const d = r.path.dentry, ino = d.d_inode!;
  if (!S_ISLNK(ino.i_mode)) return -EINVAL;
  let target = ino.i_link;
  if (target === null && ino.i_op.get_link) {
    const t = ino.i_op.get_link(d, ino);
    if (typeof t === 'number') return t;
    target = typeof t === 'string' ? t : readlink_of_path(t.path);
  }
  const bytes = new TextEncoder().encode(target ?? '').subarray(0, size);
  return copy_to_user(buf, bytes) ? -EFAULT : bytes.length;
}

/** How magic links (/proc/PID/cwd, fd/N) read: the path from the reader's root. */
// kernel-static: a hook fs/d_path sets when it loads, the same for every boot
let readlink_of_path: (p: path) => string = () => '';
export function set_readlink_of_path(fn: (p: path) => string): void { readlink_of_path = fn; }

/** getdents64(2): fills the buffer with as many records as fit; 0 at the end. */
export function* ksys_getdents64(fd: number, dirent: number, count: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (!S_ISDIR(f.f_inode.i_mode)) return -ENOTDIR;
  if (!f.f_op.iterate_shared) return -ENOTDIR;
  const chunks: Uint8Array[] = [];
  let used = 0;
  let first_too_big = false;
  const ctx = {
    pos: f.f_pos,
    actor: (name: string, ino: number, type: number): boolean => {
      const rec = encode_dirent64(ino, ctx.pos + 1, type, name);
      if (used + rec.length > count) { if (used === 0) first_too_big = true; return false; }
      chunks.push(rec);
      used += rec.length;
      return true;
    },
  };
  const r = yield* f.f_op.iterate_shared(f, ctx);
  if (r < 0) return r;
  if (first_too_big) return -EINVAL;
  f.f_pos = ctx.pos;
  const out = new Uint8Array(used);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  if (copy_to_user(dirent, out)) return -EFAULT;
  return used;
}

export { S_ISDIR };
