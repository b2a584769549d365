// The clocksource framework (kernel/time/clocksource.ts, jiffies.ts) and the x86 time devices that register with it: the boot lines the reference's Linux 6.1 prints on this machine, in its order, and clocksource0 in sysfs.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { reference } from '../../fixtures/reference.ts';
import { clocks_calc_max_nsecs, clocks_calc_mult_shift } from '../../../kernel-sim/kernel/time/clocksource.ts';

const strip = (l: string): string => l.replace(/^\[\s*\d+\.\d+\] /, '');
const dts = (accel?: string): string => {
  const src = readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8');
  return accel ? src.replace('chosen {', `chosen {\n\t\tkwb,accel = "${accel}";`) : src;
};

/** The reference's lines about time devices, in order. */
const TIME_LINE = /^(clocksource|hpet|tsc:|ACPI: HPET|Calibrating delay|smpboot: Total)/;

describe('clocksource arithmetic', () => {
  it('derives mult/shift and max_idle_ns as Linux does (hpet at 100 MHz, acpi_pm at 3.579545 MHz)', () => {
    const hpet = clocks_calc_mult_shift(100_000_000, 1e9, 42);
    expect(hpet).toEqual({ mult: 2684354560, shift: 28 });
    expect(clocks_calc_max_nsecs(hpet.mult, hpet.shift, Math.floor((hpet.mult * 11) / 100), 0xffffffffn).max_nsecs).toBe(19112604467n);
    const pm = clocks_calc_mult_shift(3_579_545, 1e9, 4);
    expect(clocks_calc_max_nsecs(pm.mult, pm.shift, Math.floor((pm.mult * 11) / 100), 0xffffffn)).toEqual({ max_nsecs: 2085701024n, max_cycles: 0xffffffn });
  });
});

describe('time devices at boot (qemu-q35-reference, TCG)', () => {
  let m: Machine;
  let dmesg: string[];
  beforeAll(() => {
    m = new Machine({ dts: dts(), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
    dmesg = m.runCommand('dmesg').output.split('\n').map(strip);
  });

  it('prints the reference\'s clocksource, HPET and TSC calibration lines in the reference\'s order', () => {
    const ref = reference('dmesg-after-probe.txt').split('\n').map(strip).filter((l) => TIME_LINE.test(l));
    // The secondary CPU's own delay-loop measurement (8003.66 in the reference) is not modelled: the total differs.
    const expected = ref.filter((l) => !l.startsWith('smpboot: Total'));
    expect(expected.length).toBe(15);
    expect(dmesg.filter((l) => TIME_LINE.test(l) && !l.startsWith('smpboot: Total'))).toEqual(expected);
  });

  it('switches to hpet when booting finishes and offers the high-resolution-capable clocksources in sysfs', () => {
    const d = '/sys/devices/system/clocksource/clocksource0';
    expect(m.runCommand(`cat ${d}/current_clocksource ${d}/available_clocksource`).output).toBe('hpet\nhpet acpi_pm \n');
    expect(m.runCommand(`ls ${d}`).output.split(/\s+/).filter(Boolean)).toEqual(expect.arrayContaining(['available_clocksource', 'current_clocksource', 'unbind_clocksource']));
  });

  it('switches clocksource by name, will not leave high resolution for jiffies, and unbinds one that is not in use', () => {
    const d = '/sys/devices/system/clocksource/clocksource0';
    expect(m.runCommand(`echo acpi_pm > ${d}/current_clocksource`).output).toBe('');
    expect(m.runCommand(`cat ${d}/current_clocksource`).output).toBe('acpi_pm\n');
    // jiffies cannot drive high-resolution timers: the override waits, and the best one (hpet) is chosen meanwhile.
    m.runCommand(`echo jiffies > ${d}/current_clocksource`);
    expect(m.runCommand(`cat ${d}/current_clocksource`).output).toBe('hpet\n');
    expect(m.runCommand(`echo nosuch > ${d}/unbind_clocksource; echo rc=$?`).output).toMatch(/rc=1/);
    m.runCommand(`echo acpi_pm > ${d}/unbind_clocksource`);
    expect(m.runCommand(`cat ${d}/available_clocksource ${d}/current_clocksource`).output).toBe('hpet \nhpet\n');
    const log = m.runCommand('dmesg').output;
    expect(log).toMatch(/clocksource: Switched to clocksource acpi_pm\n.*clocksource: Override clocksource jiffies is not currently HRT compatible - deferring\n.*clocksource: Switched to clocksource hpet/s);
  });
});

describe('TSC calibration under KVM', () => {
  it('calibrates early against the PIT (steady port reads) and keeps the HPET out of it', () => {
    const m = new Machine({ dts: dts('kvm'), dtsName: 'kvm.dts' });
    m.boot();
    const log = m.runCommand('dmesg').output;
    expect(log).toMatch(/tsc: Fast TSC calibration using PIT\n.*tsc: Detected 2000\.\d{3} MHz processor/);
    expect(log).not.toMatch(/Unable to calibrate against PIT|using HPET reference calibration/);
  });
});
