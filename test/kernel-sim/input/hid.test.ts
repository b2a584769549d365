// The HID core through a test transport (what usbhid provides): the boot keyboard's and a wheel mouse's report descriptors
// parsed, hid-generic's line, input devices with their usages mapped, reports as input events (evtest) and as raw reports
// (/dev/hidraw0), the keyboard's LEDs as output reports.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { hid_add_device, hid_allocate_device, hid_input_report, hid_parse_report, HID_INPUT_REPORT, type hid_device } from '../../../kernel-sim/drivers/hid/hid-core.ts';
import { hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { BUS_USB } from '../../../kernel-sim/include/uapi/linux/input.ts';
import { bootMachine, kcall, sh, dmesg } from '../driver-model/harness.ts';

/** The HID boot protocol keyboard (HID 1.11 appendix B.1, as QEMU's usb-kbd reports it). */
const KBD = [0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x75, 0x01, 0x95, 0x08, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01,
  0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, 0x95, 0x01,
  0x75, 0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0xff, 0x05, 0x07, 0x19, 0x00, 0x29, 0xff, 0x81, 0x00, 0xc0];
/** A 3-button wheel mouse (QEMU's usb-mouse). */
const MOUSE = [0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x01, 0xa1, 0x00, 0x05, 0x09, 0x19, 0x01, 0x29, 0x03, 0x15, 0x00, 0x25, 0x01,
  0x95, 0x03, 0x75, 0x01, 0x81, 0x02, 0x95, 0x01, 0x75, 0x05, 0x81, 0x01, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x09, 0x38, 0x15, 0x81,
  0x25, 0x7f, 0x75, 0x08, 0x95, 0x03, 0x81, 0x06, 0xc0, 0xc0];

let m: Machine;
const outputs: number[][] = [];
let kbd: hid_device, mouse: hid_device;

function add(desc: number[], product: number, name: string, port: number): hid_device {
  return m.inspect(() => {
    const hid = hid_allocate_device();
    Object.assign(hid, { bus: BUS_USB, vendor: 0x0627, product, version: 0x0111, name, phys: `usb-0000:00:04.0-${port}/input0` });
    hid.ll_driver = { parse: (h) => hid_parse_report(h, Uint8Array.from(desc)), output_report: (_h, r) => { outputs.push([...r]); return r.length; } };
    return hid;
  });
}

/** A report from the device `ms` milliseconds of virtual time from now (an interrupt URB completing). */
function reportAt(hid: hid_device, ms: number, bytes: number[]): void {
  m.inspect(() => hrtimer_start(hrtimer_create('hid-report', () => { hid_input_report(hid, HID_INPUT_REPORT, Uint8Array.from(bytes), true); }), ktime_get() + ms * NSEC_PER_MSEC));
}

beforeAll(() => {
  m = bootMachine();
  kbd = add(KBD, 0x0001, 'QEMU QEMU USB Keyboard', 1);
  mouse = add(MOUSE, 0x0002, 'QEMU QEMU USB Mouse', 2);
  expect(kcall(m, () => hid_add_device(kbd))).toBe(0);
  expect(kcall(m, () => hid_add_device(mouse))).toBe(0);
});

describe('HID core', () => {
  it('binds hid-generic with Linux\'s line and creates the input devices and hidraw nodes', () => {
    const lines = dmesg(m).split('\n');
    expect(lines).toContain('hid-generic 0003:0627:0001.0001: input,hidraw0: USB HID v1.11 Keyboard [QEMU QEMU USB Keyboard] on usb-0000:00:04.0-1/input0');
    expect(lines).toContain('hid-generic 0003:0627:0002.0002: input,hidraw1: USB HID v1.11 Mouse [QEMU QEMU USB Mouse] on usb-0000:00:04.0-2/input0');
    expect(lines).toContain('input: QEMU QEMU USB Keyboard as /devices/0003:0627:0001.0001/input/input0');
    const devs = sh(m, 'cat /proc/bus/input/devices').split('\n\n');
    expect(devs[0]).toContain('I: Bus=0003 Vendor=0627 Product=0001 Version=0111\nN: Name="QEMU QEMU USB Keyboard"\nP: Phys=usb-0000:00:04.0-1/input0\n');
    expect(devs[0]).toContain('B: EV=120013\n');
    expect(devs[0]).toContain('B: LED=1f');
    expect(devs[1]).toContain('H: Handlers=mouse0 event1 \n');
    expect(devs[1]).toContain('B: EV=17\nB: KEY=70000 0 0 0 0\nB: REL=903\nB: MSC=10');
    expect(sh(m, 'ls /dev/hidraw*; cat /sys/bus/hid/devices/0003:0627:0001.0001/uevent')).toBe(
      '/dev/hidraw0\n/dev/hidraw1\nDRIVER=hid-generic\nHID_ID=0003:00000627:00000001\nHID_NAME=QEMU QEMU USB Keyboard\nHID_PHYS=usb-0000:00:04.0-1/input0\nHID_UNIQ=\nMODALIAS=hid:b0003g0001v00000627p00000001\n');
  });

  it('turns keyboard reports into key events (modifiers and the 6-key array) and hands the raw report to hidraw', () => {
    reportAt(kbd, 50, [0, 0, 0x04, 0, 0, 0, 0, 0]); // a down
    reportAt(kbd, 100, [0x02, 0, 0x04, 0x05, 0, 0, 0, 0]); // left shift and b down
    reportAt(kbd, 150, [0, 0, 0, 0, 0, 0, 0, 0]); // all up
    const out = sh(m, 'dd if=/dev/hidraw0 bs=8 count=1 2>/dev/null | xxd & evtest /dev/input/event0 > /tmp/ev & sleep 1; kill $!; cat /tmp/ev');
    expect(out.startsWith('00000000: 0000 0400 0000 0000')).toBe(true);
    const events = out.split('\n').filter((l) => l.startsWith('Event: ')).map((l) => l.replace(/^Event: time \d+\.\d{6}, /, ''));
    expect(events).toEqual([
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 70004', 'type 1 (EV_KEY), code 30 (KEY_A), value 1', '-------------- SYN_REPORT ------------',
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 700e1', 'type 1 (EV_KEY), code 42 (KEY_LEFTSHIFT), value 1',
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 70005', 'type 1 (EV_KEY), code 48 (KEY_B), value 1', '-------------- SYN_REPORT ------------',
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 700e1', 'type 1 (EV_KEY), code 42 (KEY_LEFTSHIFT), value 0',
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 70004', 'type 1 (EV_KEY), code 30 (KEY_A), value 0',
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 70005', 'type 1 (EV_KEY), code 48 (KEY_B), value 0', '-------------- SYN_REPORT ------------',
    ]);
  });

  it('sends the LEDs as an output report when user space sets one', () => {
    const z16 = '\\0'.repeat(16);
    sh(m, `printf '${z16}\\021\\0\\001\\0\\001\\0\\0\\0${z16}\\0\\0\\0\\0\\0\\0\\0\\0' > /dev/input/event0`);
    expect(outputs.at(-1)).toEqual([0x02]);
  });

  it('turns mouse reports into relative motion, wheel and button events', () => {
    reportAt(mouse, 50, [0x01, 5, 0xfd, 1]); // left button, dx 5, dy -3, wheel +1
    const out = sh(m, 'evtest /dev/input/event1 > /tmp/ev & sleep 1; kill $!; cat /tmp/ev');
    const events = out.split('\n').filter((l) => l.startsWith('Event: ')).map((l) => l.replace(/^Event: time \d+\.\d{6}, /, ''));
    expect(events).toEqual([
      'type 4 (EV_MSC), code 4 (MSC_SCAN), value 90001', 'type 1 (EV_KEY), code 272 (BTN_LEFT), value 1',
      'type 2 (EV_REL), code 0 (REL_X), value 5', 'type 2 (EV_REL), code 1 (REL_Y), value -3',
      'type 2 (EV_REL), code 8 (REL_WHEEL), value 1', 'type 2 (EV_REL), code 11 (REL_WHEEL_HI_RES), value 120', '-------------- SYN_REPORT ------------',
    ]);
  });
});
