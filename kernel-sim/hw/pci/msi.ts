// Models QEMU hw/pci/msi.c: the MSI capability and message delivery.
import { pci_add_capability, pci_get_long, pci_get_word, pci_set_long, pci_set_word, type PCIDevice } from './pci.ts';
import * as R from './pci_regs.ts';

function msi_cap_sizeof(flags: number): number {
  const is64 = (flags & R.PCI_MSI_FLAGS_64BIT) !== 0;
  const mask = (flags & R.PCI_MSI_FLAGS_MASKBIT) !== 0;
  return mask ? (is64 ? 0x18 : 0x14) : is64 ? 0x0e : 0x0a;
}

/**
 * msi_init(): adds the MSI capability at `offset` (0: first free place after
 * the header) advertising `nr_vectors` (a power of two up to 32).
 */
export function msi_init(dev: PCIDevice, offset: number, nr_vectors: number, msi64bit: boolean, msi_per_vector_mask: boolean): number {
  const order = Math.log2(nr_vectors);
  let flags = order << 1;
  if (msi64bit) flags |= R.PCI_MSI_FLAGS_64BIT;
  if (msi_per_vector_mask) flags |= R.PCI_MSI_FLAGS_MASKBIT;
  const size = msi_cap_sizeof(flags);
  const pos = pci_add_capability(dev, R.PCI_CAP_ID_MSI, offset || pci_find_space(dev, size), size);
  dev.msi_cap = pos;
  pci_set_word(dev.config, pos + R.PCI_MSI_FLAGS, flags);
  pci_set_word(dev.wmask, pos + R.PCI_MSI_FLAGS, R.PCI_MSI_FLAGS_QSIZE | R.PCI_MSI_FLAGS_ENABLE);
  pci_set_long(dev.wmask, pos + R.PCI_MSI_ADDRESS_LO, 0xfffffffc);
  if (msi64bit) pci_set_long(dev.wmask, pos + R.PCI_MSI_ADDRESS_HI, 0xffffffff);
  pci_set_word(dev.wmask, pos + (msi64bit ? R.PCI_MSI_DATA_64 : R.PCI_MSI_DATA_32), 0xffff);
  if (msi_per_vector_mask) {
    const m = nr_vectors === 32 ? 0xffffffff : (1 << nr_vectors) - 1;
    pci_set_long(dev.wmask, pos + (msi64bit ? R.PCI_MSI_MASK_64 : R.PCI_MSI_MASK_32), m >>> 0);
  }
  dev.add_config_write_hook((addr, _v, len) => {
    if (addr < pos + size && pos < addr + len) msi_write_config(dev);
  });
  return pos;
}

/** pci_find_space(): the first run of `size` free bytes after the standard header. */
export function pci_find_space(dev: PCIDevice, size: number): number {
  for (let off = R.PCI_CONFIG_HEADER_SIZE; off + size <= R.PCI_CONFIG_SPACE_SIZE; off++) {
    let free = true;
    for (let i = off; i < off + size; i++) if (dev.used[i]) free = false;
    if (free) return off;
  }
  throw new Error(`${dev.id}: no room for a ${size}-byte capability`);
}

function flags(dev: PCIDevice): number {
  return pci_get_word(dev.config, dev.msi_cap + R.PCI_MSI_FLAGS);
}

export function msi_present(dev: PCIDevice): boolean {
  return dev.msi_cap !== 0;
}

/** msi_enabled(): the driver set MSI Enable. */
export function msi_enabled(dev: PCIDevice): boolean {
  return dev.msi_cap !== 0 && (flags(dev) & R.PCI_MSI_FLAGS_ENABLE) !== 0;
}

/** Number of vectors the driver enabled (Multiple Message Enable). */
export function msi_nr_vectors_allocated(dev: PCIDevice): number {
  return 1 << ((flags(dev) & R.PCI_MSI_FLAGS_QSIZE) >> 4);
}

function mask_off(dev: PCIDevice): number {
  return dev.msi_cap + (flags(dev) & R.PCI_MSI_FLAGS_64BIT ? R.PCI_MSI_MASK_64 : R.PCI_MSI_MASK_32);
}

/** msi_get_message(): the address/data pair the driver programmed, with the vector folded into data. */
export function msi_get_message(dev: PCIDevice, vector: number): { address: bigint; data: number } {
  const f = flags(dev);
  const is64 = (f & R.PCI_MSI_FLAGS_64BIT) !== 0;
  const lo = pci_get_long(dev.config, dev.msi_cap + R.PCI_MSI_ADDRESS_LO);
  const hi = is64 ? pci_get_long(dev.config, dev.msi_cap + R.PCI_MSI_ADDRESS_HI) : 0;
  let data = pci_get_word(dev.config, dev.msi_cap + (is64 ? R.PCI_MSI_DATA_64 : R.PCI_MSI_DATA_32));
  const nr = msi_nr_vectors_allocated(dev);
  data = (data & ~(nr - 1)) | (vector & (nr - 1));
  return { address: (BigInt(hi) << 32n) | BigInt(lo), data };
}

function is_masked(dev: PCIDevice, vector: number): boolean {
  if (!(flags(dev) & R.PCI_MSI_FLAGS_MASKBIT)) return false;
  return ((pci_get_long(dev.config, mask_off(dev)) >>> vector) & 1) !== 0;
}

/** msi_notify(): sends the message for `vector`, or sets its pending bit while masked. */
export function msi_notify(dev: PCIDevice, vector: number): void {
  if (!msi_enabled(dev)) return;
  if (vector >= msi_nr_vectors_allocated(dev)) {
    dev.guest_error('config', `${dev.id}: MSI vector ${vector} not sent: the driver enabled only ${msi_nr_vectors_allocated(dev)} vector(s)`);
    return;
  }
  if (is_masked(dev, vector)) {
    const p = mask_off(dev) + 4;
    pci_set_long(dev.config, p, (pci_get_long(dev.config, p) | (1 << vector)) >>> 0);
    return;
  }
  dev.bus?.send_msi(dev, msi_get_message(dev, vector));
}

/** msi_write_config(): unmasking a vector with its pending bit set sends it. */
function msi_write_config(dev: PCIDevice): void {
  if (!msi_enabled(dev) || !(flags(dev) & R.PCI_MSI_FLAGS_MASKBIT)) return;
  const p = mask_off(dev) + 4;
  const pending = pci_get_long(dev.config, p);
  for (let v = 0; v < 32; v++) {
    if ((pending >>> v) & 1 && !is_masked(dev, v)) {
      pci_set_long(dev.config, p, (pci_get_long(dev.config, p) & ~(1 << v)) >>> 0);
      msi_notify(dev, v);
    }
  }
}
