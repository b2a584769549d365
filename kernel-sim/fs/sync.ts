// Models linux/fs/sync.c: sync(2), syncfs(2), fsync(2) and fdatasync(2) — the page cache and the filesystems' metadata written back and waited for.
import type { KGen } from '../include/linux/sched.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EBADF, EINVAL, EROFS } from '../include/uapi/asm-generic/errno.ts';
import { fget } from './file.ts';
import { WB_SYNC_ALL, writeback_inodes } from '../mm/page-writeback.ts';

/** ksys_sync: every dirty page and buffer written, waited for. */
export function* ksys_sync(): KGen<number> {
  yield* writeback_inodes({ sync_mode: WB_SYNC_ALL, older_than_ns: Infinity, reason: 'sync', nr_written: 0 });
  return 0;
}

/** vfs_fsync: the file's own fsync (its pages, inode and what it needs); a file without one has nothing cached. */
export function* vfs_fsync(fd: number): KGen<number> {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (!f.f_op.fsync) return f.f_inode.i_pipe ? -EINVAL : 0;
  return yield* f.f_op.fsync(f);
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('sync', [], ksys_sync),
  SYSCALL_DEFINE('syncfs', ['fd'], function* (fd: number) { if (!fget(fd)) return -EBADF; return yield* ksys_sync(); }),
  SYSCALL_DEFINE('fsync', ['fd'], vfs_fsync),
  SYSCALL_DEFINE('fdatasync', ['fd'], vfs_fsync),
];

export { EROFS };
