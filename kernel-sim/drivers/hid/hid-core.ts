// Models linux/drivers/hid/hid-core.c (with hid-generic.c): HID devices on the hid bus ("0003:0627:0001.0001"), report descriptor parsing into fields and usages, input reports into values, and the generic driver connecting hid-input and hidraw.
//
// The transport interface — what a low-level driver such as usbhid provides and calls:
//   const hid = hid_allocate_device();            fill bus, vendor, product, version, name, phys, uniq, dev.parent
//   hid.ll_driver = { parse(hid) { return hid_parse_report(hid, descriptor_bytes); }, output_report?(hid, bytes), start?, stop?, open?, close? };
//   yield* hid_add_device(hid);                   parses (ll_driver.parse), then the hid bus binds hid-generic
//   hid_input_report(hid, HID_INPUT_REPORT, bytes, true)   for every interrupt-IN report (interrupt context is fine)
//   yield* hid_destroy_device(hid);               on disconnect
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { BUS_BLUETOOTH, BUS_I2C, BUS_USB, BUS_VIRTUAL } from '../../include/uapi/linux/input.ts';
import { defineState } from '../../kernel/state.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { bus_type, device, device_attribute, device_driver } from '../base/base.ts';
import { bus_register, bus_unregister } from '../base/bus.ts';
import { dev_info, dev_set_name, device_add, device_alloc, device_del, device_initialize, put_device } from '../base/core.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { run_sync } from '../base/sync.ts';
import type { input_dev } from '../input/input.ts';
import { HID_UP_GENDESK, hidinput_connect, hidinput_disconnect, hidinput_hid_event, hidinput_report_event } from './hid-input.ts';
import { hidraw_connect, hidraw_disconnect, hidraw_exit, hidraw_init, hidraw_report_event, type hidraw } from './hidraw.ts';

export const HID_INPUT_REPORT = 0, HID_OUTPUT_REPORT = 1, HID_FEATURE_REPORT = 2;
export const HID_COLLECTION_PHYSICAL = 0, HID_COLLECTION_APPLICATION = 1, HID_COLLECTION_LOGICAL = 2;
/** Main item flags: constant (padding) and variable (one value per usage) vs array (indices of pressed usages). */
export const HID_MAIN_ITEM_CONSTANT = 0x01, HID_MAIN_ITEM_VARIABLE = 0x02;

export interface hid_usage { hid: number; type: number; code: number }

/** One Input/Output/Feature main item: report_count values of report_size bits at bit `offset` of its report. */
export interface hid_field {
  report_type: 'input' | 'output' | 'feature';
  report_id: number;
  offset: number;
  report_size: number;
  report_count: number;
  flags: number;
  logical_minimum: number;
  logical_maximum: number;
  /** The collection's application usage (mouse, keyboard ...). */
  application: number;
  /** Variable fields: one usage per value; array fields: the usages indices select from. */
  usages: hid_usage[];
  /** The last values seen (array fields: the usage indices). */
  value: number[];
}

/** What a transport provides (struct hid_ll_driver). */
export interface hid_ll_driver {
  parse(hid: hid_device): number;
  start?(hid: hid_device): number;
  stop?(hid: hid_device): void;
  open?(hid: hid_device): number;
  close?(hid: hid_device): void;
  /** An output report (LEDs) to the device. */
  output_report?(hid: hid_device, report: Uint8Array): number;
}

export interface hid_device {
  bus: number; vendor: number; product: number; version: number;
  name: string; phys: string; uniq: string;
  rdesc: Uint8Array;
  collections: { type: number; usage: number }[];
  input_fields: hid_field[];
  output_fields: hid_field[];
  numbered: boolean;
  ll_driver: hid_ll_driver;
  dev: device;
  hidinput: input_dev | null;
  hidraw: hidraw | null;
  claimed: string[];
  /** The bytes of an output report from its fields' values (hid_output_report). */
  build_report(id: number, type: 'output'): Uint8Array;
}

const hidState = defineState('hid', () => ({ id: 0, devices: [] as hid_device[] }));
export const hid_devices = (): hid_device[] => hidState().devices.slice();

const sext = (v: number, bits: number): number => (bits < 32 && v & (1 << (bits - 1)) ? v - 2 ** bits : v);

/** hid_parse_report() / hid_open_report(): short items into collections and fields with their bit offsets per report. */
export function hid_parse_report(hid: hid_device, rdesc: Uint8Array): number {
  hid.rdesc = rdesc;
  hid.collections = [];
  hid.input_fields = [];
  hid.output_fields = [];
  let g = { usage_page: 0, logical_minimum: 0, logical_maximum: 0, report_size: 0, report_count: 0, report_id: 0 };
  const stack: (typeof g)[] = [];
  let usages: number[] = [], usage_min = -1;
  const offsets = new Map<string, number>();
  const apps: number[] = [];
  const open: { type: number; usage: number }[] = [];
  const full = (u: number, size: number): number => (size === 4 ? u : (g.usage_page << 16) | u);
  for (let i = 0; i < rdesc.length;) {
    const b = rdesc[i]!;
    if (b === 0xfe) { i += 3 + (rdesc[i + 1] ?? 0); continue; } // long item: skipped as Linux does
    const size = [0, 1, 2, 4][b & 3]!;
    if (i + 1 + size > rdesc.length) return -EINVAL;
    let data = 0;
    for (let k = 0; k < size; k++) data |= rdesc[i + 1 + k]! << (8 * k);
    data >>>= 0;
    const type = (b >> 2) & 3, tag = b >> 4;
    i += 1 + size;
    if (type === 1) { // global
      if (tag === 0) g.usage_page = data;
      else if (tag === 1) g.logical_minimum = sext(data, size * 8);
      else if (tag === 2) g.logical_maximum = g.logical_minimum < 0 ? sext(data, size * 8) : data;
      else if (tag === 7) g.report_size = data;
      else if (tag === 8) { g.report_id = data; hid.numbered = true; }
      else if (tag === 9) g.report_count = data;
      else if (tag === 10) stack.push({ ...g });
      else if (tag === 11) g = stack.pop() ?? g;
    } else if (type === 2) { // local
      if (tag === 0) usages.push(full(data, size));
      else if (tag === 1) usage_min = full(data, size);
      else if (tag === 2 && usage_min >= 0) { for (let u = usage_min; u <= full(data, size); u++) usages.push(u); usage_min = -1; }
    } else if (type === 0) { // main
      if (tag === 10) {
        const c = { type: data, usage: usages[0] ?? 0 };
        hid.collections.push(c);
        open.push(c);
        if (data === HID_COLLECTION_APPLICATION) apps.push(c.usage);
      } else if (tag === 12) {
        if (open.pop()?.type === HID_COLLECTION_APPLICATION) apps.pop();
      } else if (tag === 8 || tag === 9 || tag === 11) {
        const rt = tag === 8 ? 'input' : tag === 9 ? 'output' : 'feature';
        const key = `${rt}:${g.report_id}`;
        const offset = offsets.get(key) ?? 0;
        offsets.set(key, offset + g.report_size * g.report_count);
        if (!(data & HID_MAIN_ITEM_CONSTANT) && rt !== 'feature') {
          const variable = (data & HID_MAIN_ITEM_VARIABLE) !== 0;
          const us = variable ? Array.from({ length: g.report_count }, (_, k) => usages[Math.min(k, usages.length - 1)] ?? 0) : usages;
          const f: hid_field = {
            report_type: rt, report_id: g.report_id, offset, report_size: g.report_size, report_count: g.report_count, flags: data,
            logical_minimum: g.logical_minimum, logical_maximum: g.logical_maximum, application: apps[apps.length - 1] ?? 0,
            usages: us.map((u) => ({ hid: u, type: 0, code: 0 })), value: new Array<number>(g.report_count).fill(0),
          };
          (rt === 'input' ? hid.input_fields : hid.output_fields).push(f);
        }
      }
      usages = [];
      usage_min = -1;
    }
  }
  return 0;
}

function extract(data: Uint8Array, offset: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) if (data[(offset + i) >> 3]! & (1 << ((offset + i) & 7))) v |= 2 ** i;
  return v;
}

/** hid_input_field(): variable fields report each usage's value; array fields the usages pressed now, released ones first. */
function hid_input_field(hid: hid_device, f: hid_field, data: Uint8Array): void {
  const vals = Array.from({ length: f.report_count }, (_, k) => {
    const raw = extract(data, f.offset + k * f.report_size, f.report_size);
    return f.logical_minimum < 0 ? sext(raw, f.report_size) : raw;
  });
  if (f.flags & HID_MAIN_ITEM_VARIABLE) {
    vals.forEach((v, k) => { if (f.usages[k]) hidinput_hid_event(hid, f.usages[k]!, v); });
  } else {
    const idx = (v: number): number => v - f.logical_minimum;
    const valid = (v: number): boolean => idx(v) >= 0 && idx(v) < f.usages.length && v !== 0;
    for (const old of f.value) if (valid(old) && !vals.includes(old)) hidinput_hid_event(hid, f.usages[idx(old)]!, 0);
    for (const v of vals) if (valid(v) && !f.value.includes(v)) hidinput_hid_event(hid, f.usages[idx(v)]!, 1);
  }
  f.value = vals;
}

/** hid_input_report(): a report from the transport — to hidraw as is, then through the fields to hid-input. */
export function hid_input_report(hid: hid_device, type: number, data: Uint8Array, interrupt: boolean): number {
  void interrupt;
  if (type !== HID_INPUT_REPORT || !data.length) return -EINVAL;
  if (hid.hidraw) hidraw_report_event(hid, data);
  const id = hid.numbered ? data[0]! : 0;
  const body = hid.numbered ? data.subarray(1) : data;
  for (const f of hid.input_fields) if (f.report_id === id) hid_input_field(hid, f, body);
  hidinput_report_event(hid);
  return 0;
}

/** hid_output_report(): the output fields' values packed into a report (report ID first when numbered). */
function build_report(this: hid_device, id: number): Uint8Array {
  const fields = this.output_fields.filter((f) => f.report_id === id);
  const bits = Math.max(0, ...fields.map((f) => f.offset + f.report_size * f.report_count));
  const pre = this.numbered ? 1 : 0;
  const out = new Uint8Array(pre + Math.ceil(bits / 8));
  if (pre) out[0] = id;
  for (const f of fields) f.value.forEach((v, k) => {
    for (let b = 0; b < f.report_size; b++) if (v & (1 << b)) { const bit = f.offset + k * f.report_size + b; out[pre + (bit >> 3)]! |= 1 << (bit & 7); }
  });
  return out;
}

export function hid_allocate_device(): hid_device {
  const hid = {
    bus: 0, vendor: 0, product: 0, version: 0, name: '', phys: '', uniq: '', rdesc: new Uint8Array(0), collections: [], input_fields: [],
    output_fields: [], numbered: false, ll_driver: { parse: () => -ENODEV }, hidinput: null, hidraw: null, claimed: [], build_report,
  } as unknown as hid_device;
  hid.dev = device_alloc(hid);
  hid.dev.bus = hid_bus_type;
  device_initialize(hid.dev);
  return hid;
}

const BUS_NAMES: Record<number, string> = { [BUS_USB]: 'USB', [BUS_BLUETOOTH]: 'BLUETOOTH', [BUS_I2C]: 'I2C', [BUS_VIRTUAL]: 'VIRTUAL' };
const TYPES = ['Device', 'Pointer', 'Mouse', 'Device', 'Joystick', 'Gamepad', 'Keyboard', 'Keypad', 'Multi-Axis Controller'];

/** hid_connect(): hid-input and hidraw, then "input,hidraw0: USB HID v1.11 Keyboard [NAME] on PHYS". */
export function* hid_connect(hid: hid_device): KGen<number> {
  hid.claimed = [];
  if (!(yield* hidinput_connect(hid))) hid.claimed.push('input');
  if (!(yield* hidraw_connect(hid))) hid.claimed.push(`hidraw${hid.hidraw!.minor}`);
  if (!hid.claimed.length) return -ENODEV;
  const app = hid.collections.find((c) => c.type === HID_COLLECTION_APPLICATION && (c.usage & 0xffff0000) === HID_UP_GENDESK && (c.usage & 0xffff) < TYPES.length);
  const type = app ? TYPES[app.usage & 0xffff]! : 'Device';
  const v = `${(hid.version >> 8).toString(16)}.${(hid.version & 0xff).toString(16).padStart(2, '0')}`;
  dev_info(hid.dev, `${hid.claimed.join(',')}: ${BUS_NAMES[hid.bus] ?? '<UNKNOWN>'} HID v${v} ${type} [${hid.name}] on ${hid.phys}`);
  return 0;
}

function* hid_disconnect(hid: hid_device): KGen<void> {
  yield* hidinput_disconnect(hid);
  yield* hidraw_disconnect(hid);
  hid.claimed = [];
}

/** hid_add_device(): the transport's parse, then the device on the hid bus as BBBB:VVVV:PPPP.NNNN. */
export function* hid_add_device(hid: hid_device): KGen<number> {
  const r = hid.ll_driver.parse(hid);
  if (r) return r;
  const st = hidState();
  const hex4 = (v: number): string => v.toString(16).toUpperCase().padStart(4, '0');
  dev_set_name(hid.dev, `${hex4(hid.bus)}:${hex4(hid.vendor)}:${hex4(hid.product)}.${hex4(++st.id)}`);
  st.devices.push(hid);
  const e = yield* device_add(hid.dev);
  if (e) st.devices = st.devices.filter((x) => x !== hid);
  return e;
}

export function* hid_destroy_device(hid: hid_device): KGen<void> {
  hidState().devices = hidState().devices.filter((x) => x !== hid);
  yield* device_del(hid.dev);
  put_device(hid.dev);
}

function hid_uevent(dev: device, env: kobj_uevent_env): number {
  const hid = dev.container as hid_device;
  const hex8 = (v: number): string => v.toString(16).toUpperCase().padStart(8, '0');
  const vars = [`HID_ID=${hid.bus.toString(16).toUpperCase().padStart(4, '0')}:${hex8(hid.vendor)}:${hex8(hid.product)}`, `HID_NAME=${hid.name}`,
    `HID_PHYS=${hid.phys}`, `HID_UNIQ=${hid.uniq}`, `MODALIAS=hid:b${hid.bus.toString(16).toUpperCase().padStart(4, '0')}g0001v${hex8(hid.vendor)}p${hex8(hid.product)}`];
  for (const v of vars) if (add_uevent_var(env, v)) return -ENOMEM;
  return 0;
}

// kernel-static: the bus and the generic driver's descriptions; their registration is per machine
export const hid_bus_type: bus_type = {
  name: 'hid',
  match: () => 1,
  uevent: hid_uevent,
  probe: function* (dev) {
    const hid = dev.container as hid_device;
    const s = hid.ll_driver.start?.(hid) ?? 0;
    if (s) return s;
    return yield* hid_connect(hid);
  },
  remove: function* (dev) {
    const hid = dev.container as hid_device;
    yield* hid_disconnect(hid);
    hid.ll_driver.stop?.(hid);
  },
  dev_groups: [{ attrs: [{ name: 'country', mode: 0o444, show: () => '00\n' } as device_attribute] }],
};
const hid_generic: device_driver = { name: 'hid-generic', bus: hid_bus_type };

function hid_init(): number {
  let r = bus_register(hid_bus_type);
  if (r) return r;
  r = hidraw_init();
  if (r) { bus_unregister(hid_bus_type); return r; }
  return run_sync(driver_register(hid_generic), 'hid_init');
}

/** hid_exit: module_exit of hid.ko (Debian builds HID as a module): hid-generic, hidraw, then the bus. */
export function* hid_exit(): KGen<void> {
  yield* driver_unregister(hid_generic);
  hidraw_exit();
  bus_unregister(hid_bus_type);
}

export const initcalls: initcall_entry[] = [['subsys', 'hid_init', hid_init, 10_000]];
