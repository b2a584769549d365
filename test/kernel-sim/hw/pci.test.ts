// PCI hardware tests on the default machine: config space masks, BAR sizing, capabilities, bridges, CF8/CFC vs ECAM, INTx and MSI routing.
import { describe, expect, it } from 'vitest';
import { boot, referenceConfigs } from './machine-harness.ts';
import { EduState } from '../../../kernel-sim/hw/misc/edu.ts';
import { pci_dma_write, pci_set_irq, pci_set_word, pci_get_word } from '../../../kernel-sim/hw/pci/pci.ts';
import { msix_notify } from '../../../kernel-sim/hw/pci/msix.ts';
import { msi_notify } from '../../../kernel-sim/hw/pci/msi.ts';
import { PCI_DEVFN } from '../../../kernel-sim/hw/pci/pci_regs.ts';
import type { KwbMachine } from '../../../kernel-sim/hw/core/machine-builder.ts';

const EDU = PCI_DEVFN(2, 0);
const cfg = (m: KwbMachine, bus: number, devfn: number, off: number, size: number) => m.pci_config_read(0, bus, devfn, off, size);
const cfgw = (m: KwbMachine, bus: number, devfn: number, off: number, v: number, size: number) => m.pci_config_write(0, bus, devfn, off, v, size);
const ecam = (bus: number, devfn: number, off: number) => 0xb0000000 + (bus << 20) + (devfn << 12) + off;

/** Programs the two bridges as Linux would: root port 00:1c.0 -> bus 1, pcie-pci-bridge 01:00.0 -> bus 2. */
function numberBuses(m: KwbMachine) {
  const rp = PCI_DEVFN(0x1c, 0);
  cfgw(m, 0, rp, 0x18, 0x020100, 4); // primary 0, secondary 1, subordinate 2
  cfgw(m, 1, 0, 0x18, 0x020201, 4); // primary 1, secondary 2, subordinate 2
}

describe('PCI config space', () => {
  it('edu BAR0 sizing: all ones reads back 0xfff00000 (1 MiB), then the address sticks', () => {
    const { m } = boot('default.dts');
    cfgw(m, 0, EDU, 0x10, 0xffffffff, 4);
    expect(cfg(m, 0, EDU, 0x10, 4)).toBe(0xfff00000);
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    expect(cfg(m, 0, EDU, 0x10, 4)).toBe(0xfea00000);
    // Unimplemented BARs read 0 even after all ones.
    cfgw(m, 0, EDU, 0x14, 0xffffffff, 4);
    expect(cfg(m, 0, EDU, 0x14, 4)).toBe(0);
  });

  it('64-bit prefetchable and I/O BARs size like real hardware (virtio-blk 00:03.0)', () => {
    const { m } = boot('default.dts');
    const d = PCI_DEVFN(3, 0);
    cfgw(m, 0, d, 0x20, 0xffffffff, 4);
    cfgw(m, 0, d, 0x24, 0xffffffff, 4);
    expect(cfg(m, 0, d, 0x20, 4)).toBe(0xffffc00c); // 16 KiB, 64-bit, prefetchable
    expect(cfg(m, 0, d, 0x24, 4)).toBe(0xffffffff);
    cfgw(m, 0, d, 0x10, 0xffffffff, 4);
    expect(cfg(m, 0, d, 0x10, 4)).toBe(0xffffff81); // 128 bytes of I/O
  });

  it('read-only fields ignore writes: IDs, class, header type, capability pointer', () => {
    const { m } = boot('default.dts');
    for (const [off, size] of [[0x00, 4], [0x08, 4], [0x0e, 1], [0x2c, 4], [0x34, 1], [0x3d, 1], [0x40, 2]] as const) {
      const before = cfg(m, 0, EDU, off, size);
      cfgw(m, 0, EDU, off, 0x5a5a5a5a & (size === 4 ? 0xffffffff : (1 << (size * 8)) - 1), size);
      expect(cfg(m, 0, EDU, off, size)).toBe(before);
    }
    cfgw(m, 0, EDU, 0x3c, 0x0b, 1);
    expect(cfg(m, 0, EDU, 0x3c, 1)).toBe(0x0b);
  });

  it('status error bits are write-1-to-clear; Capabilities List stays', () => {
    const { m } = boot('default.dts');
    const edu = m.find_device('/pcie@b0000000/edu@2') as EduState;
    pci_set_word(edu.config, 0x06, pci_get_word(edu.config, 0x06) | 0x2000 | 0x1000); // master abort + target abort received
    expect(cfg(m, 0, EDU, 0x06, 2)).toBe(0x3010);
    cfgw(m, 0, EDU, 0x06, 0x0000, 2);
    expect(cfg(m, 0, EDU, 0x06, 2)).toBe(0x3010);
    cfgw(m, 0, EDU, 0x06, 0x2000, 2);
    expect(cfg(m, 0, EDU, 0x06, 2)).toBe(0x1010);
    cfgw(m, 0, EDU, 0x06, 0xffff, 2);
    expect(cfg(m, 0, EDU, 0x06, 2)).toBe(0x0010);
  });

  it('capability list walk of edu finds only MSI at 0x40, as on the real device', () => {
    const { m } = boot('default.dts');
    const caps: Array<[number, number]> = [];
    for (let p = cfg(m, 0, EDU, 0x34, 1); p; p = cfg(m, 0, EDU, p + 1, 1)) caps.push([p, cfg(m, 0, EDU, p, 1)]);
    expect(caps).toEqual([[0x40, 0x05]]);
  });

  it('capability walks of the other models', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const walk = (bus: number, devfn: number) => {
      const out: string[] = [];
      for (let p = cfg(m, bus, devfn, 0x34, 1); p; p = cfg(m, bus, devfn, p + 1, 1)) out.push(`${p.toString(16)}:${cfg(m, bus, devfn, p, 1).toString(16)}`);
      return out;
    };
    expect(walk(0, PCI_DEVFN(3, 0))).toEqual(['98:11', '84:9', '70:9', '60:9', '50:9', '40:9']);
    expect(walk(0, PCI_DEVFN(0x1c, 0))).toEqual(['54:10', '48:11', '40:d']);
    expect(walk(1, 0)).toEqual(['8c:5', '84:1', '48:10', '40:c']);
    expect(walk(0, PCI_DEVFN(0x1f, 2))).toEqual(['80:5', 'a8:12']);
    // Extended capabilities of the root port: AER at 0x100 -> ACS at 0x148.
    const rp = PCI_DEVFN(0x1c, 0);
    expect(cfg(m, 0, rp, 0x100, 4)).toBe(0x14820001);
    expect(cfg(m, 0, rp, 0x148, 4)).toBe(0x0001000d);
    // PCIe capability: root port type, v2.
    expect(cfg(m, 0, rp, 0x56, 2) & 0xff).toBe(0x42);
  });

  it('config space sizes: 4 KiB for PCIe functions, 256 bytes (rest all ones) for conventional ones', () => {
    const { m } = boot('default.dts');
    expect(cfg(m, 0, EDU, 0x100, 4)).toBe(0xffffffff);
    expect(cfg(m, 0, PCI_DEVFN(0x1c, 0), 0x100, 4)).not.toBe(0xffffffff);
  });

  it('config bytes equal Linux 6.1 on QEMU q35 (sysfs config) for every function the machines share', () => {
    const ref = referenceConfigs();
    const { m } = boot('default.dts');
    // What SeaBIOS and the drivers left in the registers on the reference machine.
    const io = (devfn: number, writes: Array<[number, number, number]>) => writes.forEach(([o, v, s]) => cfgw(m, 0, devfn, o, v, s));
    io(PCI_DEVFN(0, 0), [[0x04, 0x0103, 2]]);
    io(EDU, [[0x10, 0xfea00000, 4], [0x04, 0x0103, 2], [0x3c, 0x0b, 1]]);
    io(PCI_DEVFN(3, 0), [[0x10, 0xc001, 4], [0x14, 0xfeb11000, 4], [0x20, 0xfe00000c, 4], [0x24, 0, 4], [0x04, 0x0507, 2], [0x3c, 0x0b, 1], [0x9a, 0x8002, 2]]);
    io(PCI_DEVFN(0x1f, 0), [[0x04, 0x0103, 2]]);
    // Linux's ACPI PCI link devices (_DIS) mark the PIC routes of PIRQA-H unused (bit 7).
    for (const off of [0x60, 0x61, 0x62, 0x63, 0x68, 0x69, 0x6a, 0x6b]) cfgw(m, 0, PCI_DEVFN(0x1f, 0), off, cfg(m, 0, PCI_DEVFN(0x1f, 0), off, 1) | 0x80, 1);
    io(PCI_DEVFN(0x1f, 2), [[0x20, 0xc0c1, 4], [0x24, 0xfeb12000, 4], [0x04, 0x0107, 2], [0x3c, 0x0a, 1]]);
    io(PCI_DEVFN(0x1f, 3), [[0x20, 0x0701, 4], [0x04, 0x0103, 2], [0x3c, 0x0a, 1]]);
    const slots: Array<[string, number]> = [['0000:00:00.0', 0], ['0000:00:02.0', EDU], ['0000:00:03.0', PCI_DEVFN(3, 0)], ['0000:00:1f.0', PCI_DEVFN(0x1f, 0)], ['0000:00:1f.2', PCI_DEVFN(0x1f, 2)], ['0000:00:1f.3', PCI_DEVFN(0x1f, 3)]];
    for (const [name, devfn] of slots) {
      const want = ref.get(name)!;
      expect(want.length, name).toBe(256);
      const ours = Array.from({ length: 256 }, (_, i) => cfg(m, 0, devfn, i, 1));
      const hex = (a: number[]) => a.map((b, i) => `${i.toString(16).padStart(2, '0')}:${b.toString(16).padStart(2, '0')}`);
      expect(hex(ours), name).toEqual(hex(want));
    }
  });

  it('the QEMU reference machine: standard VGA 00:01.0 config bytes equal the reference too', () => {
    const ref = referenceConfigs().get('0000:00:01.0')!;
    const { m } = boot('qemu-q35-reference.dts');
    const vga = PCI_DEVFN(1, 0);
    cfgw(m, 0, vga, 0x10, 0xfd000000, 4);
    cfgw(m, 0, vga, 0x18, 0xfeb10000, 4);
    cfgw(m, 0, vga, 0x30, 0xfeb00000, 4);
    cfgw(m, 0, vga, 0x04, 0x0103, 2);
    expect(Array.from({ length: 256 }, (_, i) => cfg(m, 0, vga, i, 1))).toEqual(ref);
    // The ROM BAR sizes like any other (64 KiB, enable bit writable).
    cfgw(m, 0, vga, 0x30, 0xffffffff, 4);
    expect(cfg(m, 0, vga, 0x30, 4)).toBe(0xffff0001);
    expect([...m.pci_functions()].map((f) => f.slot_name())).toEqual(['0000:00:00.0', '0000:00:01.0', '0000:00:02.0', '0000:00:03.0', '0000:00:1f.0', '0000:00:1f.2', '0000:00:1f.3']);
  });

  it('header type: multi-function bit on the functions of slot 1f, type 1 on bridges', () => {
    const { m } = boot('default.dts');
    expect(cfg(m, 0, PCI_DEVFN(0x1f, 0), 0x0e, 1)).toBe(0x80);
    expect(cfg(m, 0, PCI_DEVFN(0x1f, 3), 0x0e, 1)).toBe(0x80);
    expect(cfg(m, 0, EDU, 0x0e, 1)).toBe(0x00);
    expect(cfg(m, 0, PCI_DEVFN(0x1c, 0), 0x0e, 1)).toBe(0x01);
    // Absent functions read all ones (the vendor ID probe fails).
    expect(cfg(m, 0, PCI_DEVFN(0x1f, 1), 0x00, 2)).toBe(0xffff);
    expect(cfg(m, 0, PCI_DEVFN(5, 0), 0x00, 4)).toBe(0xffffffff);
  });
});

describe('config access mechanisms', () => {
  it('0xCF8/0xCFC and ECAM give the same bytes for every function', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const targets: Array<[number, number]> = [[0, 0], [0, EDU], [0, PCI_DEVFN(3, 0)], [0, PCI_DEVFN(0x1c, 0)], [1, 0], [2, PCI_DEVFN(1, 0)], [0, PCI_DEVFN(0x1f, 0)], [0, PCI_DEVFN(7, 0)]];
    for (const [bus, devfn] of targets) {
      for (let off = 0; off < 256; off += 4) {
        m.io_write(0xcf8, (0x80000000 | (bus << 16) | (devfn << 8) | off) >>> 0, 4);
        const viaPorts = m.io_read(0xcfc, 4);
        const viaEcam = m.mmio_read(ecam(bus, devfn, off), 4);
        expect(viaEcam).toBe(viaPorts);
        expect(viaPorts).toBe(cfg(m, bus, devfn, off, 4));
      }
      // Byte and word reads through 0xCFC+n.
      m.io_write(0xcf8, (0x80000000 | (bus << 16) | (devfn << 8)) >>> 0, 4);
      expect(m.io_read(0xcfe, 2)).toBe(cfg(m, bus, devfn, 2, 2));
      expect(m.io_read(0xcfd, 1)).toBe(cfg(m, bus, devfn, 1, 1));
    }
    // ECAM reaches extended config space; CF8 cannot.
    expect(m.mmio_read(ecam(0, PCI_DEVFN(0x1c, 0), 0x100), 4)).toBe(0x14820001);
  });

  it('writes through ECAM and CF8/CFC land in the same registers', () => {
    const { m } = boot('default.dts');
    m.mmio_write(ecam(0, EDU, 0x3c), 0x0b, 1);
    m.io_write(0xcf8, 0x80000000 | (EDU << 8) | 0x3c, 4);
    expect(m.io_read(0xcfc, 1)).toBe(0x0b);
    m.io_write(0xcfc, 0x05, 1);
    expect(m.mmio_read(ecam(0, EDU, 0x3c), 1)).toBe(0x05);
  });

  it('CF8 without the enable bit reads all ones', () => {
    const { m } = boot('default.dts');
    m.io_write(0xcf8, EDU << 8, 4);
    expect(m.io_read(0xcfc, 4)).toBe(0xffffffff);
  });

  it('ECAM lives where the MCH PCIEXBAR puts it', () => {
    const { m } = boot('default.dts');
    expect(cfg(m, 0, 0, 0x60, 4)).toBe(0xb0000001);
    expect(m.mmio_read(ecam(0, EDU, 0), 4)).toBe(0x11e81234);
    cfgw(m, 0, 0, 0x60, 0xe0000001, 4);
    expect(m.mmio_read(0xe0000000 + (EDU << 12), 4)).toBe(0x11e81234);
    expect(m.mmio_read(ecam(0, EDU, 0), 4)).toBe(0xffffffff);
    cfgw(m, 0, 0, 0x60, 0xe0000000, 4);
    expect(m.mmio_read(0xe0000000 + (EDU << 12), 4)).toBe(0xffffffff);
  });
});

describe('bridges', () => {
  it('devices behind bridges are reachable only once bus numbers are programmed', () => {
    const { m } = boot('default.dts');
    expect(cfg(m, 2, PCI_DEVFN(1, 0), 0, 4)).toBe(0xffffffff);
    numberBuses(m);
    expect(cfg(m, 0, PCI_DEVFN(0x1c, 0), 0x18, 4) & 0xffffff).toBe(0x020100);
    expect(cfg(m, 1, 0, 0x00, 4)).toBe(0x000e1b36);
    expect(cfg(m, 2, PCI_DEVFN(1, 0), 0x00, 4)).toBe(0x10011af4);
    // Bus 3 is outside every subordinate range.
    expect(cfg(m, 3, 0, 0, 4)).toBe(0xffffffff);
    // Narrowing the root port's subordinate number hides bus 2.
    cfgw(m, 0, PCI_DEVFN(0x1c, 0), 0x1a, 1, 1);
    expect(cfg(m, 2, PCI_DEVFN(1, 0), 0, 4)).toBe(0xffffffff);
  });

  it('memory windows: an MMIO access reaches a BAR behind two bridges only through both windows', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const rp = PCI_DEVFN(0x1c, 0);
    const vdb = PCI_DEVFN(1, 0);
    cfgw(m, 2, vdb, 0x14, 0xfe810000, 4); // BAR1: MSI-X table
    cfgw(m, 2, vdb, 0x04, 0x0002, 2);
    const entryCtrl = 0xfe810000 + 12;
    expect(m.mmio_read(entryCtrl, 4)).toBe(0xffffffff); // bridges closed
    for (const [bus, devfn] of [[0, rp], [1, 0]] as const) {
      cfgw(m, bus, devfn, 0x20, 0xfe80fe80, 4); // memory base = limit = 0xfe800000 (1 MiB window)
      cfgw(m, bus, devfn, 0x24, 0x0000fff0, 4); // prefetchable window closed (base > limit)
    }
    expect(m.mmio_read(entryCtrl, 4)).toBe(0xffffffff); // windows set, Memory Space still off
    cfgw(m, 0, rp, 0x04, 0x0002, 2);
    expect(m.mmio_read(entryCtrl, 4)).toBe(0xffffffff);
    cfgw(m, 1, 0, 0x04, 0x0002, 2);
    expect(m.mmio_read(entryCtrl, 4)).toBe(1); // vector control: masked at reset
    // Moving the window away hides the BAR again.
    cfgw(m, 1, 0, 0x20, 0xfe70fe70, 4);
    expect(m.mmio_read(entryCtrl, 4)).toBe(0xffffffff);
  });

  it('I/O windows: 4 KiB granularity', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const rp = PCI_DEVFN(0x1c, 0);
    cfgw(m, 2, PCI_DEVFN(1, 0), 0x10, 0xd001, 4);
    cfgw(m, 2, PCI_DEVFN(1, 0), 0x04, 0x0001, 2);
    for (const [bus, devfn] of [[0, rp], [1, 0]] as const) {
      cfgw(m, bus, devfn, 0x1c, 0xd1d1, 2); // I/O 0xd000-0xdfff (32-bit I/O type bits kept)
      cfgw(m, bus, devfn, 0x04, 0x0001, 2);
    }
    expect(cfg(m, 0, rp, 0x1c, 2)).toBe(0xd1d1);
    expect(m.io_read(0xd000, 1)).toBe(0); // decoded by the virtio legacy region
    cfgw(m, 1, 0, 0x1c, 0xc1c1, 2);
    expect(m.io_read(0xd000, 1)).toBe(0xff);
  });

  it('Secondary Bus Reset puts the devices behind the bridge back to power-on state', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    cfgw(m, 2, PCI_DEVFN(1, 0), 0x3c, 0x0b, 1);
    cfgw(m, 1, 0, 0x3e, 0x0040, 2);
    expect(cfg(m, 2, PCI_DEVFN(1, 0), 0x3c, 1)).toBe(0);
  });
});

describe('command register', () => {
  it('Memory Space enable gates BAR decoding', () => {
    const { m } = boot('default.dts');
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    expect(m.mmio_read(0xfea00000, 4)).toBe(0xffffffff);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('hits no device');
    cfgw(m, 0, EDU, 0x04, 0x0002, 2);
    expect(m.mmio_read(0xfea00000, 4)).toBe(0x010000ed);
    cfgw(m, 0, EDU, 0x04, 0x0000, 2);
    expect(m.mmio_read(0xfea00000, 4)).toBe(0xffffffff);
  });

  it('I/O Space enable gates I/O BARs', () => {
    const { m } = boot('default.dts');
    cfgw(m, 0, PCI_DEVFN(3, 0), 0x10, 0xc001, 4);
    expect(m.io_read(0xc000, 1)).toBe(0xff);
    cfgw(m, 0, PCI_DEVFN(3, 0), 0x04, 0x0001, 2);
    expect(m.io_read(0xc000, 1)).toBe(0);
  });

  it('Bus Master gates DMA at once, on the function and on every bridge above it, after DMA has flowed', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const rp = PCI_DEVFN(0x1c, 0);
    const br = [...m.pci_functions()].find((f) => f.type_info.name === 'pcie-pci-bridge')!;
    let seen = m.ctx.log.entries.length;
    const logged = () => m.ctx.log.entries.slice(seen, (seen = m.ctx.log.entries.length)).map((e) => e.message).join('\n');
    cfgw(m, 0, rp, 0x04, 0x0004, 2);
    cfgw(m, 1, 0, 0x04, 0x0004, 2);
    expect(pci_dma_write(br, 0x100000, Uint8Array.of(1))).toBe(true);
    cfgw(m, 0, rp, 0x04, 0x0000, 2);
    expect(pci_dma_write(br, 0x100000, Uint8Array.of(2))).toBe(false);
    expect(logged()).toContain('upstream DMA dropped: Bus Master is off on bridge');
    cfgw(m, 0, rp, 0x04, 0x0004, 2);
    expect(pci_dma_write(br, 0x100000, Uint8Array.of(3))).toBe(true);
    // An endpoint (no bridge code of its own reacts to the command register).
    const edu = m.find_device('/pcie@b0000000/edu@2') as EduState;
    cfgw(m, 0, EDU, 0x04, 0x0004, 2);
    expect(pci_dma_write(edu, 0x100001, Uint8Array.of(6))).toBe(true);
    cfgw(m, 0, EDU, 0x04, 0x0000, 2);
    expect(pci_dma_write(edu, 0x100001, Uint8Array.of(7))).toBe(false);
    expect(logged()).toContain('edu: DMA blocked');
    cfgw(m, 0, EDU, 0x04, 0x0004, 2);
    expect(pci_dma_write(edu, 0x100001, Uint8Array.of(8))).toBe(true);
    edu.reset();
    expect(pci_dma_write(edu, 0x100001, Uint8Array.of(9))).toBe(false);
    expect([...m.ram.read(0x100000, 2)]).toEqual([3, 8]);
  });
});

describe('interrupt routing', () => {
  it('INTx: q35 routes 00:02.0 INTA to GSI 22 and 00:03.0 to GSI 23, as on the reference machine', () => {
    const { m, irqs } = boot('default.dts');
    const edu = m.find_device('/pcie@b0000000/edu@2') as EduState;
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    cfgw(m, 0, EDU, 0x04, 0x0002, 2);
    m.mmio_write(0xfea00060, 1, 4);
    expect(irqs).toEqual([{ n: 22, level: 1, msi: false }]);
    expect(edu.irq_state).toBe(1);
    m.mmio_write(0xfea00064, 1, 4);
    expect(irqs.at(-1)).toEqual({ n: 22, level: 0, msi: false });
    const vda = [...m.pci_functions()].find((f) => f.devfn === PCI_DEVFN(3, 0))!;
    pci_set_irq(vda, 1);
    expect(irqs.at(-1)).toEqual({ n: 23, level: 1, msi: false });
  });

  it('INTx behind bridges is swizzled: 02:01.0 INTA -> bridge INTB -> root port 1c INTB -> PIRQB = GSI 17', () => {
    const { m, irqs } = boot('default.dts');
    const vdb = [...m.pci_functions()].find((f) => f.id.includes('1c.0/00.0/01.0'))!;
    pci_set_irq(vdb, 1);
    expect(irqs).toEqual([{ n: 17, level: 1, msi: false }]);
    pci_set_irq(vdb, 0);
    expect(irqs.at(-1)).toEqual({ n: 17, level: 0, msi: false });
  });

  it('a shared line stays asserted while any device holds it', () => {
    const src = `/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
  cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };
  memory@0 { device_type = "memory"; reg = <0 0 0 0x1000000>; };
  pcie@b0000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; #address-cells = <3>; #size-cells = <2>; reg = <0 0xb0000000 0 0x10000000>;
    a@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };
    b@6 { compatible = "qemu,edu"; reg = <0x3000 0 0 0 0>; };
  };
};`;
    const { m, irqs } = boot(src);
    const [a, b] = [...m.pci_functions()];
    pci_set_irq(a!, 1);
    pci_set_irq(b!, 1);
    pci_set_irq(a!, 0);
    expect(irqs).toEqual([{ n: 22, level: 1, msi: false }]);
    pci_set_irq(b!, 0);
    expect(irqs.at(-1)).toEqual({ n: 22, level: 0, msi: false });
  });

  it('MSI from edu reaches the sink as a vector', () => {
    const { m, irqs } = boot('default.dts');
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    cfgw(m, 0, EDU, 0x04, 0x0006, 2);
    cfgw(m, 0, EDU, 0x44, 0xfee00000, 4);
    cfgw(m, 0, EDU, 0x4c, 0x0031, 2);
    cfgw(m, 0, EDU, 0x42, 0x0001, 2);
    m.mmio_write(0xfea00060, 4, 4);
    expect(irqs).toEqual([{ n: 0x31, level: 1, msi: true }]);
  });

  it('MSI to an address outside 0xfee00000 is lost and reported', () => {
    const { m, irqs } = boot('default.dts');
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    cfgw(m, 0, EDU, 0x04, 0x0006, 2);
    cfgw(m, 0, EDU, 0x42, 0x0001, 2);
    m.mmio_write(0xfea00060, 4, 4);
    expect(irqs).toEqual([]);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('not the interrupt controller');
  });

  it('MSI-X on the root port: masked entries set the pending bit, unmasking delivers', () => {
    const { m, irqs } = boot('default.dts');
    const rp = PCI_DEVFN(0x1c, 0);
    cfgw(m, 0, rp, 0x10, 0xfe900000, 4);
    cfgw(m, 0, rp, 0x04, 0x0006, 2);
    cfgw(m, 0, rp, 0x4a, 0x8000, 2); // MSI-X enable
    m.mmio_write(0xfe900000, 0xfee00000, 4);
    m.mmio_write(0xfe900008, 0x45, 4);
    const dev = [...m.pci_functions()].find((f) => f.devfn === rp && f.bus?.bus_num() === 0)!;
    msix_notify(dev, 0);
    expect(irqs).toEqual([]);
    expect(m.mmio_read(0xfe900800, 4)).toBe(1); // PBA bit 0
    m.mmio_write(0xfe90000c, 0, 4); // unmask
    expect(irqs).toEqual([{ n: 0x45, level: 1, msi: true }]);
    expect(m.mmio_read(0xfe900800, 4)).toBe(0);
  });
});

describe('MSI capability details', () => {
  it('per-vector masking on the pcie-pci-bridge: a masked vector is held pending and sent on unmask', () => {
    const { m, irqs } = boot('default.dts');
    numberBuses(m);
    const br = [...m.pci_functions()].find((f) => f.type_info.name === 'pcie-pci-bridge')!;
    const pos = 0x8c;
    expect(cfg(m, 1, 0, pos, 1)).toBe(0x05);
    expect(cfg(m, 1, 0, pos + 2, 2)).toBe(0x0180); // 64-bit, per-vector masking, 1 vector
    cfgw(m, 1, 0, 0x04, 0x0004, 2);
    cfgw(m, 0, PCI_DEVFN(0x1c, 0), 0x04, 0x0004, 2); // upstream bridge must forward the write
    cfgw(m, 1, 0, pos + 4, 0xfee00000, 4);
    cfgw(m, 1, 0, pos + 12, 0x0052, 2);
    cfgw(m, 1, 0, pos + 16, 1, 4); // mask vector 0
    cfgw(m, 1, 0, pos + 2, 0x0001, 2);
    msi_notify(br, 0);
    expect(irqs).toEqual([]);
    expect(cfg(m, 1, 0, pos + 20, 4)).toBe(1); // pending bit (read-only to software)
    cfgw(m, 1, 0, pos + 16, 0, 4);
    expect(irqs).toEqual([{ n: 0x52, level: 1, msi: true }]);
    expect(cfg(m, 1, 0, pos + 20, 4)).toBe(0);
  });

  it('an MSI behind a bridge without Bus Master is dropped and reported', () => {
    const { m, irqs } = boot('default.dts');
    numberBuses(m);
    const br = [...m.pci_functions()].find((f) => f.type_info.name === 'pcie-pci-bridge')!;
    cfgw(m, 1, 0, 0x04, 0x0004, 2);
    cfgw(m, 1, 0, 0x8c + 4, 0xfee00000, 4);
    cfgw(m, 1, 0, 0x8c + 2, 0x0001, 2);
    msi_notify(br, 0);
    expect(irqs).toEqual([]);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('Bus Master is off on a bridge above the device');
  });
});

describe('power management', () => {
  it('the pcie-pci-bridge goes to D3hot (BAR dark), refuses D1, and comes back reset', () => {
    const { m } = boot('default.dts');
    numberBuses(m);
    const pm = 0x84;
    expect(cfg(m, 1, 0, pm, 1)).toBe(0x01);
    expect(cfg(m, 1, 0, pm + 2, 2)).toBe(0x0003);
    cfgw(m, 1, 0, 0x10, 0xfe000000, 4);
    cfgw(m, 0, PCI_DEVFN(0x1c, 0), 0x20, 0xfe00fe00, 4);
    cfgw(m, 0, PCI_DEVFN(0x1c, 0), 0x04, 0x0002, 2);
    cfgw(m, 1, 0, 0x04, 0x0002, 2);
    expect(m.mmio_read(0xfe000000, 4)).toBe(0);
    cfgw(m, 1, 0, pm + 4, 0x0001, 2);
    expect(cfg(m, 1, 0, pm + 4, 2) & 3).toBe(0);
    expect(m.ctx.log.entries.at(-1)!.message).toContain('supports only D0 and D3hot');
    cfgw(m, 1, 0, pm + 4, 0x0003, 2);
    expect(cfg(m, 1, 0, pm + 4, 2) & 3).toBe(3);
    expect(m.mmio_read(0xfe000000, 4)).toBe(0xffffffff);
    cfgw(m, 1, 0, pm + 4, 0x0000, 2);
    expect(cfg(m, 1, 0, pm + 4, 2) & 3).toBe(0);
    // No_Soft_Reset is 0: the bridge lost its configuration (bus numbers included).
    expect(cfg(m, 0, PCI_DEVFN(0x1c, 0), 0x19, 1)).toBe(1);
    expect(cfg(m, 1, 0, 0x10, 4)).toBe(0x00000004);
  });
});

describe('machine state', () => {
  it('save/load round-trips config space and device state through JSON', () => {
    const a = boot('default.dts');
    cfgw(a.m, 0, EDU, 0x10, 0xfea00000, 4);
    cfgw(a.m, 0, EDU, 0x04, 0x0002, 2);
    a.m.mmio_write(0xfea00004, 0x1234, 4);
    const snap = JSON.parse(JSON.stringify(a.m.save()));
    const b = boot('default.dts');
    b.m.load(snap);
    expect(cfg(b.m, 0, EDU, 0x10, 4)).toBe(0xfea00000);
    expect(b.m.mmio_read(0xfea00004, 4)).toBe(~0x1234 >>> 0);
  });

  it('reset returns BARs to zero and keeps the firmware chipset setup', () => {
    const { m } = boot('default.dts');
    cfgw(m, 0, EDU, 0x10, 0xfea00000, 4);
    m.reset();
    expect(cfg(m, 0, EDU, 0x10, 4)).toBe(0);
    expect(cfg(m, 0, 0, 0x60, 4)).toBe(0xb0000001);
  });
});
