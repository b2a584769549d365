// udev in the guest: udevadm monitor sees kernel and udev events in order with their properties; rules rename nodes, set modes and links.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { bootMachine, kcall, sh } from './harness.ts';
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from '../../../kernel-sim/drivers/char/misc.ts';
import { platform_device_register_simple, PLATFORM_DEVID_NONE } from '../../../kernel-sim/drivers/base/platform.ts';

let m: Machine;
beforeAll(() => { m = bootMachine(); });

describe('udev', () => {
  it('is started by init and has caught up with the kernel', () => {
    expect(sh(m, 'ps -e')).toContain('udevd');
    expect(sh(m, 'udevadm settle; echo $?')).toBe('0\n');
  });

  it('udevadm monitor shows kernel and udev events in order with their properties', () => {
    sh(m, 'udevadm monitor --kernel --udev --property > /tmp/mon 2>&1 & sleep 0.1');
    kcall(m, () => platform_device_register_simple('kwb-mon', PLATFORM_DEVID_NONE));
    sh(m, 'udevadm settle; kill %1 2>/dev/null; pkill -f "udevadm monitor" 2>/dev/null; true');
    const out = sh(m, 'cat /tmp/mon');
    expect(out.startsWith('monitor will print the received events for:\nUDEV - the event which udev sends out after rule processing\nKERNEL - the kernel uevent\n\n')).toBe(true);
    const heads = out.split('\n').filter((l) => /^(KERNEL|UDEV  )\[/.test(l));
    expect(heads[0]).toMatch(/^KERNEL\[\d+\.\d{6}\] add      \/devices\/platform\/kwb-mon \(platform\)$/);
    expect(heads).toContainEqual(expect.stringMatching(/^UDEV  \[\d+\.\d{6}\] add      \/devices\/platform\/kwb-mon \(platform\)$/));
    const kernelAdd = out.slice(out.indexOf('KERNEL['), out.indexOf('\n\n', out.indexOf('KERNEL[')));
    expect(kernelAdd.split('\n').slice(1)).toEqual(['ACTION=add', 'DEVPATH=/devices/platform/kwb-mon', 'SUBSYSTEM=platform', 'MODALIAS=platform:kwb-mon', expect.stringMatching(/^SEQNUM=\d+$/)]);
    const seqs = [...out.matchAll(/^SEQNUM=(\d+)$/gm)].map((x) => Number(x[1]));
    expect(seqs.length).toBeGreaterThanOrEqual(2);
  });

  it('applies a rule that renames the node, sets its mode and group, and adds a link', () => {
    m.putFile('/etc/udev/rules.d/10-kwb.rules', new TextEncoder().encode('SUBSYSTEM=="misc", KERNEL=="kwbnode", NAME="kwb/renamed", MODE="0640", GROUP="video", SYMLINK+="kwblink"\n'));
    const misc: miscdevice = { minor: MISC_DYNAMIC_MINOR, name: 'kwbnode', fops: {} };
    expect(kcall(m, () => misc_register(misc))).toBe(0);
    sh(m, 'udevadm settle');
    expect(sh(m, 'ls -l /dev/kwb/renamed')).toMatch(new RegExp(`^crw-r----- +1 root +video +10, +${misc.minor} `));
    expect(sh(m, 'ls /dev/kwbnode 2>&1')).toContain('No such file or directory');
    expect(sh(m, 'readlink /dev/kwblink')).toBe('kwb/renamed\n');
    expect(sh(m, 'udevadm info -q name -p /sys/class/misc/kwbnode; udevadm info -q symlink -p /sys/class/misc/kwbnode')).toBe('kwb/renamed\nkwblink\n');
    kcall(m, () => misc_deregister(misc));
    sh(m, 'udevadm settle');
    expect(sh(m, 'ls /dev/kwb/renamed /dev/kwblink 2>&1').match(/No such file/g)?.length).toBe(2);
  });

  it('walks parents in udevadm info -a', () => {
    const out = sh(m, 'udevadm info -a -p /sys/class/tty/ttyS0');
    expect(out).toContain("  looking at device '/devices/platform/serial8250/tty/ttyS0':\n    KERNEL==\"ttyS0\"\n    SUBSYSTEM==\"tty\"\n    DRIVER==\"\"\n");
    expect(out).toContain("  looking at parent device '/devices/platform/serial8250':\n    KERNELS==\"serial8250\"\n    SUBSYSTEMS==\"platform\"\n    DRIVERS==\"serial8250\"\n    ATTRS{driver_override}==\"(null)\"\n");
  });

  it('udevadm trigger replays add events that the default rules apply', () => {
    expect(sh(m, 'udevadm trigger --action=add --subsystem-match=tty; udevadm settle; ls -l /dev/ttyS1')).toMatch(/^crw-rw---- +1 root +dialout +4, +65 /);
  });

  it('rejects an unknown udevadm verb', () => {
    expect(sh(m, 'udevadm frobnicate; echo $?')).toContain("Unknown command verb 'frobnicate'.");
  });
});
