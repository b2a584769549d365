// Models the SYSCALL_DEFINEs of linux/fs/ (open.c, read_write.c, stat.c, namei.c, readdir.c, fcntl.c, ioctl.c, d_path.c, namespace.c, select.c).
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { KGen } from '../include/linux/sched.ts';
import {
  EBADF, EFAULT, EINVAL, ENOTDIR, ERANGE, ENOENT, EEXIST, ENOTTY, EPERM, EISDIR, ENOTEMPTY, EBUSY,
} from '../include/uapi/asm-generic/errno.ts';
import {
  AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, O_CLOEXEC, O_CREAT, O_TRUNC, O_WRONLY, F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD,
  F_GETFL, F_SETFL, FD_CLOEXEC, O_APPEND, O_NONBLOCK, S_IFMT, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, S_ISDIR,
  RENAME_NOREPLACE, RENAME_EXCHANGE, O_DIRECT, O_NOATIME,
} from '../include/uapi/stat.ts';
import { new_decode_dev } from '../include/linux/fs_types.ts';
import { copy_to_user, copy_from_user, strncpy_from_user, put_user_i32, copy_string_to_user, PATH_MAX } from '../mm/uaccess.ts';
import { current } from '../kernel/sched/core.ts';
import { alloc_fd, close_fd, fget, fd_install, fput } from './file.ts';
import { ksys_read, ksys_write, ksys_pread64, ksys_pwrite64, ksys_lseek, do_iov } from './read_write.ts';
import { do_sys_openat2, do_chdir, do_fchdir, do_chroot, do_faccessat, do_fchmodat, do_fchmod, do_fchownat, chown_common, do_sys_truncate, do_truncate } from './open.ts';
import { vfs_fstatat, cp_new_stat, generic_fillattr, do_readlinkat, ksys_getdents64 } from './stat.ts';
import { filename_parentat, vfs_mkdir, vfs_unlink, vfs_rmdir, vfs_rename, vfs_symlink, vfs_link, vfs_mknod, user_path_at, LOOKUP_FOLLOW, LOOKUP_DIRECTORY } from './namei.ts';
import { d_path } from './dcache.ts';
import { path_mount, do_umount, do_pivot_root, may_mount, MNT_DETACH, MNT_FORCE, MNT_EXPIRE, UMOUNT_NOFOLLOW } from './namespace.ts';
import { do_pipe2 } from './pipe.ts';
import { do_sys_poll } from './select.ts';
import { ENOIOCTLCMD } from '../include/uapi/asm-generic/errno.ts';
import { FIONREAD, FIONBIO } from '../drivers/tty/termios.ts';
import { FASYNC, F_GETOWN, F_GETSIG, F_SETOWN, F_SETSIG, f_getown, f_getsig, f_setown, f_setsig, setfl_fasync } from './fcntl.ts';

const user_str = (p: number): string | number => strncpy_from_user(p, PATH_MAX);

function* sys_openat(dfd: number, filename: number, flags: number, mode: number): KGen<number> {
  const name = user_str(filename);
  if (typeof name === 'number') return name;
  return yield* do_sys_openat2(dfd | 0, name, flags, mode & 0o7777);
}

function sys_newfstatat(dfd: number, filename: number, statbuf: number, flag: number): number {
  const name = user_str(filename);
  if (typeof name === 'number') return name;
  const st = vfs_fstatat(dfd | 0, name, flag);
  return typeof st === 'number' ? st : cp_new_stat(st, statbuf);
}

function stat_path(filename: number, statbuf: number, flag: number): number {
  return sys_newfstatat(AT_FDCWD, filename, statbuf, flag);
}

function sys_fstat(fd: number, statbuf: number): number {
  const f = fget(fd);
  if (!f) return -EBADF;
  return cp_new_stat(generic_fillattr(f.f_inode), statbuf);
}

function with_parent(dfd: number, pathname: number, fn: (r: Exclude<ReturnType<typeof filename_parentat>, number>) => number): number {
  const name = user_str(pathname);
  if (typeof name === 'number') return name;
  const r = filename_parentat(dfd | 0, name);
  if (typeof r === 'number') return r;
  return fn(r);
}

function sys_mkdirat(dfd: number, pathname: number, mode: number): number {
  return with_parent(dfd, pathname, (r) => (r.existing ? -EEXIST : vfs_mkdir(r.parent, r.last, mode & ~current().fs.umask & 0o7777)));
}

function sys_mknodat(dfd: number, pathname: number, mode: number, dev: number): number {
  const type = mode & S_IFMT;
  if (![0, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK].includes(type)) return -EINVAL;
  if ((type === S_IFCHR || type === S_IFBLK) && current().cred.euid !== 0) return -EPERM;
  return with_parent(dfd, pathname, (r) => (r.existing ? -EEXIST : vfs_mknod(r.parent, r.last, (type || S_IFREG) | (mode & ~current().fs.umask & 0o7777), new_decode_dev(dev))));
}

function sys_unlinkat(dfd: number, pathname: number, flag: number): number {
  if (flag & ~AT_REMOVEDIR) return -EINVAL;
  return with_parent(dfd, pathname, (r) => {
    if (!r.existing) return -ENOENT;
    if (flag & AT_REMOVEDIR) {
      if (r.last === '.') return -EINVAL;
      if (r.last === '..') return -ENOTEMPTY;
      if (r.existing === r.parent.mnt.mnt.mnt_root) return -EBUSY;
      return vfs_rmdir(r.parent, r.existing);
    }
    if (S_ISDIR(r.existing.d_inode!.i_mode)) return -EISDIR;
    if (r.trailing_slash) return -ENOTDIR;
    return vfs_unlink(r.parent, r.existing);
  });
}

function sys_renameat2(olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | 4)) return -EINVAL;
  if (flags & RENAME_EXCHANGE) return -EINVAL;
  const o = user_str(oldname), n = user_str(newname);
  if (typeof o === 'number') return o;
  if (typeof n === 'number') return n;
  const src = filename_parentat(olddfd | 0, o);
  if (typeof src === 'number') return src;
  if (!src.existing) return -ENOENT;
  if (src.last === '.' || src.last === '..') return -EBUSY;
  const dst = filename_parentat(newdfd | 0, n);
  if (typeof dst === 'number') return dst;
  if (dst.last === '.' || dst.last === '..') return -EBUSY;
  return vfs_rename(src.parent, src.existing, dst.parent, dst.last, flags);
}

function sys_symlinkat(oldname: number, newdfd: number, newname: number): number {
  const target = user_str(oldname);
  if (typeof target === 'number') return target;
  if (target === '') return -ENOENT;
  return with_parent(newdfd, newname, (r) => (r.existing ? -EEXIST : vfs_symlink(r.parent, r.last, target)));
}

function sys_linkat(olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  const o = user_str(oldname);
  if (typeof o === 'number') return o;
  const old = user_path_at(olddfd | 0, o, flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0);
  if (typeof old === 'number') return old;
  return with_parent(newdfd, newname, (r) => (r.existing ? -EEXIST : vfs_link(old, r.parent, r.last)));
}

function sys_readlinkat(dfd: number, pathname: number, buf: number, bufsiz: number): number {
  const name = user_str(pathname);
  if (typeof name === 'number') return name;
  return do_readlinkat(dfd | 0, name, buf, bufsiz);
}

function sys_getcwd(buf: number, size: number): number {
  const fs = current().fs;
  let p = d_path(fs.pwd, fs.root);
  if (fs.pwd.dentry.d_unhashed && fs.pwd.dentry.d_parent !== fs.pwd.dentry) p = '(unreachable)' + p;
  const bytes = new TextEncoder().encode(p + '\0');
  if (bytes.length > size) return -ERANGE;
  return copy_to_user(buf, bytes) ? -EFAULT : bytes.length;
}

function path_arg<R>(p: number, fn: (s: string) => R): R | number {
  const s = user_str(p);
  return typeof s === 'number' ? s : fn(s);
}

function sys_dup3(oldfd: number, newfd: number, flags: number): number {
  if (flags & ~O_CLOEXEC) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  return do_dup2(oldfd, newfd, flags);
}

function do_dup2(oldfd: number, newfd: number, flags: number): number {
  const f = fget(oldfd);
  if (!f) return -EBADF;
  if (newfd < 0 || newfd >= current().signal.rlim[7].rlim_cur) return -EBADF;
  const t = current();
  const old = t.files.fd[newfd];
  while (t.files.fd.length <= newfd) t.files.fd.push(null);
  f.f_count++;
  t.files.fd[newfd] = f;
  if (flags & O_CLOEXEC) t.files.close_on_exec.add(newfd); else t.files.close_on_exec.delete(newfd);
  if (old) old.f_count--; // released without sleeping: release of a dup'd file has other references
  return newfd;
}

function* sys_dup2(oldfd: number, newfd: number): KGen<number> {
  if (oldfd === newfd) return fget(oldfd) ? newfd : -EBADF;
  const t = current();
  const old = fget(newfd);
  if (old && fget(oldfd)) {
    t.files.fd[newfd] = null;
    const r = do_dup2(oldfd, newfd, 0);
    yield* fput(old); // the table's reference to the file newfd named
    return r;
  }
  return do_dup2(oldfd, newfd, 0);
}


function sys_dup(fd: number): number {
  const f = fget(fd);
  if (!f) return -EBADF;
  const nfd = alloc_fd(0, 0);
  if (nfd < 0) return nfd;
  f.f_count++;
  fd_install(nfd, f);
  return nfd;
}

function* sys_fcntl(fd: number, cmd: number, arg: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  const t = current();
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: {
      const nfd = alloc_fd(arg, cmd === F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
      if (nfd < 0) return nfd;
      f.f_count++;
      fd_install(nfd, f);
      return nfd;
    }
    case F_GETFD: return t.files.close_on_exec.has(fd) ? FD_CLOEXEC : 0;
    case F_SETFD: if (arg & FD_CLOEXEC) t.files.close_on_exec.add(fd); else t.files.close_on_exec.delete(fd); return 0;
    case F_GETFL: return f.f_flags;
    case F_SETFL: {
      const settable = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC;
      const err = yield* setfl_fasync(fd, f, arg);
      if (err) return err;
      f.f_flags = (f.f_flags & ~settable) | (arg & settable);
      return 0;
    }
    case F_SETOWN: return f_setown(f, arg | 0);
    case F_GETOWN: return f_getown(f);
    case F_SETSIG: return f_setsig(f, arg);
    case F_GETSIG: return f_getsig(f);
    default: return -EINVAL;
  }
}

function* sys_ioctl(fd: number, cmd: number, arg: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if ((cmd >>> 0) === FIONBIO) {
    const v = copy_from_user(arg, 4);
    if (!v) return -EFAULT;
    if (new DataView(v.buffer).getInt32(0, true)) f.f_flags |= O_NONBLOCK; else f.f_flags &= ~O_NONBLOCK;
  }
  if ((cmd >>> 0) === FIONREAD && !f.f_op.unlocked_ioctl && (f.f_inode.i_mode & S_IFMT) === S_IFREG) {
    return put_user_i32(arg, Math.max(0, f.f_inode.i_size - f.f_pos));
  }
  if (!f.f_op.unlocked_ioctl) return -ENOTTY;
  const r = yield* f.f_op.unlocked_ioctl(f, cmd >>> 0, arg);
  return r === -ENOIOCTLCMD ? -ENOTTY : r;
}

function sys_pipe2(fildes: number, flags: number): number {
  const r = do_pipe2(flags);
  if (typeof r === 'number') return r;
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, r[0], true); dv.setInt32(4, r[1], true);
  if (copy_to_user(fildes, b)) {
    current().files.fd[r[0]] = null; current().files.fd[r[1]] = null;
    return -EFAULT;
  }
  return 0;
}

function sys_mount(dev_name: number, dir_name: number, type: number, flags: number, data: number): number {
  const dev = dev_name ? user_str(dev_name) : '';
  const dir = user_str(dir_name);
  const fstype = type ? user_str(type) : '';
  const opts = data ? strncpy_from_user(data, 4096) : '';
  for (const v of [dev, dir, fstype, opts]) if (typeof v === 'number') return v;
  const target = user_path_at(AT_FDCWD, dir as string, LOOKUP_FOLLOW);
  if (typeof target === 'number') return target;
  let source;
  if (flags & (4096 | 8192) && !(flags & 32)) { // MS_BIND/MS_MOVE take a source path; MS_REMOUNT ignores it
    const s = user_path_at(AT_FDCWD, dev as string, LOOKUP_FOLLOW);
    if (typeof s === 'number') return s;
    source = s;
  }
  return path_mount(dev as string, target, fstype as string, flags, opts as string, source);
}

function sys_umount2(name: number, flags: number): number {
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return -EINVAL;
  return path_arg(name, (s) => {
    const p = user_path_at(AT_FDCWD, s, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW);
    if (typeof p === 'number') return p;
    return do_umount(p, flags);
  });
}

function sys_pivot_root(new_root: number, put_old: number): number {
  if (!may_mount()) return -EPERM;
  const a = user_str(new_root), b = user_str(put_old);
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  const n = user_path_at(AT_FDCWD, a, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
  if (typeof n === 'number') return n;
  const o = user_path_at(AT_FDCWD, b, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
  if (typeof o === 'number') return o;
  return do_pivot_root(n, o);
}

function sys_statfs_common(p: { mnt: { mnt: { mnt_sb: import('../include/linux/fs_types.ts').super_block; mnt_flags: number } } }, buf: number): number {
  const sb = p.mnt.mnt.mnt_sb;
  const s = sb.s_op.statfs?.(sb) ?? { f_type: sb.s_magic, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 };
  const b = new Uint8Array(120);
  const dv = new DataView(b.buffer);
  const set = (o: number, v: number): void => dv.setBigInt64(o, BigInt(Math.max(0, Math.floor(v))), true);
  set(0, s.f_type); set(8, s.f_bsize); set(16, s.f_blocks); set(24, s.f_bfree); set(32, s.f_bfree);
  set(40, s.f_files); set(48, s.f_ffree); set(64, 255); set(72, s.f_bsize); set(80, p.mnt.mnt.mnt_flags & 0x40 ? 1 : 0);
  return copy_to_user(buf, b) ? -EFAULT : 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('read', ['fd', 'buf_out:2', 'size'], ksys_read),
  SYSCALL_DEFINE('write', ['fd', 'buf_in:2', 'size'], ksys_write),
  SYSCALL_DEFINE('open', ['path', 'oflags', 'mode'], function* (filename: number, flags: number, mode: number) { return yield* sys_openat(AT_FDCWD, filename, flags, mode); }),
  SYSCALL_DEFINE('openat', ['dirfd', 'path', 'oflags', 'mode'], sys_openat),
  SYSCALL_DEFINE('creat', ['path', 'mode'], function* (filename: number, mode: number) { return yield* sys_openat(AT_FDCWD, filename, O_CREAT | O_WRONLY | O_TRUNC, mode); }),
  SYSCALL_DEFINE('close', ['fd'], close_fd),
  SYSCALL_DEFINE('stat', ['path', 'struct_out'], (f: number, s: number) => stat_path(f, s, 0)),
  SYSCALL_DEFINE('lstat', ['path', 'struct_out'], (f: number, s: number) => stat_path(f, s, 0x100)),
  SYSCALL_DEFINE('fstat', ['fd', 'struct_out'], sys_fstat),
  SYSCALL_DEFINE('newfstatat', ['dirfd', 'path', 'struct_out', 'atflags'], sys_newfstatat),
  SYSCALL_DEFINE('lseek', ['fd', 'int', 'whence'], ksys_lseek),
  SYSCALL_DEFINE('pread64', ['fd', 'buf_out:2', 'size', 'int'], ksys_pread64),
  SYSCALL_DEFINE('pwrite64', ['fd', 'buf_in:2', 'size', 'int'], ksys_pwrite64),
  SYSCALL_DEFINE('readv', ['fd', 'ptr', 'int'], function* (fd: number, iov: number, n: number) { return yield* do_iov(fd, iov, n, false); }),
  SYSCALL_DEFINE('writev', ['fd', 'ptr', 'int'], function* (fd: number, iov: number, n: number) { return yield* do_iov(fd, iov, n, true); }),
  SYSCALL_DEFINE('access', ['path', 'int'], (p: number, mode: number) => path_arg(p, (s) => do_faccessat(AT_FDCWD, s, mode, 0))),
  SYSCALL_DEFINE('faccessat', ['dirfd', 'path', 'int'], (dfd: number, p: number, mode: number) => path_arg(p, (s) => do_faccessat(dfd | 0, s, mode, 0))),
  SYSCALL_DEFINE('faccessat2', ['dirfd', 'path', 'int', 'atflags'], (dfd: number, p: number, mode: number, fl: number) => path_arg(p, (s) => do_faccessat(dfd | 0, s, mode, fl))),
  SYSCALL_DEFINE('pipe', ['ptr'], (p: number) => sys_pipe2(p, 0)),
  SYSCALL_DEFINE('pipe2', ['ptr', 'oflags'], sys_pipe2),
  SYSCALL_DEFINE('dup', ['fd'], sys_dup),
  SYSCALL_DEFINE('dup2', ['fd', 'fd'], sys_dup2),
  SYSCALL_DEFINE('dup3', ['fd', 'fd', 'oflags'], sys_dup3),
  SYSCALL_DEFINE('fcntl', ['fd', 'int', 'hex'], sys_fcntl),
  SYSCALL_DEFINE('ioctl', ['fd', 'ioctl', 'hex'], sys_ioctl),
  SYSCALL_DEFINE('getdents64', ['fd', 'ptr', 'size'], ksys_getdents64),
  SYSCALL_DEFINE('getcwd', ['ptr', 'size'], sys_getcwd),
  SYSCALL_DEFINE('chdir', ['path'], (p: number) => path_arg(p, (s) => do_chdir(AT_FDCWD, s))),
  SYSCALL_DEFINE('fchdir', ['fd'], do_fchdir),
  SYSCALL_DEFINE('chroot', ['path'], (p: number) => path_arg(p, do_chroot)),
  SYSCALL_DEFINE('mkdir', ['path', 'mode'], (p: number, m: number) => sys_mkdirat(AT_FDCWD, p, m)),
  SYSCALL_DEFINE('mkdirat', ['dirfd', 'path', 'mode'], sys_mkdirat),
  SYSCALL_DEFINE('mknod', ['path', 'mode', 'hex'], (p: number, m: number, d: number) => sys_mknodat(AT_FDCWD, p, m, d)),
  SYSCALL_DEFINE('mknodat', ['dirfd', 'path', 'mode', 'hex'], sys_mknodat),
  SYSCALL_DEFINE('rmdir', ['path'], (p: number) => sys_unlinkat(AT_FDCWD, p, AT_REMOVEDIR)),
  SYSCALL_DEFINE('unlink', ['path'], (p: number) => sys_unlinkat(AT_FDCWD, p, 0)),
  SYSCALL_DEFINE('unlinkat', ['dirfd', 'path', 'atflags'], sys_unlinkat),
  SYSCALL_DEFINE('rename', ['path', 'path'], (o: number, n: number) => sys_renameat2(AT_FDCWD, o, AT_FDCWD, n, 0)),
  SYSCALL_DEFINE('renameat', ['dirfd', 'path', 'dirfd', 'path'], (od: number, o: number, nd: number, n: number) => sys_renameat2(od, o, nd, n, 0)),
  SYSCALL_DEFINE('renameat2', ['dirfd', 'path', 'dirfd', 'path', 'hex'], sys_renameat2),
  SYSCALL_DEFINE('symlink', ['path', 'path'], (o: number, n: number) => sys_symlinkat(o, AT_FDCWD, n)),
  SYSCALL_DEFINE('symlinkat', ['path', 'dirfd', 'path'], sys_symlinkat),
  SYSCALL_DEFINE('link', ['path', 'path'], (o: number, n: number) => sys_linkat(AT_FDCWD, o, AT_FDCWD, n, 0)),
  SYSCALL_DEFINE('linkat', ['dirfd', 'path', 'dirfd', 'path', 'atflags'], sys_linkat),
  SYSCALL_DEFINE('readlink', ['path', 'buf_out:2', 'size'], (p: number, b: number, n: number) => sys_readlinkat(AT_FDCWD, p, b, n)),
  SYSCALL_DEFINE('readlinkat', ['dirfd', 'path', 'buf_out:3', 'size'], sys_readlinkat),
  SYSCALL_DEFINE('chmod', ['path', 'mode'], (p: number, m: number) => path_arg(p, (s) => do_fchmodat(AT_FDCWD, s, m))),
  SYSCALL_DEFINE('fchmod', ['fd', 'mode'], do_fchmod),
  SYSCALL_DEFINE('fchmodat', ['dirfd', 'path', 'mode'], (d: number, p: number, m: number) => path_arg(p, (s) => do_fchmodat(d | 0, s, m))),
  SYSCALL_DEFINE('chown', ['path', 'int', 'int'], (p: number, u: number, g: number) => path_arg(p, (s) => do_fchownat(AT_FDCWD, s, u, g, 0))),
  SYSCALL_DEFINE('lchown', ['path', 'int', 'int'], (p: number, u: number, g: number) => path_arg(p, (s) => do_fchownat(AT_FDCWD, s, u, g, 0x100))),
  SYSCALL_DEFINE('fchown', ['fd', 'int', 'int'], (fd: number, u: number, g: number) => { const f = fget(fd); return f ? chown_common(f.f_inode, u, g) : -EBADF; }),
  SYSCALL_DEFINE('fchownat', ['dirfd', 'path', 'int', 'int', 'atflags'], (d: number, p: number, u: number, g: number, fl: number) => path_arg(p, (s) => do_fchownat(d | 0, s, u, g, fl))),
  SYSCALL_DEFINE('umask', ['mode'], (m: number) => { const fs = current().fs; const old = fs.umask; fs.umask = m & 0o777; return old; }),
  SYSCALL_DEFINE('truncate', ['path', 'int'], (p: number, len: number) => path_arg(p, (s) => do_sys_truncate(s, len))),
  SYSCALL_DEFINE('ftruncate', ['fd', 'int'], (fd: number, len: number) => { const f = fget(fd); if (!f) return -EBADF; if (!(f.f_mode & 2)) return -EINVAL; return do_truncate(f.f_inode, f.f_path.mnt ? f.f_path : null, len); }),
  SYSCALL_DEFINE('mount', ['str', 'path', 'str', 'mflags', 'str'], sys_mount),
  SYSCALL_DEFINE('umount2', ['path', 'int'], sys_umount2),
  SYSCALL_DEFINE('pivot_root', ['path', 'path'], sys_pivot_root),
  SYSCALL_DEFINE('statfs', ['path', 'struct_out'], (p: number, b: number) => path_arg(p, (s) => { const x = user_path_at(AT_FDCWD, s, LOOKUP_FOLLOW); return typeof x === 'number' ? x : sys_statfs_common(x, b); })),
  SYSCALL_DEFINE('fstatfs', ['fd', 'struct_out'], (fd: number, b: number) => { const f = fget(fd); return f && f.f_path.mnt ? sys_statfs_common(f.f_path, b) : -EBADF; }),
  SYSCALL_DEFINE('poll', ['ptr', 'int', 'int'], function* (fds: number, nfds: number, timeout: number) { return yield* do_sys_poll(fds, nfds, (timeout | 0) < 0 ? -1 : (timeout | 0) * 1e6); }),
  SYSCALL_DEFINE('ppoll', ['ptr', 'int', 'ptr', 'ptr', 'size'], function* (fds: number, nfds: number, tsp: number) {
    let timeout = -1;
    if (tsp) {
      const b = copy_from_user(tsp, 16);
      if (!b) return -EFAULT;
      const dv = new DataView(b.buffer);
      const sec = Number(dv.getBigInt64(0, true)), nsec = Number(dv.getBigInt64(8, true));
      if (sec < 0 || nsec < 0 || nsec >= 1e9) return -EINVAL;
      timeout = sec * 1e9 + nsec;
    }
    return yield* do_sys_poll(fds, nfds, timeout);
  }),
];

export { copy_string_to_user };
