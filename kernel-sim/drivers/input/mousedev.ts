// Models linux/drivers/input/mousedev.c: /dev/input/mice (every mouse mixed) and /dev/input/mouseN, reading relative motion and buttons as 3-byte PS/2 packets.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { EAGAIN, EFAULT, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK } from '../../include/uapi/stat.ts';
import { INPUT_EVENT_CODES as C } from '../../include/uapi/linux/input-event-codes.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible } from '../../kernel/sched/wait.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import type { device } from '../base/base.ts';
import { dev_set_name, device_add, device_alloc, device_del, device_initialize, put_device } from '../base/core.ts';
import { run_sync } from '../base/sync.ts';
import {
  INPUT_MAJOR, input_class, input_claim_minor, input_close_device, input_free_minor, input_get_new_minor,
  input_open_device, input_register_handle, input_register_handler, input_unregister_handle,
  type input_dev, type input_device_id, type input_handle, type input_handler, type input_value,
} from './input.ts';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, POLLERR, POLLHUP } from '../tty/tty_io.ts';

export const MOUSEDEV_MINOR_BASE = 32;
export const MOUSEDEV_MINORS = 31;
export const MOUSEDEV_MIX = 63;

interface mousedev_client {
  /** Accumulated motion and buttons not read yet. */
  dx: number; dy: number; dz: number; buttons: number;
  ready: boolean;
  /** Replies to PS/2 commands written to the device (ACKs, the ID). */
  ps2: number[];
  md: mousedev;
}

interface mousedev {
  open: number;
  client_list: mousedev_client[];
  wait: wait_queue_head;
  handle: input_handle | null;
  exist: boolean;
  dev: device;
  minor: number;
  /** Buttons currently down (bit 0 left, 1 right, 2 middle). */
  buttons: number;
}

const mdState = defineState('mousedev', () => ({ mix: null as mousedev | null, devices: [] as mousedev[] }));

const BTN_BIT: Record<number, number> = { [C.BTN_LEFT]: 1, [C.BTN_TOUCH]: 1, [C.BTN_RIGHT]: 2, [C.BTN_MIDDLE]: 4 };

/** mousedev_notify_readers(): motion since the last packet is added to each client's packet. */
function notify(md: mousedev, dx: number, dy: number, dz: number, buttons: number): void {
  for (const c of md.client_list) {
    c.dx += dx; c.dy += dy; c.dz += dz; c.buttons = buttons;
    c.ready = true;
  }
  wake_up_interruptible(md.wait);
}

/** mousedev_event(): relative motion and button changes of one device, fed to it and to the mixer. */
function mousedev_events(handle: input_handle, vals: readonly input_value[]): void {
  const md = handle.private as mousedev;
  let dx = 0, dy = 0, dz = 0, changed = false;
  for (const v of vals) {
    if (v.type === C.EV_REL) {
      if (v.code === C.REL_X) dx += v.value;
      else if (v.code === C.REL_Y) dy -= v.value; // PS/2's y grows upwards
      else if (v.code === C.REL_WHEEL) dz -= v.value;
      changed = true;
    } else if (v.type === C.EV_KEY && BTN_BIT[v.code]) {
      md.buttons = v.value ? md.buttons | BTN_BIT[v.code]! : md.buttons & ~BTN_BIT[v.code]!;
      changed = true;
    }
  }
  if (!changed) return;
  notify(md, dx, dy, dz, md.buttons);
  const mix = mdState().mix;
  if (mix) notify(mix, dx, dy, dz, md.buttons);
}

const clamp = (v: number): number => Math.max(-127, Math.min(127, v));

/** mousedev_packet(): a PS/2 packet — buttons with bit 3 set and the sign bits, then dx and dy (two's complement). */
function mousedev_packet(c: mousedev_client): number[] {
  const dx = clamp(c.dx), dy = clamp(c.dy);
  c.dx -= dx; c.dy -= dy; c.dz = 0;
  if (!c.dx && !c.dy) c.ready = false;
  return [0x08 | (dx < 0 ? 0x10 : 0) | (dy < 0 ? 0x20 : 0) | (c.buttons & 7), dx & 0xff, dy & 0xff];
}

const client_of = (f: file): mousedev_client => f.private_data as mousedev_client;

const mousedev_fops: file_operations = {
  read: function* (f, buf, count) {
    const c = client_of(f);
    const md = c.md;
    if (!c.ready && !c.ps2.length && f.f_flags & O_NONBLOCK) return -EAGAIN;
    const r = yield* wait_event_interruptible(md.wait, () => c.ready || c.ps2.length > 0 || !md.exist, 'mousedev_read');
    if (r) return r;
    if (!md.exist) return -ENODEV;
    const bytes = c.ps2.length ? c.ps2.splice(0, count) : mousedev_packet(c).slice(0, count);
    return copy_to_user(buf, Uint8Array.from(bytes)) ? -EFAULT : bytes.length;
  },
  /** mousedev_write(): PS/2 commands from programs that talk to a "real" mouse get ACKs (and an ID 0 for GET ID). */
  write: function* (f, buf, count) {
    const c = client_of(f);
    const b = copy_from_user(buf, count);
    if (!b) return -EFAULT;
    for (const cmd of b) { c.ps2.push(0xfa); if (cmd === 0xf2) c.ps2.push(0x00); }
    wake_up_interruptible(c.md.wait);
    return count;
  },
  poll: function* (f, wait) {
    const c = client_of(f);
    wait.qproc?.(f, c.md.wait);
    let mask = c.md.exist ? POLLOUT | POLLWRNORM : POLLHUP | POLLERR;
    if (c.ready || c.ps2.length) mask |= POLLIN | POLLRDNORM;
    return mask;
  },
  release: function* (_i, f) {
    const c = client_of(f);
    const md = c.md;
    md.client_list = md.client_list.filter((x) => x !== c);
    if (--md.open === 0) close_inputs(md);
    return 0;
  },
};

/** Opening the mixer opens every mouse; opening mouseN opens that one (mousedev_open_device). */
function* open_inputs(md: mousedev): KGen<number> {
  const st = mdState();
  const targets = md === st.mix ? st.devices.filter((d) => d.handle) : [md];
  for (const t of targets) if (t.handle) { const r = yield* input_open_device(t.handle); if (r && md !== st.mix) return r; }
  return 0;
}
function close_inputs(md: mousedev): void {
  const st = mdState();
  for (const t of md === st.mix ? st.devices : [md]) if (t.handle && t.handle.open) input_close_device(t.handle);
}

function mousedev_open_for(md: mousedev) {
  return function* (_inode: unknown, f: file): KGen<number> {
    if (!md.exist) return -ENODEV;
    if (md.open++ === 0) {
      const r = yield* open_inputs(md);
      if (r) { md.open--; return r; }
    }
    const c: mousedev_client = { dx: 0, dy: 0, dz: 0, buttons: 0, ready: false, ps2: [], md };
    md.client_list.push(c);
    f.private_data = c;
    f.f_op = mousedev_fops;
    return 0;
  };
}

/** mousedev_create(): mouseN under the input device, or the "mice" mixer (minor 63) in /devices/virtual/input. */
function* mousedev_create(d: input_dev | null, handler: input_handler, mixdev: boolean): KGen<mousedev | number> {
  const minor = mixdev ? MOUSEDEV_MIX : input_get_new_minor(MOUSEDEV_MINOR_BASE, MOUSEDEV_MINORS, true);
  if (minor < 0) return minor;
  const md: mousedev = { open: 0, client_list: [], wait: new wait_queue_head('mousedev'), handle: null, exist: true, dev: null as unknown as device, minor, buttons: 0 };
  md.dev = device_alloc(md);
  const no = minor < MOUSEDEV_MINOR_BASE + MOUSEDEV_MINORS ? minor - MOUSEDEV_MINOR_BASE : minor;
  dev_set_name(md.dev, mixdev ? 'mice' : `mouse${no}`);
  md.dev.class = input_class();
  md.dev.devt = MKDEV(INPUT_MAJOR, minor);
  if (d) {
    md.dev.parent = d.dev;
    md.handle = { open: 0, name: `mouse${no}`, dev: d, handler, private: md };
    input_register_handle(md.handle);
  }
  device_initialize(md.dev);
  input_claim_minor(minor, mousedev_open_for(md));
  const err = yield* device_add(md.dev);
  if (err) {
    input_free_minor(minor);
    if (md.handle) input_unregister_handle(md.handle);
    return err;
  }
  return md;
}

function* mousedev_connect(handler: input_handler, d: input_dev): KGen<number> {
  const md = yield* mousedev_create(d, handler, false);
  if (typeof md === 'number') return md;
  const st = mdState();
  st.devices.push(md);
  // A mouse plugged while the mixer is open joins it (mixdev_open_devices).
  if (st.mix?.open && md.handle) yield* input_open_device(md.handle);
  return 0;
}

function* mousedev_disconnect(handle: input_handle): KGen<void> {
  const md = handle.private as mousedev;
  const st = mdState();
  md.exist = false;
  wake_up_interruptible(md.wait);
  while (handle.open) input_close_device(handle);
  st.devices = st.devices.filter((x) => x !== md);
  input_free_minor(md.minor);
  yield* device_del(md.dev);
  input_unregister_handle(handle);
  put_device(md.dev);
}

/** Mouse-like devices: buttons with relative X/Y, a wheel, a tablet or touchpad (mousedev_ids). */
const mousedev_ids: input_device_id[] = [
  { bits: { ev: [C.EV_KEY, C.EV_REL], key: [C.BTN_LEFT], rel: [C.REL_X, C.REL_Y] } },
  { bits: { ev: [C.EV_KEY, C.EV_REL], rel: [C.REL_WHEEL] } },
  { bits: { ev: [C.EV_KEY, C.EV_ABS], key: [C.BTN_TOUCH], abs: [C.ABS_X, C.ABS_Y] } },
  { bits: { ev: [C.EV_KEY, C.EV_ABS], key: [C.BTN_LEFT], abs: [C.ABS_X, C.ABS_Y] } },
];

/** mousedev_init(): the mixer first, then the handler ("mousedev: PS/2 mouse device common for all mice"). */
function mousedev_init(): number {
  const handler: input_handler = {
    name: 'mousedev', minor: MOUSEDEV_MINOR_BASE, legacy_minors: true, events: mousedev_events,
    connect: mousedev_connect, disconnect: mousedev_disconnect, id_table: mousedev_ids, h_list: [],
  };
  const mix = run_sync(mousedev_create(null, handler, true), 'mousedev_init');
  if (typeof mix === 'number') return mix;
  mdState().mix = mix;
  const r = run_sync(input_register_handler(handler), 'mousedev_init');
  if (r) return r;
  pr_info('mousedev: PS/2 mouse device common for all mice');
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'mousedev_init', mousedev_init, 20_000]];
