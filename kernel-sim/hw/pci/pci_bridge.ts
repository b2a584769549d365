// Models QEMU hw/pci/pci_bridge.c: type-1 headers, secondary/subordinate bus numbers and forwarding windows.
import { PCIDevice, pci_get_long, pci_get_word, ranges_overlap } from './pci.ts';
import { PCIBus } from './pci_host.ts';
import * as R from './pci_regs.ts';

export type BridgeWindowKind = 'io' | 'mem' | 'pref';

export interface BridgeWindow {
  base: number;
  /** Inclusive limit; base > limit means the window is closed. */
  limit: number;
}

/** A PCI-PCI bridge (or PCIe port): forwards config cycles to buses secondary..subordinate and memory/IO in its windows. */
export abstract class PCIBridge extends PCIDevice {
  sec_bus!: PCIBus;

  /** pci_bridge_initfn(): creates the secondary bus. Call from pci_realize(). */
  protected pci_bridge_initfn(): void {
    this.sec_bus = new PCIBus(null, this);
  }

  override config_write(addr: number, val: number, len: number): void {
    const old_ctl = pci_get_word(this.config, R.PCI_BRIDGE_CONTROL);
    super.config_write(addr, val, len);
    if (ranges_overlap(addr, len, R.PCI_COMMAND, 2) || ranges_overlap(addr, len, R.PCI_IO_BASE, 2) || ranges_overlap(addr, len, R.PCI_MEMORY_BASE, 20) || ranges_overlap(addr, len, R.PCI_IO_BASE_UPPER16, 4) || ranges_overlap(addr, len, R.PCI_SECONDARY_BUS, 2)) {
      // Windows or decoding changed: what lies behind may have appeared or vanished.
      this.bus?.host_invalidate();
    }
    const ctl = pci_get_word(this.config, R.PCI_BRIDGE_CONTROL);
    if (ctl & R.PCI_BRIDGE_CTL_BUS_RESET && !(old_ctl & R.PCI_BRIDGE_CTL_BUS_RESET)) {
      // Secondary Bus Reset: everything behind the bridge goes back to power-on state.
      this.sec_bus.reset();
    }
  }

  override reset(): void {
    super.reset();
    this.sec_bus?.reset();
  }

  secondary_bus(): number {
    return this.config[R.PCI_SECONDARY_BUS]!;
  }

  subordinate_bus(): number {
    return this.config[R.PCI_SUBORDINATE_BUS]!;
  }

  /** pci_bridge_get_base/limit(): the window the bridge forwards downstream. */
  window(kind: BridgeWindowKind): BridgeWindow {
    const c = this.config;
    if (kind === 'io') {
      const base = ((c[R.PCI_IO_BASE]! & 0xf0) << 8) + (c[R.PCI_IO_BASE]! & R.PCI_IO_RANGE_TYPE_32 ? pci_get_word(c, R.PCI_IO_BASE_UPPER16) * 0x10000 : 0);
      const limit = ((c[R.PCI_IO_LIMIT]! & 0xf0) << 8) + 0xfff + (c[R.PCI_IO_LIMIT]! & R.PCI_IO_RANGE_TYPE_32 ? pci_get_word(c, R.PCI_IO_LIMIT_UPPER16) * 0x10000 : 0);
      return { base, limit };
    }
    if (kind === 'mem') {
      return { base: (pci_get_word(c, R.PCI_MEMORY_BASE) & 0xfff0) * 0x10000, limit: (pci_get_word(c, R.PCI_MEMORY_LIMIT) & 0xfff0) * 0x10000 + 0xfffff };
    }
    const b64 = pci_get_word(c, R.PCI_PREF_MEMORY_BASE) & R.PCI_PREF_RANGE_TYPE_64;
    const base = (pci_get_word(c, R.PCI_PREF_MEMORY_BASE) & 0xfff0) * 0x10000 + (b64 ? pci_get_long(c, R.PCI_PREF_BASE_UPPER32) * 2 ** 32 : 0);
    const limit = (pci_get_word(c, R.PCI_PREF_MEMORY_LIMIT) & 0xfff0) * 0x10000 + 0xfffff + (b64 ? pci_get_long(c, R.PCI_PREF_LIMIT_UPPER32) * 2 ** 32 : 0);
    return { base, limit };
  }

  /** Whether an access to [addr, addr+size) in `space` crosses this bridge downstream. */
  forwards(space: 'io' | 'mem', addr: number, size: number, prefetchable: boolean): boolean {
    const cmd = pci_get_word(this.config, R.PCI_COMMAND);
    const inside = (w: BridgeWindow) => w.base <= w.limit && addr >= w.base && addr + size - 1 <= w.limit;
    if (space === 'io') return (cmd & R.PCI_COMMAND_IO) !== 0 && inside(this.window('io'));
    if (!(cmd & R.PCI_COMMAND_MEMORY)) return false;
    return inside(this.window('mem')) || (prefetchable && inside(this.window('pref'))) || inside(this.window('pref'));
  }
}
