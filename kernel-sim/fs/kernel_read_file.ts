// Models linux/fs/kernel_read_file.c and read_write.c's kernel_read/kernel_write: the kernel reading a whole file, listing a directory and writing a file into its own buffers.
//
// The caller is a kernel thread (kernel/host_worker.ts). Its reads go through
// the VFS exactly as read(2) does, so /proc and /sys files give what `cat`
// gives; the thread borrows a kernel buffer as its address space for the
// copy (kthread_use_mm), which is where f_op->read's copy_to_user lands.
import type { KGen } from '../include/linux/sched.ts';
import type { mm_struct } from '../include/linux/mm_types.ts';
import type { file } from '../include/linux/fs_types.ts';
import { PAGE_SIZE } from '../include/linux/mm_types.ts';
import { EAGAIN, EISDIR, ENOTDIR } from '../include/uapi/asm-generic/errno.ts';
import { DT_BLK, DT_CHR, DT_DIR, DT_FIFO, DT_LNK, DT_REG, DT_SOCK, O_DIRECTORY, O_NONBLOCK, O_RDONLY, O_WRONLY, S_ISDIR } from '../include/uapi/stat.ts';
import { current } from '../kernel/sched/core.ts';
import { filp_open } from './open.ts';
import { fput } from './file.ts';
import { vfs_read, vfs_write } from './read_write.ts';

/** Bytes moved per read/write call (a pipe-sized chunk, as cat's buffer). */
const CHUNK = 64 * 1024;

/** A kernel buffer posing as an address space: user addresses PAGE_SIZE.. map onto it. */
function kernel_buffer_mm(bytes: number): mm_struct {
  const mem = new Uint8Array(PAGE_SIZE + bytes);
  return {
    memory: () => mem, grow: () => false, mmap: [], start_code: 0, end_code: 0, start_data: 0, end_data: 0, start_brk: 0, brk: 0,
    start_stack: 0, arg_start: 0, arg_end: 0, env_start: 0, env_end: 0, users: 1, kind: 'ts',
  };
}

/** Runs fn with the current kernel thread's uaccess aimed at `mm` (kthread_use_mm / kthread_unuse_mm). */
function* kthread_use_mm<R>(mm: mm_struct, fn: () => KGen<R>): KGen<R> {
  const t = current();
  const prev = t.mm;
  t.mm = mm;
  try { return yield* fn(); } finally { t.mm = prev; }
}

/**
 * kernel_read: up to `count` bytes of an open file from `pos` into a kernel buffer, through
 * f_op->read (a page-cache file is read as read(2) reads it). Returns the bytes or -errno.
 */
export function* kernel_read(f: file, count: number, pos: number): KGen<Uint8Array | number> {
  const mm = kernel_buffer_mm(Math.min(count, CHUNK));
  const chunks: Uint8Array[] = [];
  let total = 0;
  const r = yield* kthread_use_mm(mm, function* () {
    const ppos = { pos };
    while (total < count) {
      const n = yield* vfs_read(f, PAGE_SIZE, Math.min(CHUNK, count - total), ppos);
      if (n <= 0) return n;
      chunks.push(mm.memory().slice(PAGE_SIZE, PAGE_SIZE + n));
      total += n;
    }
    return 0;
  });
  if (r < 0) return r;
  const data = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { data.set(c, o); o += c.length; }
  return data;
}

/**
 * Reads a whole file (at most max_bytes; `truncated` says there was more); -errno on failure.
 * Opened O_NONBLOCK: a device or FIFO with nothing to read answers -EAGAIN instead of
 * holding the caller (regular, proc and sysfs files never block).
 */
export function* kernel_read_file(path: string, max_bytes: number): KGen<{ data: Uint8Array; truncated: boolean } | number> {
  const f = yield* filp_open(path, O_RDONLY | O_NONBLOCK);
  if (typeof f === 'number') return f;
  try {
    if (S_ISDIR(f.f_inode.i_mode)) return -EISDIR;
    const mm = kernel_buffer_mm(CHUNK);
    const chunks: Uint8Array[] = [];
    let total = 0;
    let truncated = false;
    const r = yield* kthread_use_mm(mm, function* () {
      const ppos = { pos: f.f_pos };
      for (;;) {
        const n = yield* vfs_read(f, PAGE_SIZE, Math.min(CHUNK, max_bytes + 1 - total), ppos);
        if (n < 0) return n === -EAGAIN && total > 0 ? 0 : n;
        if (n === 0) return 0;
        chunks.push(mm.memory().slice(PAGE_SIZE, PAGE_SIZE + n));
        total += n;
        if (total > max_bytes) { truncated = true; return 0; }
      }
    });
    if (r < 0) return r;
    const data = new Uint8Array(Math.min(total, max_bytes));
    let o = 0;
    for (const c of chunks) { const part = c.subarray(0, data.length - o); data.set(part, o); o += part.length; }
    return { data, truncated };
  } finally {
    yield* fput(f);
  }
}

export type dirent_type = 'file' | 'dir' | 'link' | 'char' | 'block' | 'fifo' | 'socket' | 'unknown';
const DT_NAMES: Record<number, dirent_type> = { [DT_REG]: 'file', [DT_DIR]: 'dir', [DT_LNK]: 'link', [DT_CHR]: 'char', [DT_BLK]: 'block', [DT_FIFO]: 'fifo', [DT_SOCK]: 'socket' };

/** Lists a directory as getdents64 walks it (iterate_shared), without "." and ".."; -errno on failure. */
export function* kernel_readdir(path: string): KGen<{ name: string; type: dirent_type }[] | number> {
  const f = yield* filp_open(path, O_RDONLY | O_DIRECTORY);
  if (typeof f === 'number') return f;
  try {
    const iterate = f.f_op.iterate_shared;
    if (!S_ISDIR(f.f_inode.i_mode) || !iterate) return -ENOTDIR;
    const out: { name: string; type: dirent_type }[] = [];
    const ctx = { pos: f.f_pos, actor: (name: string, _ino: number, type: number): boolean => {
      if (name !== '.' && name !== '..') out.push({ name, type: DT_NAMES[type] ?? 'unknown' });
      return true;
    } };
    // Called until a pass adds nothing, as a reader calls getdents64 until it returns 0.
    for (let guard = 0; guard < 1000; guard++) {
      const before = ctx.pos;
      const r = yield* iterate(f, ctx);
      if (r < 0) return r;
      f.f_pos = ctx.pos;
      if (ctx.pos === before) break;
    }
    return out;
  } finally {
    yield* fput(f);
  }
}

/** Writes `bytes` at offset 0 of an existing file (a sysfs or procfs attribute, as `echo > FILE` writes it); bytes written or -errno. */
export function* kernel_write_file(path: string, bytes: Uint8Array): KGen<number> {
  const f = yield* filp_open(path, O_WRONLY);
  if (typeof f === 'number') return f;
  try {
    const mm = kernel_buffer_mm(Math.max(bytes.length, 1));
    mm.memory().set(bytes, PAGE_SIZE);
    return yield* kthread_use_mm(mm, function* () {
      const ppos = { pos: f.f_pos };
      let done = 0;
      while (done < bytes.length) {
        const n = yield* vfs_write(f, PAGE_SIZE + done, bytes.length - done, ppos);
        if (n < 0) return n;
        if (n === 0) break;
        done += n;
      }
      return done;
    });
  } finally {
    yield* fput(f);
  }
}
