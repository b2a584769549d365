// Models linux/drivers/hid/hid-input.c: HID usages to input events — the keyboard page through hid_keyboard[], buttons, generic desktop axes and wheel, LEDs — an input device per HID device, and reports turned into EV_MSC/EV_KEY/EV_REL/EV_ABS.
import type { KGen } from '../../include/linux/sched.ts';
import { INPUT_EVENT_CODES as C } from '../../include/uapi/linux/input-event-codes.ts';
import {
  input_allocate_device, input_event, input_free_device, input_register_device, input_set_abs_params, input_sync, input_unregister_device,
  type input_dev,
} from '../input/input.ts';
import type { hid_device, hid_field, hid_usage } from './hid-core.ts';

export const HID_UP_GENDESK = 0x0001_0000, HID_UP_KEYBOARD = 0x0007_0000, HID_UP_LED = 0x0008_0000, HID_UP_BUTTON = 0x0009_0000;
export const HID_GD_POINTER = 0x0001_0001, HID_GD_MOUSE = 0x0001_0002, HID_GD_KEYBOARD = 0x0001_0006;

/** hid_keyboard[]: Linux keycodes of the HID keyboard page's usages (0 where none, 240 KEY_UNKNOWN where Linux writes unk). */
export const hid_keyboard: readonly number[] = [
  0, 0, 0, 0, 30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38,
  50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45, 21, 44, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 28, 1, 14, 15, 57, 12, 13, 26,
  27, 43, 43, 39, 40, 41, 51, 52, 53, 58, 59, 60, 61, 62, 63, 64,
  65, 66, 67, 68, 87, 88, 99, 70, 119, 110, 102, 104, 111, 107, 109, 106,
  105, 108, 103, 69, 98, 55, 74, 78, 96, 79, 80, 81, 75, 76, 77, 71,
  72, 73, 82, 83, 86, 127, 116, 117, 183, 184, 185, 186, 187, 188, 189, 190,
  191, 192, 193, 194, 134, 138, 130, 132, 128, 129, 131, 137, 133, 135, 136, 113,
  115, 114, 240, 240, 240, 121, 240, 89, 93, 124, 92, 94, 95, 240, 240, 240,
  122, 123, 90, 91, 85, 240, 240, 240, 240, 240, 240, 240, 111, 240, 240, 240,
  240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240,
  240, 240, 240, 240, 240, 240, 179, 180, 240, 240, 240, 240, 240, 240, 240, 240,
  240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240, 240,
  240, 240, 240, 240, 240, 240, 240, 240, 111, 240, 240, 240, 240, 240, 240, 240,
  29, 42, 56, 125, 97, 54, 100, 126, 164, 166, 165, 163, 161, 115, 114, 113,
  150, 158, 159, 128, 136, 177, 178, 176, 142, 152, 173, 140, 240, 240, 240, 240,
];

const LED_USAGES: Record<number, number> = { 1: C.LED_NUML, 2: C.LED_CAPSL, 3: C.LED_SCROLLL, 4: C.LED_COMPOSE, 5: C.LED_KANA };
const GD_AXES: Record<number, [number, number]> = { 0x30: [C.REL_X, C.ABS_X], 0x31: [C.REL_Y, C.ABS_Y], 0x32: [C.REL_Z, C.ABS_Z], 0x38: [C.REL_WHEEL, C.ABS_WHEEL] };
/** Main item flag: relative data (bit 2), as opposed to absolute. */
const HID_MAIN_ITEM_RELATIVE = 0x04;

/** hidinput_configure_usage(): the event type and code a usage becomes, and the capabilities it gives the device. */
function hidinput_configure_usage(d: input_dev, field: hid_field, usage: hid_usage): void {
  const page = usage.hid & 0xffff0000, id = usage.hid & 0xffff;
  const set = (type: number, code: number): void => { usage.type = type; usage.code = code; d.bits.ev[type] = 1; };
  if (page === HID_UP_KEYBOARD && id < 256 && hid_keyboard[id]) {
    set(C.EV_KEY, hid_keyboard[id]!);
    d.bits.key[usage.code] = 1;
    d.bits.ev[C.EV_REP] = 1;
  } else if (page === HID_UP_BUTTON && id >= 1) {
    const base = field.application === HID_GD_MOUSE || field.application === HID_GD_POINTER ? C.BTN_MOUSE : C.BTN_MISC;
    set(C.EV_KEY, base + id - 1);
    d.bits.key[usage.code] = 1;
  } else if (page === HID_UP_GENDESK && GD_AXES[id]) {
    const [rel, abs] = GD_AXES[id]!;
    if (field.flags & HID_MAIN_ITEM_RELATIVE) {
      set(C.EV_REL, rel);
      d.bits.rel[rel] = 1;
      if (rel === C.REL_WHEEL) d.bits.rel[C.REL_WHEEL_HI_RES] = 1;
    } else {
      set(C.EV_ABS, abs);
      input_set_abs_params(d, abs, field.logical_minimum, field.logical_maximum, 0, 0);
    }
  } else if (page === HID_UP_LED && LED_USAGES[id] !== undefined) {
    set(C.EV_LED, LED_USAGES[id]!);
    d.bits.led[usage.code] = 1;
  } else {
    return;
  }
  if (usage.type === C.EV_KEY) { d.bits.ev[C.EV_MSC] = 1; d.bits.msc[C.MSC_SCAN] = 1; }
}

/** hidinput_hid_event(): one usage's new value as input events (keys with their MSC_SCAN first; wheel with its hi-res twin). */
export function hidinput_hid_event(hid: hid_device, usage: hid_usage, value: number): void {
  const d = hid.hidinput;
  if (!d || !usage.type) return;
  if (usage.type === C.EV_KEY) {
    if (!!d.key[usage.code] === !!value) return;
    input_event(d, C.EV_MSC, C.MSC_SCAN, usage.hid);
  }
  input_event(d, usage.type, usage.code, value);
  if (usage.type === C.EV_REL && usage.code === C.REL_WHEEL) input_event(d, C.EV_REL, C.REL_WHEEL_HI_RES, value * 120);
}

export function hidinput_report_event(hid: hid_device): void { if (hid.hidinput) input_sync(hid.hidinput); }

/** hidinput_input_event(): LED changes from the input side go back to the device as an output report. */
function hidinput_input_event(hid: hid_device, type: number, code: number, value: number): number {
  if (type !== C.EV_LED) return -1;
  const field = hid.output_fields.find((f) => f.usages.some((u) => u.type === C.EV_LED && u.code === code));
  if (!field) return -1;
  const i = field.usages.findIndex((u) => u.type === C.EV_LED && u.code === code);
  field.value[i] = value ? 1 : 0;
  hid.ll_driver.output_report?.(hid, hid.build_report(field.report_id, 'output'));
  return 0;
}

/** hidinput_connect(): an input device named and placed as the HID device, with every usage it can map. */
export function* hidinput_connect(hid: hid_device): KGen<number> {
  const d = input_allocate_device();
  if (!d) return -12;
  d.name = hid.name;
  d.phys = hid.phys;
  d.uniq = hid.uniq;
  d.id = { bustype: hid.bus, vendor: hid.vendor, product: hid.product, version: hid.version };
  d.dev.parent = hid.dev;
  d.event = (_d, type, code, value) => hidinput_input_event(hid, type, code, value);
  for (const f of [...hid.input_fields, ...hid.output_fields]) for (const u of f.usages) hidinput_configure_usage(d, f, u);
  if (!hid.input_fields.some((f) => f.usages.some((u) => u.type))) { input_free_device(d); return -19; }
  hid.hidinput = d;
  const r = yield* input_register_device(d);
  if (r) { hid.hidinput = null; input_free_device(d); }
  return r;
}

export function* hidinput_disconnect(hid: hid_device): KGen<void> {
  if (!hid.hidinput) return;
  const d = hid.hidinput;
  hid.hidinput = null;
  yield* input_unregister_device(d);
}
