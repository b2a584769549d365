// SeaBIOS-like firmware setup: the reference machine comes up with the same bus numbers, BARs, commands and interrupt lines as on QEMU.
import { describe, expect, it } from 'vitest';
import { boot, referenceConfigs } from './machine-harness.ts';
import { bar_addresses } from '../../../kernel-sim/hw/i386/pciinit.ts';
import { PCI_DEVFN } from '../../../kernel-sim/hw/pci/pci_regs.ts';

describe('seabios_pci_setup', () => {
  it('qemu-q35-reference.dts: all 7 functions byte-identical to the reference once the drivers\' own writes are replayed', () => {
    const ref = referenceConfigs();
    const { m } = boot('qemu-q35-reference.dts', { firmware: 'seabios' });
    // Only what the Linux drivers wrote: virtio-pci (bus master, INTx off, MSI-X on). The AHCI function is a bus master
    // with no driver bound on the reference (lspci -k names none): SeaBIOS's ahci_controller_setup enabled it.
    m.pci_config_write(0, 0, PCI_DEVFN(3, 0), 0x04, 0x0507, 2);
    m.pci_config_write(0, 0, PCI_DEVFN(3, 0), 0x9a, 0x8002, 2);
    // Linux's ACPI PCI link devices (_DIS) mark the PIC routes of PIRQA-H unused (bit 7).
    for (const off of [0x60, 0x61, 0x62, 0x63, 0x68, 0x69, 0x6a, 0x6b]) m.pci_config_write(0, 0, PCI_DEVFN(0x1f, 0), off, m.pci_config_read(0, 0, PCI_DEVFN(0x1f, 0), off, 1) | 0x80, 1);
    expect(ref.size).toBe(7);
    for (const [name, want] of ref) {
      const devfn = PCI_DEVFN(parseInt(name.slice(8, 10), 16), Number(name.slice(11)));
      const ours = Array.from({ length: 256 }, (_, i) => m.pci_config_read(0, 0, devfn, i, 1));
      expect(ours.map((b, i) => `${i.toString(16)}:${b.toString(16)}`), name).toEqual(want.map((b, i) => `${i.toString(16)}:${b.toString(16)}`));
    }
  });

  it('BARs land where /proc/iomem and /proc/ioports of the reference show them', () => {
    const { m } = boot('qemu-q35-reference.dts', { firmware: 'seabios' });
    const lines: string[] = [];
    for (const f of m.pci_functions()) for (const b of bar_addresses(f)) lines.push(`${f.slot_name().slice(5)} BAR${b.bar} ${b.addr.toString(16)}-${(b.addr + b.size - 1).toString(16)}`);
    expect(lines).toEqual([
      '00:01.0 BAR0 fd000000-fdffffff',
      '00:01.0 BAR2 feb10000-feb10fff',
      '00:02.0 BAR0 fea00000-feafffff',
      '00:03.0 BAR0 c000-c07f',
      '00:03.0 BAR1 feb11000-feb11fff',
      '00:03.0 BAR4 fe000000-fe003fff',
      '00:1f.2 BAR4 c0c0-c0df',
      '00:1f.2 BAR5 feb12000-feb12fff',
      '00:1f.3 BAR4 700-73f',
    ]);
    // The edu registers answer at once: firmware enabled Memory Space.
    expect(m.mmio_read(0xfea00000, 4)).toBe(0x010000ed);
  });

  it('default.dts: bus numbers, bridge windows and the disk behind two bridges', () => {
    const { m } = boot('default.dts', { firmware: 'seabios' });
    const rp = PCI_DEVFN(0x1c, 0);
    expect(m.pci_config_read(0, 0, rp, 0x18, 4) & 0xffffff).toBe(0x020100);
    expect(m.pci_config_read(0, 1, 0, 0x18, 4) & 0xffffff).toBe(0x020201);
    expect(m.pci_config_read(0, 2, PCI_DEVFN(1, 0), 0, 4)).toBe(0x10011af4);
    const vdb = [...m.pci_functions()].find((f) => f.id.includes('1c.0/00.0/01.0'))!;
    const bars = bar_addresses(vdb);
    expect(bars.map((b) => b.bar)).toEqual([0, 1, 4]);
    // Each BAR is reachable from the CPU through both bridges' windows.
    const msix = bars.find((b) => b.bar === 1)!;
    expect(m.mmio_read(msix.addr + 12, 4)).toBe(1);
    const io = bars.find((b) => b.bar === 0)!;
    expect(m.io_read(io.addr, 1)).toBe(0);
    // Interrupt line: INTA behind two bridges -> root port INTB -> PIRQB -> PIC IRQ 10.
    expect(m.pci_config_read(0, 2, PCI_DEVFN(1, 0), 0x3c, 1)).toBe(10);
    expect(m.pci_config_read(0, 0, PCI_DEVFN(2, 0), 0x3c, 1)).toBe(11);
  });

  it('bench-256.dts: every edu gets a distinct 1 MiB BAR inside its bridge window', () => {
    const { m } = boot('bench-256.dts', { firmware: 'seabios' });
    const seen = new Set<number>();
    for (const f of m.pci_functions()) {
      if (f.type_info.name !== 'edu') continue;
      const [b] = bar_addresses(f);
      expect(b!.addr % (1 << 20)).toBe(0);
      seen.add(b!.addr);
      expect(m.mmio_read(b!.addr, 4)).toBe(0x010000ed);
    }
    expect(seen.size).toBe(256);
  });

  it('reset runs the firmware again', () => {
    const { m } = boot('qemu-q35-reference.dts', { firmware: 'seabios' });
    m.pci_config_write(0, 0, PCI_DEVFN(2, 0), 0x10, 0, 4);
    m.reset();
    expect(m.pci_config_read(0, 0, PCI_DEVFN(2, 0), 0x10, 4)).toBe(0xfea00000);
  });
});
