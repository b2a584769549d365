// Models QEMU hw/pci/pcie.c and pcie_aer.c: the PCI Express capability and extended capabilities.
import { pci_add_capability, pci_set_long, pci_set_word, pcie_add_capability, type PCIDevice } from './pci.ts';
import { pci_find_space } from './msi.ts';
import * as R from './pci_regs.ts';

/** pcie_cap_init(): a v2 PCI Express capability of device/port `type` (PCI_EXP_TYPE_*). */
export function pcie_cap_init(dev: PCIDevice, offset: number, type: number, port: number): number {
  const pos = pci_add_capability(dev, R.PCI_CAP_ID_EXP, offset || pci_find_space(dev, R.PCI_EXP_VER2_SIZEOF), R.PCI_EXP_VER2_SIZEOF);
  dev.exp_cap = pos;
  const c = dev.config;
  const is_port = type === R.PCI_EXP_TYPE_ROOT_PORT || type === R.PCI_EXP_TYPE_DOWNSTREAM;
  pci_set_word(c, pos + R.PCI_EXP_FLAGS, (type << 4) | 2 | (is_port ? R.PCI_EXP_FLAGS_SLOT : 0));
  // Max payload 128 bytes; role-based error reporting.
  pci_set_long(c, pos + R.PCI_EXP_DEVCAP, 0x8000);
  // Link: x1 at 2.5 GT/s; ports report Data Link Layer Link Active.
  pci_set_long(c, pos + R.PCI_EXP_LNKCAP, ((port & 0xff) << 24) | (1 << 4) | 1 | (is_port ? 1 << 20 : 0));
  pci_set_word(c, pos + R.PCI_EXP_LNKSTA, (1 << 4) | 1 | (is_port ? 1 << 13 : 0));
  pci_set_word(dev.wmask, pos + R.PCI_EXP_DEVCTL, 0x7cff);
  pci_set_word(dev.wmask, pos + R.PCI_EXP_LNKCTL, 0x0fc3);
  pci_set_word(dev.w1cmask, pos + R.PCI_EXP_DEVSTA, 0x000f);
  if (is_port) {
    // Hot-plug capable slot, physical slot number = port.
    pci_set_long(c, pos + R.PCI_EXP_SLTCAP, ((port & 0x1fff) << 19) | 0x60 | 0x1);
    pci_set_word(dev.wmask, pos + R.PCI_EXP_SLTCTL, 0x17ff);
    pci_set_word(dev.w1cmask, pos + R.PCI_EXP_SLTSTA, 0x011f);
    // Presence detected.
    pci_set_word(c, pos + R.PCI_EXP_SLTSTA, 0x0040);
  }
  if (type === R.PCI_EXP_TYPE_ROOT_PORT) {
    pci_set_word(dev.wmask, pos + R.PCI_EXP_RTCTL, 0x001f);
  }
  pci_set_long(c, pos + R.PCI_EXP_DEVCAP2, 0x10); // completion timeout disable supported
  pci_set_word(dev.wmask, pos + R.PCI_EXP_DEVCTL2, 0x0410);
  pci_set_long(c, pos + R.PCI_EXP_LNKCAP2, 0x2);
  pci_set_word(c, pos + R.PCI_EXP_LNKCTL2, 0x1);
  return pos;
}

/** pcie_aer_init(): an Advanced Error Reporting extended capability (registers zero; no errors injected). */
export function pcie_aer_init(dev: PCIDevice, offset: number): void {
  pcie_add_capability(dev, R.PCI_EXT_CAP_ID_ERR, 2, offset, R.PCI_ERR_SIZEOF);
  // Uncorrectable/correctable status registers are W1C, masks RW.
  pci_set_long(dev.w1cmask, offset + 4, 0x03fff030);
  pci_set_long(dev.wmask, offset + 8, 0x03fff030);
  pci_set_long(dev.wmask, offset + 12, 0x03fff030);
  pci_set_long(dev.w1cmask, offset + 16, 0x0000f1c1);
  pci_set_long(dev.wmask, offset + 20, 0x0000f1c1);
}

/** pcie_acs_init(): an Access Control Services extended capability. */
export function pcie_acs_init(dev: PCIDevice, offset: number): void {
  pcie_add_capability(dev, R.PCI_EXT_CAP_ID_ACS, 1, offset, R.PCI_ACS_SIZEOF);
  pci_set_word(dev.config, offset + 4, 0x1f);
  pci_set_word(dev.wmask, offset + 6, 0x1f);
}
