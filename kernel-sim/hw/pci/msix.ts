// Models QEMU hw/pci/msix.c: the MSI-X capability with its vector table and pending-bit array in a BAR.
import { MemoryRegion } from '../core/memory.ts';
import { pci_add_capability, pci_get_word, pci_set_long, pci_set_word, type MSIMessage, type PCIDevice } from './pci.ts';
import { pci_find_space } from './msi.ts';
import * as R from './pci_regs.ts';

interface MsixState {
  table: number[];
  pba: number[];
  /** Each entry's message as last programmed, built on its first interrupt and dropped when the guest writes the entry (no BigInt per interrupt). */
  msg: (MSIMessage | null)[];
}

function st(dev: PCIDevice): MsixState {
  let s = dev.cap_state.msix as MsixState | undefined;
  if (!s) {
    const n = (pci_get_word(dev.config, dev.msix_cap + R.PCI_MSIX_FLAGS) & R.PCI_MSIX_FLAGS_QSIZE) + 1;
    // Table entries reset masked (vector control bit 0 set).
    const table: number[] = [];
    for (let i = 0; i < n; i++) table.push(0, 0, 0, R.PCI_MSIX_ENTRY_CTRL_MASKBIT);
    s = { table, pba: new Array<number>(n).fill(0), msg: new Array<MSIMessage | null>(n).fill(null) };
    dev.cap_state.msix = s;
  }
  return s;
}

/**
 * msix_init(): adds the MSI-X capability (at `cap_pos`, 0 = first free) and
 * returns the table and PBA regions for the model to place in its BARs.
 */
export function msix_init(dev: PCIDevice, nentries: number, table_bar_nr: number, table_offset: number, pba_bar_nr: number, pba_offset: number, cap_pos: number): { table: MemoryRegion; pba: MemoryRegion } {
  const pos = pci_add_capability(dev, R.PCI_CAP_ID_MSIX, cap_pos || pci_find_space(dev, R.PCI_CAP_MSIX_SIZEOF), R.PCI_CAP_MSIX_SIZEOF);
  dev.msix_cap = pos;
  pci_set_word(dev.config, pos + R.PCI_MSIX_FLAGS, nentries - 1);
  pci_set_long(dev.config, pos + R.PCI_MSIX_TABLE, table_offset | table_bar_nr);
  pci_set_long(dev.config, pos + R.PCI_MSIX_PBA, pba_offset | pba_bar_nr);
  pci_set_word(dev.wmask, pos + R.PCI_MSIX_FLAGS, R.PCI_MSIX_FLAGS_ENABLE | R.PCI_MSIX_FLAGS_MASKALL);
  dev.add_config_write_hook((addr, _v, len) => {
    if (addr < pos + 4 && pos < addr + len) msix_deliver_pending(dev);
  });
  const table = new MemoryRegion(dev, 'MSI-X table', nentries * R.PCI_MSIX_ENTRY_SIZE, {
    read: (off) => st(dev).table[off >> 2] ?? 0,
    write: (off, v) => {
      const s = st(dev);
      const i = off >> 2;
      s.table[i] = Number(v) >>> 0;
      if (i >> 2 < s.msg.length) s.msg[i >> 2] = null;
      if ((i & 3) === 3) msix_deliver_pending(dev);
    },
    valid: { min_access_size: 4, max_access_size: 4 },
  });
  const pba = new MemoryRegion(dev, 'MSI-X PBA', Math.max(8, Math.ceil(nentries / 64) * 8), {
    read: (off, size) => {
      let v = 0;
      const s = st(dev);
      for (let b = 0; b < size * 8; b++) if (s.pba[off * 8 + b]) v += 2 ** b;
      return size === 8 ? BigInt(v) : v;
    },
    write: () => dev.guest_error('access', `${dev.id}: write to the MSI-X pending-bit array ignored (it is read-only)`),
    valid: { min_access_size: 4, max_access_size: 8 },
  });
  return { table, pba };
}

function ctrl(dev: PCIDevice): number {
  return pci_get_word(dev.config, dev.msix_cap + R.PCI_MSIX_FLAGS);
}

export function msix_enabled(dev: PCIDevice): boolean {
  return dev.msix_cap !== 0 && (ctrl(dev) & R.PCI_MSIX_FLAGS_ENABLE) !== 0;
}

export function msix_nr_vectors(dev: PCIDevice): number {
  return (ctrl(dev) & R.PCI_MSIX_FLAGS_QSIZE) + 1;
}

function masked(dev: PCIDevice, v: number): boolean {
  return (ctrl(dev) & R.PCI_MSIX_FLAGS_MASKALL) !== 0 || (st(dev).table[v * 4 + 3]! & R.PCI_MSIX_ENTRY_CTRL_MASKBIT) !== 0;
}

/** msix_notify(): sends the table entry's message, or sets the pending bit while masked. */
export function msix_notify(dev: PCIDevice, vector: number): void {
  if (!msix_enabled(dev) || vector >= msix_nr_vectors(dev)) return;
  const s = st(dev);
  if (masked(dev, vector)) {
    s.pba[vector] = 1;
    return;
  }
  let msg = s.msg[vector];
  if (!msg) {
    const t = s.table;
    msg = { address: (BigInt(t[vector * 4 + 1]!) << 32n) | BigInt(t[vector * 4]!), data: t[vector * 4 + 2]! };
    s.msg[vector] = msg;
  }
  dev.bus?.send_msi(dev, msg);
}

function msix_deliver_pending(dev: PCIDevice): void {
  if (!msix_enabled(dev)) return;
  const s = st(dev);
  for (let v = 0; v < s.pba.length; v++) {
    if (s.pba[v] && !masked(dev, v)) {
      s.pba[v] = 0;
      msix_notify(dev, v);
    }
  }
}
