// Model test of the default machine's kwb,gpio-bank: the gpio-mmio registers, edge latching into IRQ_STAT and the summary line on I/O APIC pin 6; the LEDs moved to it, gpio0 stays as it was.
import { describe, expect, it } from 'vitest';
import { boot } from '../hw/machine-harness.ts';
import { KwbGpioBankState } from '../../../kernel-sim/hw/gpio/kwb-gpio-bank.ts';

const BANK = 0xfed80000;
const [DAT, SET, DIROUT, IRQ_EN, IRQ_RISE, IRQ_FALL, IRQ_STAT] = [0x00, 0x04, 0x0c, 0x10, 0x14, 0x18, 0x1c];

describe('kwb,gpio-bank (gpio1 of the default machine)', () => {
  it('carries the LEDs; the learners\' gpio0 keeps none', () => {
    const { m } = boot('default.dts');
    expect(m.leds.map((l) => [l.label, l.line])).toEqual([['kwb:green:heartbeat', 0], ['kwb:amber:disk', 1]]);
    expect(m.leds[0]!.gpio).toBeInstanceOf(KwbGpioBankState);
    expect([...m.gpio_controllers.keys()]).toEqual(['/gpio@fed70000', '/gpio@fed80000']);
  });

  it('latches the selected edges of an input, raises pin 6 while an enabled event is pending, W1C clears it', () => {
    const { m, irqs } = boot('default.dts');
    const g = m.gpio_controllers.get('/gpio@fed80000')!;
    m.mmio_write(BANK + IRQ_RISE, 1 << 4, 4);
    m.mmio_write(BANK + IRQ_FALL, 1 << 5, 4);
    g.set_input(4, 1);
    expect(m.mmio_read(BANK + DAT, 4)).toBe(0x10);
    expect(m.mmio_read(BANK + IRQ_STAT, 4)).toBe(0x10);
    expect(irqs).toEqual([]); // latched, but not enabled
    m.mmio_write(BANK + IRQ_EN, 0x30, 4);
    expect(irqs).toEqual([{ n: 6, level: 1, msi: false }, { n: 6, level: 0, msi: false }]);
    m.mmio_write(BANK + IRQ_STAT, 0x10, 4);
    expect(m.mmio_read(BANK + IRQ_STAT, 4)).toBe(0);
    g.set_input(4, 0); // a falling edge on line 4 is not selected
    g.set_input(5, 1);
    expect(m.mmio_read(BANK + IRQ_STAT, 4)).toBe(0);
    g.set_input(5, 0);
    expect(m.mmio_read(BANK + IRQ_STAT, 4)).toBe(0x20);
  });

  it('drives outputs with SET and DIROUT and tells observers', () => {
    const { m } = boot('default.dts');
    const g = m.gpio_controllers.get('/gpio@fed80000')!;
    const seen: Array<[number, number]> = [];
    g.on_change((line, level) => seen.push([line, level]));
    m.mmio_write(BANK + SET, 1, 4);
    m.mmio_write(BANK + DIROUT, 1, 4);
    g.set_input(4, 1);
    expect(seen).toEqual([[0, 1], [4, 1]]);
    m.mmio_write(BANK + IRQ_EN, 0x100, 4);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('touches lines above 7');
  });
});
