// Models linux/drivers/tty/tty_io.c and tty_jobctrl.c: tty devices, their file operations, controlling terminals and /dev/tty, /dev/console.
import type { tty_struct, tty_operations } from '../../include/linux/tty.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV, MINOR, MAJOR } from '../../include/linux/fs_types.ts';
import { EAGAIN, EFAULT, EINVAL, EIO, ENOTTY, ENXIO, EPERM, ESRCH } from '../../include/uapi/asm-generic/errno.ts';
import { O_NOCTTY, O_NONBLOCK } from '../../include/uapi/stat.ts';
import { copy_from_user, copy_to_user, get_user_u32, put_user_u32 } from '../../mm/uaccess.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import { n_tty_process_output, n_tty_readable, n_tty_take, n_tty_chars_in_buffer, n_tty_receive_buf } from './n_tty.ts';
import {
  tty_std_termios, encode_termios, decode_termios, TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ,
  TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, FIONREAD, TIOCGSID, TCFLSH, TIOCOUTQ, FIONBIO,
} from './termios.ts';
import { register_chrdev_region, cdev_init, cdev_add } from '../../fs/char_dev.ts';
import { kill_pgrp } from '../../kernel/signal.ts';
import { SIGWINCH, SIGHUP, SIGCONT } from '../../include/uapi/signal.ts';
import { ENOIOCTLCMD } from '../../include/uapi/asm-generic/errno.ts';

export const TTYAUX_MAJOR = 5;
export const POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLRDNORM = 0x40, POLLWRNORM = 0x100;

/** A tty driver's type and subtype as /proc/tty/drivers names them (TTY_DRIVER_TYPE_* with its subtype). */
export type tty_driver_type = 'console' | 'serial' | 'pty:master' | 'pty:slave';

/** What the tty_drivers list keeps of a struct tty_driver: the fields /proc/tty/drivers prints. */
export interface tty_driver {
  /** driver_name, null where the driver sets none (the VT's console driver: "unknown"). */
  driver_name: string | null;
  name: string;
  major: number;
  minor_start: number;
  num: number;
  type: tty_driver_type;
}

interface TtyState {
  /** Every tty by device number. */
  ttys: Map<number, tty_struct>;
  /** The tty behind /dev/console (console=ttyS0). */
  console: tty_struct | null;
  /** tty_drivers: the registered drivers, newest first (tty_register_driver's list_add). */
  drivers: tty_driver[];
}

const ttyState = defineState<TtyState>('tty', () => ({ ttys: new Map(), console: null, drivers: [] }));

/** The registered tty drivers, newest first, as /proc/tty/drivers walks them. */
export function tty_drivers(): readonly tty_driver[] {
  return ttyState().drivers;
}

/** tty_register_driver's list_add(&driver->tty_drivers, &tty_drivers), for a driver that registered its numbers itself. */
export function tty_driver_list_add(driver: tty_driver): void {
  ttyState().drivers.unshift(driver);
}

export function alloc_tty_struct(name: string, index: number, driver_name: string, ops: tty_operations): tty_struct {
  return {
    name, index, driver_name, ops,
    termios: tty_std_termios(),
    winsize: { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 },
    pgrp: 0, session: 0,
    read_wait: new wait_queue_head('tty_read_wait'),
    write_wait: new wait_queue_head('tty_write_wait'),
    ldisc: { read_buf: [], line: [], canon_ready: 0, eof_pending: 0, column: 0 },
    count: 0,
    hangup: false,
  };
}

/** Registers a tty at a device number, reachable by tty_open. */
export function tty_register(dev: number, tty: tty_struct): void {
  ttyState().ttys.set(dev, tty);
}

export function tty_unregister(dev: number): void {
  ttyState().ttys.delete(dev);
}

export function tty_lookup(dev: number): tty_struct | undefined {
  return ttyState().ttys.get(dev);
}

export function set_console_tty(tty: tty_struct): void {
  ttyState().console = tty;
}

export function console_tty(): tty_struct | null {
  return ttyState().console;
}

/** Input arriving from the device side (keyboard, UART, pty master). */
export function tty_receive(tty: tty_struct, data: Uint8Array): void {
  n_tty_receive_buf(tty, data);
}

/** Resizes the terminal and tells its foreground process group (SIGWINCH). */
export function tty_do_resize(tty: tty_struct, rows: number, cols: number): void {
  if (tty.winsize.ws_row === rows && tty.winsize.ws_col === cols) return;
  tty.winsize = { ...tty.winsize, ws_row: rows, ws_col: cols };
  if (tty.pgrp > 0) kill_pgrp(SIGWINCH, tty.pgrp);
}

/** Hangs up a tty: its session gets SIGHUP and SIGCONT, and reads return 0 (tty_vhangup). */
export function tty_hangup(tty: tty_struct): void {
  tty.hangup = true;
  if (tty.session > 0) for (const t of runqueue().tasks.values()) {
    if (t.signal.session === tty.session && t === t.group_leader) { kill_pgrp(SIGHUP, t.signal.pgrp); kill_pgrp(SIGCONT, t.signal.pgrp); }
  }
  wake_up_interruptible_all(tty.read_wait);
}

function file_tty(f: file): tty_struct {
  return f.private_data as tty_struct;
}

/** Makes `tty` the controlling terminal of the current session leader (__proc_set_tty). */
function proc_set_tty(tty: tty_struct): void {
  const t = current();
  tty.session = t.signal.session;
  tty.pgrp = t.signal.pgrp;
  for (const x of runqueue().tasks.values()) if (x.signal.session === t.signal.session) x.signal.tty = tty;
  t.signal.tty = tty;
}

export const tty_fops: file_operations = {
  open: function* (inode, file) {
    const dev = inode.i_rdev;
    let tty: tty_struct | null | undefined;
    let noctty = (file.f_flags & O_NOCTTY) !== 0;
    if (dev === MKDEV(TTYAUX_MAJOR, 0)) {
      tty = current().signal.tty;
      if (!tty) return -ENXIO;
      noctty = true;
    } else if (dev === MKDEV(TTYAUX_MAJOR, 1)) {
      tty = ttyState().console;
      noctty = true;
    } else tty = ttyState().ttys.get(dev);
    if (!tty) return -ENXIO;
    tty.count++;
    file.private_data = tty;
    const t = current();
    if (!noctty && t.signal.leader && !t.signal.tty && tty.session === 0) proc_set_tty(tty);
    return 0;
  },
  read: function* (file, buf, count) {
    const tty = file_tty(file);
    if (!n_tty_readable(tty)) {
      if (tty.hangup) return 0;
      if (file.f_flags & O_NONBLOCK) return -EAGAIN;
      const r = yield* wait_event_interruptible(tty.read_wait, () => n_tty_readable(tty) || tty.hangup, 'n_tty_read');
      if (r) return r;
      if (!n_tty_readable(tty)) return 0;
    }
    const bytes = n_tty_take(tty, count);
    if (copy_to_user(buf, Uint8Array.from(bytes))) return -EFAULT;
    return bytes.length;
  },
  write: function* (file, buf, count) {
    const tty = file_tty(file);
    if (tty.hangup) return -EIO;
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    tty.ops.write(tty, n_tty_process_output(tty, data));
    return count;
  },
  poll: function* (file, wait) {
    const tty = file_tty(file);
    wait.qproc?.(file, tty.read_wait);
    let mask = POLLOUT | POLLWRNORM;
    if (n_tty_readable(tty)) mask |= POLLIN | POLLRDNORM;
    if (tty.hangup) mask |= POLLHUP;
    return mask;
  },
  unlocked_ioctl: function* (file, cmd, arg) {
    const tty = file_tty(file);
    const t = current();
    switch (cmd >>> 0) {
      case TCGETS: return copy_to_user(arg, encode_termios(tty.termios)) ? -EFAULT : 0;
      case TCSETS: case TCSETSW: case TCSETSF: {
        const b = copy_from_user(arg, 60);
        if (!b) return -EFAULT;
        tty.termios = decode_termios(b);
        if (cmd === TCSETSF) { tty.ldisc.read_buf = []; tty.ldisc.line = []; tty.ldisc.canon_ready = 0; }
        return 0;
      }
      case TCFLSH: tty.ldisc.read_buf = []; tty.ldisc.line = []; tty.ldisc.canon_ready = 0; return 0;
      case TIOCGWINSZ: {
        const b = new Uint8Array(8);
        const dv = new DataView(b.buffer);
        dv.setUint16(0, tty.winsize.ws_row, true); dv.setUint16(2, tty.winsize.ws_col, true);
        dv.setUint16(4, tty.winsize.ws_xpixel, true); dv.setUint16(6, tty.winsize.ws_ypixel, true);
        return copy_to_user(arg, b) ? -EFAULT : 0;
      }
      case TIOCSWINSZ: {
        const b = copy_from_user(arg, 8);
        if (!b) return -EFAULT;
        const dv = new DataView(b.buffer);
        tty_do_resize(tty, dv.getUint16(0, true), dv.getUint16(2, true));
        return 0;
      }
      case TIOCGPGRP: {
        if (t.signal.tty !== tty) return -ENOTTY;
        return put_user_u32(arg, tty.pgrp);
      }
      case TIOCSPGRP: {
        if (t.signal.tty !== tty || t.signal.session !== tty.session) return -ENOTTY;
        const pgrp = get_user_u32(arg);
        if (pgrp === null) return -EFAULT;
        if ((pgrp | 0) < 0) return -EINVAL;
        const exists = [...runqueue().tasks.values()].some((x) => x.signal.pgrp === pgrp && x.signal.session === tty.session);
        if (!exists) return -ESRCH;
        tty.pgrp = pgrp;
        return 0;
      }
      case TIOCGSID: {
        if (t.signal.tty !== tty || tty.session === 0) return -ENOTTY;
        return put_user_u32(arg, tty.session);
      }
      case TIOCSCTTY: {
        if (!t.signal.leader) return -EPERM;
        if (t.signal.tty === tty) return 0;
        if (tty.session && tty.session !== t.signal.session && !(arg === 1 && t.cred.euid === 0)) return -EPERM;
        proc_set_tty(tty);
        return 0;
      }
      case TIOCNOTTY: {
        if (t.signal.tty !== tty) return -ENOTTY;
        t.signal.tty = null;
        return 0;
      }
      case FIONREAD: return put_user_u32(arg, n_tty_chars_in_buffer(tty));
      case TIOCOUTQ: return put_user_u32(arg, 0);
      case FIONBIO: return 0;
      default: return -ENOIOCTLCMD;
    }
  },
  release: function* (_inode, file) {
    const tty = file_tty(file);
    tty.count--;
    return 0;
  },
};

/** /dev/tty (5:0) and /dev/console (5:1) plus ttyS (4:64..) device numbers (tty_init). */
export function tty_init(): number {
  register_chrdev_region(MKDEV(TTYAUX_MAJOR, 0), 1, '/dev/tty');
  register_chrdev_region(MKDEV(TTYAUX_MAJOR, 1), 1, '/dev/console');
  const aux = cdev_init(tty_fops);
  cdev_add(aux, MKDEV(TTYAUX_MAJOR, 0), 2);
  return 0;
}

/** Registers a tty driver's device numbers, a cdev that opens its ttys, and the driver on tty_drivers (tty_register_driver). */
export function tty_register_driver(driver: tty_driver): number {
  const { name, major, minor_start, num } = driver;
  const r = register_chrdev_region(MKDEV(major, minor_start), num, name);
  if (r) return r;
  cdev_add(cdev_init(tty_fops), MKDEV(major, minor_start), num);
  tty_driver_list_add(driver);
  return 0;
}

export { MINOR, MAJOR, EINVAL };
