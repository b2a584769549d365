// The DesignWare APB SSI model and the devices on its chip selects, driven through MMIO as the Linux driver does: W25Q32 flash commands, the LTC2488 frame, loopback, modes and FIFO rules.
import { describe, expect, it } from 'vitest';
import { boot } from '../hw/machine-harness.ts';
import type { DWSPIState } from '../../../kernel-sim/hw/ssi/designware_spi.ts';
import type { M25P80State } from '../../../kernel-sim/hw/ssi/m25p80.ts';
import type { LTC2488State } from '../../../kernel-sim/hw/ssi/ltc2488.ts';

const BASE = 0xfed90000;
const CTRLR0 = 0x00, SSIENR = 0x08, SER = 0x10, BAUDR = 0x14, TXFTLR = 0x18, RXFLR = 0x24, RISR = 0x34, VERSION = 0x5c, DR = 0x60;

function setup() {
  const b = boot('default.dts');
  const rd = (o: number): number => Number(b.m.mmio_read(BASE + o, 4));
  const wr = (o: number, v: number): void => b.m.mmio_write(BASE + o, v, 4);
  const dev = <T>(path: string): T => b.m.devices.find((d) => d.path === path)!.dev as unknown as T;
  /** One message: SER selects `cs`, each byte goes through DR, the RX FIFO is drained after each. */
  const xfer = (cs: number, tx: number[], mode = 0): number[] => {
    wr(SSIENR, 0);
    wr(CTRLR0, 7 | (mode << 6));
    wr(BAUDR, 4);
    wr(SSIENR, 1);
    wr(SER, 1 << cs);
    const rx = tx.map((x) => { wr(DR, x); return rd(DR); });
    wr(SER, 0);
    return rx;
  };
  return { b, rd, wr, xfer, dev, ctl: dev<DWSPIState>('/spi@fed90000') };
}

describe('DesignWare APB SSI', () => {
  it('identifies as 3.23a and has a 16-word FIFO the driver can find through TXFTLR', () => {
    const { rd, wr } = setup();
    expect(rd(VERSION)).toBe(0x3332332a);
    let fifo = 1;
    for (; fifo < 256; fifo++) { wr(TXFTLR, fifo); if (rd(TXFTLR) !== fifo) break; }
    expect(fifo).toBe(16);
  });

  it('puts the DTS children on their chip selects', () => {
    const { ctl, b } = setup();
    expect(ctl.bus.devices.map((d) => [d.cs, d.type_info.name])).toEqual([[0, 'w25q32'], [1, 'ltc2488']]);
    expect(b.m.devices.filter((d) => d.bus === 'ssi').map((d) => d.path)).toEqual(['/spi@fed90000/flash@0', '/spi@fed90000/adc@1']);
  });

  it('refuses CTRLR0 writes while enabled and drops DR writes while disabled, with guest errors', () => {
    const { wr, rd, b } = setup();
    const errors: string[] = [];
    b.m.ctx.log.subscribe((e) => errors.push(e.message));
    wr(SSIENR, 1);
    wr(CTRLR0, 0xf);
    expect(rd(CTRLR0)).toBe(7);
    wr(SSIENR, 0);
    wr(DR, 0x9f);
    expect(rd(RXFLR)).toBe(0);
    expect(errors.join('\n')).toMatch(/while SSIENR is 1[\s\S]*DR written while SSIENR is 0/);
  });

  it('a CTRLR0 of all ones (the driver\'s DFS-width probe) is no error; a frame sent in TI SSP format is reported as not modelled', () => {
    const { wr, b } = setup();
    const errors: string[] = [];
    b.m.ctx.log.subscribe((e) => errors.push(e.message));
    wr(SSIENR, 0);
    wr(CTRLR0, 0xffffffff);
    wr(CTRLR0, 7 | (1 << 4));
    expect(errors).toEqual([]);
    wr(BAUDR, 4);
    wr(SSIENR, 1);
    wr(SER, 1);
    wr(DR, 0x9f);
    expect(errors).toEqual(['spi@fed90000: frame format 1 (TI SSP/Microwire) is not modelled; frames go out as Motorola SPI']);
  });

  it('underflow sets RXUI in RISR', () => {
    const { wr, rd } = setup();
    wr(SSIENR, 1);
    rd(DR);
    expect(rd(RISR) & 4).toBe(4);
  });
});

describe('W25Q32 flash on chip select 0', () => {
  it('answers RDID with ef 40 16 and reads erased flash as ff', () => {
    const { xfer } = setup();
    expect(xfer(0, [0x9f, 0, 0, 0]).slice(1)).toEqual([0xef, 0x40, 0x16]);
    expect(xfer(0, [0x03, 0, 0x10, 0, 0, 0]).slice(4)).toEqual([0xff, 0xff]);
  });

  it('programs a page only after WREN, stays busy (WIP) for the program time, then reads the bytes back; SE erases', () => {
    const { xfer, b, dev } = setup();
    xfer(0, [0x02, 0, 0x10, 0, 0x12, 0x34]);
    expect(xfer(0, [0x03, 0, 0x10, 0, 0]).slice(4)).toEqual([0xff]);
    xfer(0, [0x06]);
    expect(xfer(0, [0x05, 0])[1]).toBe(0x02);
    xfer(0, [0x02, 0, 0x10, 0, 0x12, 0x34]);
    expect(xfer(0, [0x05, 0])[1]! & 1).toBe(1);
    b.clock.clock_step(1_000_000);
    expect(xfer(0, [0x05, 0])[1]).toBe(0);
    expect(xfer(0, [0x03, 0, 0x10, 0, 0, 0]).slice(4)).toEqual([0x12, 0x34]);
    // Programming only clears bits.
    xfer(0, [0x06]);
    xfer(0, [0x02, 0, 0x10, 0, 0xf0]);
    b.clock.clock_step(1_000_000);
    expect(xfer(0, [0x03, 0, 0x10, 0, 0])[4]).toBe(0x10);
    xfer(0, [0x06]);
    xfer(0, [0x20, 0, 0x10, 0x80]);
    b.clock.clock_step(50_000_000);
    expect(xfer(0, [0x03, 0, 0x10, 0, 0])[4]).toBe(0xff);
    expect(Object.keys(dev<M25P80State>('/spi@fed90000/flash@0').sectors)).toEqual([]);
  });

  it('sees the data one bit off in a mode the part does not take (mode 1)', () => {
    const { xfer } = setup();
    expect(xfer(0, [0x9f, 0, 0, 0], 1).slice(1)).not.toEqual([0xef, 0x40, 0x16]);
    expect(xfer(0, [0x9f, 0, 0, 0], 3).slice(1)).toEqual([0xef, 0x40, 0x16]);
  });
});

describe('LTC2488 ADC on chip select 1', () => {
  it('shifts out SIG and 16 bits of the channel selected in the frame before', () => {
    const { xfer, dev } = setup();
    // CH0 = 1.25 V of a 2.5 V full scale: code 0x8000, SIG set.
    expect(xfer(1, [0xb8, 0, 0])).toEqual([0x30, 0x00, 0x00]);
    // That frame selected CH1 (ODD): 2.5 V saturates at 0xffff.
    expect(xfer(1, [0xb0, 0, 0])).toEqual([0x3f, 0xff, 0xe0]);
    dev<LTC2488State>('/spi@fed90000/adc@1').set_input(0, 625_000);
    // One frame of latency: the conversion read was made before the input changed.
    expect(xfer(1, [0xb0, 0, 0])).toEqual([0x30, 0x00, 0x00]);
    expect(xfer(1, [0xb0, 0, 0])).toEqual([0x28, 0x00, 0x00]);
  });

  it('loops MOSI back to MISO with SRL, without touching the device', () => {
    const { wr, rd } = setup();
    wr(CTRLR0, 7 | (1 << 11));
    wr(BAUDR, 2);
    wr(SSIENR, 1);
    wr(SER, 2);
    wr(DR, 0x5a);
    expect(rd(DR)).toBe(0x5a);
  });
});
