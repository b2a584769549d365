// Models linux/drivers/tty/serial/8250/8250_pericom.c's PCI driver "8250_pericom": Pericom PI7C9X795x UARTs and the ACCES I/O cards built on them.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { PCI_DEVICE } from '../../../include/linux/pci.ts';
import { absent_hw_pci_driver } from '../../pci/absent_hw.ts';

const PCI_VENDOR_ID_PERICOM = 0x12d8, PCI_VENDOR_ID_ACCESSIO = 0x494f;
const ACCESSIO_IDS = [
  0x1051, 0x1053, 0x105a, 0x105b, 0x105c, 0x105e, 0x106a, 0x106b, 0x1091, 0x1093, 0x1098, 0x1099, 0x109b, 0x10a9, 0x10d1, 0x10d3, 0x10d9,
  0x10da, 0x10dc, 0x10e9, 0x1108, 0x1110, 0x1111, 0x1118, 0x1119, 0x1152, 0x115a, 0x1190, 0x1191, 0x1198, 0x1199, 0x11d0, 0x11d8,
];

export const pericom8250_pci_driver = absent_hw_pci_driver('8250_pericom', [
  ...[0x7951, 0x7952, 0x7954, 0x7958].map((d) => PCI_DEVICE(PCI_VENDOR_ID_PERICOM, d)),
  ...ACCESSIO_IDS.map((d) => PCI_DEVICE(PCI_VENDOR_ID_ACCESSIO, d)),
]);

export const initcalls: initcall_entry[] = [['device', 'pericom8250_pci_driver_init', pericom8250_pci_driver.init, 5_000]];
