// Built-in registrations of Debian's 6.1 kernel that give /proc/devices its lines: the VT's numbers (vt.c's vty_init, vc_screen.c's vcs_init) and console (con_init), and the cores whose devices no machine has — tpm, dax, rtc, pps, ptp, bsg, cxl — each taking its dynamic major in initcall order, as 6.1 does.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const machine = (name: string): string => readFileSync(new URL(`../../../resources/machines/${name}.dts`, import.meta.url), 'utf8');
const run = (m: Machine, cmd: string): string => m.runCommand(cmd).output;

describe('the reference machine (Debian\'s config, a VGA card)', () => {
  let m: Machine;
  beforeAll(() => {
    m = new Machine({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
  });

  it('announces the VGA text console the firmware left, before the serial console', () => {
    expect(run(m, 'dmesg | grep -E "Console:|console \\[" | cut -d"]" -f2-')).toBe(' Console: colour VGA+ 80x25\n printk: console [ttyS0] enabled\n');
  });

  it('lists the VT numbers and the dynamic majors from 254 down in initcall order', () => {
    expect(run(m, 'grep -E "^ *(4|7) " /proc/devices')).toBe('  4 /dev/vc/0\n  4 tty\n  4 ttyS\n  7 vcs\n');
    expect(run(m, 'awk \'/^Block/{exit} $1 >= 234 && $1 <= 254\' /proc/devices')).toBe(
      '247 cxl\n248 bsg\n249 ptp\n250 pps\n251 rtc\n252 dax\n253 tpm\n254 gpiochip\n',
    );
    expect(run(m, 'dmesg | grep -E "pps_core|PTP|bsg" | cut -d"]" -f2')).toBe(
      ' pps_core: LinuxPPS API ver. 1 registered\n pps_core: Software ver. 5.3.6 - Copyright 2005-2007 Rodolfo Giometti <giometti@linux.it>\n' +
      ' PTP clock support registered\n Block layer SCSI generic (bsg) driver version 0.4 loaded (major 248)\n',
    );
  });

  it('registers the classes and buses behind them, empty: no machine has a TPM, PPS source, PTP clock or CXL device', () => {
    expect(run(m, 'for c in tpm tpmrm rtc pps ptp bsg; do echo "$c: $(ls /sys/class/$c | wc -l)"; done; ls -d /sys/bus/cxl /sys/bus/dax')).toBe(
      'tpm: 0\ntpmrm: 0\nrtc: 1\npps: 0\nptp: 0\nbsg: 0\n/sys/bus/cxl\n/sys/bus/dax\n',
    );
  });
});

describe('the default machine (no VGA card)', () => {
  it('falls back to the dummy console, and hidraw (built in here) takes the next dynamic major after ptp', () => {
    const m = new Machine();
    m.boot();
    expect(run(m, 'dmesg | grep "Console:" | cut -d"]" -f2')).toBe(' Console: colour dummy device 80x25\n');
    expect(run(m, 'grep -E " (ptp|hidraw|bsg|cxl)$" /proc/devices')).toBe('246 cxl\n247 bsg\n248 hidraw\n249 ptp\n');
  });
});
