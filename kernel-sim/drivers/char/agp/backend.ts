// Models linux/drivers/char/agp/backend.c's agp_init and what the chipset drivers share: each registers a PCI driver for the host bridges of its table, and a bridge is driven only if it has an AGP capability (q35's has none, so they bind nothing).
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import type { KGen } from '../../../include/linux/sched.ts';
import { PCI_ANY_ID, type pci_dev, type pci_device_id, type pci_driver } from '../../../include/linux/pci.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import { pci_find_capability } from '../../pci/pci.ts';
import { pci_register_driver } from '../../pci/pci-driver.ts';
import { run_sync } from '../../base/sync.ts';

const AGPGART_VERSION_MAJOR = 0;
const AGPGART_VERSION_MINOR = 103;
const PCI_CLASS_BRIDGE_HOST = 0x0600;
export const PCI_CAP_ID_AGP = 0x02;

/** agp_init (module_init): the interface's banner; agp_frontend_initialize waits for a bridge (so no /dev/agpgart). */
function agp_init(): number {
  pr_info(`Linux agpgart interface v${AGPGART_VERSION_MAJOR}.${AGPGART_VERSION_MINOR}`);
  return 0;
}

/** The ID(x) entries of a chipset driver's table: host bridges (class 0600, exact) of one vendor. */
export function agp_host_bridge_ids(vendor: number, devices: readonly number[]): pci_device_id[] {
  return devices.map((device) => ({
    vendor, device, subvendor: PCI_ANY_ID, subdevice: PCI_ANY_ID, class: PCI_CLASS_BRIDGE_HOST << 8, class_mask: ~0, driver_data: 0,
  }));
}

/**
 * A chipset driver's probe up to where the workbench's hardware goes: without an AGP capability the bridge is not an
 * AGP bridge (-ENODEV, silently). No modelled host bridge has one (nor an Intel GMCH for intel-agp's
 * intel_gmch_probe), so the GART set-up past that point is not modelled: such a bridge is refused the same way.
 */
function* agp_probe(pdev: pci_dev): KGen<number> {
  if (!pci_find_capability(pdev, PCI_CAP_ID_AGP)) return -ENODEV;
  return -ENODEV;
}

/** A chipset driver: its name and id table, and the module_init that registers it. */
export function agp_chipset_driver(name: string, id_table: pci_device_id[]): { driver: pci_driver; init: () => number } {
  const driver: pci_driver = { name, id_table, probe: agp_probe, driver: { name } };
  return { driver, init: () => run_sync(pci_register_driver(driver), name) };
}

export const initcalls: initcall_entry[] = [['device', 'agp_init', agp_init, 10_000]];
