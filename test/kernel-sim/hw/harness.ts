// Test harness: a bare PCI host with an edu-style qtest setup (clock, RAM, DMA map, IRQ and MSI sinks).
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';
import { GuestErrorLog } from '../../../kernel-sim/hw/core/guest-error.ts';
import { AddressSpace } from '../../../kernel-sim/hw/core/memory.ts';
import { RAMBlock } from '../../../kernel-sim/hw/core/ram.ts';
import { PCIHostState } from '../../../kernel-sim/hw/pci/pci_host.ts';
import type { DMADirection, MSIMessage } from '../../../kernel-sim/hw/pci/pci.ts';
import { PCI_SLOT } from '../../../kernel-sim/hw/pci/pci_regs.ts';

export function makeHost(ramSize = 1 << 24) {
  const clock = new TestClock();
  const log = new GuestErrorLog();
  const ctx = { clock, log };
  const mem = new AddressSpace('system memory', 2 ** 52, log, () => clock.now_ns());
  const io = new AddressSpace('I/O', 0x10000, log, () => clock.now_ns());
  const lines = new Map<number, number>();
  const irqEvents: Array<[number, number]> = [];
  const msis: MSIMessage[] = [];
  const host = new PCIHostState(ctx, 'pcie-host', 0, 0, mem, io, {
    // q35's default: slot s pin p -> PIRQ (s+p)%4+4 -> GSI 16 + PIRQ.
    map_irq: (d, pin) => 16 + ((PCI_SLOT(d.devfn) + pin) % 4) + 4,
    set_irq: (line, level) => {
      lines.set(line, level);
      irqEvents.push([line, level]);
    },
    msi: (m) => msis.push(m),
  });
  host.map_cf8_cfc();
  host.pcie_host_mmcfg_update(true, 0xb0000000);
  const ram = new RAMBlock(new Uint8Array(ramSize));
  const mapped: Array<{ addr: number; len: number; dir: DMADirection }> = [];
  host.dma = {
    ram,
    isMappedForDma: (addr, len, dir) => mapped.some((m) => m.dir === dir && addr >= m.addr && addr + len <= m.addr + m.len),
  };
  return { clock, log, ctx, mem, io, host, ram, mapped, lines, irqEvents, msis };
}
