// qtest-style register tests of the edu model against shared/specs/edu.md, row by row.
import { describe, expect, it, beforeEach } from 'vitest';
import { reference } from '../../fixtures/reference.ts';
import { makeHost } from './harness.ts';
import { EduState, DMA_START } from '../../../kernel-sim/hw/misc/edu.ts';
import { qdev_realize } from '../../../kernel-sim/hw/core/qdev.ts';
import { PCI_DEVFN } from '../../../kernel-sim/hw/pci/pci_regs.ts';

const BAR = 0xfea00000;
const MS = 1_000_000;

function setup(opts: ConstructorParameters<typeof EduState>[3] = {}) {
  const h = makeHost();
  const edu = new EduState(h.ctx, 'edu', 0, opts);
  qdev_realize(edu);
  h.host.root_bus.attach(edu, PCI_DEVFN(2, 0));
  const cfg = (off: number, size: number) => h.host.pci_host_config_read(0, PCI_DEVFN(2, 0), off, size);
  const cfgw = (off: number, v: number, size: number) => h.host.pci_host_config_write(0, PCI_DEVFN(2, 0), off, v, size);
  // What firmware + pci_enable_device() do: place BAR0, enable memory decoding (and bus mastering).
  cfgw(0x10, BAR, 4);
  cfgw(0x04, 0x0106, 2);
  const r32 = (off: number) => h.mem.read(BAR + off, 4) as number;
  const w32 = (off: number, v: number) => h.mem.write(BAR + off, v, 4);
  const r64 = (off: number) => h.mem.read(BAR + off, 8) as bigint;
  const w64 = (off: number, v: bigint) => h.mem.write(BAR + off, v, 8);
  const errors = () => h.log.entries.map((e) => e.message);
  return { ...h, edu, cfg, cfgw, r32, w32, r64, w64, errors };
}

type T = ReturnType<typeof setup>;

function enableMsi(t: T) {
  t.cfgw(0x44, 0xfee00000, 4);
  t.cfgw(0x48, 0, 4);
  t.cfgw(0x4c, 0x4041, 2);
  t.cfgw(0x42, 0x0081, 2);
}

describe('edu: PCI identity', () => {
  it('matches the spec table', () => {
    const t = setup();
    expect(t.cfg(0x00, 2)).toBe(0x1234);
    expect(t.cfg(0x02, 2)).toBe(0x11e8);
    expect(t.cfg(0x2c, 2)).toBe(0x1af4);
    expect(t.cfg(0x2e, 2)).toBe(0x1100);
    expect(t.cfg(0x08, 1)).toBe(0x10);
    expect(t.cfg(0x09, 4) & 0xffffff).toBe(0x00ff00);
    expect(t.cfg(0x3d, 1)).toBe(1);
    expect(t.cfg(0x34, 1)).toBe(0x40);
    expect(t.cfg(0x40, 1)).toBe(0x05);
    expect(t.cfg(0x41, 1)).toBe(0x00);
    expect(t.cfg(0x42, 2)).toBe(0x0080); // 1 vector, 64-bit, no per-vector mask
  });
});

describe('edu: BAR0 registers', () => {
  let t: T;
  beforeEach(() => {
    t = setup();
  });

  it('0x00 identification reads 0x010000ed and ignores writes', () => {
    expect(t.r32(0x00)).toBe(0x010000ed);
    t.w32(0x00, 0x12345678);
    expect(t.r32(0x00)).toBe(0x010000ed);
    expect(t.errors().at(-1)).toContain('read-only');
  });

  it('0x04 liveness reads the bitwise NOT of the last write, initially 0xffffffff', () => {
    expect(t.r32(0x04)).toBe(0xffffffff);
    t.w32(0x04, 0x12345678);
    expect(t.r32(0x04)).toBe(0xedcba987);
    t.w32(0x04, 0xffffffff);
    expect(t.r32(0x04)).toBe(0);
  });

  it('0x08 factorial: status 0x01 while computing, result after the virtual-time delay', () => {
    t.w32(0x08, 5);
    expect(t.r32(0x20) & 1).toBe(1);
    // A driver that does not wait reads a stale value, not 120, and the mistake is logged.
    expect(t.r32(0x08)).toBe(5);
    expect(t.errors().at(-1)).toBe('edu: factorial register read while status bit 0x01 (computing) is set: 5 is not the result yet (poll status at BAR0+0x20 or wait for the interrupt)');
    t.clock.clock_step(t.edu.fact_delay_ns - 1);
    expect(t.r32(0x20) & 1).toBe(1);
    expect(t.r32(0x08)).not.toBe(120);
    t.clock.clock_step(1);
    expect(t.r32(0x20) & 1).toBe(0);
    expect(t.r32(0x08)).toBe(120);
  });

  it('0x08 writes are ignored while computing', () => {
    t.w32(0x08, 4);
    t.w32(0x08, 10);
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(24);
    t.w32(0x08, 10);
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(3628800);
  });

  it('0x08 computes in 32-bit arithmetic (wraps)', () => {
    t.w32(0x08, 13);
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(Number(6227020800n % 2n ** 32n)); // 0x7328cc00
    t.w32(0x08, 0);
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(1);
    t.w32(0x08, 34); // 34! has more than 32 factors of two
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(0);
  });

  it('0x20 status: bit 0x01 is read-only, bit 0x80 is read-write', () => {
    t.w32(0x20, 0x81);
    expect(t.r32(0x20)).toBe(0x80);
    t.w32(0x20, 0);
    expect(t.r32(0x20)).toBe(0);
  });

  it('0x20 bit 0x80 raises interrupt 0x1 when a factorial finishes (INTx level)', () => {
    t.w32(0x20, 0x80);
    t.w32(0x08, 3);
    expect(t.r32(0x24)).toBe(0);
    expect(t.lines.get(22) ?? 0).toBe(0);
    t.clock.clock_step(MS);
    expect(t.r32(0x24)).toBe(0x1);
    expect(t.lines.get(22)).toBe(1);
    expect(t.cfg(0x06, 2) & 0x08).toBe(0x08); // Interrupt Status in the PCI status register
    t.w32(0x64, 0x1);
    expect(t.lines.get(22)).toBe(0);
    expect(t.cfg(0x06, 2) & 0x08).toBe(0);
  });

  it('without bit 0x80 a finished factorial raises nothing', () => {
    t.w32(0x08, 3);
    t.clock.clock_step(MS);
    expect(t.r32(0x24)).toBe(0);
    expect(t.irqEvents).toEqual([]);
  });

  it('0x24/0x60/0x64: raise ORs into irq_status, INTx stays asserted until all bits are acked', () => {
    t.w32(0x60, 0x10);
    expect(t.r32(0x24)).toBe(0x10);
    expect(t.lines.get(22)).toBe(1);
    t.w32(0x60, 0x3);
    expect(t.r32(0x24)).toBe(0x13);
    t.w32(0x64, 0x10);
    expect(t.r32(0x24)).toBe(0x3);
    expect(t.lines.get(22)).toBe(1);
    t.w32(0x64, 0x3);
    expect(t.r32(0x24)).toBe(0);
    expect(t.lines.get(22)).toBe(0);
    // The level went up once and down once: it is a level, not pulses.
    expect(t.irqEvents).toEqual([
      [22, 1],
      [22, 0],
    ]);
  });

  it('0x24 interrupt status is read-only; 0x60/0x64 are write-only (read all ones)', () => {
    t.w32(0x24, 0xff);
    expect(t.r32(0x24)).toBe(0);
    expect(t.r32(0x60)).toBe(0xffffffff);
    expect(t.r32(0x64)).toBe(0xffffffff);
    expect(t.errors().some((m) => m.includes('write-only'))).toBe(true);
  });

  it('INTx Disable in the command register masks the line but not irq_status', () => {
    t.cfgw(0x04, 0x0506, 2);
    t.w32(0x60, 1);
    expect(t.r32(0x24)).toBe(1);
    expect(t.lines.get(22) ?? 0).toBe(0);
    t.cfgw(0x04, 0x0106, 2);
    expect(t.lines.get(22)).toBe(1);
  });

  it('MSI: each raise that leaves irq_status non-zero sends one message; INTx stays low', () => {
    enableMsi(t);
    t.w32(0x60, 0x1);
    t.w32(0x60, 0x2);
    expect(t.msis).toEqual([
      { address: 0xfee00000n, data: 0x4041 },
      { address: 0xfee00000n, data: 0x4041 },
    ]);
    expect(t.lines.get(22) ?? 0).toBe(0);
    t.w32(0x64, 0x3);
    expect(t.r32(0x24)).toBe(0);
    expect(t.msis.length).toBe(2);
    t.w32(0x60, 0); // raising 0 with nothing pending sends nothing
    expect(t.msis.length).toBe(2);
  });

  it('MSI: a factorial with 0x80 set completes with a message', () => {
    enableMsi(t);
    t.w32(0x20, 0x80);
    t.w32(0x08, 6);
    expect(t.msis.length).toBe(0);
    t.clock.clock_step(MS);
    expect(t.msis.length).toBe(1);
    expect(t.r32(0x08)).toBe(720);
  });

  it('MSI needs Bus Master: without it no message goes out and the learner is told', () => {
    t.cfgw(0x04, 0x0102, 2);
    enableMsi(t);
    t.w32(0x60, 1);
    expect(t.msis.length).toBe(0);
    expect(t.errors().at(-1)).toMatch(/MSI not sent.*Bus Master/);
  });

  it('wrong widths below 0x80: read all ones, write ignored, logged', () => {
    t.w32(0x04, 0);
    expect(t.mem.read(BAR + 0x04, 2)).toBe(0xffff);
    expect(t.errors().at(-1)).toBe('edu: invalid 2-byte read at BAR0+0x04 (registers below 0x80 take 4-byte accesses only)');
    expect(t.mem.read(BAR + 0x04, 1)).toBe(0xff);
    expect(t.r64(0x00)).toBe(0xffffffffffffffffn);
    expect(t.errors().at(-1)).toBe('edu: invalid 8-byte read at BAR0+0x00 (registers below 0x80 take 4-byte accesses only)');
    t.mem.write(BAR + 0x04, 0x1234, 2);
    expect(t.errors().at(-1)).toBe('edu: invalid 2-byte write at BAR0+0x04 (registers below 0x80 take 4-byte accesses only)');
    expect(t.r32(0x04)).toBe(0xffffffff);
    t.mem.write(BAR + 0x08, 5n, 8);
    expect(t.r32(0x20) & 1).toBe(0);
  });

  it('wrong widths at 0x80 and above: 1/2-byte accesses are refused and logged', () => {
    t.w32(0x80, 0x1000);
    expect(t.mem.read(BAR + 0x80, 2)).toBe(0xffff);
    expect(t.errors().at(-1)).toBe('edu: invalid 2-byte read at BAR0+0x80 (registers at 0x80 and above take 4- or 8-byte accesses)');
    t.mem.write(BAR + 0x80, 0x22, 1);
    expect(t.r32(0x80)).toBe(0x1000);
  });

  it('undecoded offsets read all ones and are logged', () => {
    for (const off of [0x0c, 0x10, 0x28, 0x84, 0xa0, 0x1000, 0xffffc]) {
      expect(t.r32(off)).toBe(0xffffffff);
      expect(t.errors().at(-1)).toContain(`BAR0+0x${off.toString(16).padStart(2, '0')}`);
    }
    t.w32(0x84, 5);
    expect(t.errors().at(-1)).toContain('no register there');
  });

  it('64-bit accesses at >= 0x80; a 4-byte write replaces the whole field', () => {
    t.w64(0x80, 0x1_2345_6789n);
    expect(t.r64(0x80)).toBe(0x1_2345_6789n);
    expect(t.r32(0x80)).toBe(0x2345_6789);
    t.w32(0x80, 0x40000);
    expect(t.r64(0x80)).toBe(0x40000n);
    t.w64(0x88, 0xdead_beef_0000n);
    expect(t.r64(0x88)).toBe(0xdead_beef_0000n);
    t.w64(0x90, 16n);
    expect(t.r64(0x90)).toBe(16n);
    // 0x84 is not decoded, even by a 4-byte access.
    expect(t.r32(0x84)).toBe(0xffffffff);
  });
});

describe('edu: DMA', () => {
  function dmaSetup(t: T, ramAddr: number, len: number) {
    t.mapped.push({ addr: ramAddr, len, dir: 'to_device' }, { addr: ramAddr, len, dir: 'from_device' });
  }

  it('RAM to device and back with 100 ms of virtual time each', () => {
    const t = setup();
    const src = 0x10000;
    const dst = 0x20000;
    dmaSetup(t, src, 64);
    dmaSetup(t, dst, 64);
    const data = Uint8Array.from({ length: 64 }, (_, i) => i * 3 + 1);
    t.ram.write(src, data);
    t.w32(0x80, src);
    t.w32(0x88, DMA_START);
    t.w32(0x90, 64);
    t.w32(0x98, 0x1);
    expect(t.r32(0x98) & 1).toBe(1);
    t.clock.clock_step(100 * MS - 1);
    expect(t.r32(0x98) & 1).toBe(1);
    expect(t.edu.dma_buf[0]).toBe(0);
    t.clock.clock_step(1);
    expect(t.r32(0x98) & 1).toBe(0);
    expect(t.edu.dma_buf.slice(0, 64)).toEqual(data);
    // Device buffer -> RAM (direction bit 0x02).
    t.w32(0x80, DMA_START);
    t.w32(0x88, dst);
    t.w32(0x90, 64);
    t.w32(0x98, 0x3);
    t.clock.clock_step(100 * MS);
    expect(t.ram.read(dst, 64)).toEqual(data);
    expect(t.log.entries).toEqual([]);
  });

  it('DMA command bit 0x04 raises interrupt 0x100 when done', () => {
    const t = setup();
    dmaSetup(t, 0x1000, 8);
    t.w32(0x80, 0x1000);
    t.w32(0x88, DMA_START);
    t.w32(0x90, 8);
    t.w32(0x98, 0x5);
    expect(t.r32(0x24)).toBe(0);
    t.clock.clock_step(100 * MS);
    expect(t.r32(0x24)).toBe(0x100);
    expect(t.lines.get(22)).toBe(1);
    t.w32(0x64, 0x100);
    expect(t.lines.get(22)).toBe(0);
  });

  it('a command write without bit 0x01 is ignored', () => {
    const t = setup();
    t.w32(0x98, 0x4);
    expect(t.r32(0x98)).toBe(0);
    t.clock.clock_step(200 * MS);
    expect(t.r32(0x24)).toBe(0);
  });

  it('writes to DMA registers are ignored during a transfer', () => {
    const t = setup();
    dmaSetup(t, 0x1000, 8);
    t.ram.write(0x1000, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    t.w32(0x80, 0x1000);
    t.w32(0x88, DMA_START);
    t.w32(0x90, 8);
    t.w32(0x98, 0x1);
    t.w32(0x80, 0x5000);
    t.w32(0x88, DMA_START + 8);
    t.w32(0x90, 4);
    t.w32(0x98, 0x7);
    expect(t.r32(0x80)).toBe(0x1000);
    expect(t.r32(0x90)).toBe(8);
    expect(t.r32(0x98)).toBe(1);
    expect(t.errors().filter((m) => m.includes('DMA transfer is running')).length).toBe(4);
    t.clock.clock_step(100 * MS);
    expect(Array.from(t.edu.dma_buf.slice(0, 9))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0]);
  });

  it('RAM addresses are masked with the DMA mask (default 28 bits)', () => {
    const t = setup();
    dmaSetup(t, 0x2000, 4);
    t.ram.write(0x2000, Uint8Array.of(9, 8, 7, 6));
    t.w64(0x80, 0x1000_2000n); // bit 28 set: masked away
    t.w32(0x88, DMA_START);
    t.w32(0x90, 4);
    t.w32(0x98, 1);
    t.clock.clock_step(100 * MS);
    expect(Array.from(t.edu.dma_buf.slice(0, 4))).toEqual([9, 8, 7, 6]);
    expect(t.errors().some((m) => m.includes('clamping DMA address 0x0000000010002000 to 0x0000000000002000'))).toBe(true);
  });

  it('a custom DMA mask comes from the options', () => {
    const t = setup({ dma_mask: (1n << 32n) - 1n });
    expect(t.edu.dma_mask).toBe(0xffffffffn);
  });

  it('a transfer outside the buffer window is a guest error with the addresses', () => {
    const t = setup();
    dmaSetup(t, 0x1000, 0x2000);
    t.w32(0x80, 0x1000);
    t.w32(0x88, DMA_START + 0xff0);
    t.w32(0x90, 0x20);
    t.w32(0x98, 1);
    t.clock.clock_step(100 * MS);
    const e = t.log.entries.at(-1)!;
    expect(e.kind).toBe('dma');
    expect(e.message).toBe('edu: DMA transfer of 32 bytes at device address 0x40ff0..0x4100f is outside the buffer 0x40000..0x40fff; nothing was transferred');
    expect(e.addresses).toEqual({ dev_addr: 0x40ff0, len: 0x20 });
    expect(t.r32(0x98) & 1).toBe(0);
  });

  it('DMA to RAM the driver never mapped is a guest error with the addresses', () => {
    const t = setup();
    t.w32(0x80, DMA_START);
    t.w32(0x88, 0x30000);
    t.w32(0x90, 16);
    t.w32(0x98, 0x3);
    t.clock.clock_step(100 * MS);
    const e = t.log.entries.at(-1)!;
    expect(e.kind).toBe('dma');
    expect(e.message).toContain('0x30000..0x3000f');
    expect(e.message).toContain('never mapped for DMA');
    expect(e.addresses).toEqual({ ram_addr: 0x30000, len: 16 });
    expect(t.ram.read(0x30000, 1)[0]).toBe(0);
    // Mapped only in the other direction is refused too.
    t.mapped.push({ addr: 0x30000, len: 16, dir: 'to_device' });
    t.w32(0x98, 0x3);
    t.clock.clock_step(100 * MS);
    expect(t.log.entries.at(-1)!.message).toContain('never mapped for DMA from the device');
  });

  it('DMA without Bus Master does not happen', () => {
    const t = setup();
    t.cfgw(0x04, 0x0002, 2);
    dmaSetup(t, 0x1000, 4);
    t.ram.write(0x1000, Uint8Array.of(1, 1, 1, 1));
    t.w32(0x80, 0x1000);
    t.w32(0x88, DMA_START);
    t.w32(0x90, 4);
    t.w32(0x98, 1);
    t.clock.clock_step(100 * MS);
    expect(t.edu.dma_buf[0]).toBe(0);
    expect(t.errors().at(-1)).toContain('Bus Master is off');
  });
});

describe('edu: state', () => {
  it('save/load round-trips registers, buffer and pending timers', () => {
    const t = setup();
    t.w32(0x04, 7);
    t.w32(0x20, 0x80);
    t.w32(0x08, 5);
    t.edu.dma_buf[3] = 42;
    const s = JSON.parse(JSON.stringify(t.edu.save()));
    t.edu.reset();
    expect(t.cfg(0x10, 4)).toBe(0); // reset unprograms BAR0
    t.edu.load(s);
    expect(t.r32(0x04)).toBe(~7 >>> 0);
    expect(t.r32(0x20)).toBe(0x81);
    t.clock.clock_step(MS);
    expect(t.r32(0x08)).toBe(120);
    expect(t.r32(0x24)).toBe(1);
    expect(t.edu.dma_buf[3]).toBe(42);
  });
});

describe('edu: config space vs the real device', () => {
  it('first 64 bytes equal lspci -xxx of Linux 6.1 in QEMU in the same state', () => {
    const text = reference('lspci-xxx-edu.txt');
    const ref: number[] = [];
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{2}): ((?:[0-9a-f]{2} ?){16})$/.exec(line.trim());
      if (m) ref.push(...m[2]!.trim().split(' ').map((x) => parseInt(x, 16)));
    }
    expect(ref.length).toBe(256);
    const h = makeHost();
    const edu = new EduState(h.ctx);
    qdev_realize(edu);
    h.host.root_bus.attach(edu, PCI_DEVFN(2, 0));
    // The state firmware and Linux left it in: BAR0 placed, I/O+Mem+SERR, line 11.
    h.host.pci_host_config_write(0, 0x10, 0x10, 0xfea00000, 4);
    h.host.pci_host_config_write(0, 0x10, 0x04, 0x0103, 2);
    h.host.pci_host_config_write(0, 0x10, 0x3c, 0x0b, 1);
    const ours = Array.from({ length: 256 }, (_, i) => h.host.pci_host_config_read(0, 0x10, i, 1));
    expect(ours.slice(0, 64)).toEqual(ref.slice(0, 64));
    expect(ours).toEqual(ref);
  });
});
