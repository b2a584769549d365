// Models linux/drivers/tty/serial/8250/8250_mid.c's PCI driver "8250_mid": the UARTs of Intel's MID platforms (Penwell, Tangier, Cedar Fork, Denverton).
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { PCI_DEVICE } from '../../../include/linux/pci.ts';
import { absent_hw_pci_driver } from '../../pci/absent_hw.ts';

const PCI_VENDOR_ID_INTEL = 0x8086;

export const mid8250_pci_driver = absent_hw_pci_driver('8250_mid', [0x081b, 0x081c, 0x081d, 0x1191, 0x18d8, 0x19d8].map((d) => PCI_DEVICE(PCI_VENDOR_ID_INTEL, d)));

export const initcalls: initcall_entry[] = [['device', 'mid8250_pci_driver_init', mid8250_pci_driver.init, 5_000]];
