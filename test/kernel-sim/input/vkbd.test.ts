// The input-vkbd fixture (a virtual keyboard written for Linux 6.1's linux/input.h) built with kwb's toolchain: its
// input device in /proc/bus/input and sysfs, keys typed from its timer read back from /dev/input/event0, unload.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('input-vkbd'); }, 180_000);

describe('vkbd.ko', () => {
  it('registers an input device with its name, id and key bitmap; events from its timer reach evtest; rmmod removes it', () => {
    const m = machine({ '/root/vkbd.ko': ko });
    expect(sh(m, 'insmod /root/vkbd.ko text=ab1; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('input: kwb virtual keyboard as /devices/virtual/input/input0');
    expect(dmesg(m)).toContain('vkbd: typing "ab1"');
    const devs = sh(m, 'cat /proc/bus/input/devices');
    expect(devs).toBe([
      'I: Bus=0006 Vendor=1af4 Product=0001 Version=0100',
      'N: Name="kwb virtual keyboard"',
      'P: Phys=vkbd/input0',
      'S: Sysfs=/devices/virtual/input/input0',
      'U: Uniq=',
      'H: Handlers=event0 ',
      'B: PROP=0',
      'B: EV=3',
      'B: KEY=7f07fc3ff0ffc', // KEY_1..KEY_0 (2-11), Q-P (16-25), A-L (30-38), Z-M (44-50): one long
      '', '',
    ].join('\n'));
    expect(sh(m, 'cat /sys/class/input/input0/id/vendor /sys/class/input/input0/capabilities/ev')).toBe('1af4\n3\n');
    const out = sh(m, 'evtest /dev/input/event0 & sleep 2; kill $!; wait $!; echo rc=$?');
    expect(out.endsWith('rc=143\n')).toBe(true);
    const events = out.slice(out.indexOf('Testing ... (interrupt to exit)\n') + 32).split('\n').filter((l) => l.startsWith('Event: ')).map((l) => l.replace(/^Event: time \d+\.\d{6}, /, ''));
    expect(events).toEqual([
      'type 1 (EV_KEY), code 30 (KEY_A), value 1', '-------------- SYN_REPORT ------------',
      'type 1 (EV_KEY), code 30 (KEY_A), value 0', '-------------- SYN_REPORT ------------',
      'type 1 (EV_KEY), code 48 (KEY_B), value 1', '-------------- SYN_REPORT ------------',
      'type 1 (EV_KEY), code 48 (KEY_B), value 0', '-------------- SYN_REPORT ------------',
      'type 1 (EV_KEY), code 2 (KEY_1), value 1', '-------------- SYN_REPORT ------------',
      'type 1 (EV_KEY), code 2 (KEY_1), value 0', '-------------- SYN_REPORT ------------',
    ]);
    // The device was opened by evtest (the driver's open) and closed when it was killed.
    expect(dmesg(m)).toContain('vkbd: opened by a reader');
    expect(dmesg(m)).toContain('vkbd: last reader gone');
    expect(sh(m, 'rmmod vkbd; echo rc=$?; cat /proc/bus/input/devices; ls /sys/class/input')).toBe('rc=0\nmice\n');
    expect(dmesg(m).filter((l) => /leak|BUG|Oops/.test(l))).toEqual([]);
  });
});
