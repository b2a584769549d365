// The HPET model (hw/timer/hpet.ts) at 0xfed00000 as QEMU has it: capabilities, a 100 MHz counter that runs only while enabled, and comparators that interrupt through legacy routing or their I/O APIC route.
import { describe, it, expect } from 'vitest';
import { boot } from '../hw/machine-harness.ts';

const HPET = 0xfed00000;

describe('hpet model', () => {
  it('reports 3 comparators, a 64-bit counter, legacy routing and a 10 ns period, as the ACPI HPET table announces it', () => {
    const { m } = boot('qemu-q35-reference.dts');
    expect(m.mmio_read(HPET, 4)).toBe(0x8086a201);
    expect(m.mmio_read(HPET + 4, 4)).toBe(10_000_000);
    expect(m.mmio_read(HPET, 8)).toBe(0x8086a201n | (10_000_000n << 32n));
    // Each comparator: periodic-capable, 64-bit, routable to GSI 2, 8 and 16-23 (q35's hpet-intcap).
    for (const n of [0, 1, 2]) expect(m.mmio_read(HPET + 0x100 + 0x20 * n, 8)).toBe(0x30n | (0xff0104n << 32n));
  });

  it('counts at 100 MHz only while ENABLE_CNF is set, and keeps its value while stopped', () => {
    const { m, clock } = boot('qemu-q35-reference.dts');
    clock.clock_step(1_000_000);
    expect(m.mmio_read(HPET + 0xf0, 4)).toBe(0);
    m.mmio_write(HPET + 0x10, 1, 4);
    clock.clock_step(1_000_000);
    expect(m.mmio_read(HPET + 0xf0, 4)).toBe(100_000);
    m.mmio_write(HPET + 0x10, 0, 4);
    clock.clock_step(5_000_000);
    expect(m.mmio_read(HPET + 0xf0, 4)).toBe(100_000);
    m.mmio_write(HPET + 0xf0, 7, 4);
    expect(m.mmio_read(HPET + 0xf0, 4)).toBe(7);
  });

  it('raises timer 0 on GSI 2 under legacy replacement, periodically, and timer 2 on its programmed route', () => {
    const { m, clock, irqs } = boot('qemu-q35-reference.dts');
    // Timer 0 as Linux's legacy clockevent programs it: 32-bit, periodic, interrupt enabled, every 1 ms (100000 ticks),
    // SETVAL so that the first write sets the comparator and the second the period.
    m.mmio_write(HPET + 0x100, 0x14c, 4);
    m.mmio_write(HPET + 0x108, 100_000, 4);
    m.mmio_write(HPET + 0x108, 100_000, 4);
    // Timer 2 one-shot to GSI 20 at 2.5 ms, its 64-bit comparator written whole (a 32-bit write keeps the high half).
    m.mmio_write(HPET + 0x140, 0x04 | (20 << 9), 4);
    m.mmio_write(HPET + 0x148, 250_000n, 8);
    m.mmio_write(HPET + 0x10, 0x3, 4);
    irqs.length = 0;
    clock.clock_step(3_000_000);
    const rises = irqs.filter((e) => e.level === 1).map((e) => e.n);
    expect(rises.filter((n) => n === 2)).toHaveLength(3);
    expect(rises.filter((n) => n === 20)).toHaveLength(1);
  });
});
