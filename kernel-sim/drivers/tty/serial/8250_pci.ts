// Models linux/drivers/tty/serial/8250/8250_pci.c's PCI driver "serial": the generic serial, modem and multiport classes that end its table (its board-specific entries name cards no model provides).
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { PCI_DEVICE_CLASS } from '../../../include/linux/pci.ts';
import { absent_hw_pci_driver } from '../../pci/absent_hw.ts';

const PCI_CLASS_COMMUNICATION_SERIAL = 0x0700, PCI_CLASS_COMMUNICATION_MODEM = 0x0703, PCI_CLASS_COMMUNICATION_MULTISERIAL = 0x0702;

export const serial_pci_driver = absent_hw_pci_driver('serial', [PCI_CLASS_COMMUNICATION_SERIAL, PCI_CLASS_COMMUNICATION_MODEM, PCI_CLASS_COMMUNICATION_MULTISERIAL]
  .map((cls) => PCI_DEVICE_CLASS(cls << 8, 0xffff00)));

export const initcalls: initcall_entry[] = [['device', 'serial_pci_driver_init', serial_pci_driver.init, 5_000]];
