// The PS/2 keyboard path on the default machine: i8042 + serio + atkbd boot lines as the q35 reference prints them, the input
// device in /proc/bus/input and sysfs, and keys pressed on the keyboard model arriving in /dev/input/event0 (evtest).
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { machine_kbd, type KBDState } from '../../../kernel-sim/hw/input/pckbd.ts';
import { INPUT_EVENT_CODES as C } from '../../../kernel-sim/include/uapi/linux/input-event-codes.ts';
import { inputMethods } from '../../../kernel-sim/host/methods/input.ts';
import type { MethodContext } from '../../../kernel-sim/host/methods/define.ts';
import { sh, dmesg, reference } from '../driver-model/harness.ts';
import { bootDefault, pressAt } from './harness.ts';

let m: Machine;
beforeAll(() => { m = bootDefault(); });

const kbd = (): KBDState => m.inspect(() => machine_kbd(machine_hw()))!;

describe('PS/2 keyboard', () => {
  it('prints the reference boot lines of i8042, serio, mousedev and the keyboard, in order', () => {
    const want = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, ''))
      .filter((l) => /^(i8042|serio|mousedev|input):/.test(l));
    expect(want).toHaveLength(5);
    const got = dmesg(m).split('\n').filter((l) => /^(i8042|serio|mousedev|input):/.test(l));
    expect(got).toEqual(want);
  });

  it('lists the keyboard in /proc/bus/input/devices in Linux\'s format, and the handlers', () => {
    expect(sh(m, 'cat /proc/bus/input/devices')).toBe([
      'I: Bus=0011 Vendor=0001 Product=0001 Version=ab41',
      'N: Name="AT Translated Set 2 keyboard"',
      'P: Phys=isa0060/serio0/input0',
      'S: Sysfs=/devices/platform/i8042/serio0/input/input0',
      'U: Uniq=',
      'H: Handlers=event0 ',
      'B: PROP=0',
      'B: EV=120013',
      'B: KEY=402000002 3803078f800d001 feffffdfffefffff fffffffffffffffe',
      'B: MSC=10',
      'B: LED=7',
      '', '',
    ].join('\n'));
    expect(sh(m, 'cat /proc/bus/input/handlers')).toBe('N: Number=0 Name=mousedev Minor=32\nN: Number=1 Name=evdev Minor=64\n');
  });

  it('has inputN and eventN in the input class, with id/, capabilities/, the modalias and /dev/input nodes', () => {
    expect(sh(m, 'cat /sys/class/input/input0/name /sys/class/input/input0/phys /sys/class/input/input0/id/bustype /sys/class/input/input0/id/version'))
      .toBe('AT Translated Set 2 keyboard\nisa0060/serio0/input0\n0011\nab41\n');
    expect(sh(m, 'cat /sys/class/input/input0/capabilities/ev /sys/class/input/input0/capabilities/led /sys/class/input/input0/capabilities/rel')).toBe('120013\n7\n0\n');
    expect(sh(m, 'cat /sys/class/input/input0/modalias')).toMatch(/^input:b0011v0001p0001eAB41-e0,1,4,11,14,k71,72,.*,ram4,l0,1,2,sfw\n$/);
    expect(sh(m, 'readlink /sys/class/input/event0')).toBe('../../devices/platform/i8042/serio0/input/input0/event0\n');
    expect(sh(m, 'cat /sys/class/input/event0/uevent')).toBe('MAJOR=13\nMINOR=64\nDEVNAME=input/event0\n');
    expect(sh(m, 'ls -l /dev/input')).toMatch(/crw------- +1 root +root +13, +64 .* event0\ncrw------- +1 root +root +13, +63 .* mice\n/);
    expect(sh(m, 'cat /sys/bus/serio/devices/serio0/description /sys/bus/serio/devices/serio0/modalias; readlink /sys/bus/serio/devices/serio0/driver'))
      .toBe('i8042 KBD port\nserio:ty06pr00id00ex00\n../../../../bus/serio/drivers/atkbd\n');
    expect(sh(m, 'grep i8042 /proc/interrupts')).toMatch(/^ {2}1: +\d+ +\d+ +IO-APIC +1-edge +i8042\n 12: +\d+ +\d+ +IO-APIC +12-edge +i8042\n$/);
  });

  it('turns a key pressed on the keyboard into MSC_SCAN, EV_KEY and SYN_REPORT events that evtest prints', () => {
    pressAt(m, 50, C.KEY_A, true);
    pressAt(m, 120, C.KEY_A, false);
    pressAt(m, 200, C.KEY_RIGHTCTRL, true); // an extended (0xe0) key
    const out = sh(m, 'evtest /dev/input/event0');
    const head = out.slice(0, out.indexOf('Testing'));
    expect(head).toMatch(/^Input driver version is 1\.0\.1\nInput device ID: bus 0x11 vendor 0x1 product 0x1 version 0xab41\nInput device name: "AT Translated Set 2 keyboard"\nSupported events:\n  Event type 0 \(EV_SYN\)\n  Event type 1 \(EV_KEY\)\n    Event code 1 \(KEY_ESC\)\n/);
    expect(head).toContain('  Event type 17 (EV_LED)\n    Event code 0 (LED_NUML) state 0\n    Event code 1 (LED_CAPSL) state 0\n    Event code 2 (LED_SCROLLL) state 0\n');
    expect(head).toMatch(/Key repeat handling:\n {2}Repeat type 20 \(EV_REP\)\n {4}Repeat code 0 \(REP_DELAY\)\n {6}Value {4}250\n {4}Repeat code 1 \(REP_PERIOD\)\n {6}Value {5}33\nProperties:\n$/);
    const events = out.slice(out.indexOf('Testing ... (interrupt to exit)\n') + 32).split('\n').filter(Boolean).map((l) => l.replace(/time \d+\.\d{6}/, 'time T'));
    expect(events).toEqual([
      'Event: time T, type 4 (EV_MSC), code 4 (MSC_SCAN), value 1e',
      'Event: time T, type 1 (EV_KEY), code 30 (KEY_A), value 1',
      'Event: time T, -------------- SYN_REPORT ------------',
      'Event: time T, type 4 (EV_MSC), code 4 (MSC_SCAN), value 1e',
      'Event: time T, type 1 (EV_KEY), code 30 (KEY_A), value 0',
      'Event: time T, -------------- SYN_REPORT ------------',
      'Event: time T, type 4 (EV_MSC), code 4 (MSC_SCAN), value 9d',
      'Event: time T, type 1 (EV_KEY), code 97 (KEY_RIGHTCTRL), value 1',
      'Event: time T, -------------- SYN_REPORT ------------',
    ]);
    // The key stays down: EVIOCGKEY sees it (evtest's query mode exits 10).
    expect(sh(m, 'evtest --query /dev/input/event0 EV_KEY KEY_RIGHTCTRL; echo rc=$?')).toBe('rc=10\n');
    expect(sh(m, 'evtest --query /dev/input/event0 EV_KEY KEY_A; echo rc=$?')).toBe('rc=0\n');
  });

  it('types through the input.keys method, one scancode sequence per key', async () => {
    const ctx = { machine: () => m } as unknown as MethodContext;
    const r = await inputMethods['input.keys'].handler({ keys: [{ key: 'KEY_RIGHTCTRL', down: false }, { key: 'KEY_B', down: true }, { key: C.KEY_B, down: false }] }, ctx);
    expect(r).toEqual({ sent: 3 });
    expect(sh(m, 'evtest --query /dev/input/event0 EV_KEY KEY_RIGHTCTRL; echo rc=$?')).toBe('rc=0\n');
    expect(() => inputMethods['input.keys'].handler({ keys: [{ key: 'KEY_NOPE', down: true }] }, ctx)).toThrow(/unknown key KEY_NOPE/);
  });

  it('sets the keyboard\'s LEDs when an LED event is written to the device', () => {
    expect(kbd().kbd.ledstate).toBe(0);
    // struct input_event { timeval (16 bytes), type EV_LED (0x11), code LED_CAPSL (1), value 1 } then a SYN_REPORT.
    const z16 = '\\0'.repeat(16);
    sh(m, `printf '${z16}\\021\\0\\001\\0\\001\\0\\0\\0${z16}\\0\\0\\0\\0\\0\\0\\0\\0' > /dev/input/event0`);
    m.runFor(10_000_000);
    expect(kbd().kbd.ledstate).toBe(4);
    expect(sh(m, 'evtest --query /dev/input/event0 EV_LED LED_CAPSL; echo rc=$?')).toBe('rc=10\n');
  });
});
