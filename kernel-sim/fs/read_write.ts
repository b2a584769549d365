// Models linux/fs/read_write.c: vfs_read, vfs_write, lseek, pread/pwrite and readv/writev.
import type { file } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE, FMODE_PREAD } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EBADF, EINVAL, EISDIR, ESPIPE, EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { S_ISDIR } from '../include/uapi/stat.ts';
import { access_ok, get_user_u64 } from '../mm/uaccess.ts';
import { fget } from './file.ts';
import { account_ns } from '../kernel/time/timekeeping.ts';

export const MAX_RW_COUNT = 0x7ffff000;

export function* vfs_read(f: file, buf: number, count: number, ppos: { pos: number }): KGen<number> {
  if (!(f.f_mode & FMODE_READ)) return -EBADF;
  if (!f.f_op.read) return S_ISDIR(f.f_inode.i_mode) ? -EISDIR : -EINVAL;
  if (count < 0 || !Number.isSafeInteger(count)) return -EINVAL;
  if (count > MAX_RW_COUNT) count = MAX_RW_COUNT;
  if (count > 0 && !access_ok(buf, count)) return -EFAULT;
  account_ns(300);
  return yield* f.f_op.read(f, buf, count, ppos);
}

export function* vfs_write(f: file, buf: number, count: number, ppos: { pos: number }): KGen<number> {
  if (!(f.f_mode & FMODE_WRITE)) return -EBADF;
  if (!f.f_op.write) return -EINVAL;
  if (count < 0 || !Number.isSafeInteger(count)) return -EINVAL;
  if (count > MAX_RW_COUNT) count = MAX_RW_COUNT;
  if (count > 0 && !access_ok(buf, count)) return -EFAULT;
  account_ns(300);
  return yield* f.f_op.write(f, buf, count, ppos);
}

/** Files with a position move it; streams (pipes, ttys) pass a private one. */
export function* ksys_read(fd: number, buf: number, count: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  const ppos = { pos: f.f_pos };
  const r = yield* vfs_read(f, buf, count, ppos);
  if (r >= 0) f.f_pos = ppos.pos;
  return r;
}

export function* ksys_write(fd: number, buf: number, count: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  const ppos = { pos: f.f_pos };
  const r = yield* vfs_write(f, buf, count, ppos);
  if (r >= 0) f.f_pos = ppos.pos;
  return r;
}

export function* ksys_pread64(fd: number, buf: number, count: number, pos: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (pos < 0) return -EINVAL;
  if (!(f.f_mode & FMODE_PREAD) || f.f_inode.i_pipe) return -ESPIPE;
  return yield* vfs_read(f, buf, count, { pos });
}

export function* ksys_pwrite64(fd: number, buf: number, count: number, pos: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (pos < 0) return -EINVAL;
  if (!(f.f_mode & FMODE_PREAD) || f.f_inode.i_pipe) return -ESPIPE;
  return yield* vfs_write(f, buf, count, { pos });
}

export function* ksys_lseek(fd: number, offset: number, whence: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (whence < 0 || whence > 4) return -EINVAL;
  if (!f.f_op.llseek) return -ESPIPE;
  return yield* f.f_op.llseek(f, offset, whence);
}

/** readv/writev: one call per iovec until a short transfer. */
export function* do_iov(fd: number, iov: number, iovcnt: number, write: boolean): KGen<number> {
  if (iovcnt < 0 || iovcnt > 1024) return -EINVAL;
  let total = 0;
  for (let i = 0; i < iovcnt; i++) {
    const base = get_user_u64(iov + i * 16), len = get_user_u64(iov + i * 16 + 8);
    if (base === null || len === null) return -EFAULT;
    if (len === 0) continue;
    const r = write ? yield* ksys_write(fd, base, len) : yield* ksys_read(fd, base, len);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (r < len) break;
  }
  return total;
}
