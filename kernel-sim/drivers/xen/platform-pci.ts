// Models linux/drivers/xen/platform-pci.c's PCI driver "xen-platform-pci" (builtin_pci_driver): Xen's HVM platform device, 5853:0001 and 5853:0002.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { PCI_DEVICE } from '../../include/linux/pci.ts';
import { absent_hw_pci_driver } from '../pci/absent_hw.ts';

const PCI_VENDOR_ID_XEN = 0x5853;

export const platform_driver = absent_hw_pci_driver('xen-platform-pci', [PCI_DEVICE(PCI_VENDOR_ID_XEN, 0x0001), PCI_DEVICE(PCI_VENDOR_ID_XEN, 0x0002)]);

export const initcalls: initcall_entry[] = [['device', 'platform_pci_init', platform_driver.init, 5_000]];
