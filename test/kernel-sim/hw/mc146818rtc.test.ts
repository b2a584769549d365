// The PC's CMOS clock chip (hw/rtc/mc146818rtc.ts) through ports 0x70/0x71, as every machine's ICH9 LPC bridge carries it.
import { describe, it, expect } from 'vitest';
import { boot } from './machine-harness.ts';

const NS = 1_000_000_000;

function cmos(m: ReturnType<typeof boot>['m']) {
  return {
    read: (reg: number): number => { m.io_write(0x70, reg, 1); return m.io_read(0x71, 1); },
    write: (reg: number, v: number): void => { m.io_write(0x70, reg, 1); m.io_write(0x71, v, 1); },
  };
}

describe('mc146818rtc', () => {
  it('counts 2026-01-01 00:00:00 UTC (a Thursday) from power-on in BCD, 24-hour mode, with the divider at 1024 Hz and valid RAM', () => {
    const { m, clock } = boot('default.dts');
    const c = cmos(m);
    expect([c.read(0x0a), c.read(0x0b), c.read(0x0d)]).toEqual([0x26, 0x02, 0x80]);
    expect([9, 8, 7, 6, 4, 2, 0, 0x32].map(c.read)).toEqual([0x26, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00, 0x20]);
    clock.clock_step(((23 * 60 + 59) * 60 + 58) * NS + 500_000_000);
    expect([4, 2, 0].map(c.read)).toEqual([0x23, 0x59, 0x58]);
    // UIP: only in the last 244 us before the seconds change.
    expect(c.read(0x0a) & 0x80).toBe(0);
    clock.clock_step(499_800_000);
    expect(c.read(0x0a) & 0x80).toBe(0x80);
    clock.clock_step(2 * NS);
    expect([9, 8, 7, 6, 4, 2, 0].map(c.read)).toEqual([0x26, 0x01, 0x02, 0x06, 0x00, 0x00, 0x00]);
  });

  it('takes a new date while SET holds the updates, in binary and 12-hour mode too, and runs on from it', () => {
    const { m, clock } = boot('default.dts');
    const c = cmos(m);
    c.write(0x0b, 0x80 | 0x02);
    // 2027-03-15 13:45:30 in BCD
    for (const [r, v] of [[9, 0x27], [8, 0x03], [7, 0x15], [4, 0x13], [2, 0x45], [0, 0x30]] as const) c.write(r, v);
    clock.clock_step(5 * NS);
    expect(c.read(0)).toBe(0x30); // held
    c.write(0x0b, 0x02);
    clock.clock_step(3 * NS);
    expect([9, 8, 7, 4, 2, 0].map(c.read)).toEqual([0x27, 0x03, 0x15, 0x13, 0x45, 0x33]);
    c.write(0x0b, 0x04); // binary, 12-hour
    expect([4, 2, 0].map(c.read)).toEqual([0x80 | 1, 45, 33]);
  });

  it('keeps the firmware\'s CMOS bytes (no checksum, as QEMU) and what the guest writes, across save and load', () => {
    const { m } = boot('default.dts');
    const c = cmos(m);
    // 640 kB base, 65535 kB extended, (512 - 16) MiB / 64 kB above 16 MiB, FPU and PS/2 mouse, 2 CPUs, boot order c, a, d.
    expect([0x14, 0x15, 0x16, 0x17, 0x18, 0x30, 0x31, 0x34, 0x35, 0x5f, 0x3d, 0x38].map(c.read))
      .toEqual([0x06, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0x1f, 0x01, 0x12, 0x30]);
    expect([0x2e, 0x2f].map(c.read)).toEqual([0, 0]);
    c.write(0x70, 0x5a);
    c.write(0x0c, 0xff); // read-only
    c.write(0x0d, 0x00);
    const saved = m.save();
    const { m: m2 } = boot('default.dts');
    m2.load(saved);
    const c2 = cmos(m2);
    expect([c2.read(0x70), c2.read(0x0c), c2.read(0x0d)]).toEqual([0x5a, 0x00, 0x80]);
    // The index port's bit 7 masks NMIs: register 0x8e is 0x0e.
    c2.write(0x8e, 0x33);
    expect(c2.read(0x0e)).toBe(0x33);
    // A machine reset turns the alarm interrupt off; the battery-backed RAM and the clock's mode stay.
    c2.write(0x0b, 0x02 | 0x20 | 0x04);
    m2.reset();
    expect([c2.read(0x70), c2.read(0x0e), c2.read(0x0b)]).toEqual([0x5a, 0x33, 0x06]);
  });
});
