// Models linux/drivers/input/evdev.c: /dev/input/eventN for every input device — struct input_event reads with a per-client ring, poll, write (injection) and the EVIOC* ioctls.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { EAGAIN, EBUSY, EFAULT, EINVAL, ENODEV, ENOTTY } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK } from '../../include/uapi/stat.ts';
import { INPUT_EVENT_CODES as C } from '../../include/uapi/linux/input-event-codes.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible } from '../../kernel/sched/wait.ts';
import { current } from '../../kernel/sched/core.ts';
import { ktime_get, ktime_get_real, NSEC_PER_SEC } from '../../kernel/time/timekeeping.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import type { device } from '../base/base.ts';
import { run_sync } from '../base/sync.ts';
import { dev_set_name, device_add, device_alloc, device_del, device_initialize, put_device } from '../base/core.ts';
import {
  ev_bitmap, EV_VERSION, INPUT_MAJOR, input_class, input_claim_minor, input_close_device, input_free_minor, input_get_new_minor,
  input_grab_device, input_inject_event, input_open_device, input_register_handle, input_register_handler, input_release_device,
  input_unregister_handle, type input_dev, type input_handle, type input_handler, type input_value,
} from './input.ts';
import {
  EVIOCGID, EVIOCGRAB, EVIOCGREP, EVIOCGVERSION, EVIOCREVOKE, EVIOCSCLOCKID, EVIOCSREP, _IOC_DIRSHIFT, _IOC_NRMASK, _IOC_READ, _IOC_SIZEMASK, _IOC_SIZESHIFT,
} from '../../include/uapi/linux/input.ts';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, POLLERR, POLLHUP } from '../tty/tty_io.ts';

export const EVDEV_MINOR_BASE = 64;
export const EVDEV_MINORS = 32;
const EVDEV_MIN_BUFFER_SIZE = 64;
const EVDEV_BUF_PACKETS = 8;

/** struct input_event on x86_64: struct timeval (two longs), type, code, value = 24 bytes; a 32-bit (wasm32) caller gets the compat 16. */
export const input_event_size = (compat: boolean): number => (compat ? 16 : 24);
/** in_compat_syscall(): C programs built for wasm32 are ILP32, as 32-bit programs on a 64-bit kernel. */
const in_compat_syscall = (): boolean => current().mm?.kind === 'wasm';

export interface timed_event extends input_value { sec: number; usec: number }

export function encode_input_event(e: timed_event, compat: boolean): Uint8Array {
  const b = new Uint8Array(input_event_size(compat));
  const v = new DataView(b.buffer);
  if (compat) { v.setUint32(0, e.sec, true); v.setUint32(4, e.usec, true); } else { v.setBigInt64(0, BigInt(e.sec), true); v.setBigInt64(8, BigInt(e.usec), true); }
  const o = compat ? 8 : 16;
  v.setUint16(o, e.type, true); v.setUint16(o + 2, e.code, true); v.setInt32(o + 4, e.value, true);
  return b;
}

const EV_CLK_REAL = 0, EV_CLK_MONO = 1, EV_CLK_BOOT = 2;
const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;

interface evdev_client {
  buffer: timed_event[];
  bufsize: number;
  /** Events up to packet_head are complete packets (a SYN_REPORT seen): what read() may return. */
  packet_head: number;
  clk_type: number;
  revoked: boolean;
  evdev: evdev;
}

interface evdev {
  open: number;
  handle: input_handle;
  wait: wait_queue_head;
  grab: evdev_client | null;
  client_list: evdev_client[];
  exist: boolean;
  dev: device;
  minor: number;
}

/** evdev_compute_buffer_size(): room for 8 packets of the device's hinted size, a power of two, at least 64. */
function evdev_compute_buffer_size(d: input_dev): number {
  const n = Math.max(d.hint_events_per_packet * EVDEV_BUF_PACKETS, EVDEV_MIN_BUFFER_SIZE);
  return 2 ** Math.ceil(Math.log2(n));
}

/** __pass_event(): a full ring drops everything queued and leaves a SYN_DROPPED in its place. */
function __pass_event(client: evdev_client, e: timed_event): void {
  client.buffer.push(e);
  if (client.buffer.length >= client.bufsize) {
    client.buffer = [{ ...e, type: C.EV_SYN, code: C.SYN_DROPPED, value: 0 }];
    client.packet_head = 0;
  }
  if (e.type === C.EV_SYN && e.code === C.SYN_REPORT) client.packet_head = client.buffer.length;
}

/** evdev_events(): stamps the packet with the client's clock and queues it; readers wake at the end of a packet. */
function evdev_events(handle: input_handle, vals: readonly input_value[]): void {
  const ev = handle.private as evdev;
  const real = handle.dev.timestamp || ktime_get_real();
  const mono = ktime_get() - (ktime_get_real() - real);
  const clients = ev.grab ? [ev.grab] : ev.client_list;
  let wakeup = false;
  for (const client of clients) {
    if (client.revoked) continue;
    const ns = client.clk_type === EV_CLK_REAL ? real : mono;
    const sec = Math.floor(ns / NSEC_PER_SEC), usec = Math.floor((ns % NSEC_PER_SEC) / 1000);
    for (const v of vals) {
      __pass_event(client, { ...v, sec, usec });
      if (v.type === C.EV_SYN && v.code === C.SYN_REPORT) wakeup = true;
    }
  }
  if (wakeup) wake_up_interruptible(ev.wait);
}

// ---- the file ----------------------------------------------------------------

const client_of = (f: file): evdev_client => f.private_data as evdev_client;

function* evdev_read(f: file, buf: number, count: number): KGen<number> {
  const client = client_of(f);
  const ev = client.evdev;
  const compat = in_compat_syscall();
  const size = input_event_size(compat);
  if (count !== 0 && count < size) return -EINVAL;
  for (;;) {
    if (!ev.exist || client.revoked) return -ENODEV;
    if (client.packet_head === 0 && f.f_flags & O_NONBLOCK) return -EAGAIN;
    if (count === 0) return 0;
    let read = 0;
    while (read + size <= count && client.packet_head > 0) {
      const e = client.buffer.shift()!;
      client.packet_head--;
      if (copy_to_user(buf + read, encode_input_event(e, compat))) return -EFAULT;
      read += size;
    }
    if (read) return read;
    if (!(f.f_flags & O_NONBLOCK)) {
      const r = yield* wait_event_interruptible(ev.wait, () => client.packet_head > 0 || !ev.exist || client.revoked, 'evdev_read');
      if (r) return r;
    }
  }
}

/** evdev_write(): events written by user space are injected into the device (LEDs, for one). */
function* evdev_write(f: file, buf: number, count: number): KGen<number> {
  const client = client_of(f);
  const ev = client.evdev;
  const size = input_event_size(in_compat_syscall());
  if (count !== 0 && count < size) return -EINVAL;
  if (!ev.exist || client.revoked) return -ENODEV;
  let done = 0;
  while (done + size <= count) {
    const b = copy_from_user(buf + done, size);
    if (!b) return -EFAULT;
    const v = new DataView(b.buffer, b.byteOffset);
    const o = size - 8;
    input_inject_event(ev.handle, v.getUint16(o, true), v.getUint16(o + 2, true), v.getInt32(o + 4, true));
    done += size;
  }
  return done;
}

function* evdev_poll(f: file, wait: { qproc: ((f: file, wq: wait_queue_head) => void) | null }): KGen<number> {
  const client = client_of(f);
  const ev = client.evdev;
  wait.qproc?.(f, ev.wait);
  let mask = ev.exist && !client.revoked ? POLLOUT | POLLWRNORM : POLLHUP | POLLERR;
  if (client.packet_head > 0) mask |= POLLIN | POLLRDNORM;
  return mask;
}

// ---- ioctls ---------------------------------------------------------------------

/** bits_to_user(): the bitmap as longs (byte for byte the same on little-endian), at most `maxlen` bytes; returns the length. */
function bits_to_user(bm: Uint8Array, p: number, maxlen: number): number {
  const len = Math.min(Math.ceil(bm.length / 64) * 8, maxlen);
  const out = new Uint8Array(len);
  for (let i = 0; i < Math.min(bm.length, len * 8); i++) if (bm[i]) out[i >> 3]! |= 1 << (i & 7);
  return copy_to_user(p, out) ? -EFAULT : len;
}

/** str_to_user(): the string with its NUL, cut to `maxlen`; returns the length copied. */
function str_to_user(s: string | null, p: number, maxlen: number): number {
  if (s === null) return -ENOENT_ioctl;
  const b = new TextEncoder().encode(`${s}\0`);
  const len = Math.min(b.length, maxlen);
  return copy_to_user(p, b.subarray(0, len)) ? -EFAULT : len;
}
const ENOENT_ioctl = 2;

function put_ints(p: number, vals: number[]): number {
  const b = new Uint8Array(vals.length * 4);
  const v = new DataView(b.buffer);
  vals.forEach((x, i) => v.setInt32(i * 4, x, true));
  return copy_to_user(p, b) ? -EFAULT : 0;
}

function get_int(p: number): number | null {
  const b = copy_from_user(p, 4);
  return b ? new DataView(b.buffer, b.byteOffset).getInt32(0, true) : null;
}

function evdev_grab(ev: evdev, client: evdev_client): number {
  if (ev.grab) return -EBUSY;
  const r = input_grab_device(ev.handle);
  if (r) return r;
  ev.grab = client;
  return 0;
}

function evdev_ungrab(ev: evdev, client: evdev_client): number {
  if (ev.grab !== client) return -EINVAL;
  ev.grab = null;
  input_release_device(ev.handle);
  return 0;
}

/** evdev_do_ioctl(): the fixed-size commands first, then the variable-length ones decoded by nr and size. */
function evdev_do_ioctl(f: file, cmd: number, p: number): number {
  const client = client_of(f);
  const ev = client.evdev;
  const d = ev.handle.dev;
  if (!ev.exist || client.revoked) return -ENODEV;
  switch (cmd) {
    case EVIOCGVERSION: return put_ints(p, [EV_VERSION]);
    case EVIOCGID: {
      const b = new Uint8Array(8);
      const v = new DataView(b.buffer);
      [d.id.bustype, d.id.vendor, d.id.product, d.id.version].forEach((x, i) => v.setUint16(i * 2, x, true));
      return copy_to_user(p, b) ? -EFAULT : 0;
    }
    case EVIOCGREP: return d.bits.ev[C.EV_REP] ? put_ints(p, d.rep) : -ENOSYS_ioctl;
    case EVIOCSREP: {
      if (!d.bits.ev[C.EV_REP]) return -ENOSYS_ioctl;
      const delay = get_int(p), period = get_int(p + 4);
      if (delay === null || period === null) return -EFAULT;
      input_inject_event(ev.handle, C.EV_REP, C.REP_DELAY, delay);
      input_inject_event(ev.handle, C.EV_REP, C.REP_PERIOD, period);
      return 0;
    }
    case EVIOCGRAB: return p ? evdev_grab(ev, client) : evdev_ungrab(ev, client);
    case EVIOCREVOKE:
      if (p) return -EINVAL;
      client.revoked = true;
      evdev_ungrab(ev, client);
      wake_up_interruptible(ev.wait);
      return 0;
    case EVIOCSCLOCKID: {
      const id = get_int(p);
      if (id === null) return -EFAULT;
      const clk = { [CLOCK_REALTIME]: EV_CLK_REAL, [CLOCK_MONOTONIC]: EV_CLK_MONO, [CLOCK_BOOTTIME]: EV_CLK_BOOT }[id];
      if (clk === undefined) return -EINVAL;
      client.clk_type = clk;
      client.buffer = []; client.packet_head = 0;
      return 0;
    }
  }
  const size = (cmd >>> _IOC_SIZESHIFT) & _IOC_SIZEMASK;
  const nr = cmd & _IOC_NRMASK;
  if (((cmd >>> 8) & 0xff) !== 0x45 || ((cmd >>> _IOC_DIRSHIFT) & 3) !== _IOC_READ) return -ENOTTY;
  switch (nr) {
    case 0x06: return str_to_user(d.name, p, size);
    case 0x07: return str_to_user(d.phys, p, size);
    case 0x08: return str_to_user(d.uniq, p, size);
    case 0x09: return bits_to_user(d.bits.prop, p, size);
    case 0x18: return bits_to_user(d.key, p, size);
    case 0x19: return bits_to_user(d.led, p, size);
    case 0x1a: return bits_to_user(d.snd, p, size);
    case 0x1b: return bits_to_user(d.sw, p, size);
  }
  if (nr >= 0x20 && nr < 0x20 + C.EV_MAX + 1) {
    const type = nr - 0x20;
    const name = ev_bitmap(type);
    const bm = type === 0 ? d.bits.ev : name ? d.bits[name] : null;
    return bm ? bits_to_user(bm, p, size) : -EINVAL;
  }
  if (nr >= 0x40 && nr < 0x40 + C.ABS_CNT) {
    const ai = d.absinfo?.[nr - 0x40];
    if (!ai || !d.bits.abs[nr - 0x40]) return -EINVAL;
    const vals = [ai.value, ai.minimum, ai.maximum, ai.fuzz, ai.flat, ai.resolution];
    return put_ints(p, vals.slice(0, Math.min(6, Math.floor(size / 4))));
  }
  return -EINVAL;
}
const ENOSYS_ioctl = 38;

const evdev_fops: file_operations = {
  read: (f, buf, count) => evdev_read(f, buf, count),
  write: (f, buf, count) => evdev_write(f, buf, count),
  poll: evdev_poll,
  unlocked_ioctl: function* (f, cmd, arg) { return evdev_do_ioctl(f, cmd >>> 0, arg); },
  release: function* (_inode, f) {
    const client = client_of(f);
    const ev = client.evdev;
    evdev_ungrab(ev, client);
    ev.client_list = ev.client_list.filter((c) => c !== client);
    if (--ev.open === 0 && ev.exist) input_close_device(ev.handle);
    return 0;
  },
};

/** evdev_open(): a client with its own ring; the first client opens the device. */
function evdev_open_for(ev: evdev) {
  return function* evdev_open(_inode: unknown, f: file): KGen<number> {
    if (!ev.exist) return -ENODEV;
    const client: evdev_client = { buffer: [], bufsize: evdev_compute_buffer_size(ev.handle.dev), packet_head: 0, clk_type: EV_CLK_REAL, revoked: false, evdev: ev };
    if (ev.open++ === 0) {
      const r = yield* input_open_device(ev.handle);
      if (r) { ev.open--; return r; }
    }
    ev.client_list.push(client);
    f.private_data = client;
    f.f_op = evdev_fops;
    return 0;
  };
}

/** evdev_connect(): eventN (legacy minors 64..95, then dynamic) under the input device, with its /dev/input node. */
function* evdev_connect(handler: input_handler, d: input_dev): KGen<number> {
  const minor = input_get_new_minor(EVDEV_MINOR_BASE, EVDEV_MINORS, true);
  if (minor < 0) return minor;
  const no = minor < EVDEV_MINOR_BASE + EVDEV_MINORS ? minor - EVDEV_MINOR_BASE : minor;
  const ev = { open: 0, wait: new wait_queue_head(`evdev${no}`), grab: null, client_list: [], exist: true, minor } as unknown as evdev;
  ev.dev = device_alloc(ev);
  dev_set_name(ev.dev, `event${no}`);
  ev.handle = { open: 0, name: `event${no}`, dev: d, handler, private: ev };
  ev.dev.devt = MKDEV(INPUT_MAJOR, minor);
  ev.dev.class = input_class();
  ev.dev.parent = d.dev;
  device_initialize(ev.dev);
  input_register_handle(ev.handle);
  input_claim_minor(minor, evdev_open_for(ev));
  const err = yield* device_add(ev.dev);
  if (err) {
    input_free_minor(minor);
    input_unregister_handle(ev.handle);
    return err;
  }
  return 0;
}

/** evdev_disconnect(): readers wake to -ENODEV, the node goes, the device is closed for good. */
function* evdev_disconnect(handle: input_handle): KGen<void> {
  const ev = handle.private as evdev;
  ev.exist = false;
  if (ev.grab) { ev.grab = null; input_release_device(handle); }
  wake_up_interruptible(ev.wait);
  if (ev.open) { ev.open = 0; input_close_device(handle); }
  input_free_minor(ev.minor);
  yield* device_del(ev.dev);
  input_unregister_handle(handle);
  put_device(ev.dev);
}

function evdev_init(): number {
  const handler: input_handler = {
    name: 'evdev', minor: EVDEV_MINOR_BASE, legacy_minors: true, events: evdev_events,
    connect: evdev_connect, disconnect: evdev_disconnect, id_table: [{}], h_list: [],
  };
  return run_sync(input_register_handler(handler), 'evdev_init');
}

export const initcalls: initcall_entry[] = [['device', 'evdev_init', evdev_init, 30_000]];
