// rtc_cmos as Linux 6.1 binds it on q35: a PnP driver on 00:04 (PNP0b00), rtc0 under that device, and the four lines cmos_do_probe and the RTC core print.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { reference } from '../../fixtures/reference.ts';

const strip = (l: string): string => l.replace(/^\[\s*\d+\.\d+\] /, '');

describe('rtc_cmos on the PnP bus', () => {
  let m: Machine;
  beforeAll(() => {
    m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
  });

  it('prints the reference\'s rtc_cmos 00:04 lines in order (the date is this machine\'s clock)', () => {
    const ours = m.runCommand('dmesg').output.split('\n').map(strip).filter((l) => l.startsWith('rtc_cmos'));
    const ref = reference('dmesg-after-probe.txt').split('\n').map(strip).filter((l) => l.startsWith('rtc_cmos'));
    const undated = (l: string): string => l.replace(/to \S+ UTC \(\d+\)/, 'to DATE UTC (N)');
    expect(ours.map(undated)).toEqual(ref.map(undated));
    expect(ours[2]).toMatch(/^rtc_cmos 00:04: setting system clock to 2026-01-01T00:00:0\d UTC \(176722560\d\)$/);
  });

  it('binds the driver to 00:04 and puts rtc0 under it', () => {
    expect(m.runCommand('ls /sys/bus/pnp/drivers/rtc_cmos').output.split(/\s+/)).toContain('00:04');
    expect(m.runCommand('readlink /sys/class/rtc/rtc0').output).toBe('../../devices/pnp0/00:04/rtc/rtc0\n');
    expect(m.runCommand('cat /sys/devices/pnp0/00:04/rtc/rtc0/name').output).toBe('rtc_cmos\n');
  });
});
