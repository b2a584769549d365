// Models linux/fs/open.c: opening files (do_sys_openat2, vfs_open), close, chdir/chroot, access, chmod/chown, truncate.
import type { file, path, inode } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE, FMODE_LSEEK, FMODE_PREAD } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import {
  EACCES, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, EPERM, EROFS, ETXTBSY, EFAULT,
} from '../include/uapi/asm-generic/errno.ts';
import {
  O_ACCMODE, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_PATH, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, O_CLOEXEC,
  MAY_EXEC, MAY_READ, MAY_WRITE, S_ISDIR, S_ISLNK, S_ISREG, S_IFMT, S_ISUID, S_ISGID, AT_FDCWD,
} from '../include/uapi/stat.ts';
import { current } from '../kernel/sched/core.ts';
import { alloc_fd, fd_install, put_unused_fd, fget } from './file.ts';
import { filename_parentat, inode_permission, path_walk, user_path_at, vfs_create, LOOKUP_FOLLOW, LOOKUP_DIRECTORY } from './namei.ts';
import { MNT_READONLY } from './namespace.ts';
import { ktime_get_real } from '../kernel/time/timekeeping.ts';
import { trace_event } from '../kernel/trace/trace.ts';

function open_to_may(flags: number): number {
  const acc = flags & O_ACCMODE;
  return (acc === O_RDONLY ? MAY_READ : acc === O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE);
}

/** Builds a struct file for a resolved path and calls the driver's open (do_dentry_open). */
export function* vfs_open(p: path, flags: number): KGen<file | number> {
  const inode = p.dentry.d_inode!;
  const acc = flags & O_ACCMODE;
  const f: file = {
    f_path: p, f_inode: inode, f_op: inode.i_fop, f_flags: flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC),
    f_mode: (flags & O_PATH) ? 0 : ((acc === O_RDONLY || acc === O_RDWR ? FMODE_READ : 0) | (acc === O_WRONLY || acc === O_RDWR ? FMODE_WRITE : 0) | FMODE_LSEEK | FMODE_PREAD),
    f_pos: 0, f_count: 1, private_data: null,
  };
  if (flags & O_PATH) { f.f_op = {}; return f; }
  if (f.f_op.open) {
    const r = yield* f.f_op.open(inode, f);
    if (r < 0) return r;
  }
  return f;
}

/** Opens a file for the kernel itself (filp_open). */
export function* filp_open(name: string, flags: number, mode = 0): KGen<file | number> {
  return yield* do_filp_open(AT_FDCWD, name, flags, mode);
}

export function* do_filp_open(dfd: number, name: string, flags: number, mode: number): KGen<file | number> {
  let p: path;
  if (flags & O_CREAT) {
    const r = filename_parentat(dfd, name);
    if (typeof r === 'number') return r;
    if (r.existing) {
      if (flags & O_EXCL) return -EEXIST;
      const w = path_walk(dfd, name, flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW);
      if (typeof w === 'number') {
        // A dangling symlink with O_CREAT creates its target in Linux; keep it simple and strict.
        return w;
      }
      p = w.path;
    } else {
      if (r.trailing_slash) return -EISDIR;
      const d = vfs_create(r.parent, r.last, mode & ~current().fs.umask);
      if (typeof d === 'number') return d;
      p = { mnt: r.parent.mnt, dentry: d };
      trace_event('fs', 'create', { name: r.last });
      flags &= ~O_TRUNC;
    }
  } else {
    const w = path_walk(dfd, name, (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) | (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0));
    if (typeof w === 'number') return w;
    p = w.path;
  }
  const inode = p.dentry.d_inode;
  if (!inode) return -ENOENT;
  if (S_ISLNK(inode.i_mode)) return (flags & O_PATH) ? yield* vfs_open(p, flags) : -ELOOP;
  if (flags & O_DIRECTORY && !S_ISDIR(inode.i_mode)) return -ENOTDIR;
  if (!(flags & O_PATH)) {
    if (S_ISDIR(inode.i_mode) && (flags & O_ACCMODE) !== O_RDONLY) return -EISDIR;
    if ((flags & O_ACCMODE) !== O_RDONLY && p.mnt.mnt.mnt_flags & MNT_READONLY && (S_ISREG(inode.i_mode) || S_ISDIR(inode.i_mode))) return -EROFS;
    const e = inode_permission(inode, open_to_may(flags));
    if (e) return e;
    if (flags & O_TRUNC && S_ISREG(inode.i_mode) && (flags & O_ACCMODE) !== O_RDONLY) {
      const r = inode.i_op.setattr?.(p.dentry, { ia_valid: 8, ia_size: 0 }) ?? 0;
      if (r) return r;
    }
  }
  return yield* vfs_open(p, flags);
}

/** openat(2) / open(2). */
export function* do_sys_openat2(dfd: number, name: string, flags: number, mode: number): KGen<number> {
  const fd = alloc_fd(0, flags);
  if (fd < 0) return fd;
  const f = yield* do_filp_open(dfd, name, flags, mode);
  if (typeof f === 'number') { put_unused_fd(fd); return f; }
  fd_install(fd, f);
  return fd;
}

export function do_chdir(dfd: number, name: string): number {
  const p = user_path_at(dfd, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
  if (typeof p === 'number') return p;
  const e = inode_permission(p.dentry.d_inode!, MAY_EXEC);
  if (e) return e;
  current().fs.pwd = p;
  return 0;
}

export function do_fchdir(fd: number): number {
  const f = fget(fd);
  if (!f) return -9;
  if (!S_ISDIR(f.f_inode.i_mode)) return -ENOTDIR;
  const e = inode_permission(f.f_inode, MAY_EXEC);
  if (e) return e;
  current().fs.pwd = f.f_path;
  return 0;
}

export function do_chroot(name: string): number {
  const p = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
  if (typeof p === 'number') return p;
  if (current().cred.euid !== 0) return -EPERM;
  current().fs.root = p;
  return 0;
}

export function do_faccessat(dfd: number, name: string, mode: number, flags: number): number {
  if (mode & ~7) return -EINVAL;
  const p = user_path_at(dfd, name, flags & 0x100 ? 0 : LOOKUP_FOLLOW);
  if (typeof p === 'number') return p;
  if (mode === 0) return 0;
  const ino = p.dentry.d_inode!;
  if (mode & 2 && p.mnt.mnt.mnt_flags & MNT_READONLY && (S_ISREG(ino.i_mode) || S_ISDIR(ino.i_mode))) return -EROFS;
  return inode_permission(ino, ((mode & 4) ? MAY_READ : 0) | ((mode & 2) ? MAY_WRITE : 0) | ((mode & 1) ? MAY_EXEC : 0));
}

function chmod_common(ino: inode, mode: number): number {
  const cred = current().cred;
  if (cred.fsuid !== 0 && cred.fsuid !== ino.i_uid) return -EPERM;
  ino.i_mode = (ino.i_mode & S_IFMT) | (mode & 0o7777);
  ino.i_ctime = ktime_get_real();
  return 0;
}

export function do_fchmodat(dfd: number, name: string, mode: number): number {
  const p = user_path_at(dfd, name, LOOKUP_FOLLOW);
  if (typeof p === 'number') return p;
  if (p.mnt.mnt.mnt_flags & MNT_READONLY) return -EROFS;
  return chmod_common(p.dentry.d_inode!, mode);
}

export function do_fchmod(fd: number, mode: number): number {
  const f = fget(fd);
  if (!f) return -9;
  return chmod_common(f.f_inode, mode);
}

export function chown_common(ino: inode, uid: number, gid: number): number {
  const cred = current().cred;
  if (cred.fsuid !== 0) return -EPERM;
  if (uid !== -1 && uid !== 0xffffffff) ino.i_uid = uid >>> 0;
  if (gid !== -1 && gid !== 0xffffffff) ino.i_gid = gid >>> 0;
  if (!S_ISDIR(ino.i_mode)) ino.i_mode &= ~(S_ISUID | S_ISGID);
  ino.i_ctime = ktime_get_real();
  return 0;
}

export function do_fchownat(dfd: number, name: string, uid: number, gid: number, flags: number): number {
  const p = user_path_at(dfd, name, flags & 0x100 ? 0 : LOOKUP_FOLLOW);
  if (typeof p === 'number') return p;
  return chown_common(p.dentry.d_inode!, uid, gid);
}

export function do_truncate(ino: inode, p: path | null, length: number): number {
  if (length < 0) return -EINVAL;
  if (S_ISDIR(ino.i_mode)) return -EISDIR;
  if (!S_ISREG(ino.i_mode)) return -EINVAL;
  if (p && p.mnt.mnt.mnt_flags & MNT_READONLY) return -EROFS;
  if (!ino.i_op.setattr) return -EPERM;
  return ino.i_op.setattr(p?.dentry ?? ({ d_inode: ino } as never), { ia_valid: 8, ia_size: length });
}

export function do_sys_truncate(name: string, length: number): number {
  const p = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW);
  if (typeof p === 'number') return p;
  const e = inode_permission(p.dentry.d_inode!, MAY_WRITE);
  if (e) return e;
  return do_truncate(p.dentry.d_inode!, p, length);
}

export { EACCES, ETXTBSY, EFAULT };
