// Models linux/fs/pipe.c: pipes and FIFOs, with blocking readers and writers, SIGPIPE and O_NONBLOCK.
import type { file, file_operations, inode, mount, super_block, file_system_type } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EAGAIN, EFAULT, EINVAL, EPIPE, ENXIO } from '../include/uapi/asm-generic/errno.ts';
import { O_ACCMODE, O_NONBLOCK, O_RDONLY, O_WRONLY, O_RDWR, O_CLOEXEC, S_IFIFO } from '../include/uapi/stat.ts';
import { SIGPIPE } from '../include/uapi/signal.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { current } from '../kernel/sched/core.ts';
import { send_signal } from '../kernel/signal.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible_all } from '../kernel/sched/wait.ts';
import { alloc_fd, fd_install, put_unused_fd } from './file.ts';
import { new_inode } from './inode.ts';
import { alloc_super, register_filesystem } from './super.ts';
import { kern_mount } from './mount.ts';
import { defineState } from '../kernel/state.ts';
import { FIONREAD } from '../drivers/tty/termios.ts';
import { put_user_u32 } from '../mm/uaccess.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

export const PIPE_DEF_BUFFERS = 16;
export const PIPE_BUF = 4096;
export const PIPEFS_MAGIC = 0x50495045;

export interface pipe_inode_info {
  buf: Uint8Array;
  head: number;
  len: number;
  readers: number;
  writers: number;
  /** Opens so far, for FIFO open blocking (r_counter/w_counter). */
  r_counter: number;
  w_counter: number;
  rd_wait: wait_queue_head;
  wr_wait: wait_queue_head;
}

export function alloc_pipe_info(): pipe_inode_info {
  return {
    buf: new Uint8Array(PIPE_DEF_BUFFERS * 4096), head: 0, len: 0, readers: 0, writers: 0, r_counter: 0, w_counter: 0,
    rd_wait: new wait_queue_head('pipe_read'), wr_wait: new wait_queue_head('pipe_write'),
  };
}

function pipe_of(f: file): pipe_inode_info { return f.f_inode.i_pipe as pipe_inode_info; }

function* pipe_read(f: file, buf: number, count: number): KGen<number> {
  const p = pipe_of(f);
  if (count === 0) return 0;
  for (;;) {
    if (p.len > 0) break;
    if (p.writers === 0) return 0;
    if (f.f_flags & O_NONBLOCK) return -EAGAIN;
    const r = yield* wait_event_interruptible(p.rd_wait, () => p.len > 0 || p.writers === 0, 'pipe_read');
    if (r) return r;
  }
  const n = Math.min(count, p.len);
  const out = new Uint8Array(n);
  const cap = p.buf.length;
  for (let i = 0; i < n; i++) out[i] = p.buf[(p.head + i) % cap];
  if (copy_to_user(buf, out)) return -EFAULT;
  p.head = (p.head + n) % cap;
  p.len -= n;
  wake_up_interruptible_all(p.wr_wait);
  return n;
}

function* pipe_write(f: file, buf: number, count: number): KGen<number> {
  const p = pipe_of(f);
  if (p.readers === 0) { send_signal(SIGPIPE, current(), false); return -EPIPE; }
  const data = copy_from_user(buf, count);
  if (!data) return -EFAULT;
  const cap = p.buf.length;
  let written = 0;
  while (written < count) {
    if (p.readers === 0) {
      send_signal(SIGPIPE, current(), false);
      return written || -EPIPE;
    }
    const free = cap - p.len;
    // Writes of at most PIPE_BUF are atomic: wait for room for all of it.
    const need = count - written <= PIPE_BUF ? count - written : 1;
    if (free < need) {
      if (f.f_flags & O_NONBLOCK) return written || -EAGAIN;
      const r = yield* wait_event_interruptible(p.wr_wait, () => cap - p.len >= need || p.readers === 0, 'pipe_write');
      if (r) return written || r;
      continue;
    }
    const n = Math.min(free, count - written);
    const tail = (p.head + p.len) % cap;
    for (let i = 0; i < n; i++) p.buf[(tail + i) % cap] = data[written + i];
    p.len += n;
    written += n;
    wake_up_interruptible_all(p.rd_wait);
  }
  return written;
}

function* pipe_release(_inode: inode, f: file): KGen<number> {
  const p = pipe_of(f);
  if (f.f_mode & FMODE_READ) p.readers--;
  if (f.f_mode & FMODE_WRITE) p.writers--;
  wake_up_interruptible_all(p.rd_wait);
  wake_up_interruptible_all(p.wr_wait);
  return 0;
}

export const pipefifo_fops: file_operations = {
  read: function* (f, buf, count) { return yield* pipe_read(f, buf, count); },
  write: function* (f, buf, count) { return yield* pipe_write(f, buf, count); },
  poll: function* (f, wait) {
    const p = pipe_of(f);
    wait.qproc?.(f, p.rd_wait);
    wait.qproc?.(f, p.wr_wait);
    let mask = 0;
    if (f.f_mode & FMODE_READ) { if (p.len > 0) mask |= 0x41; if (p.writers === 0 && p.w_counter > 0) mask |= 0x10; }
    if (f.f_mode & FMODE_WRITE) { if (p.len < p.buf.length) mask |= 0x104; if (p.readers === 0) mask |= 0x8; }
    return mask;
  },
  unlocked_ioctl: function* (f, cmd, arg) {
    if (cmd === FIONREAD) return put_user_u32(arg, pipe_of(f).len);
    return -25; // -ENOTTY
  },
  release: pipe_release,
};

/** Opening a FIFO: readers wait for a writer and writers for a reader (fifo_open). */
function* fifo_open(inode: inode, f: file): KGen<number> {
  if (!inode.i_pipe) inode.i_pipe = alloc_pipe_info();
  const p = inode.i_pipe as pipe_inode_info;
  f.f_op = pipefifo_fops;
  const acc = f.f_flags & O_ACCMODE;
  if (acc === O_RDONLY) {
    p.r_counter++; p.readers++;
    wake_up_interruptible_all(p.wr_wait);
    if (!(f.f_flags & O_NONBLOCK) && p.writers === 0) {
      const start = p.w_counter;
      const r = yield* wait_event_interruptible(p.rd_wait, () => p.w_counter !== start, 'fifo_open');
      if (r) { p.readers--; return r; }
    }
  } else if (acc === O_WRONLY) {
    if (f.f_flags & O_NONBLOCK && p.readers === 0) return -ENXIO;
    p.w_counter++; p.writers++;
    wake_up_interruptible_all(p.rd_wait);
    if (p.readers === 0) {
      const start = p.r_counter;
      const r = yield* wait_event_interruptible(p.wr_wait, () => p.r_counter !== start, 'fifo_open');
      if (r) { p.writers--; return r; }
    }
  } else if (acc === O_RDWR) {
    p.readers++; p.writers++; p.r_counter++; p.w_counter++;
    wake_up_interruptible_all(p.rd_wait);
    wake_up_interruptible_all(p.wr_wait);
  } else return -EINVAL;
  return 0;
}

/** The fops of a FIFO inode until fifo_open attaches the pipe and switches to pipefifo_fops. */
export const def_fifo_fops: file_operations = { open: fifo_open };

const pipefs_type: file_system_type = { name: 'pipefs', fs_flags: 0, mount: () => -EINVAL };
const pipeState = defineState('pipefs', () => ({ sb: null as super_block | null, mnt: null as mount | null }));

function pipefs_sb(): super_block {
  const s = pipeState();
  if (!s.sb) init_pipe_fs();
  return s.sb!;
}

/** init_pipe_fs: pipefs registered and mounted internally (pipe_mnt), the superblock every pipe's inode lives on. */
export function init_pipe_fs(): number {
  const err = register_filesystem(pipefs_type);
  if (err) return err;
  const m = kern_mount(pipefs_type, () => alloc_super(pipefs_type, PIPEFS_MAGIC, (sb) => new_inode(sb, 0o40700)));
  if (typeof m === 'number') return m;
  pipeState().sb = m.mnt.mnt_sb;
  pipeState().mnt = m;
  return 0;
}

/** get_pipe_inode(): a fresh pipefs inode (S_IFIFO, 0600) with its pipe. */
export function get_pipe_inode(): inode {
  const inode = new_inode(pipefs_sb(), S_IFIFO | 0o600);
  inode.i_pipe = alloc_pipe_info();
  inode.i_fop = pipefifo_fops;
  return inode;
}

/** The root dentry of pipefs, the f_path of anonymous pipe files. */
export function pipefs_root(): super_block['s_root'] {
  return pipefs_sb().s_root;
}

/** pipe2(2): a fresh pipe inode with a read end and a write end. */
export function do_pipe2(flags: number): [number, number] | number {
  if (flags & ~(O_NONBLOCK | O_CLOEXEC | 0o40000)) return -EINVAL;
  const sb = pipefs_sb();
  const inode = new_inode(sb, S_IFIFO | 0o600);
  const p = alloc_pipe_info();
  p.readers = 1; p.writers = 1; p.r_counter = 1; p.w_counter = 1;
  inode.i_pipe = p;
  inode.i_fop = pipefifo_fops;
  const root = sb.s_root;
  const mk = (mode: number, acc: number): file => ({
    f_path: { mnt: pipeState().mnt as mount, dentry: root }, f_inode: inode, f_op: pipefifo_fops, f_flags: acc | (flags & O_NONBLOCK),
    f_mode: mode, f_pos: 0, f_count: 1, private_data: null, f_name: `pipe:[${inode.i_ino}]`,
  });
  const rfd = alloc_fd(0, flags);
  if (rfd < 0) return rfd;
  const wfd = alloc_fd(0, flags);
  if (wfd < 0) { put_unused_fd(rfd); return wfd; }
  fd_install(rfd, mk(FMODE_READ, O_RDONLY));
  fd_install(wfd, mk(FMODE_WRITE, O_WRONLY));
  return [rfd, wfd];
}

export const initcalls: initcall_entry[] = [['fs', 'init_pipe_fs', init_pipe_fs, 90_000]];
