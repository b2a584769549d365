// Leak reports name only what a failing probe made itself: on the default machine atkbd's probe of the AUX port fails while it sleeps waiting for the device, and the kobjects other tasks create meanwhile (vda1, rtc0) are not charged to it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('kobject leak attribution', () => {
  it('a probe that sleeps and fails is not blamed for kobjects other tasks made', () => {
    const m = new Machine({ dts, dtsName: 'default.dts' });
    m.boot();
    const log = m.runCommand('sleep 1; dmesg').output;
    // The probe did run and fail (the AUX port has no keyboard behind it)...
    expect(log).toContain('serio: i8042 AUX port at 0x60,0x64 irq 12');
    // ...and the partition and the RTC, made by other tasks meanwhile, are nobody's leak.
    expect(log).not.toMatch(/leaked by driver/);
    expect(m.runCommand('ls /sys/class/block/vda1/partition /sys/class/rtc/rtc0/name').output).toBe('/sys/class/block/vda1/partition\n/sys/class/rtc/rtc0/name\n');
  });
});
