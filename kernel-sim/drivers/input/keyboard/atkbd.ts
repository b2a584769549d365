// Models linux/drivers/input/keyboard/atkbd.c: the AT/PS-2 keyboard driver on a serio port — GETID probe, scancode set selection, the translated set 2 keymap, scancode decoding (0xe0 prefix, release bit) into EV_MSC/EV_KEY events, and the LEDs.
import type { KGen } from '../../../include/linux/sched.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { ENODEV, ENOMEM } from '../../../include/uapi/asm-generic/errno.ts';
import { INPUT_EVENT_CODES as C } from '../../../include/uapi/linux/input-event-codes.ts';
import { BUS_I8042 } from '../../../include/uapi/linux/input.ts';
import { INIT_WORK, queue_work, system_wq } from '../../../kernel/workqueue.ts';
import { jiffies, msecs_to_jiffies } from '../../../kernel/time/timekeeping.ts';
import type { device_attribute, device_driver } from '../../base/base.ts';
import { dev_warn, device_add_groups, device_remove_groups } from '../../base/core.ts';
import {
  input_allocate_device, input_event, input_free_device, input_register_device, input_report_key, input_sync, input_unregister_device,
  type input_dev,
} from '../input.ts';
import {
  SERIO_8042, SERIO_8042_XL, SERIO_ANY, __serio_register_driver, serio_close, serio_get_drvdata, serio_open, serio_set_drvdata,
  type serio, type serio_driver,
} from '../serio/serio.ts';
import { ps2_command, ps2_handle_ack, ps2_handle_response, ps2_init, PS2_FLAG_ACK, PS2_FLAG_CMD, type ps2dev } from '../serio/libps2.ts';

export const ATKBD_KEYMAP_SIZE = 512;
export const ATKBD_CMD_SETLEDS = 0x10ed, ATKBD_CMD_GETID = 0x02f2, ATKBD_CMD_SETREP = 0x10f3, ATKBD_CMD_ENABLE = 0x00f4;
export const ATKBD_CMD_RESET_DIS = 0x00f5;
export const ATKBD_RET_ACK = 0xfa, ATKBD_RET_NAK = 0xfe, ATKBD_RET_BAT = 0xaa, ATKBD_RET_EMUL0 = 0xe0, ATKBD_RET_EMUL1 = 0xe1;
export const ATKBD_RET_RELEASE = 0xf0, ATKBD_RET_HANJA = 0xf1, ATKBD_RET_HANGEUL = 0xf2, ATKBD_RET_ERR = 0xff;
const ATKBD_KEY_UNKNOWN = 0, ATKBD_KEY_NULL = 255;
/** ATKBD_SCR_* (0xfff8..0xfffe) are scroll pseudo-keys, never in keybit. */
const ATKBD_SPECIAL = 0xfff8;

/** atkbd_set2_keycode[]: Linux keycodes by set 2 scancode (0x80 | code after an 0xe0 prefix). */
const atkbd_set2_keycode: readonly number[] = [
  0, 67, 65, 63, 61, 59, 60, 88, 0, 68, 66, 64, 62, 15, 41, 117,
  0, 56, 42, 93, 29, 16, 2, 0, 0, 0, 44, 31, 30, 17, 3, 0,
  0, 46, 45, 32, 18, 5, 4, 95, 0, 57, 47, 33, 20, 19, 6, 183,
  0, 49, 48, 35, 34, 21, 7, 184, 0, 0, 50, 36, 22, 8, 9, 185,
  0, 51, 37, 23, 24, 11, 10, 0, 0, 52, 53, 38, 39, 25, 12, 0,
  0, 89, 40, 0, 26, 13, 0, 193, 58, 54, 28, 27, 0, 43, 0, 85,
  0, 86, 91, 90, 92, 0, 14, 94, 0, 79, 124, 75, 71, 121, 0, 0,
  82, 83, 80, 76, 77, 72, 1, 69, 87, 78, 81, 74, 55, 73, 70, 99,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  217, 100, 255, 0, 97, 165, 0, 0, 156, 0, 0, 0, 0, 0, 0, 125,
  173, 114, 0, 113, 0, 0, 0, 126, 128, 0, 0, 140, 0, 0, 0, 127,
  159, 0, 115, 0, 164, 0, 0, 116, 158, 0, 172, 166, 0, 0, 0, 142,
  157, 0, 0, 0, 0, 0, 0, 0, 155, 0, 98, 0, 0, 163, 0, 0,
  226, 0, 0, 0, 0, 0, 0, 0, 0, 255, 96, 0, 0, 0, 143, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 107, 0, 105, 102, 0, 0, 112,
  110, 111, 108, 112, 106, 103, 0, 119, 0, 118, 109, 0, 99, 104, 119, 0,
  0, 0, 0, 65, 99,
];

/** atkbd_unxlate_table[]: the set 2 scancode each translated (set 1) code came from. */
const atkbd_unxlate_table: readonly number[] = [
  0, 118, 22, 30, 38, 37, 46, 54, 61, 62, 70, 69, 78, 85, 102, 13, 21, 29, 36, 45, 44, 53, 60, 67, 68, 77, 84, 91, 90, 20, 28, 27,
  35, 43, 52, 51, 59, 66, 75, 76, 82, 14, 18, 93, 26, 34, 33, 42, 50, 49, 58, 65, 73, 74, 89, 124, 17, 41, 88, 5, 6, 4, 12, 3,
  11, 2, 10, 1, 9, 119, 126, 108, 117, 125, 123, 107, 115, 116, 121, 105, 114, 122, 112, 113, 127, 96, 97, 120, 7, 15, 23, 31, 39, 47, 55, 63,
  71, 79, 86, 94, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 87, 111, 19, 25, 57, 81, 83, 92, 95, 98, 99, 100, 101, 103, 104, 106, 109, 110,
];

/** Codes that are both PS/2 replies and (translated) scancodes: xl_bit tracks which of them last came as a make code. */
const xl_table = [ATKBD_RET_BAT, ATKBD_RET_ERR, ATKBD_RET_ACK, ATKBD_RET_NAK, ATKBD_RET_HANJA, ATKBD_RET_HANGEUL];

export interface atkbd {
  ps2dev: ps2dev;
  dev: input_dev;
  name: string;
  phys: string;
  translated: boolean;
  extra: boolean;
  write: boolean;
  softrepeat: boolean;
  softraw: boolean;
  scroll: boolean;
  set: number;
  id: number;
  keycode: Uint16Array;
  force_release_mask: Uint8Array;
  /** 0, or 1/2 after an 0xe0/0xe1 prefix. */
  emul: number;
  release: boolean;
  last: number;
  time: number;
  err_count: number;
  xl_bit: number;
  enabled: boolean;
}

function atkbd_need_xlate(xl_bit: number, code: number): boolean {
  if (code === ATKBD_RET_EMUL0 || code === ATKBD_RET_EMUL1) return false;
  const i = xl_table.indexOf(code);
  return i < 0 ? true : !!(xl_bit & (1 << i));
}

function atkbd_calculate_xl_bit(k: atkbd, code: number): void {
  const i = xl_table.findIndex((x) => !((code ^ x) & 0x7f));
  if (i < 0) return;
  if (code & 0x80) k.xl_bit &= ~(1 << i); else k.xl_bit |= 1 << i;
}

/** atkbd_compat_scancode(): the 0xe0 prefix as bit 7 and the release bit moved to bit 8 (kernel 2.4's encoding). */
function atkbd_compat_scancode(k: atkbd, code: number): number {
  if (k.set === 3) return k.emul === 1 ? code | 0x100 : code;
  code = (code & 0x7f) | ((code & 0x80) << 1);
  return k.emul === 1 ? code | 0x80 : code;
}

/** atkbd_interrupt(): PS/2 replies go to libps2; scancodes become EV_MSC/MSC_SCAN and EV_KEY (1 press, 2 repeat, 0 release) with a sync. */
function atkbd_interrupt(s: serio, data: number): number {
  const k = serio_get_drvdata(s) as atkbd;
  const dev = k.dev;
  let code = data;
  if (k.ps2dev.flags & PS2_FLAG_ACK && ps2_handle_ack(k.ps2dev, data)) return 1;
  if (k.ps2dev.flags & PS2_FLAG_CMD && ps2_handle_response(k.ps2dev, data)) return 1;
  if (!k.enabled) return 1;
  input_event(dev, C.EV_MSC, C.MSC_RAW, code);
  if (k.translated) {
    if (k.emul || atkbd_need_xlate(k.xl_bit, code)) {
      k.release = code >> 7 !== 0;
      code &= 0x7f;
    }
    if (!k.emul) atkbd_calculate_xl_bit(k, data);
  }
  switch (code) {
    case ATKBD_RET_BAT: k.enabled = false; return 1; // serio_reconnect(): the keyboard was reset or replugged
    case ATKBD_RET_EMUL0: k.emul = 1; return 1;
    case ATKBD_RET_EMUL1: k.emul = 2; return 1;
    case ATKBD_RET_RELEASE: k.release = true; return 1;
    case ATKBD_RET_ACK: case ATKBD_RET_NAK:
      dev_warn(s.dev, `Spurious ${data === ATKBD_RET_ACK ? 'ACK' : 'NAK'} on ${s.phys}. Some program might be trying to access hardware directly.`);
      return 1;
    case ATKBD_RET_ERR: k.err_count++; return 1;
  }
  code = atkbd_compat_scancode(k, code);
  if (k.emul && --k.emul) return 1;
  const keycode = k.keycode[code]!;
  if (!(k.release && k.force_release_mask[code]) && keycode !== ATKBD_KEY_NULL) input_event(dev, C.EV_MSC, C.MSC_SCAN, code);
  if (keycode === ATKBD_KEY_UNKNOWN) {
    dev_warn(s.dev, `Unknown key ${k.release ? 'released' : 'pressed'} (${k.translated ? 'translated' : 'raw'} set ${k.set}, code 0x${code.toString(16)} on ${s.phys}).`);
    dev_warn(s.dev, `Use 'setkeycodes ${code & 0x80 ? 'e0' : ''}${(code & 0x7f).toString(16).padStart(2, '0')} <keycode>' to make it known.`);
    input_sync(dev);
  } else if (keycode !== ATKBD_KEY_NULL && keycode < ATKBD_SPECIAL) {
    let value: number;
    if (k.release) { value = 0; k.last = 0; } else if (!k.softrepeat && dev.key[keycode]) {
      // The keyboard's own typematic repeat: a repeated make within half the delay is still a press.
      value = jiffies() < k.time && k.last === code ? 1 : 2;
    } else {
      value = 1;
      k.last = code;
      k.time = jiffies() + Math.floor(msecs_to_jiffies(dev.rep[0]) / 2);
    }
    input_event(dev, C.EV_KEY, keycode, value);
    input_sync(dev);
    if (value && k.force_release_mask[code]) {
      input_event(dev, C.EV_MSC, C.MSC_SCAN, code);
      input_report_key(dev, keycode, 0);
      input_sync(dev);
    }
  }
  k.release = false;
  return 1;
}

/** atkbd_set_keycode_table(): for a translated keyboard, each set 1 code maps through the set 2 table. */
function atkbd_set_keycode_table(k: atkbd): void {
  k.keycode.fill(0);
  k.force_release_mask.fill(0);
  if (k.translated) {
    for (let i = 0; i < 128; i++) {
      const sc = atkbd_unxlate_table[i]!;
      k.keycode[i] = atkbd_set2_keycode[sc] ?? 0;
      k.keycode[i | 0x80] = atkbd_set2_keycode[sc | 0x80] ?? 0;
    }
  } else {
    atkbd_set2_keycode.forEach((v, i) => { k.keycode[i] = v; });
  }
  // HANGEUL and HANJA send no release: the driver makes one.
  for (const [ret, key] of [[ATKBD_RET_HANGEUL, C.KEY_HANGEUL], [ATKBD_RET_HANJA, C.KEY_HANJA]] as const) {
    const sc = atkbd_compat_scancode(k, ret);
    k.keycode[sc] = key;
    k.force_release_mask[sc] = 1;
  }
}

/** atkbd_set_device_attrs(): "AT Translated Set 2 keyboard" on isa0060/serio0/input0, BUS_I8042 0001:0001, version = the keyboard's ID. */
function atkbd_set_device_attrs(k: atkbd, s: serio): void {
  const d = k.dev;
  k.name = k.extra ? 'AT Set 2 Extra keyboard' : `AT ${k.translated ? 'Translated' : 'Raw'} Set ${k.set} keyboard`;
  k.phys = `${s.phys}/input0`;
  d.name = k.name;
  d.phys = k.phys;
  d.id = { bustype: BUS_I8042, vendor: 0x0001, product: k.translated ? 1 : k.set, version: k.id };
  d.event = atkbd_event;
  d.dev.parent = s.dev;
  d.driver_data = k;
  for (const ev of [C.EV_KEY, C.EV_REP, C.EV_MSC]) d.bits.ev[ev] = 1;
  if (k.write) {
    d.bits.ev[C.EV_LED] = 1;
    for (const l of [C.LED_NUML, C.LED_CAPSL, C.LED_SCROLLL]) d.bits.led[l] = 1;
  }
  if (!k.softrepeat) d.rep = [250, 33];
  d.bits.msc[C.MSC_SCAN] = 1;
  if (!k.softraw) d.bits.msc[C.MSC_RAW] = 1;
  for (let i = 0; i < ATKBD_KEYMAP_SIZE; i++) {
    const kc = k.keycode[i]!;
    if (kc !== C.KEY_RESERVED && kc !== ATKBD_KEY_NULL && kc < ATKBD_SPECIAL) d.bits.key[kc] = 1;
  }
}

/** atkbd_set_leds(): ScrollLock 1, NumLock 2, CapsLock 4 with the SETLEDS command. */
function* atkbd_set_leds(k: atkbd): KGen<number> {
  const l = k.dev.led;
  const param = [(l[C.LED_SCROLLL] ? 1 : 0) | (l[C.LED_NUML] ? 2 : 0) | (l[C.LED_CAPSL] ? 4 : 0)];
  return (yield* ps2_command(k.ps2dev, param, ATKBD_CMD_SETLEDS)) ? -1 : 0;
}

/** atkbd_event(): LED changes arrive in interrupt context; the command goes out from a work item (atkbd_event_work). */
function atkbd_event(d: input_dev, type: number): number {
  const k = d.driver_data as atkbd;
  if (!k.write) return -1;
  if (type === C.EV_LED) queue_work(system_wq(), INIT_WORK(function* () { if (k.enabled) yield* atkbd_set_leds(k); }));
  return type === C.EV_LED || type === C.EV_REP ? 0 : -1;
}

/** atkbd_probe(): GETID (0xab 0x41 from a translated MF2 keyboard), then the keyboard is reset to defaults and disabled until activated. */
function* atkbd_probe(k: atkbd): KGen<number> {
  const param = [0xa5, 0xa5];
  if (yield* ps2_command(k.ps2dev, param, ATKBD_CMD_GETID)) {
    // Old AT keyboards do not answer GETID but take SETLEDS.
    param[0] = 0;
    if (yield* ps2_command(k.ps2dev, param, ATKBD_CMD_SETLEDS)) return -1;
    k.id = 0xabba;
    return 0;
  }
  if (![0xab, 0xac, 0x2b, 0x5d, 0x60, 0x47].includes(param[0]!)) return -1; // ps2_is_keyboard_id()
  k.id = (param[0]! << 8) | param[1]!;
  if (yield* ps2_command(k.ps2dev, [], ATKBD_CMD_RESET_DIS)) dev_warn(k.ps2dev.serio.dev, `Failed to deactivate keyboard on ${k.ps2dev.serio.phys}`);
  return 0;
}

const bool01 = (b: boolean): string => (b ? '1' : '0');
const atkbd_attr = (name: string, show: (k: atkbd) => string): device_attribute => ({ name, mode: 0o444, show: (dev) => `${show(serio_get_drvdata(dev.container as serio) as atkbd)}\n` });
/** atkbd_attribute_group on the serio port (read-only here). */
const atkbd_attribute_group = [{ attrs: [
  atkbd_attr('extra', (k) => bool01(k.extra)), atkbd_attr('scroll', (k) => bool01(k.scroll)), atkbd_attr('set', (k) => String(k.set)),
  atkbd_attr('softrepeat', (k) => bool01(k.softrepeat)), atkbd_attr('softraw', (k) => bool01(k.softraw)), atkbd_attr('err_count', (k) => String(k.err_count)),
] }];

/** atkbd_connect(): probe the keyboard, pick the set, build the keymap, enable it and register the input device. */
function* atkbd_connect(s: serio, drv: serio_driver): KGen<number> {
  const dev = input_allocate_device();
  if (!dev) return -ENOMEM;
  const k: atkbd = {
    ps2dev: ps2_init(s), dev, name: '', phys: '', translated: s.id.type === SERIO_8042_XL, extra: false, write: false,
    softrepeat: false, softraw: true, scroll: false, set: 2, id: 0, keycode: new Uint16Array(ATKBD_KEYMAP_SIZE),
    force_release_mask: new Uint8Array(ATKBD_KEYMAP_SIZE), emul: 0, release: false, last: 0, time: 0, err_count: 0, xl_bit: 0, enabled: false,
  };
  if ((s.id.type === SERIO_8042_XL || s.id.type === SERIO_8042) && s.write) k.write = true;
  serio_set_drvdata(s, k);
  let err = serio_open(s, drv);
  if (err) { input_free_device(dev); return err; }
  if (k.write) {
    if (yield* atkbd_probe(k)) { serio_close(s); input_free_device(dev); return -ENODEV; }
    k.set = 2; // atkbd_select_set(): a translated keyboard stays in set 2
    yield* ps2_command(k.ps2dev, [0], ATKBD_CMD_SETLEDS); // atkbd_reset_state()
    yield* ps2_command(k.ps2dev, [0], ATKBD_CMD_SETREP);
  } else {
    k.id = 0xab00;
  }
  atkbd_set_keycode_table(k);
  atkbd_set_device_attrs(k, s);
  device_add_groups(s.dev, atkbd_attribute_group);
  k.enabled = true; // atkbd_enable()
  if (s.write) yield* ps2_command(k.ps2dev, [], ATKBD_CMD_ENABLE); // atkbd_activate()
  err = yield* input_register_device(dev);
  if (err) {
    device_remove_groups(s.dev, atkbd_attribute_group);
    serio_close(s);
    input_free_device(dev);
    return err;
  }
  return 0;
}

function* atkbd_disconnect(s: serio): KGen<void> {
  const k = serio_get_drvdata(s) as atkbd;
  k.enabled = false;
  device_remove_groups(s.dev, atkbd_attribute_group);
  yield* input_unregister_device(k.dev);
  serio_close(s);
  serio_set_drvdata(s, null);
}

/** atkbd_init(): matches 8042 ports, translated or not. */
function atkbd_init(): number {
  const drv: serio_driver = {
    description: 'AT and PS/2 keyboard driver',
    id_table: [
      { type: SERIO_8042, proto: SERIO_ANY, id: SERIO_ANY, extra: SERIO_ANY },
      { type: SERIO_8042_XL, proto: SERIO_ANY, id: SERIO_ANY, extra: SERIO_ANY },
    ],
    interrupt: atkbd_interrupt,
    connect: atkbd_connect,
    disconnect: atkbd_disconnect,
    driver: { name: 'atkbd' } as device_driver,
  };
  return __serio_register_driver(drv, null);
}

export const initcalls: initcall_entry[] = [['device', 'atkbd_init', atkbd_init, 10_000]];
