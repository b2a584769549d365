// Models linux/fs/file.c and fs/fs_struct.c: file descriptor tables, fget/fput, and the per-task root and cwd.
import type { file, files_struct, fs_struct } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EBADF, EMFILE } from '../include/uapi/asm-generic/errno.ts';
import { RLIMIT_NOFILE } from '../include/uapi/resource.ts';
import { current } from '../kernel/sched/core.ts';
import { fput_fasync } from './fcntl.ts';

/** NR_OPEN: the hard ceiling on descriptors. */
export const NR_OPEN = 1024 * 1024;

export function new_files_struct(): files_struct {
  return { fd: [], close_on_exec: new Set(), count: 1 };
}

export function dup_fd(old: files_struct): files_struct {
  for (const f of old.fd) if (f) f.f_count++;
  return { fd: old.fd.slice(), close_on_exec: new Set(old.close_on_exec), count: 1 };
}

export function copy_fs_struct(old: fs_struct): fs_struct {
  return { root: old.root, pwd: old.pwd, umask: old.umask, users: 1 };
}

/** Lowest free descriptor >= start, within RLIMIT_NOFILE; -EMFILE when full. */
export function alloc_fd(start = 0, flags = 0): number {
  const t = current();
  const limit = Math.min(t.signal.rlim[RLIMIT_NOFILE].rlim_cur, NR_OPEN);
  const fdt = t.files.fd;
  for (let fd = start; fd < limit; fd++) {
    if (fd >= fdt.length || fdt[fd] === null || fdt[fd] === undefined) {
      while (fdt.length <= fd) fdt.push(null);
      fdt[fd] = PLACEHOLDER;
      if (flags & 0o2000000) t.files.close_on_exec.add(fd);
      else t.files.close_on_exec.delete(fd);
      return fd;
    }
  }
  return -EMFILE;
}

/** A reserved-but-not-installed slot (between alloc_fd and fd_install). */
const PLACEHOLDER = { f_count: 0 } as unknown as file;

export function fd_install(fd: number, f: file): void {
  current().files.fd[fd] = f;
}

export function put_unused_fd(fd: number): void {
  const fdt = current().files.fd;
  if (fdt[fd] === PLACEHOLDER) fdt[fd] = null;
}

/** The file behind `fd`, or null (EBADF). Does not take a reference: the table holds one. */
export function fget(fd: number): file | null {
  if (!Number.isInteger(fd) || fd < 0) return null;
  const f = current().files.fd[fd];
  return f && f !== PLACEHOLDER ? f : null;
}

/** Drops a reference; the last one releases the file (f_op->release). */
export function* fput(f: file): KGen<void> {
  if (--f.f_count > 0) return;
  yield* fput_fasync(f);
  if (f.f_op.release) yield* f.f_op.release(f.f_inode, f);
  release_hooks.forEach((h) => h(f));
}

/** Subsystems that track open files (pipes, inotify-like counters) hook the final release here. */
// kernel-static: hooks subsystems add when they load, the same for every boot
const release_hooks: ((f: file) => void)[] = [];
export function on_file_release(h: (f: file) => void): void { release_hooks.push(h); }

/** close(fd). */
export function* close_fd(fd: number): KGen<number> {
  const t = current();
  const f = fget(fd);
  if (!f) return -EBADF;
  t.files.fd[fd] = null;
  t.files.close_on_exec.delete(fd);
  if (f.f_op.flush) yield* f.f_op.flush(f);
  yield* fput(f);
  return 0;
}

/** Drops every descriptor of a table when its last user goes (exit_files). */
export function* put_files_struct(files: files_struct): KGen<void> {
  if (--files.count > 0) return;
  const fds = files.fd.slice();
  files.fd = [];
  for (const f of fds) if (f && f !== PLACEHOLDER) yield* fput(f);
}

/** Closes the descriptors marked close-on-exec (do_close_on_exec). */
export function* do_close_on_exec(files: files_struct): KGen<void> {
  for (const fd of [...files.close_on_exec]) {
    const f = files.fd[fd];
    files.fd[fd] = null;
    files.close_on_exec.delete(fd);
    if (f && f !== PLACEHOLDER) yield* fput(f);
  }
}

/** Opened files count, for /proc/sys/fs/file-nr. */
export function count_open_files(files: files_struct): number {
  return files.fd.filter((f) => f && f !== PLACEHOLDER).length;
}
