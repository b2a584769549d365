// Models linux/drivers/pci/access.c: config space accessors for buses and devices, and the user-space (sysfs/procfs) config accessors.
import type { pci_bus, pci_dev, pci_ops } from '../../include/linux/pci.ts';
import { raw_pci_read, raw_pci_write } from '../../arch/x86/pci/direct.ts';

/** pci_root_ops (arch/x86/pci/common.c): every bus reaches config space through raw_pci_read/write. */
export const pci_root_ops: pci_ops = {
  read: (bus, devfn, where, size) => raw_pci_read(bus.domain_nr, bus.number, devfn, where, size),
  write: (bus, devfn, where, size, val) => raw_pci_write(bus.domain_nr, bus.number, devfn, where, size, val),
};

export const PCIBIOS_BAD_REGISTER_NUMBER = 0x87;
export const PCIBIOS_DEVICE_NOT_FOUND = 0x86;
const PCI_ERROR_RESPONSE = 0xffffffff;

function bus_read(bus: pci_bus, devfn: number, where: number, size: number): number {
  if (where & (size - 1)) return size === 4 ? PCI_ERROR_RESPONSE : (1 << (size * 8)) - 1;
  const r = bus.ops.read(bus, devfn, where, size);
  if (r.err) return size === 4 ? PCI_ERROR_RESPONSE : (1 << (size * 8)) - 1;
  return size === 1 ? r.val & 0xff : size === 2 ? r.val & 0xffff : r.val >>> 0;
}

export function pci_bus_read_config_byte(bus: pci_bus, devfn: number, where: number): number { return bus_read(bus, devfn, where, 1); }
export function pci_bus_read_config_word(bus: pci_bus, devfn: number, where: number): number { return bus_read(bus, devfn, where, 2); }
export function pci_bus_read_config_dword(bus: pci_bus, devfn: number, where: number): number { return bus_read(bus, devfn, where, 4); }
export function pci_bus_write_config_byte(bus: pci_bus, devfn: number, where: number, val: number): number { return bus.ops.write(bus, devfn, where, 1, val & 0xff) ? PCIBIOS_DEVICE_NOT_FOUND : 0; }
export function pci_bus_write_config_word(bus: pci_bus, devfn: number, where: number, val: number): number {
  if (where & 1) return PCIBIOS_BAD_REGISTER_NUMBER;
  return bus.ops.write(bus, devfn, where, 2, val & 0xffff) ? PCIBIOS_DEVICE_NOT_FOUND : 0;
}
export function pci_bus_write_config_dword(bus: pci_bus, devfn: number, where: number, val: number): number {
  if (where & 3) return PCIBIOS_BAD_REGISTER_NUMBER;
  return bus.ops.write(bus, devfn, where, 4, val >>> 0) ? PCIBIOS_DEVICE_NOT_FOUND : 0;
}

/**
 * pci_read_config_{byte,word,dword}(): the value read. A removed device reads
 * all ones (PCI_ERROR_RESPONSE), as a read of an absent function does.
 */
export function pci_read_config_byte(dev: pci_dev, where: number): number { return dev.removed ? 0xff : bus_read(dev.bus, dev.devfn, where, 1); }
export function pci_read_config_word(dev: pci_dev, where: number): number { return dev.removed ? 0xffff : bus_read(dev.bus, dev.devfn, where, 2); }
export function pci_read_config_dword(dev: pci_dev, where: number): number { return dev.removed ? PCI_ERROR_RESPONSE : bus_read(dev.bus, dev.devfn, where, 4); }
export function pci_write_config_byte(dev: pci_dev, where: number, val: number): number { return dev.removed ? PCIBIOS_DEVICE_NOT_FOUND : pci_bus_write_config_byte(dev.bus, dev.devfn, where, val); }
export function pci_write_config_word(dev: pci_dev, where: number, val: number): number { return dev.removed ? PCIBIOS_DEVICE_NOT_FOUND : pci_bus_write_config_word(dev.bus, dev.devfn, where, val); }
export function pci_write_config_dword(dev: pci_dev, where: number, val: number): number { return dev.removed ? PCIBIOS_DEVICE_NOT_FOUND : pci_bus_write_config_dword(dev.bus, dev.devfn, where, val); }

/** pcibios_err_to_errno(). */
export function pcibios_err_to_errno(err: number): number {
  if (err <= 0) return err;
  return err === PCIBIOS_DEVICE_NOT_FOUND ? -19 : err === PCIBIOS_BAD_REGISTER_NUMBER ? -14 : -5;
}

/** pci_user_read_config_*(): sysfs and procfs reads; size-aligned only. */
export function pci_user_read_config(dev: pci_dev, where: number, size: 1 | 2 | 4): number {
  return bus_read(dev.bus, dev.devfn, where, size);
}
export function pci_user_write_config(dev: pci_dev, where: number, size: 1 | 2 | 4, val: number): number {
  if (where & (size - 1)) return -22;
  return dev.bus.ops.write(dev.bus, dev.devfn, where, size, val) ? -5 : 0;
}

/** pcie_capability_read_word() and friends: registers of the PCI Express capability. */
export function pcie_capability_read_word(dev: pci_dev, pos: number): number {
  return dev.pcie_cap ? pci_read_config_word(dev, dev.pcie_cap + pos) : 0;
}
export function pcie_capability_read_dword(dev: pci_dev, pos: number): number {
  return dev.pcie_cap ? pci_read_config_dword(dev, dev.pcie_cap + pos) : 0;
}
