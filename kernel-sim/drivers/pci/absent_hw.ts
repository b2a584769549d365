// Models the built-in PCI drivers of hardware the workbench has no model of: each is registered on the PCI bus with its name and Linux 6.1's id table (/sys/bus/pci/drivers/NAME, bind, new_id), as Debian's kernel registers it on every machine.
//
// Their probes set up hardware (Intel MID or Pericom UARTs, the Intel IOSF sideband, Xen's platform device) that no
// device model provides, so a match can only come from a learner's new_id or driver_override; the probe then
// refuses the device (-ENODEV) rather than pretend to drive it.
import type { KGen } from '../../include/linux/sched.ts';
import type { pci_dev, pci_device_id, pci_driver } from '../../include/linux/pci.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { pci_register_driver } from './pci-driver.ts';
import { run_sync } from '../base/sync.ts';

function* absent_hw_probe(_dev: pci_dev, _id: pci_device_id): KGen<number> {
  return -ENODEV;
}

/** The driver and its module_init (module_pci_driver / builtin_pci_driver: registration only). */
export function absent_hw_pci_driver(name: string, id_table: pci_device_id[]): { driver: pci_driver; init: () => number } {
  const driver: pci_driver = { name, id_table, probe: absent_hw_probe, driver: { name } };
  return { driver, init: () => run_sync(pci_register_driver(driver), name) };
}
