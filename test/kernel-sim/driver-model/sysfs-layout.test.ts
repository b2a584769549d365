// /sys as Linux 6.1 lays it out: top-level directories, buses, classes, platform devices, uevent files, misc devices and their links.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { bootMachine, kcall, sh, reference } from './harness.ts';
import { misc_register, MISC_DYNAMIC_MINOR, type miscdevice } from '../../../kernel-sim/drivers/char/misc.ts';
import { platform_device_register_simple, PLATFORM_DEVID_NONE, type platform_device } from '../../../kernel-sim/drivers/base/platform.ts';

let m: Machine;
beforeAll(() => { m = bootMachine(); });

describe('sysfs layout', () => {
  it('has the top-level directories of Linux', () => {
    expect(sh(m, 'ls /sys').trim().split(/\s+/)).toEqual(['block', 'bus', 'class', 'dev', 'devices', 'firmware', 'fs', 'hypervisor', 'kernel', 'module', 'power']);
    expect(sh(m, 'ls /sys/dev').trim().split(/\s+/)).toEqual(['block', 'char']);
  });

  it('lists the platform bus and the character classes', () => {
    expect(sh(m, 'ls /sys/bus').split(/\s+/)).toContain('platform');
    const classes = sh(m, 'ls /sys/class').trim().split(/\s+/);
    for (const c of ['mem', 'misc', 'tty']) expect(classes).toContain(c);
    expect(sh(m, 'ls /sys/bus/platform').trim().split(/\s+/)).toEqual(['devices', 'drivers', 'drivers_autoprobe', 'drivers_probe', 'uevent']);
  });

  it('links bus devices to /sys/devices with relative targets', () => {
    const out = sh(m, 'ls -l /sys/bus/platform/devices/');
    expect(out).toMatch(/^total 0\n/);
    expect(out).toMatch(/lrwxrwxrwx +1 root +root +0 .* serial8250 -> \.\.\/\.\.\/\.\.\/devices\/platform\/serial8250\n/);
    expect(out).toContain('alarmtimer.0.auto -> ../../../devices/platform/alarmtimer.0.auto');
  });

  it('shows the uevent environment of platform devices', () => {
    expect(sh(m, 'cat /sys/devices/platform/serial8250/uevent')).toBe('DRIVER=serial8250\nMODALIAS=platform:serial8250\n');
    expect(sh(m, 'cat /sys/devices/platform/pcspkr/uevent')).toBe('MODALIAS=platform:pcspkr\n');
    expect(sh(m, 'cat /sys/devices/platform/uevent')).toBe('');
  });

  it('gives a platform device the files, modes and links Linux does', () => {
    const out = sh(m, 'ls -la /sys/devices/platform/serial8250');
    expect(out).toMatch(/lrwxrwxrwx +1 root +root +0 .* driver -> \.\.\/\.\.\/\.\.\/bus\/platform\/drivers\/serial8250/);
    expect(out).toMatch(/-rw-r--r-- +1 root +root +4096 .* driver_override/);
    expect(out).toMatch(/-r--r--r-- +1 root +root +4096 .* modalias/);
    expect(out).toMatch(/drwxr-xr-x +2 root +root +0 .* power/);
    expect(out).toMatch(/lrwxrwxrwx +1 root +root +0 .* subsystem -> \.\.\/\.\.\/\.\.\/bus\/platform/);
    expect(out).toMatch(/-rw-r--r-- +1 root +root +4096 .* uevent/);
    expect(sh(m, 'cat /sys/devices/platform/serial8250/driver_override')).toBe('(null)\n');
    const drv = sh(m, 'ls -la /sys/bus/platform/drivers/serial8250');
    expect(drv).toMatch(/--w------- +1 root +root +4096 .* bind/);
    expect(drv).toMatch(/--w------- +1 root +root +4096 .* unbind/);
  });

  it('makes mem and tty class devices with dev files, /sys/dev/char links and devtmpfs nodes', () => {
    expect(sh(m, 'cat /sys/class/mem/null/dev')).toBe('1:3\n');
    expect(sh(m, 'cat /sys/class/mem/null/uevent')).toBe('MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n');
    expect(sh(m, 'readlink /sys/dev/char/1:3')).toBe('../../devices/virtual/mem/null\n');
    expect(sh(m, 'readlink /sys/class/tty/ttyS0')).toBe('../../devices/platform/serial8250/tty/ttyS0\n');
    expect(sh(m, 'ls -l /dev/null')).toMatch(/^crw-rw-rw- +1 root +root +1, +3 /);
  });

  it('gives the first dynamic misc device minor 124 and /proc/misc the reference lines', () => {
    const pdev = kcall(m, () => platform_device_register_simple('kwb-edu', PLATFORM_DEVID_NONE)) as platform_device;
    const misc: miscdevice = { minor: MISC_DYNAMIC_MINOR, name: 'edu', fops: {}, parent: pdev.dev };
    expect(kcall(m, () => misc_register(misc))).toBe(0);
    expect(misc.minor).toBe(124);
    expect(sh(m, 'cat /proc/misc')).toBe(reference('proc-misc.txt').split('\n').slice(1).join('\n'));
    // Reference: /sys/class/misc/edu resolves under its parent, with dev, device, power, subsystem, uevent.
    const ref = reference('sysfs-class-misc-edu.txt').split('\n');
    expect(sh(m, 'cat /sys/class/misc/edu/dev /sys/class/misc/edu/uevent')).toBe(ref.slice(10).join('\n'));
    expect(sh(m, 'readlink /sys/class/misc/edu')).toBe('../../devices/platform/kwb-edu/misc/edu\n');
    // Mode, link count, size, name and link target of each entry, as in the reference listing.
    const fields = (l: string): string => { const f = l.trim().split(/\s+/); return [f[0], f[1], f[4], ...f.slice(8)].join(' '); };
    const ours = sh(m, 'ls -la /sys/class/misc/edu/').trim().split('\n').slice(1).map(fields);
    const theirs = ref.slice(3, 10).map(fields).map((l) => l.replace('0000:00:02.0', 'kwb-edu'));
    expect(ours).toEqual(theirs);
    expect(sh(m, 'ls -l /dev/edu')).toMatch(/^crw------- +1 root +root +10, 124 /);
  });

  it('counts uevents in /sys/kernel/uevent_seqnum', () => {
    const before = Number(sh(m, 'cat /sys/kernel/uevent_seqnum'));
    sh(m, 'echo change > /sys/devices/platform/pcspkr/uevent');
    expect(Number(sh(m, 'cat /sys/kernel/uevent_seqnum'))).toBe(before + 1);
    expect(sh(m, 'echo bogus > /sys/devices/platform/pcspkr/uevent; echo $?')).toContain('1');
  });
});
