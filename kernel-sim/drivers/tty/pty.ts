// Models linux/drivers/tty/pty.c: Unix98 pseudo-terminals: /dev/ptmx (5:2) hands out a master, /dev/pts/N (136:N) is its slave tty with the n_tty line discipline.
//
// What the slave writes (after output processing) is what the master reads;
// what the master writes is input to the slave (echo, line editing, ^C to the
// foreground process group). Closing the master hangs up the slave. A master
// can also live in the kernel (the workbench's terminal views): its output
// goes to a host listener instead of a reader.
import type { tty_struct } from '../../include/linux/tty.ts';
import type { file, file_operations, inode } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { EAGAIN, EFAULT, EINVAL, EIO, ENOSPC } from '../../include/uapi/asm-generic/errno.ts';
import { ENOIOCTLCMD } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK, O_RDWR } from '../../include/uapi/stat.ts';
import { copy_from_user, copy_to_user, put_user_u32 } from '../../mm/uaccess.ts';
import { defineState } from '../../kernel/state.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import { register_chrdev_region, cdev_init, cdev_add } from '../../fs/char_dev.ts';
import { alloc_tty_struct, tty_register, tty_unregister, tty_receive, tty_hangup, tty_do_resize, tty_fops, tty_driver_list_add, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, POLLHUP } from './tty_io.ts';
import { TIOCGPTN, TIOCSPTLCK, TIOCGWINSZ, TIOCSWINSZ } from './termios.ts';
import { devpts_pty_new, devpts_pty_kill, UNIX98_PTY_SLAVE_MAJOR } from '../../fs/devpts/inode.ts';
import { devtmpfs_create_node } from '../base/devtmpfs.ts';
import { kernel_clone, CLONE_FS } from '../../kernel/fork.ts';
import { do_execveat } from '../../fs/exec.ts';
import { vfs_open } from '../../fs/open.ts';
import { new_inode } from '../../fs/inode.ts';
import { init_special_inode } from '../../fs/special_inode.ts';
import { anon_inode_sb } from '../../fs/anon_inodes.ts';
import type { dentry } from '../../include/linux/fs_types.ts';
import { S_IFCHR } from '../../include/uapi/stat.ts';
import { copy_fs_struct } from '../../fs/file.ts';
import { user_path_at, LOOKUP_FOLLOW } from '../../fs/namei.ts';
import { SIGCHLD } from '../../include/uapi/signal.ts';

/** CONFIG_UNIX98_PTYS: /proc/sys/kernel/pty/max defaults to 4096. */
export const NR_UNIX98_PTY_MAX = 4096;

export interface pty_pair {
  index: number;
  slave: tty_struct;
  /** Slave output not yet read by the master. */
  buf: number[];
  master_wait: wait_queue_head;
  locked: boolean;
  closed: boolean;
  /** An in-kernel master's reader (the host terminal view). */
  listener: ((data: Uint8Array) => void) | null;
}

interface PtyState { pairs: Map<number, pty_pair> }
const ptyState = defineState<PtyState>('pty', () => ({ pairs: new Map() }));

/** Allocates a master/slave pair and its /dev/pts node (ptmx_open's tty_init_dev + devpts_pty_new). */
export function pty_alloc(): pty_pair | number {
  const s = ptyState();
  let index = 0;
  while (s.pairs.has(index)) index++;
  if (index >= NR_UNIX98_PTY_MAX) return -ENOSPC;
  const pair: pty_pair = {
    index, slave: null as unknown as tty_struct, buf: [], master_wait: new wait_queue_head('pty_master_read'),
    locked: true, closed: false, listener: null,
  };
  pair.slave = alloc_tty_struct(`pts/${index}`, index, 'pty_slave', {
    // pty_write: slave output becomes master input.
    write: (_tty, data) => {
      if (pair.closed) return 0;
      if (pair.listener) pair.listener(data);
      else { for (const b of data) pair.buf.push(b); wake_up_interruptible_all(pair.master_wait); }
      return data.length;
    },
  });
  s.pairs.set(index, pair);
  tty_register(MKDEV(UNIX98_PTY_SLAVE_MAJOR, index), pair.slave);
  devpts_pty_new(index);
  return pair;
}

/** Bytes written to the master: input to the slave's line discipline. */
export function pty_master_write(pair: pty_pair, data: Uint8Array): void {
  if (!pair.closed) tty_receive(pair.slave, data);
}

/** The master's last close: the slave hangs up (SIGHUP to its session), the node goes away. */
export function pty_master_close(pair: pty_pair): void {
  if (pair.closed) return;
  pair.closed = true;
  tty_hangup(pair.slave);
  tty_unregister(MKDEV(UNIX98_PTY_SLAVE_MAJOR, pair.index));
  devpts_pty_kill(pair.index);
  ptyState().pairs.delete(pair.index);
  wake_up_interruptible_all(pair.master_wait);
}

export function pty_lookup(index: number): pty_pair | undefined {
  return ptyState().pairs.get(index);
}

const pair_of = (f: file) => f.private_data as pty_pair;

/** The master side's file operations (ptm_unix98_ops behind /dev/ptmx). */
export const ptm_fops: file_operations = {
  read: function* (file, buf, count): KGen<number> {
    const pair = pair_of(file);
    if (!pair.buf.length) {
      if (pair.closed) return -EIO;
      if (file.f_flags & O_NONBLOCK) return -EAGAIN;
      const r = yield* wait_event_interruptible(pair.master_wait, () => pair.buf.length > 0 || pair.closed, 'pty_master_read');
      if (r) return r;
      if (!pair.buf.length) return -EIO;
    }
    const bytes = pair.buf.splice(0, Math.min(count, pair.buf.length));
    if (copy_to_user(buf, Uint8Array.from(bytes))) return -EFAULT;
    return bytes.length;
  },
  write: function* (file, buf, count): KGen<number> {
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    pty_master_write(pair_of(file), data);
    return count;
  },
  poll: function* (file, wait): KGen<number> {
    const pair = pair_of(file);
    wait.qproc?.(file, pair.master_wait);
    let mask = POLLOUT | POLLWRNORM;
    if (pair.buf.length) mask |= POLLIN | POLLRDNORM;
    if (pair.closed) mask |= POLLHUP;
    return mask;
  },
  unlocked_ioctl: function* (file, cmd, arg): KGen<number> {
    const pair = pair_of(file);
    switch (cmd >>> 0) {
      case TIOCGPTN: return put_user_u32(arg, pair.index);
      case TIOCSPTLCK: {
        const b = copy_from_user(arg, 4);
        if (!b) return -EFAULT;
        pair.locked = new DataView(b.buffer, b.byteOffset).getInt32(0, true) !== 0;
        return 0;
      }
      // Window size ioctls on the master act on the pair (the slave's winsize).
      case TIOCGWINSZ: case TIOCSWINSZ: {
        const f = { ...file, private_data: pair.slave } as file;
        return yield* tty_fops.unlocked_ioctl!(f, cmd, arg);
      }
      default: return -ENOIOCTLCMD;
    }
  },
  release: function* (_inode, file): KGen<number> {
    pty_master_close(pair_of(file));
    return 0;
  },
};

/** ptmx_open: a new pair; the file becomes its master. */
const ptmx_fops: file_operations = {
  open: function* (_inode: inode, file: file): KGen<number> {
    const pair = pty_alloc();
    if (typeof pair === 'number') return pair;
    file.private_data = pair;
    file.f_op = ptm_fops;
    return 0;
  },
};

/**
 * Starts a login shell in a new session on the slave, as a terminal emulator's
 * child does: setsid, open /dev/pts/N (it becomes the controlling terminal),
 * dup it to 0, 1 and 2, exec the shell.
 */
export function pty_spawn_session(pair: pty_pair, path: string, argv: string[], envp: string[], cwd = '/root'): task_struct | number {
  const rq = runqueue();
  const kthreadd = rq.tasks.get(2);
  const prev = rq.curr;
  if (kthreadd) rq.curr = kthreadd;
  pair.locked = false;
  try {
    const pid = kernel_clone({
      flags: CLONE_FS, exit_signal: SIGCHLD, name: 'kworker/u4:2',
      fn: function* (): KGen<number> {
        const t = current();
        t.fs = copy_fs_struct(t.fs);
        const dir = user_path_at(-100, cwd, LOOKUP_FOLLOW);
        if (typeof dir !== 'number') t.fs.pwd = dir;
        // setsid()
        t.signal.leader = true;
        t.signal.session = t.pid;
        t.signal.pgrp = t.pid;
        t.signal.tty = null;
        const f = yield* pty_open_peer(pair);
        if (typeof f === 'number') return f;
        t.files.fd = [f, f, f];
        f.f_count += 2;
        return yield* do_execveat(path, argv, envp);
      },
    });
    if (pid < 0) return pid;
    return rq.tasks.get(pid)!;
  } finally {
    rq.curr = prev;
  }
}

/**
 * The slave of a pair whose master the kernel holds for the host (a workbench terminal, `kwb run`), opened without a
 * path, as TIOCGPTPEER opens a master's peer: its device inode (136:N) goes through chrdev_open and tty_open exactly
 * as an open of /dev/pts/N would (the caller's controlling tty included). So these terminals need no devpts mounted,
 * and the guest's mounts stay what its init made (the reference system's mounts none); /proc/PID/fd names the file
 * /dev/pts/N, where a guest that mounts devpts finds the same slave.
 */
export function* pty_open_peer(pair: pty_pair, flags = O_RDWR): KGen<file | number> {
  const sb = anon_inode_sb();
  if (!sb) return -EIO;
  const ino = new_inode(sb, S_IFCHR | 0o620);
  init_special_inode(ino, S_IFCHR | 0o620, MKDEV(UNIX98_PTY_SLAVE_MAJOR, pair.index));
  const name = `/dev/pts/${pair.index}`;
  const d: dentry = { d_name: name, d_parent: sb.s_root, d_inode: ino, d_subdirs: new Map(), d_sb: sb, d_mounted: 0, d_unhashed: true };
  const f = yield* vfs_open({ mnt: null as never, dentry: d }, flags);
  if (typeof f !== 'number') f.f_name = name;
  return f;
}

/** Resizes a pair's terminal (the host view was resized): SIGWINCH to its foreground group. */
export function pty_resize(pair: pty_pair, rows: number, cols: number): void {
  tty_do_resize(pair.slave, rows, cols);
}

/** UNIX98_PTY_MASTER_MAJOR: the ptm driver's major; masters are only ever reached through /dev/ptmx. */
export const UNIX98_PTY_MASTER_MAJOR = 128;

/**
 * pty_init / unix98_pty_init: the ptm driver's region (major 128, a whole major of minors, with no cdev: as a
 * TTY_DRIVER_DYNAMIC_ALLOC driver it opens only through ptmx, so 128:N gives ENXIO), the slave major 136 and
 * /dev/ptmx (5:2).
 */
export function unix98_pty_init(): number {
  let r = register_chrdev_region(MKDEV(UNIX98_PTY_MASTER_MAJOR, 0), 1 << 20, 'ptm');
  if (r) return r;
  r = register_chrdev_region(MKDEV(5, 2), 1, '/dev/ptmx');
  if (r) return r;
  cdev_add(cdev_init(ptmx_fops), MKDEV(5, 2), 1);
  r = register_chrdev_region(MKDEV(UNIX98_PTY_SLAVE_MAJOR, 0), 256, 'pts');
  if (r) return r;
  cdev_add(cdev_init(tty_fops), MKDEV(UNIX98_PTY_SLAVE_MAJOR, 0), 256);
  devtmpfs_create_node('ptmx', 0o666, MKDEV(5, 2), 0, 5);
  // Both drivers go on tty_drivers (ptm first) with 6.1's NR_UNIX98_PTY_MAX, 1 << MINORBITS, lines each (the
  // slave major's cdev covers 256 of them here; the sysctl limit above is NR_UNIX98_PTY_DEFAULT's 4096).
  const lines = 1 << 20;
  tty_driver_list_add({ driver_name: 'pty_master', name: 'ptm', major: UNIX98_PTY_MASTER_MAJOR, minor_start: 0, num: lines, type: 'pty:master' });
  tty_driver_list_add({ driver_name: 'pty_slave', name: 'pts', major: UNIX98_PTY_SLAVE_MAJOR, minor_start: 0, num: lines, type: 'pty:slave' });
  return 0;
}

export { EINVAL };
