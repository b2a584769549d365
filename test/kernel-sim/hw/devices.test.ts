// Model tests of the 16550 UART, the I/O APIC and the GPIO controller with its LEDs, through the default machine's buses.
import { describe, expect, it } from 'vitest';
import { boot } from './machine-harness.ts';
import { SerialState } from '../../../kernel-sim/hw/char/serial.ts';

const COM1 = 0x3f8;

describe('16550A UART (ttyS0 at 0x3f8, IRQ 4)', () => {
  it('transmits bytes written to THR to the console backend', () => {
    const { m, tx } = boot('default.dts');
    for (const c of 'hi\n') m.io_write(COM1, c.charCodeAt(0), 1);
    expect(String.fromCharCode(...tx[0]!)).toBe('hi\n');
    expect(m.io_read(COM1 + 5, 1) & 0x60).toBe(0x60); // THRE | TEMT
  });

  it('divisor latch: DLAB exposes DLL/DLM and sets the baud rate', () => {
    const { m } = boot('default.dts');
    m.io_write(COM1 + 3, 0x83, 1);
    m.io_write(COM1, 0x01, 1);
    m.io_write(COM1 + 1, 0x00, 1);
    expect(m.io_read(COM1, 1)).toBe(1);
    m.io_write(COM1 + 3, 0x03, 1);
    expect((m.serials[0] as SerialState).baud()).toBe(115200);
  });

  it('received bytes set LSR.DR and, with IER.RDI and OUT2, raise IRQ 4 (an edge on the I/O APIC)', () => {
    const { m, irqs } = boot('default.dts');
    m.io_write(COM1 + 4, 0x0b, 1); // DTR RTS OUT2
    m.io_write(COM1 + 1, 0x01, 1); // IER.RDI
    m.serials[0]!.receive([0x41, 0x42]);
    expect(irqs).toEqual([
      { n: 4, level: 1, msi: false },
      { n: 4, level: 0, msi: false },
    ]);
    expect(m.io_read(COM1 + 2, 1) & 0x0f).toBe(0x04); // IIR: received data
    expect(m.io_read(COM1 + 5, 1) & 1).toBe(1);
    expect(m.io_read(COM1, 1)).toBe(0x41);
    // Without FIFOs the second byte waits in the backend until the first is read.
    expect(m.io_read(COM1, 1)).toBe(0x42);
    expect(m.io_read(COM1 + 5, 1) & 1).toBe(0);
    expect(m.io_read(COM1 + 2, 1) & 0x01).toBe(1); // no interrupt pending
  });

  it('FIFO mode holds 16 bytes and IIR shows the FIFO bits', () => {
    const { m } = boot('default.dts');
    m.io_write(COM1 + 2, 0x07, 1);
    m.serials[0]!.receive(Array.from({ length: 20 }, (_, i) => i));
    expect((m.serials[0] as SerialState).recv_fifo.length).toBe(16);
    expect(m.io_read(COM1 + 2, 1) & 0xc0).toBe(0xc0);
    const got: number[] = [];
    while (m.io_read(COM1 + 5, 1) & 1) got.push(m.io_read(COM1, 1));
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('THRE interrupt when enabled with an empty transmitter; reading IIR acknowledges it', () => {
    const { m, irqs } = boot('default.dts');
    m.io_write(COM1 + 4, 0x08, 1);
    m.io_write(COM1 + 1, 0x02, 1);
    expect(irqs[0]).toEqual({ n: 4, level: 1, msi: false });
    expect(m.io_read(COM1 + 2, 1) & 0x0f).toBe(0x02);
    expect(m.io_read(COM1 + 2, 1) & 0x0f).toBe(0x01);
  });

  it('loopback mode returns transmitted bytes to the receiver', () => {
    const { m, tx } = boot('default.dts');
    m.io_write(COM1 + 4, 0x10, 1);
    m.io_write(COM1, 0x5a, 1);
    expect(tx[0]).toEqual([]);
    expect(m.io_read(COM1, 1)).toBe(0x5a);
  });

  it('word accesses are refused and logged (UART registers are 8 bits)', () => {
    const { m } = boot('default.dts');
    expect(m.io_read(COM1, 2)).toBe(0xffff);
    expect(m.ctx.log.entries.at(-1)!.message).toBe('serial@3f8: invalid 2-byte read at serial+0x00 (UART registers are 8 bits wide: use inb/outb)');
  });

  it('paced transmission takes 10 bit times per byte in virtual time', () => {
    const src = `/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
  cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };
  memory@0 { device_type = "memory"; reg = <0 0 0 0x1000000>; };
  pcie@b0000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; #address-cells = <3>; #size-cells = <2>; reg = <0 0xb0000000 0 0x10000000>;
    isa@1f { compatible = "intel,ich9-lpc"; reg = <0xf800 0 0 0 0>; #address-cells = <2>; #size-cells = <1>;
      serial@i3f8 { compatible = "ns16550a"; reg = <1 0x3f8 8>; clock-frequency = <1843200>; kwb,paced; };
    };
  };
};`;
    const { m, clock } = boot(src);
    m.io_write(COM1 + 3, 0x83, 1);
    m.io_write(COM1, 12, 1); // 9600 baud
    m.io_write(COM1 + 3, 0x03, 1);
    m.io_write(COM1, 0x41, 1);
    expect(m.io_read(COM1 + 5, 1) & 0x20).toBe(0);
    clock.clock_step(1_041_666);
    expect(m.io_read(COM1 + 5, 1) & 0x20).toBe(0);
    clock.clock_step(1);
    expect(m.io_read(COM1 + 5, 1) & 0x20).toBe(0x20);
  });

  it('pci-lab has two UARTs numbered by aliases: ttyS1 at 0x2f8 on IRQ 3', () => {
    const { m, tx, irqs } = boot('pci-lab.dts');
    expect(m.serials.map((s) => s.id)).toEqual(['serial@3f8', 'serial@2f8']);
    m.io_write(0x2f8, 0x31, 1);
    expect(tx[1]).toEqual([0x31]);
    m.io_write(0x2f8 + 4, 0x08, 1);
    m.io_write(0x2f8 + 1, 0x02, 1);
    expect(irqs[0]!.n).toBe(3);
  });
});

describe('I/O APIC', () => {
  const sel = (m: ReturnType<typeof boot>['m'], r: number) => m.mmio_write(0xfec00000, r, 4);
  it('identifies itself through IOREGSEL/IOWIN: version 0x20, 24 entries', () => {
    const { m } = boot('default.dts');
    sel(m, 1);
    expect(m.mmio_read(0xfec00010, 4)).toBe(0x00170020);
  });

  it('a masked pin delivers nothing; unmasking an asserted level pin delivers it', () => {
    const { m, irqs } = boot('default.dts');
    sel(m, 0x10 + 2 * 22);
    const low = m.mmio_read(0xfec00010, 4) as number;
    expect(low & 0xff).toBe(0x20 + 22);
    expect(low & 0x8000).toBe(0x8000); // level-triggered
    m.mmio_write(0xfec00010, low | 0x10000, 4);
    m.ioapic.ioapic_set_irq(22, 1);
    expect(irqs).toEqual([]);
    m.mmio_write(0xfec00010, low, 4);
    expect(irqs).toEqual([{ n: 22, level: 1, msi: false }]);
  });

  it('save/load keeps the redirection table', () => {
    const { m } = boot('default.dts');
    sel(m, 0x10 + 2 * 5);
    m.mmio_write(0xfec00010, 0x10035, 4);
    const s = JSON.parse(JSON.stringify(m.ioapic.save()));
    m.ioapic.reset();
    m.ioapic.load(s);
    sel(m, 0x10 + 2 * 5);
    expect(m.mmio_read(0xfec00010, 4)).toBe(0x10035);
  });
});

describe('GPIO controller and LEDs', () => {
  it('the default machine wires two LEDs to gpio1 (the kernel\'s bank) lines 0 and 1', () => {
    const { m } = boot('default.dts');
    expect(m.leds.map((l) => [l.label, l.line, l.trigger])).toEqual([
      ['kwb:green:heartbeat', 0, 'heartbeat'],
      ['kwb:amber:disk', 1, 'disk-activity'],
    ]);
    expect(m.clocks).toEqual([{ path: '/clock-25000000', name: 'ref25m', rate: 25000000 }]);
  });

  it('outputs follow SET/CLR only for lines set as outputs; observers see the changes', () => {
    const { m } = boot('default.dts');
    const g = m.gpio_controllers.get('/gpio@fed70000')!;
    const seen: Array<[number, number]> = [];
    g.on_change((line, level) => seen.push([line, level]));
    m.mmio_write(0xfed70004, 0x3, 4);
    expect(m.mmio_read(0xfed70000, 4)).toBe(0);
    m.mmio_write(0xfed7000c, 0x3, 4);
    expect(m.mmio_read(0xfed70000, 4)).toBe(3);
    m.mmio_write(0xfed70008, 0x1, 4);
    expect(m.mmio_read(0xfed70000, 4)).toBe(2);
    expect(seen).toEqual([
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    m.mmio_write(0xfed70004, 0x100, 4);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('touches lines above 7');
  });
});
