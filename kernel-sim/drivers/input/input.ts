// Models linux/drivers/input/input.c: input devices and handlers, event filtering and passing, the input class (/sys/class/input/inputN), uevents and /proc/bus/input/{devices,handlers}.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { file_operations, inode, file } from '../../include/linux/fs_types.ts';
import { MINOR } from '../../include/linux/fs_types.ts';
import { EBUSY, EINVAL, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { INPUT_EVENT_CODES as C } from '../../include/uapi/linux/input-event-codes.ts';
import { EV_VERSION } from '../../include/uapi/linux/input.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { register_chrdev } from '../../fs/char_dev.ts';
import { proc_create_single, proc_find, proc_mkdir } from '../../fs/proc/generic.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { add_uevent_var, kobject_get_path, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { class_, device, device_attribute, device_type } from '../base/base.ts';
import { class_register } from '../base/class.ts';
import { dev_name, dev_set_name, device_add, device_alloc, device_del, device_initialize, put_device } from '../base/core.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { input_dev_poller_finalize, input_dev_poller_start, input_dev_poller_stop, input_dev_poller_sync, input_poller_attribute_group, type input_dev_poller } from './input-poller.ts';

export { EV_VERSION };
export const INPUT_MAJOR = 13;
export const INPUT_MAX_CHAR_DEVICES = 1024;
export const INPUT_FIRST_DYNAMIC_DEV = 256;

/** Force-feedback effects (FF_MAX in uapi/linux/input.h, not input-event-codes.h). */
export const FF_MAX = 0x7f, FF_CNT = FF_MAX + 1;

/** The capability bitmaps of an input_dev, by the name Linux gives the field without "bit", with their sizes (*_CNT). */
export const BITMAPS = {
  prop: C.INPUT_PROP_CNT, ev: C.EV_CNT, key: C.KEY_CNT, rel: C.REL_CNT, abs: C.ABS_CNT, msc: C.MSC_CNT,
  led: C.LED_CNT, snd: C.SND_CNT, ff: FF_CNT, sw: C.SW_CNT,
} as const;
export type bitmap_name = keyof typeof BITMAPS;
/** The bitmap that holds the codes of each event type, in the order Linux prints them (EVIOCGBIT(type), input_set_capability). */
export const EV_BITMAPS: readonly (readonly [number, bitmap_name])[] = [
  [C.EV_KEY, 'key'], [C.EV_REL, 'rel'], [C.EV_ABS, 'abs'], [C.EV_MSC, 'msc'], [C.EV_LED, 'led'], [C.EV_SND, 'snd'], [C.EV_FF, 'ff'], [C.EV_SW, 'sw'],
];
export const ev_bitmap = (type: number): bitmap_name | undefined => EV_BITMAPS.find(([t]) => t === type)?.[1];

export interface input_id { bustype: number; vendor: number; product: number; version: number }
export interface input_absinfo { value: number; minimum: number; maximum: number; fuzz: number; flat: number; resolution: number }
export interface input_value { type: number; code: number; value: number }

/** struct input_device_id: what a handler matches; flags say which id fields count, bit lists must all be set in the device. */
export interface input_device_id {
  flags?: number;
  bustype?: number; vendor?: number; product?: number; version?: number;
  bits?: Partial<Record<bitmap_name, number[]>>;
  driver_info?: number;
}
export const INPUT_DEVICE_ID_MATCH_BUS = 1, INPUT_DEVICE_ID_MATCH_VENDOR = 2, INPUT_DEVICE_ID_MATCH_PRODUCT = 4, INPUT_DEVICE_ID_MATCH_VERSION = 8;

export interface input_handle {
  open: number;
  name: string;
  dev: input_dev;
  handler: input_handler;
  private: unknown;
}

export interface input_handler {
  name: string;
  /** The first minor of a legacy handler's range (evdev 64, mousedev 32). */
  minor?: number;
  legacy_minors?: boolean;
  /** A filter sees events first and may swallow them (sysrq). */
  filter?(handle: input_handle, type: number, code: number, value: number): boolean;
  events(handle: input_handle, vals: readonly input_value[]): void;
  match?(handler: input_handler, dev: input_dev): boolean;
  connect(handler: input_handler, dev: input_dev, id: input_device_id): KGen<number>;
  disconnect(handle: input_handle): KGen<void>;
  start?(handle: input_handle): void;
  id_table: input_device_id[];
  h_list: input_handle[];
}

export interface input_dev {
  name: string | null;
  phys: string | null;
  uniq: string | null;
  id: input_id;
  bits: Record<bitmap_name, Uint8Array>;
  /** Current state of keys, LEDs, sounds and switches. */
  key: Uint8Array; led: Uint8Array; snd: Uint8Array; sw: Uint8Array;
  absinfo: input_absinfo[] | null;
  /** rep[REP_DELAY], rep[REP_PERIOD] in ms. */
  rep: [number, number];
  hint_events_per_packet: number;
  /** Events sent to the device (LEDs, sounds, repeat rate): atkbd_event sets the keyboard's LEDs. */
  event?: (dev: input_dev, type: number, code: number, value: number) => number;
  open?: (dev: input_dev) => number | KGen<number>;
  close?: (dev: input_dev) => void;
  users: number;
  going_away: boolean;
  grab: input_handle | null;
  dev: device;
  h_list: input_handle[];
  /** Values gathered for the packet in flight, passed on SYN_REPORT (input_handle_event). */
  vals: input_value[];
  /** The packet's time (dev->timestamp), set by its first event, ns of CLOCK_REALTIME. */
  timestamp: number;
  registered: boolean;
  /** Driver data (input_get_drvdata). */
  driver_data: unknown;
  /** A polled device's poller (input_setup_polling), started on the first open. */
  poller?: input_dev_poller | null;
}

interface InputState {
  input_class: class_ | null;
  input_dev_list: input_dev[];
  input_handler_list: input_handler[];
  /** input_ida: the N of inputN. */
  input_nos: boolean[];
  /** input_ida of minors: the char devices handlers created, with their open(). */
  minors: Map<number, (inode: inode, file: file) => KGen<number>>;
}
const inputState = defineState<InputState>('input', () => ({ input_class: null, input_dev_list: [], input_handler_list: [], input_nos: [], minors: new Map() }));

export const input_class = (): class_ | null => inputState().input_class;
export const input_devices = (): input_dev[] => inputState().input_dev_list.slice();
export const input_handlers = (): input_handler[] => inputState().input_handler_list.slice();
export const to_input_dev = (dev: device): input_dev => dev.container as input_dev;

const test_bit = (nr: number, bm: Uint8Array): boolean => nr >= 0 && nr < bm.length && bm[nr] !== 0;
const is_event_supported = (code: number, bm: Uint8Array, max: number): boolean => code <= max && test_bit(code, bm);

// ---- bitmaps as Linux prints them (64-bit longs) ---------------------------------

/** The bitmap as unsigned longs of 64 bits, lowest first (BITS_TO_LONGS). */
export function bitmap_longs(bm: Uint8Array): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < bm.length; i += 64) {
    let w = 0n;
    for (let b = 0; b < 64 && i + b < bm.length; b++) if (bm[i + b]) w |= 1n << BigInt(b);
    out.push(w);
  }
  return out;
}

/** input_print_bitmap(): "%lx" per long from the highest, leading empty longs skipped, a single 0 when empty. */
export function input_print_bitmap(bm: Uint8Array): string {
  const words = bitmap_longs(bm);
  const parts: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) if (words[i] || parts.length) parts.push(words[i]!.toString(16));
  return parts.length ? parts.join(' ') : '0';
}

/** input_print_modalias(): "input:b0011v0001p0001eAB41-e0,1,4,11,14,k...,ram4,l0,1,2,sfw". */
export function input_print_modalias(d: input_dev): string {
  const hex4 = (v: number): string => v.toString(16).toUpperCase().padStart(4, '0');
  const bits = (ch: string, bm: Uint8Array, min = 0): string => {
    let s = ch;
    for (let i = min; i < bm.length; i++) if (bm[i]) s += `${i.toString(16).toUpperCase()},`;
    return s;
  };
  const b = d.bits;
  return `input:b${hex4(d.id.bustype)}v${hex4(d.id.vendor)}p${hex4(d.id.product)}e${hex4(d.id.version)}-`
    + bits('e', b.ev) + bits('k', b.key, C.KEY_MIN_INTERESTING) + bits('r', b.rel) + bits('a', b.abs) + bits('m', b.msc)
    + bits('l', b.led) + bits('s', b.snd) + bits('f', b.ff) + bits('w', b.sw);
}

// ---- allocation and capabilities ----------------------------------------------------

function input_dev_release(dev: device): void { to_input_dev(dev).registered = false; }

/** input_dev_uevent(): PRODUCT, NAME, PHYS, UNIQ, the bitmaps and MODALIAS. */
function input_dev_uevent(dev: device, env: kobj_uevent_env): number {
  const d = to_input_dev(dev);
  const add = (s: string): boolean => add_uevent_var(env, s) !== 0;
  const { bustype, vendor, product, version } = d.id;
  if (add(`PRODUCT=${bustype.toString(16)}/${vendor.toString(16)}/${product.toString(16)}/${version.toString(16)}`)) return -ENOMEM;
  if (d.name && add(`NAME="${d.name}"`)) return -ENOMEM;
  if (d.phys && add(`PHYS="${d.phys}"`)) return -ENOMEM;
  if (d.uniq && add(`UNIQ="${d.uniq}"`)) return -ENOMEM;
  if (add(`PROP=${input_print_bitmap(d.bits.prop)}`) || add(`EV=${input_print_bitmap(d.bits.ev)}`)) return -ENOMEM;
  for (const [type, name] of EV_BITMAPS) {
    if (test_bit(type, d.bits.ev) && add(`${name.toUpperCase()}=${input_print_bitmap(d.bits[name])}`)) return -ENOMEM;
  }
  return add(`MODALIAS=${input_print_modalias(d)}`) ? -ENOMEM : 0;
}

const ro = (name: string, show: (d: input_dev) => string): device_attribute => ({ name, mode: 0o444, show: (dev) => `${show(to_input_dev(dev))}\n` });
const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
/** The groups of an input device: name/phys/uniq/modalias/properties/inhibited, id/ and capabilities/. */
const input_dev_attr_groups: attribute_group[] = [
  { attrs: [
    ro('name', (d) => d.name ?? ''), ro('phys', (d) => d.phys ?? ''), ro('uniq', (d) => d.uniq ?? ''),
    ro('modalias', input_print_modalias), ro('properties', (d) => input_print_bitmap(d.bits.prop)),
    { name: 'inhibited', mode: 0o644, show: () => '0\n', store: () => -EINVAL },
  ] },
  { name: 'id', attrs: (['bustype', 'vendor', 'product', 'version'] as const).map((f) => ro(f, (d) => hex4(d.id[f]))) },
  { name: 'capabilities', attrs: (['ev', 'key', 'rel', 'abs', 'msc', 'led', 'snd', 'ff', 'sw'] as const).map((b) => ro(b, (d) => input_print_bitmap(d.bits[b]))) },
  input_poller_attribute_group,
];

// kernel-static: the device type's description; devices of it are per machine
const input_dev_type: device_type = { groups: input_dev_attr_groups, release: input_dev_release, uevent: input_dev_uevent };

const new_bitmaps = (): Record<bitmap_name, Uint8Array> =>
  Object.fromEntries(Object.entries(BITMAPS).map(([k, n]) => [k, new Uint8Array(n)])) as Record<bitmap_name, Uint8Array>;

/** input_allocate_device(): a zeroed input_dev whose struct device is initialized in the input class. */
export function input_allocate_device(): input_dev | null {
  const cls = inputState().input_class;
  if (!cls) return null;
  const d = {
    name: null, phys: null, uniq: null, id: { bustype: 0, vendor: 0, product: 0, version: 0 }, bits: new_bitmaps(),
    key: new Uint8Array(C.KEY_CNT), led: new Uint8Array(C.LED_CNT), snd: new Uint8Array(C.SND_CNT), sw: new Uint8Array(C.SW_CNT),
    absinfo: null, rep: [0, 0], hint_events_per_packet: 0, users: 0, going_away: false, grab: null,
    h_list: [], vals: [], timestamp: 0, registered: false, driver_data: null,
  } as unknown as input_dev;
  d.dev = device_alloc(d);
  d.dev.type = input_dev_type;
  d.dev.class = cls;
  device_initialize(d.dev);
  return d;
}

/** input_free_device(): drops the allocation reference of a device never registered (or already unregistered). */
export function input_free_device(d: input_dev | null): void { if (d) put_device(d.dev); }

/** input_set_capability(): marks the device as able to send `type`/`code` (EV_SW ... as Linux). */
export function input_set_capability(d: input_dev, type: number, code: number): void {
  const bm = ev_bitmap(type);
  if (type === C.EV_PWR) { /* no bitmap */ } else if (!bm) {
    pr_info(`input_set_capability: unknown type ${type} (code ${code})`);
    return;
  } else if (code >= d.bits[bm].length) return;
  if (bm) d.bits[bm][code] = 1;
  if (type === C.EV_ABS) input_alloc_absinfo(d);
  d.bits.ev[type] = 1;
}

function input_alloc_absinfo(d: input_dev): void {
  d.absinfo ??= Array.from({ length: C.ABS_CNT }, () => ({ value: 0, minimum: 0, maximum: 0, fuzz: 0, flat: 0, resolution: 0 }));
}

/** input_set_abs_params(): range, fuzz and flat of an absolute axis, and the ABS capability. */
export function input_set_abs_params(d: input_dev, axis: number, min: number, max: number, fuzz: number, flat: number): void {
  input_alloc_absinfo(d);
  Object.assign(d.absinfo![axis]!, { minimum: min, maximum: max, fuzz, flat });
  d.bits.ev[C.EV_ABS] = 1;
  d.bits.abs[axis] = 1;
}

// ---- events --------------------------------------------------------------------

const INPUT_IGNORE_EVENT = 0, INPUT_PASS_TO_HANDLERS = 1, INPUT_PASS_TO_DEVICE = 2, INPUT_FLUSH = 4;
const INPUT_PASS_TO_ALL = INPUT_PASS_TO_HANDLERS | INPUT_PASS_TO_DEVICE;

/** input_defuzz_abs_event(): values within fuzz of the old one are noise. */
function input_defuzz_abs_event(value: number, old: number, fuzz: number): number {
  if (fuzz) {
    if (value > old - fuzz / 2 && value < old + fuzz / 2) return old;
    if (value > old - fuzz && value < old + fuzz) return Math.trunc((old * 3 + value) / 4);
    if (value > old - fuzz * 2 && value < old + fuzz * 2) return Math.trunc((old + value) / 2);
  }
  return value;
}

/** input_get_disposition(): whether the event is supported and changes state, and who gets it. */
function input_get_disposition(d: input_dev, type: number, code: number, v: { value: number }): number {
  const value = v.value;
  const b = d.bits;
  switch (type) {
    case C.EV_SYN:
      if (code === C.SYN_CONFIG) return INPUT_PASS_TO_ALL;
      if (code === C.SYN_REPORT) return INPUT_PASS_TO_HANDLERS | INPUT_FLUSH;
      if (code === C.SYN_MT_REPORT) return INPUT_PASS_TO_HANDLERS;
      return INPUT_IGNORE_EVENT;
    case C.EV_KEY:
      if (!is_event_supported(code, b.key, C.KEY_MAX)) return INPUT_IGNORE_EVENT;
      if (value === 2) return INPUT_PASS_TO_HANDLERS; // autorepeat
      if (!!d.key[code] !== !!value) { d.key[code] = value ? 1 : 0; return INPUT_PASS_TO_HANDLERS; }
      return INPUT_IGNORE_EVENT;
    case C.EV_SW:
      if (is_event_supported(code, b.sw, C.SW_MAX) && !!d.sw[code] !== !!value) { d.sw[code] = value ? 1 : 0; return INPUT_PASS_TO_HANDLERS; }
      return INPUT_IGNORE_EVENT;
    case C.EV_ABS: {
      if (!is_event_supported(code, b.abs, C.ABS_MAX) || !d.absinfo) return INPUT_IGNORE_EVENT;
      const ai = d.absinfo[code]!;
      v.value = input_defuzz_abs_event(value, ai.value, ai.fuzz);
      if (ai.value === v.value) return INPUT_IGNORE_EVENT;
      ai.value = v.value;
      return INPUT_PASS_TO_HANDLERS;
    }
    case C.EV_REL:
      return is_event_supported(code, b.rel, C.REL_MAX) && value ? INPUT_PASS_TO_HANDLERS : INPUT_IGNORE_EVENT;
    case C.EV_MSC:
      return is_event_supported(code, b.msc, C.MSC_MAX) ? INPUT_PASS_TO_ALL : INPUT_IGNORE_EVENT;
    case C.EV_LED:
      if (is_event_supported(code, b.led, C.LED_MAX) && !!d.led[code] !== !!value) { d.led[code] = value ? 1 : 0; return INPUT_PASS_TO_ALL; }
      return INPUT_IGNORE_EVENT;
    case C.EV_SND:
      if (!is_event_supported(code, b.snd, C.SND_MAX)) return INPUT_IGNORE_EVENT;
      if (!!d.snd[code] !== !!value) d.snd[code] = value ? 1 : 0;
      return INPUT_PASS_TO_ALL;
    case C.EV_REP:
      if (code <= C.REP_MAX && value >= 0 && d.rep[code] !== value) { d.rep[code as 0 | 1] = value; return INPUT_PASS_TO_ALL; }
      return INPUT_IGNORE_EVENT;
    case C.EV_FF:
      return value >= 0 ? INPUT_PASS_TO_ALL : INPUT_IGNORE_EVENT;
    case C.EV_PWR:
      return INPUT_PASS_TO_ALL;
  }
  return INPUT_IGNORE_EVENT;
}

/** input_pass_values(): to the grabbing handle only, else to every open handle; filters may swallow values first. */
function input_pass_values(d: input_dev, vals: input_value[]): void {
  if (!vals.length) return;
  const handles = d.grab ? [d.grab] : d.h_list.filter((h) => h.open);
  let pass = vals;
  for (const h of handles) {
    if (h.handler.filter) {
      pass = pass.filter((v) => !h.handler.filter!(h, v.type, v.code, v.value));
      continue;
    }
    if (pass.length) h.handler.events(h, pass);
  }
}

function input_handle_event(d: input_dev, type: number, code: number, value: number): void {
  const v = { value };
  const disposition = input_get_disposition(d, type, code, v);
  if (disposition !== INPUT_IGNORE_EVENT && type !== C.EV_SYN) trace_event('input', 'input_event', { dev: dev_name(d.dev), type, code, value: v.value });
  if (disposition & INPUT_PASS_TO_DEVICE && d.event) d.event(d, type, code, v.value);
  if (disposition & INPUT_PASS_TO_HANDLERS) {
    if (!d.vals.length) d.timestamp = ktime_get_real();
    d.vals.push({ type, code, value: v.value });
  }
  if (disposition & INPUT_FLUSH) {
    if (d.vals.length >= 2) input_pass_values(d, d.vals);
    d.vals = [];
  }
}

/** input_event(): reports one event from the driver; ignored unless the device declared it (evbit). */
export function input_event(d: input_dev, type: number, code: number, value: number): void {
  if (type < 0 || type > C.EV_MAX || !test_bit(type, d.bits.ev)) return;
  input_handle_event(d, type, code, value | 0);
}

/** input_inject_event(): an event from a handler (evdev's write); dropped while another handle grabs the device. */
export function input_inject_event(handle: input_handle, type: number, code: number, value: number): void {
  const d = handle.dev;
  if (d.grab && d.grab !== handle) return;
  input_event(d, type, code, value);
}

export const input_report_key = (d: input_dev, code: number, value: number): void => input_event(d, C.EV_KEY, code, value ? 1 : 0);
export const input_report_rel = (d: input_dev, code: number, value: number): void => input_event(d, C.EV_REL, code, value);
export const input_report_abs = (d: input_dev, code: number, value: number): void => input_event(d, C.EV_ABS, code, value);
export const input_report_switch = (d: input_dev, code: number, value: number): void => input_event(d, C.EV_SW, code, value ? 1 : 0);
export const input_sync = (d: input_dev): void => input_event(d, C.EV_SYN, C.SYN_REPORT, 0);

// ---- handles -------------------------------------------------------------------

/** input_grab_device(): one handle gets all events (EVIOCGRAB). */
export function input_grab_device(handle: input_handle): number {
  if (handle.dev.grab) return -EBUSY;
  handle.dev.grab = handle;
  return 0;
}

export function input_release_device(handle: input_handle): void {
  const d = handle.dev;
  if (d.grab !== handle) return;
  d.grab = null;
  for (const h of d.h_list) if (h.open && h.handler.start) h.handler.start(h);
}

/** input_open_device(): the first open of any handle opens the device (the driver's open()). */
export function* input_open_device(handle: input_handle): KGen<number> {
  const d = handle.dev;
  if (d.going_away) return -ENODEV;
  handle.open++;
  if (d.users++ === 0 && d.open) {
    const r = d.open(d);
    const ret = typeof r === 'number' ? r : yield* r;
    if (ret) { d.users--; handle.open--; return ret; }
  }
  if (d.users === 1 && d.poller) yield* input_dev_poller_start(d.poller);
  return 0;
}

export function input_close_device(handle: input_handle): void {
  const d = handle.dev;
  input_release_device(handle);
  if (--d.users === 0) {
    if (d.poller) input_dev_poller_stop(d.poller);
    d.close?.(d);
  }
  handle.open--;
}

/** input_register_handle(): filters go first in the device's list, other handlers after. */
export function input_register_handle(handle: input_handle): number {
  if (handle.handler.filter) handle.dev.h_list.unshift(handle);
  else handle.dev.h_list.push(handle);
  handle.handler.h_list.push(handle);
  handle.handler.start?.(handle);
  return 0;
}

export function input_unregister_handle(handle: input_handle): void {
  handle.handler.h_list = handle.handler.h_list.filter((h) => h !== handle);
  handle.dev.h_list = handle.dev.h_list.filter((h) => h !== handle);
}

function input_match_device_id(d: input_dev, id: input_device_id): boolean {
  const f = id.flags ?? 0;
  if (f & INPUT_DEVICE_ID_MATCH_BUS && id.bustype !== d.id.bustype) return false;
  if (f & INPUT_DEVICE_ID_MATCH_VENDOR && id.vendor !== d.id.vendor) return false;
  if (f & INPUT_DEVICE_ID_MATCH_PRODUCT && id.product !== d.id.product) return false;
  if (f & INPUT_DEVICE_ID_MATCH_VERSION && id.version !== d.id.version) return false;
  for (const [bm, want] of Object.entries(id.bits ?? {})) if (!want.every((b) => test_bit(b, d.bits[bm as bitmap_name]))) return false;
  return true;
}

function input_match_device(handler: input_handler, d: input_dev): input_device_id | null {
  for (const id of handler.id_table) if (input_match_device_id(d, id) && (!handler.match || handler.match(handler, d))) return id;
  return null;
}

function* input_attach_handler(d: input_dev, handler: input_handler): KGen<void> {
  const id = input_match_device(handler, d);
  if (!id) return;
  const err = yield* handler.connect(handler, d, id);
  if (err && err !== -ENODEV) pr_info(`input: failed to attach handler ${handler.name} to device ${dev_name(d.dev)}, error: ${err}`);
}

// ---- registration --------------------------------------------------------------

function input_cleanse_bitmasks(d: input_dev): void {
  for (const [type, bm] of EV_BITMAPS) if (!test_bit(type, d.bits.ev)) d.bits[bm].fill(0);
}

function ida_alloc(ids: boolean[]): number {
  const i = ids.indexOf(false);
  const n = i < 0 ? ids.length : i;
  ids[n] = true;
  return n;
}

/** input_register_device(): names it inputN, adds it to the class, prints "input: NAME as PATH" and attaches every matching handler. */
export function* input_register_device(d: input_dev): KGen<number> {
  const st = inputState();
  if (d.registered) return -EINVAL;
  d.bits.ev[C.EV_SYN] = 1;
  d.bits.key[C.KEY_RESERVED] = 0;
  input_cleanse_bitmasks(d);
  // Software autorepeat defaults (input_enable_softrepeat): 250 ms delay, 33 ms period.
  if (test_bit(C.EV_REP, d.bits.ev) && !d.rep[0] && !d.rep[1]) d.rep = [250, 33];
  if (d.poller) input_dev_poller_finalize(d.poller);
  const no = ida_alloc(st.input_nos);
  dev_set_name(d.dev, `input${no}`);
  const err = yield* device_add(d.dev);
  if (err) { st.input_nos[no] = false; return err; }
  d.registered = true;
  pr_info(`input: ${d.name ?? 'Unspecified device'} as ${kobject_get_path(d.dev.kobj)}`);
  st.input_dev_list.push(d);
  trace_event('input', 'input_register_device', { dev: dev_name(d.dev), name: d.name ?? '', phys: d.phys ?? '' });
  for (const handler of st.input_handler_list) yield* input_attach_handler(d, handler);
  return 0;
}

/** input_unregister_device(): handlers disconnect (releasing their nodes), a pressed key is released, then the device leaves sysfs. */
export function* input_unregister_device(d: input_dev): KGen<void> {
  const st = inputState();
  if (!st.input_dev_list.includes(d)) return;
  d.going_away = true;
  // input_dev_release_keys(): userspace must not see a key stuck down.
  let released = false;
  for (let k = 0; k < d.key.length; k++) if (d.key[k]) { input_handle_event(d, C.EV_KEY, k, 0); released = true; }
  if (released) input_handle_event(d, C.EV_SYN, C.SYN_REPORT, 1);
  for (const h of d.h_list.slice()) yield* h.handler.disconnect(h);
  if (d.poller) yield* input_dev_poller_sync(d.poller);
  st.input_dev_list = st.input_dev_list.filter((x) => x !== d);
  const no = Number(/^input(\d+)$/.exec(dev_name(d.dev))?.[1] ?? -1);
  trace_event('input', 'input_unregister_device', { dev: dev_name(d.dev) });
  yield* device_del(d.dev);
  if (no >= 0) st.input_nos[no] = false;
  put_device(d.dev);
}

/** input_register_handler(): attaches the handler to every registered device it matches. */
export function* input_register_handler(handler: input_handler): KGen<number> {
  const st = inputState();
  handler.h_list = [];
  st.input_handler_list.push(handler);
  for (const d of st.input_dev_list) yield* input_attach_handler(d, handler);
  return 0;
}

export function* input_unregister_handler(handler: input_handler): KGen<void> {
  for (const h of handler.h_list.slice()) yield* handler.disconnect(h);
  inputState().input_handler_list = inputState().input_handler_list.filter((h) => h !== handler);
}

/** input_get_new_minor(): a legacy minor in the handler's range if free, else a dynamic one from 256. */
export function input_get_new_minor(legacy_base: number, legacy_num: number, allow_dynamic: boolean): number {
  const m = inputState().minors;
  for (let i = legacy_base; i < legacy_base + legacy_num; i++) if (!m.has(i)) return i;
  if (!allow_dynamic) return -ENODEV;
  for (let i = INPUT_FIRST_DYNAMIC_DEV; i < INPUT_MAX_CHAR_DEVICES; i++) if (!m.has(i)) return i;
  return -ENODEV;
}

/** cdev_device_add() for a handler's node: opening 13:minor reaches `open`. */
export function input_claim_minor(minor: number, open: (inode: inode, file: file) => KGen<number>): void { inputState().minors.set(minor, open); }
export function input_free_minor(minor: number): void { inputState().minors.delete(minor); }

/** The char device of major 13: each minor belongs to the handler node that claimed it. */
const input_fops: file_operations = {
  open: function* (ino, f) {
    const open = inputState().minors.get(MINOR(ino.i_rdev));
    return open ? yield* open(ino, f) : -ENODEV;
  },
};

// ---- /proc/bus/input -----------------------------------------------------------------

/** input_devices_seq_show(): one block per device, in registration order. */
export function input_devices_seq_show(d: input_dev): string {
  const { bustype, vendor, product, version } = d.id;
  let s = `I: Bus=${hex4(bustype)} Vendor=${hex4(vendor)} Product=${hex4(product)} Version=${hex4(version)}\n`;
  s += `N: Name="${d.name ?? ''}"\nP: Phys=${d.phys ?? ''}\nS: Sysfs=${kobject_get_path(d.dev.kobj)}\nU: Uniq=${d.uniq ?? ''}\n`;
  s += `H: Handlers=${d.h_list.map((h) => `${h.name} `).join('')}\n`;
  s += `B: PROP=${input_print_bitmap(d.bits.prop)}\nB: EV=${input_print_bitmap(d.bits.ev)}\n`;
  for (const [type, name] of EV_BITMAPS) {
    if (test_bit(type, d.bits.ev)) s += `B: ${name.toUpperCase()}=${input_print_bitmap(d.bits[name])}\n`;
  }
  return `${s}\n`;
}

/** input_handlers_seq_show(): "N: Number=%u Name=%s", " (filter)" or " Minor=%d". */
export function input_handlers_seq_show(h: input_handler, n: number): string {
  return `N: Number=${n} Name=${h.name}${h.filter ? ' (filter)' : ''}${h.legacy_minors ? ` Minor=${h.minor}` : ''}\n`;
}

/** input_init(): the input class, /proc/bus/input and major 13 ("input" in /proc/devices). */
function input_init(): number {
  const st = inputState();
  const cls: class_ = { name: 'input', devnode: (dev) => ({ name: `input/${dev_name(dev)}` }) };
  const r = class_register(cls);
  if (r) return r;
  st.input_class = cls;
  const dir = proc_mkdir('input', proc_find('bus') ?? proc_mkdir('bus', null));
  proc_create_single('devices', 0, dir, (m) => { seq_puts(m, st.input_dev_list.map(input_devices_seq_show).join('')); });
  proc_create_single('handlers', 0, dir, (m) => { seq_puts(m, st.input_handler_list.map(input_handlers_seq_show).join('')); });
  const e = register_chrdev(INPUT_MAJOR, 'input', input_fops);
  return e < 0 ? e : 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'input_init', input_init, 40_000]];
