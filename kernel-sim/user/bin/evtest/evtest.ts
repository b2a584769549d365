// Models evtest 1.35 (Debian 12): an input device's ID, name, supported events with LED/switch states and axis ranges, repeat settings and properties, then every event read from /dev/input/eventN; --query and --grab.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { O_RDONLY } from '../../../include/uapi/stat.ts';
import { INPUT_EVENT_CODES } from '../../../include/uapi/linux/input-event-codes.ts';
import {
  EVIOCGABS, EVIOCGBIT, EVIOCGID, EVIOCGLED, EVIOCGNAME, EVIOCGPROP, EVIOCGRAB, EVIOCGREP, EVIOCGSND, EVIOCGSW, EVIOCGVERSION, EVIOCGKEY,
} from '../../../include/uapi/linux/input.ts';

const C = INPUT_EVENT_CODES;
const KEY_MAX = C.KEY_MAX;
const EVENT_SIZE = 24;

/** Aliases evtest's tables do not use (the later or the range names): the first other name of a value wins. */
const ALIASES = new Set(['KEY_MIN_INTERESTING', 'BTN_MISC', 'BTN_MOUSE', 'BTN_JOYSTICK', 'BTN_GAMEPAD', 'BTN_DIGI', 'BTN_WHEEL', 'BTN_TRIGGER_HAPPY']);

/** Code names by event type, built from input-event-codes.h as evtest's tables list them. */
function build_names(): { events: Map<number, string>; codes: Map<number, Map<number, string>>; props: Map<number, string> } {
  const prefixes: [number, string[]][] = [
    [C.EV_SYN, ['SYN_']], [C.EV_KEY, ['KEY_', 'BTN_']], [C.EV_REL, ['REL_']], [C.EV_ABS, ['ABS_']], [C.EV_MSC, ['MSC_']],
    [C.EV_SW, ['SW_']], [C.EV_LED, ['LED_']], [C.EV_SND, ['SND_']], [C.EV_REP, ['REP_']],
  ];
  const events = new Map<number, string>(), props = new Map<number, string>();
  const codes = new Map<number, Map<number, string>>(prefixes.map(([t]) => [t, new Map<number, string>()]));
  for (const [name, v] of Object.entries(C)) {
    if (ALIASES.has(name) || /_(MAX|CNT)$/.test(name)) continue;
    if (name.startsWith('EV_')) { if (!events.has(v)) events.set(v, name); continue; }
    if (name.startsWith('INPUT_PROP_')) { if (!props.has(v)) props.set(v, name); continue; }
    for (const [t, pre] of prefixes) {
      const m = codes.get(t)!;
      if (pre.some((p) => name.startsWith(p)) && !m.has(v)) m.set(v, name);
    }
  }
  return { events, codes, props };
}
// kernel-static: the name tables are the same for every machine
const NAMES = build_names();
const typename = (t: number): string => NAMES.events.get(t) ?? '?';
const codename = (t: number, c: number): string => NAMES.codes.get(t)?.get(c) ?? '?';

const test_bit = (b: Uint8Array, n: number): boolean => ((b[n >> 3] ?? 0) & (1 << (n & 7))) !== 0;
const int_at = (b: Uint8Array, o: number): number => new DataView(b.buffer, b.byteOffset).getInt32(o, true);

function* out(c: Libc, s: string): KGen<void> { yield* c.write(1, s); }

/** get_state(): LEDs, sounds and switches have a state evtest prints; keys on purpose not ("let's do this properly later"). */
function* get_state(c: Libc, fd: number, type: number): KGen<Uint8Array | null> {
  const ioc = type === C.EV_LED ? EVIOCGLED : type === C.EV_SND ? EVIOCGSND : type === C.EV_SW ? EVIOCGSW : null;
  if (!ioc) return null;
  const [r, b] = yield* c.ioctl(fd, ioc(KEY_MAX / 8 + 1), new Uint8Array(KEY_MAX / 8 + 1));
  return r < 0 ? null : b;
}

const ABSVAL = ['Value', 'Min  ', 'Max  ', 'Fuzz ', 'Flat ', 'Resolution '];

/** print_device_info(). */
function* print_device_info(c: Libc, fd: number): KGen<number> {
  const [rv, ver] = yield* c.ioctl(fd, EVIOCGVERSION, 0, 4);
  if (rv < 0) { yield* c.write(2, `evtest: can't get version: ${strerror(-rv)}\n`); return 1; }
  const version = int_at(ver, 0);
  yield* out(c, `Input driver version is ${version >> 16}.${(version >> 8) & 0xff}.${version & 0xff}\n`);
  const [, idb] = yield* c.ioctl(fd, EVIOCGID, 0, 8);
  const id = new DataView(idb.buffer, idb.byteOffset);
  const h = (i: number): string => id.getUint16(i * 2, true).toString(16);
  yield* out(c, `Input device ID: bus 0x${h(0)} vendor 0x${h(1)} product 0x${h(2)} version 0x${h(3)}\n`);
  const [rn, nb] = yield* c.ioctl(fd, EVIOCGNAME(256), 0, 256);
  const name = rn < 0 ? 'Unknown' : new TextDecoder().decode(nb.subarray(0, Math.max(0, nb.indexOf(0))));
  yield* out(c, `Input device name: "${name}"\n`);
  // Zeroed buffers, as evtest's memset(bit, 0, ...): the kernel copies only the bitmap's own longs.
  const [, evbits] = yield* c.ioctl(fd, EVIOCGBIT(0, C.EV_MAX), new Uint8Array(C.EV_MAX));
  yield* out(c, 'Supported events:\n');
  for (let type = 0; type < C.EV_MAX; type++) {
    if (!test_bit(evbits, type) || type === C.EV_REP) continue;
    const state = yield* get_state(c, fd, type);
    yield* out(c, `  Event type ${type} (${typename(type)})\n`);
    if (type === C.EV_SYN) continue;
    const [, bits] = yield* c.ioctl(fd, EVIOCGBIT(type, KEY_MAX), new Uint8Array(KEY_MAX));
    for (let code = 0; code < KEY_MAX; code++) {
      if (!test_bit(bits, code)) continue;
      yield* out(c, `    Event code ${code} (${codename(type, code)})${state ? ` state ${test_bit(state, code) ? 1 : 0}` : ''}\n`);
      if (type === C.EV_ABS) {
        const [, ab] = yield* c.ioctl(fd, EVIOCGABS(code), 0, 24);
        for (let k = 0; k < 6; k++) if (k < 3 || int_at(ab, k * 4)) yield* out(c, `      ${ABSVAL[k]} ${String(int_at(ab, k * 4)).padStart(6)}\n`);
      }
    }
  }
  if (test_bit(evbits, C.EV_REP)) {
    yield* out(c, `Key repeat handling:\n  Repeat type ${C.EV_REP} (${typename(C.EV_REP)})\n`);
    const [, rep] = yield* c.ioctl(fd, EVIOCGREP, 0, 8);
    for (let i = 0; i <= C.REP_MAX; i++) yield* out(c, `    Repeat code ${i} (${codename(C.EV_REP, i)})\n      Value ${String(int_at(rep, i * 4)).padStart(6)}\n`);
  }
  yield* out(c, 'Properties:\n');
  const [rp, props] = yield* c.ioctl(fd, EVIOCGPROP(C.INPUT_PROP_MAX + 1), 0, C.INPUT_PROP_MAX + 1);
  if (rp >= 0) for (let i = 0; i < C.INPUT_PROP_MAX; i++) if (test_bit(props, i)) yield* out(c, `  Property type ${i} (${NAMES.props.get(i) ?? '?'})\n`);
  return 0;
}

/** print_events(): one line per event until the device goes away or the program is interrupted. */
function* print_events(c: Libc, fd: number): KGen<number> {
  for (;;) {
    const b = yield* c.read(fd, EVENT_SIZE * 64);
    if (typeof b === 'number' || b.length < EVENT_SIZE) {
      yield* c.write(2, `expected ${EVENT_SIZE} bytes, got ${typeof b === 'number' ? b : b.length}\n`);
      yield* c.write(2, `\nevtest: error reading: ${typeof b === 'number' ? strerror(-b) : 'Success'}\n`);
      return 1;
    }
    const dv = new DataView(b.buffer, b.byteOffset);
    let text = '';
    for (let o = 0; o + EVENT_SIZE <= b.length; o += EVENT_SIZE) {
      const sec = Number(dv.getBigInt64(o, true)), usec = Number(dv.getBigInt64(o + 8, true));
      const type = dv.getUint16(o + 16, true), code = dv.getUint16(o + 18, true), value = dv.getInt32(o + 20, true);
      text += `Event: time ${sec}.${String(usec).padStart(6, '0')}, `;
      if (type === C.EV_SYN) {
        if (code === C.SYN_MT_REPORT) text += `++++++++++++++ ${codename(type, code)} ++++++++++++\n`;
        else if (code === C.SYN_DROPPED) text += `>>>>>>>>>>>>>> ${codename(type, code)} <<<<<<<<<<<<\n`;
        else text += `-------------- ${codename(type, code)} ------------\n`;
      } else {
        const v = type === C.EV_MSC && (code === C.MSC_RAW || code === C.MSC_SCAN) ? (value >>> 0).toString(16).padStart(2, '0') : String(value);
        text += `type ${type} (${typename(type)}), code ${code} (${codename(type, code)}), value ${v}\n`;
      }
    }
    yield* out(c, text);
  }
}

/** scan_devices(): lists /dev/input/event* with their names and asks which one. */
function* scan_devices(c: Libc): KGen<string | null> {
  const ents = yield* c.readdir('/dev/input');
  const nums = typeof ents === 'number' ? [] : ents.map((e) => /^event(\d+)$/.exec(e.name)?.[1]).filter((x): x is string => !!x).map(Number).sort((a, b) => a - b);
  yield* c.write(2, 'No device specified, trying to scan all of /dev/input/event*\n');
  yield* c.write(2, 'Available devices:\n');
  for (const n of nums) {
    const fd = yield* c.open(`/dev/input/event${n}`, O_RDONLY);
    if (fd < 0) continue;
    const [r, nb] = yield* c.ioctl(fd, EVIOCGNAME(256), 0, 256);
    yield* c.close(fd);
    yield* c.write(2, `/dev/input/event${n}:\t${r < 0 ? '???' : new TextDecoder().decode(nb.subarray(0, Math.max(0, nb.indexOf(0))))}\n`);
  }
  if (!nums.length) return null;
  yield* c.write(2, `Select the device event number [0-${nums[nums.length - 1]}]: `);
  const line = yield* c.read(0, 64);
  const n = typeof line === 'number' ? NaN : Number.parseInt(new TextDecoder().decode(line), 10);
  return Number.isNaN(n) ? null : `/dev/input/event${n}`;
}

/** --query DEV TYPE CODE: exit 10 if the key/LED/switch is set, 0 if not (evtest's query mode). */
function* query(c: Libc, dev: string, type_s: string, code_s: string): KGen<number> {
  const type = [...NAMES.events].find(([, n]) => n === type_s)?.[0] ?? Number(type_s);
  const code = [...(NAMES.codes.get(type) ?? [])].find(([, n]) => n === code_s)?.[0] ?? Number(code_s);
  const ioc = { [C.EV_KEY]: EVIOCGKEY, [C.EV_LED]: EVIOCGLED, [C.EV_SND]: EVIOCGSND, [C.EV_SW]: EVIOCGSW }[type];
  if (!ioc || Number.isNaN(code)) { yield* c.write(2, `Query not supported for event type ${type_s}\n`); return 2; }
  const fd = yield* c.open(dev, O_RDONLY);
  if (fd < 0) { yield* c.write(2, `evtest: ${strerror(-fd)}\n`); return 1; }
  const [r, b] = yield* c.ioctl(fd, ioc(KEY_MAX / 8 + 1), new Uint8Array(KEY_MAX / 8 + 1));
  yield* c.close(fd);
  if (r < 0) return 1;
  return test_bit(b, code) ? 10 : 0;
}

export function* evtest_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  if (args[0] === '--query') {
    if (args.length < 4) { yield* c.write(2, 'USAGE:\n Query mode:\n   evtest --query /dev/input/eventX <type> <value>\n'); return 1; }
    return yield* query(c, args[1]!, args[2]!, args[3]!);
  }
  const grab = args[0] === '--grab';
  const dev = (grab ? args[1] : args[0]) ?? (yield* scan_devices(c));
  if (!dev) return 1;
  const fd = yield* c.open(dev, O_RDONLY);
  if (fd < 0) { yield* c.write(2, `evtest: ${strerror(-fd)}\n`); return 1; }
  if ((yield* print_device_info(c, fd))) return 1;
  yield* out(c, 'Testing ... (interrupt to exit)\n');
  if (grab) {
    const [r] = yield* c.ioctl(fd, EVIOCGRAB, 1);
    if (r < 0) { yield* out(c, '***********************************************\n  This device is grabbed by another process.\n  No events are available to evtest while the\n  other grab is active.\n  In most cases, this is caused by an X driver,\n  try VT-switching and re-run evtest again.\n  Run the following command to see processes with\n  an open fd on this device\n "fuser -v ' + dev + '"\n***********************************************\n'); }
  }
  return yield* print_events(c, fd);
}
