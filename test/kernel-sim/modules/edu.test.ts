// The edu PCI driver (test/fixtures/drivers/edu, written for real Linux 6.1) built with kwb's toolchain, loaded on the reference q35 machine.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, program, sh, dmesg, reference, q35 as reference_q35 } from './helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array;
let test: Uint8Array;
beforeAll(async () => {
  ko = await driver('edu');
  test = await program('test/fixtures/user/edu_test.c', ['test/fixtures/drivers/edu/edu.h']);
}, 180_000);

const q35 = (): Machine => reference_q35({ '/root/edu.ko': ko }, { '/root/edu_test': test });

describe('edu.ko on the reference machine', () => {
  it('insmod probes 00:02.0 and prints the probe line real Linux printed; cat /dev/edu answers 0x010000ed', () => {
    const m = q35();
    expect(sh(m, 'insmod /root/edu.ko; echo rc=$?')).toBe('rc=0\n');
    const ref = reference('dmesg-our-modules.txt').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, '')).find((l) => l.startsWith('edu 0000:00:02.0: probe:'));
    expect(dmesg(m)).toContain(ref);
    expect(sh(m, 'cat /dev/edu')).toBe('0x010000ed\n');
    expect(sh(m, 'grep edu /proc/misc')).toBe('124 edu\n');
  });

  it('lsmod, /proc/modules and /sys/module/edu as on Linux', () => {
    const m = q35();
    sh(m, 'insmod /root/edu.ko');
    expect(sh(m, 'lsmod').split('\n')[1]).toBe(reference('lsmod.txt').split('\n').find((l) => l.startsWith('edu ')));
    const refLine = reference('proc-modules.txt').split('\n').find((l) => l.startsWith('edu '))!;
    expect(sh(m, 'grep "^edu " /proc/modules').trim().replace(/0x[0-9a-f]+/, 'A')).toBe(refLine.replace(/0x[0-9a-f]+/, 'A'));
    expect(sh(m, 'ls /sys/module/edu/drivers; cat /sys/module/edu/parameters/fact_n /sys/module/edu/refcnt /sys/module/edu/taint /sys/module/edu/initstate /sys/module/edu/coresize'))
      .toBe('pci:edu\n5\n0\nOE\nlive\n16384\n');
  });

  it('the ioctls from a C program: liveness, factorial by polling and by interrupt, DMA round trip', () => {
    const m = q35();
    sh(m, 'insmod /root/edu.ko');
    expect(sh(m, '/root/edu_test; echo rc=$?')).toBe('liveness: 0xedcba987\nfact poll: 6! = 720\nfact irq: 10! = 3628800\ndma: ok\nrc=0\n');
    expect(sh(m, 'grep edu /proc/interrupts')).toMatch(/^ *22: +\d+ +\d+ +IO-APIC +22-fasteoi +edu\n/);
  });

  it('fact_n is a module parameter; rmmod removes the device and prints removed', () => {
    const m = q35();
    sh(m, 'insmod /root/edu.ko fact_n=7');
    expect(dmesg(m).find((l) => l.startsWith('edu 0000:00:02.0: probe:'))).toContain('7! = 5040');
    expect(sh(m, 'rmmod edu; echo rc=$?; ls /dev/edu 2>&1 | head -c 3; grep -c edu /proc/misc; ls /sys/bus/pci/drivers/edu 2>&1 | head -c 3')).toBe('rc=0\nls:0\nls:');
    expect(dmesg(m)).toContain('edu 0000:00:02.0: removed');
  });

  it('depmod writes the pci alias; modprobe loads edu by its modalias (what udev runs for the device)', () => {
    const m = q35();
    m.putFile('/lib/modules/6.1.0-kwb/extra/edu.ko', ko);
    expect(sh(m, 'depmod; grep edu /lib/modules/6.1.0-kwb/modules.alias')).toBe('alias pci:v00001234d000011E8sv*sd*bc*sc*i* edu\n');
    const alias = sh(m, 'cat /sys/bus/pci/devices/0000:00:02.0/modalias').trim();
    expect(alias).toMatch(/^pci:v00001234d000011E8sv/);
    expect(sh(m, `modprobe -q ${alias}; echo rc=$?; cat /dev/edu`)).toBe('rc=0\n0x010000ed\n');
    expect(sh(m, 'modinfo -F alias edu')).toBe('pci:v00001234d000011E8sv*sd*bc*sc*i*\n');
  });

  it('udev loads edu when the device\'s MODALIAS uevent arrives (udevadm trigger after depmod)', () => {
    const m = q35();
    m.putFile('/lib/modules/6.1.0-kwb/extra/edu.ko', ko);
    expect(sh(m, 'lsmod | grep -c edu')).toBe('0\n');
    sh(m, 'depmod; udevadm trigger --action=add; udevadm settle; sleep 1');
    expect(sh(m, 'lsmod | grep edu; cat /dev/edu')).toBe('edu                    16384  0 \n0x010000ed\n');
  });
});
