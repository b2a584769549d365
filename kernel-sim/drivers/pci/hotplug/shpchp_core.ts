// Models linux/drivers/pci/hotplug/shpchp_core.c: the "shpchp" driver (shpcd_init, device_initcall) for bridges with a Standard Hot-Plug Controller, and its boot line.
//
// shpc_probe refuses a bridge without an SHPC capability (-ENODEV), as Linux does. A bridge with one (QEMU's
// pci-bridge and pcie-pci-bridge have it) would get its controller initialised (shpc_init: slots, their sysfs
// and interrupt); that controller is not modelled, so such a bridge is refused the same way and stays unbound.
import type { KGen } from '../../../include/linux/sched.ts';
import { PCI_DEVICE_CLASS, type pci_dev, type pci_device_id, type pci_driver } from '../../../include/linux/pci.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { printk, KERN_INFO } from '../../../kernel/printk/printk.ts';
import { pci_find_capability } from '../pci.ts';
import { pci_register_driver } from '../pci-driver.ts';
import { run_sync } from '../../base/sync.ts';

const MY_NAME = 'shpchp';
const DRIVER_VERSION = '0.4';
const DRIVER_DESC = 'Standard Hot Plug PCI Controller Driver';
const PCI_CLASS_BRIDGE_PCI_NORMAL = 0x060400;
const PCI_CAP_ID_SHPC = 0x0c;
const PCI_VENDOR_ID_AMD = 0x1022, PCI_DEVICE_ID_AMD_GOLAM_7450 = 0x7450;

/** shpc_capable: AMD's GOLAM has an SHPC without the capability; every other bridge must list one. */
function shpc_capable(bridge: pci_dev): boolean {
  if (bridge.vendor === PCI_VENDOR_ID_AMD && bridge.device === PCI_DEVICE_ID_AMD_GOLAM_7450) return true;
  return pci_find_capability(bridge, PCI_CAP_ID_SHPC) !== 0;
}

function* shpc_probe(pdev: pci_dev, _id: pci_device_id): KGen<number> {
  if (!shpc_capable(pdev)) return -ENODEV;
  // The controller (shpc_init) is not modelled: see the top of the file.
  return -ENODEV;
}

export const shpc_driver: pci_driver = {
  name: 'shpchp', id_table: [PCI_DEVICE_CLASS(PCI_CLASS_BRIDGE_PCI_NORMAL, ~0)], probe: shpc_probe, driver: { name: 'shpchp' },
};

function shpcd_init(): number {
  const r = run_sync(pci_register_driver(shpc_driver), 'shpcd_init');
  printk(`${KERN_INFO}${MY_NAME}: ${DRIVER_DESC} version: ${DRIVER_VERSION}`);
  return r;
}

export const initcalls: initcall_entry[] = [['device', 'shpcd_init', shpcd_init, 20_000]];
