// Models linux/drivers/pci/msi/{api.c,msi.c,irqdomain.c} and arch/x86/kernel/apic/msi.c: pci_alloc_irq_vectors (INTx, MSI, MSI-X), pci_irq_vector, pci_free_irq_vectors, and the "PCI-MSI" irq chip.
import { type pci_dev, type msi_desc, PCI_IRQ_LEGACY, PCI_IRQ_MSI, PCI_IRQ_MSIX, PCI_IRQ_AFFINITY, pci_resource_start, pci_resource_len } from '../../../include/linux/pci.ts';
import * as R from '../../../include/uapi/linux/pci_regs.ts';
import { EINVAL, ENOSPC, ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import { irq_alloc_descs, irq_free_descs, irq_to_desc, irq_set_chip_and_handler_name, type irq_chip, type irq_data } from '../../../kernel/irq/irqdesc.ts';
import { handle_edge_irq } from '../../../kernel/irq/chip.ts';
import { x86_vector_alloc, x86_vector_free } from '../../../arch/x86/kernel/apic/vector.ts';
import { ioremap, iounmap, readl, writel } from '../../../arch/x86/io.ts';
import { __warn } from '../../../lib/kobject_warn.ts';
import { pci_read_config_word, pci_write_config_word, pci_write_config_dword, pci_read_config_dword } from '../access.ts';
import { pci_intx } from '../pci.ts';
import { populate_msi_sysfs, remove_msi_sysfs } from './sysfs.ts';
/** Register offsets copied into locals once (module namespace reads are getter calls on hot paths). */
const { PCI_MSIX_ENTRY_CTRL_MASKBIT, PCI_MSIX_ENTRY_DATA, PCI_MSIX_ENTRY_LOWER_ADDR, PCI_MSIX_ENTRY_SIZE, PCI_MSIX_ENTRY_UPPER_ADDR, PCI_MSIX_ENTRY_VECTOR_CTRL, PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_BIRMASK, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL, PCI_MSIX_FLAGS_QSIZE, PCI_MSIX_TABLE, PCI_MSI_ADDRESS_HI, PCI_MSI_ADDRESS_LO, PCI_MSI_DATA_32, PCI_MSI_DATA_64, PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT, PCI_MSI_FLAGS_ENABLE, PCI_MSI_FLAGS_MASKBIT, PCI_MSI_FLAGS_QSIZE, PCI_MSI_MASK_32, PCI_MSI_MASK_64 } = R;

interface MsiChipData { dev: pci_dev; desc: msi_desc; table: number }

/** pci_msi_domain_calc_hwirq(): segment << 27 | bus << 19 | devfn << 11 | index. */
function msi_hwirq(dev: pci_dev, index: number): number {
  return ((dev.bus.domain_nr & 0x1f) * 2 ** 27) + ((dev.bus.number << 8 | dev.devfn) << 11) + index;
}

function msi_mask(d: irq_data, masked: boolean): void {
  const cd = d.chip_data as MsiChipData;
  const { dev, desc } = cd;
  desc.masked = masked;
  if (desc.is_msix) {
    if (!cd.table) return;
    const ctrl = cd.table + desc.msi_index * PCI_MSIX_ENTRY_SIZE + PCI_MSIX_ENTRY_VECTOR_CTRL;
    const v = readl(ctrl);
    writel(masked ? v | PCI_MSIX_ENTRY_CTRL_MASKBIT : v & ~PCI_MSIX_ENTRY_CTRL_MASKBIT, ctrl);
    return;
  }
  const flags = pci_read_config_word(dev, dev.msi_cap + PCI_MSI_FLAGS);
  if (!(flags & PCI_MSI_FLAGS_MASKBIT)) return; // not maskable: the device cannot be told
  const pos = dev.msi_cap + (flags & PCI_MSI_FLAGS_64BIT ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32);
  const m = pci_read_config_dword(dev, pos);
  pci_write_config_dword(dev, pos, masked ? m | (1 << desc.msi_index) : m & ~(1 << desc.msi_index));
}

/** pci_msi_controller ("PCI-MSI"). */
export const pci_msi_chip: irq_chip = {
  name: 'PCI-MSI',
  irq_mask: (d) => msi_mask(d, true),
  irq_unmask: (d) => msi_mask(d, false),
  irq_ack: () => {},
};

/** Allocates one irq with a vector and composes its message (x86_vector_msi_compose_msg). */
function alloc_msi_irq(dev: pci_dev, index: number, is_msix: boolean, table: number, affinity: number): msi_desc | null {
  const irq = irq_alloc_descs(-1, 0, 1);
  if (irq < 0) return null;
  const v = x86_vector_alloc(irq, affinity);
  if (!v) { irq_free_descs(irq, 1); return null; }
  const desc: msi_desc = { irq, msi_index: index, is_msix, masked: false, msg: { address_lo: (0xfee00000 | (v.cpu << 12)) >>> 0, address_hi: 0, data: v.vector } };
  const d = irq_to_desc(irq)!;
  d.irq_data.hwirq = msi_hwirq(dev, index);
  d.irq_data.has_domain = true;
  d.irq_data.effective_cpu = v.cpu;
  d.irq_data.chip_data = { dev, desc, table } satisfies MsiChipData;
  irq_set_chip_and_handler_name(irq, pci_msi_chip, handle_edge_irq, 'edge');
  return desc;
}

function free_msi_irqs(dev: pci_dev): void {
  for (const desc of dev.msi_list) {
    const d = irq_to_desc(desc.irq);
    if (d?.action.length) {
      __warn('drivers/pci/msi/msi.c', 1005, 'free_msi_irqs', `free_msi_irqs: irq ${desc.irq} still has action ${d.action.map((a) => a.name).join(', ')} (free_irq before pci_free_irq_vectors)`, ['pci_free_irq_vectors']);
    }
    x86_vector_free(desc.irq);
    irq_free_descs(desc.irq, 1);
  }
  dev.msi_list = [];
  remove_msi_sysfs(dev);
}

/** msi_capability_init(): one vector (x86 without interrupt remapping cannot do multi-message MSI). */
function msi_capability_init(dev: pci_dev, affinity: number): number {
  const pos = dev.msi_cap;
  const desc = alloc_msi_irq(dev, 0, false, 0, affinity);
  if (!desc) return -ENOSPC;
  let flags = pci_read_config_word(dev, pos + PCI_MSI_FLAGS);
  pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_LO, desc.msg.address_lo);
  if (flags & PCI_MSI_FLAGS_64BIT) {
    pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_HI, desc.msg.address_hi);
    pci_write_config_word(dev, pos + PCI_MSI_DATA_64, desc.msg.data);
  } else pci_write_config_word(dev, pos + PCI_MSI_DATA_32, desc.msg.data);
  dev.msi_list = [desc];
  pci_intx(dev, false);
  flags = (flags & ~PCI_MSI_FLAGS_QSIZE) | PCI_MSI_FLAGS_ENABLE;
  pci_write_config_word(dev, pos + PCI_MSI_FLAGS, flags);
  dev.msi_enabled = true;
  dev.irq = desc.irq;
  populate_msi_sysfs(dev, 'msi');
  return 1;
}

/** msix_capability_init(): one vector per table entry, programmed through the table's BAR. */
function msix_capability_init(dev: pci_dev, nvec: number, spread: boolean): number {
  const pos = dev.msix_cap;
  const ctrl = pci_read_config_word(dev, pos + PCI_MSIX_FLAGS);
  pci_write_config_word(dev, pos + PCI_MSIX_FLAGS, ctrl | PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE);
  const tbl = pci_read_config_dword(dev, pos + PCI_MSIX_TABLE);
  const bir = tbl & PCI_MSIX_FLAGS_BIRMASK;
  const nr_entries = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1;
  const phys = pci_resource_start(dev, bir) + (tbl & ~PCI_MSIX_FLAGS_BIRMASK);
  if (!pci_resource_len(dev, bir)) return -EINVAL;
  const table = ioremap(phys, nr_entries * PCI_MSIX_ENTRY_SIZE, 'msix');
  const list: msi_desc[] = [];
  for (let i = 0; i < nvec; i++) {
    const aff = spread ? 1 << (i % 2) : ~0;
    const desc = alloc_msi_irq(dev, i, true, table, aff);
    if (!desc) break;
    const e = table + i * PCI_MSIX_ENTRY_SIZE;
    writel(desc.msg.address_lo, e + PCI_MSIX_ENTRY_LOWER_ADDR);
    writel(desc.msg.address_hi, e + PCI_MSIX_ENTRY_UPPER_ADDR);
    writel(desc.msg.data, e + PCI_MSIX_ENTRY_DATA);
    writel(0, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
    list.push(desc);
  }
  dev.msi_list = list;
  if (!list.length) { iounmap(table); pci_write_config_word(dev, pos + PCI_MSIX_FLAGS, ctrl); return -ENOSPC; }
  pci_intx(dev, false);
  pci_write_config_word(dev, pos + PCI_MSIX_FLAGS, (ctrl | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL);
  dev.msix_enabled = true;
  // Unlike MSI, MSI-X leaves dev->irq the INTx line (sysfs irq, lspci's IRQ); pci_irq_vector() finds the vectors.
  populate_msi_sysfs(dev, 'msix');
  return list.length;
}

/**
 * pci_alloc_irq_vectors(): between min_vecs and max_vecs vectors, trying
 * MSI-X, then MSI, then the INTx line, as `flags` allows. Returns how many, or -errno.
 */
export function pci_alloc_irq_vectors(dev: pci_dev, min_vecs: number, max_vecs: number, flags: number): number {
  if (min_vecs < 1 || max_vecs < min_vecs) return -EINVAL;
  if (dev.msi_enabled || dev.msix_enabled) return -EINVAL;
  const affinity = ~0;
  if (flags & PCI_IRQ_MSIX && dev.msix_cap) {
    const ctrl = pci_read_config_word(dev, dev.msix_cap + PCI_MSIX_FLAGS);
    const n = Math.min(max_vecs, (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1);
    if (n >= min_vecs) {
      const r = msix_capability_init(dev, n, (flags & PCI_IRQ_AFFINITY) !== 0);
      if (r >= min_vecs) return r;
      if (r > 0) pci_free_irq_vectors(dev);
    }
  }
  if (flags & PCI_IRQ_MSI && dev.msi_cap && min_vecs === 1) {
    const r = msi_capability_init(dev, affinity);
    if (r > 0) return r;
  }
  if (flags & PCI_IRQ_LEGACY && min_vecs === 1 && dev.irq && dev.pin) {
    pci_intx(dev, true);
    return 1;
  }
  return -ENOSPC;
}

/** pci_irq_vector(): the Linux irq of vector `nr`. */
export function pci_irq_vector(dev: pci_dev, nr: number): number {
  if (dev.msi_enabled || dev.msix_enabled) {
    const d = dev.msi_list[nr];
    return d ? d.irq : -EINVAL;
  }
  if (nr !== 0) return -EINVAL;
  return dev.irq || -ENODEV;
}

/** pci_free_irq_vectors(): back to INTx. Handlers must be freed first. */
export function pci_free_irq_vectors(dev: pci_dev): void {
  if (dev.msix_enabled) {
    const ctrl = pci_read_config_word(dev, dev.msix_cap + PCI_MSIX_FLAGS);
    pci_write_config_word(dev, dev.msix_cap + PCI_MSIX_FLAGS, ctrl & ~PCI_MSIX_FLAGS_ENABLE);
    const cd = dev.msi_list[0] ? (irq_to_desc(dev.msi_list[0].irq)?.irq_data.chip_data as MsiChipData | undefined) : undefined;
    free_msi_irqs(dev);
    if (cd?.table) iounmap(cd.table);
    dev.msix_enabled = false;
  } else if (dev.msi_enabled) {
    const flags = pci_read_config_word(dev, dev.msi_cap + PCI_MSI_FLAGS);
    pci_write_config_word(dev, dev.msi_cap + PCI_MSI_FLAGS, flags & ~PCI_MSI_FLAGS_ENABLE);
    free_msi_irqs(dev);
    dev.msi_enabled = false;
  } else return;
  pci_intx(dev, true);
  dev.irq = dev.irq_line;
}

export const pci_disable_msi = pci_free_irq_vectors;
export const pci_disable_msix = pci_free_irq_vectors;
/** pci_enable_msi(): one MSI vector; dev->irq becomes it. */
export function pci_enable_msi(dev: pci_dev): number {
  const r = pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_MSI);
  return r < 0 ? r : 0;
}
