// Models linux/drivers/pci/pcie/portdrv_pci.c: the "pcieport" driver (device_initcall pcie_portdrv_init), which binds PCI Express root, upstream and downstream ports and refuses every other bridge of its classes.
//
// pcie_port_device_register enables the port and makes it a bus master; the port services it would then register
// (PME, AER, pciehp, DPC as pcieNNN devices on the pci_express bus, with their MSI/MSI-X interrupt and boot lines)
// are not modelled, so a bound port has no service children.
import type { KGen } from '../../../include/linux/sched.ts';
import { PCI_DEVICE_CLASS, pci_is_pcie, pci_pcie_type, type pci_dev, type pci_device_id, type pci_driver } from '../../../include/linux/pci.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { pci_disable_device, pci_enable_device, pci_save_state, pci_set_master } from '../pci.ts';
import { pci_register_driver } from '../pci-driver.ts';
import { run_sync } from '../../base/sync.ts';

const PCI_CLASS_BRIDGE_PCI_NORMAL = 0x060400, PCI_CLASS_BRIDGE_PCI_SUBTRACTIVE = 0x060401, PCI_CLASS_SYSTEM_RCEC = 0x0807;
const PCI_EXP_TYPE_ROOT_PORT = 0x4, PCI_EXP_TYPE_UPSTREAM = 0x5, PCI_EXP_TYPE_DOWNSTREAM = 0x6, PCI_EXP_TYPE_RC_EC = 0xa;
const PORT_TYPES: readonly number[] = [PCI_EXP_TYPE_ROOT_PORT, PCI_EXP_TYPE_UPSTREAM, PCI_EXP_TYPE_DOWNSTREAM, PCI_EXP_TYPE_RC_EC];

function* pcie_portdrv_probe(dev: pci_dev, _id: pci_device_id): KGen<number> {
  if (!pci_is_pcie(dev) || !PORT_TYPES.includes(pci_pcie_type(dev))) return -ENODEV;
  // pcie_port_device_register, up to the services.
  const r = pci_enable_device(dev);
  if (r) return r;
  pci_set_master(dev);
  pci_save_state(dev);
  return 0;
}

function* pcie_portdrv_remove(dev: pci_dev): KGen<void> {
  pci_disable_device(dev);
}

export const pcie_portdriver: pci_driver = {
  name: 'pcieport',
  id_table: [
    PCI_DEVICE_CLASS(PCI_CLASS_BRIDGE_PCI_NORMAL, ~0), PCI_DEVICE_CLASS(PCI_CLASS_BRIDGE_PCI_SUBTRACTIVE, ~0),
    PCI_DEVICE_CLASS(PCI_CLASS_SYSTEM_RCEC << 8, ~0),
  ],
  probe: pcie_portdrv_probe, remove: pcie_portdrv_remove, driver: { name: 'pcieport' },
};

function pcie_portdrv_init(): number {
  return run_sync(pci_register_driver(pcie_portdriver), 'pcie_portdrv_init');
}

export const initcalls: initcall_entry[] = [['device', 'pcie_portdrv_init', pcie_portdrv_init, 20_000]];
