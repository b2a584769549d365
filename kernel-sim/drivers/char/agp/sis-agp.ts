// Models linux/drivers/char/agp/sis-agp.c's PCI driver "agpgart-sis": its table of the SiS chipsets.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { agp_chipset_driver, agp_host_bridge_ids } from './backend.ts';

const PCI_VENDOR_ID_SI = 0x1039;

export const agp_sis_pci_driver = agp_chipset_driver('agpgart-sis', agp_host_bridge_ids(PCI_VENDOR_ID_SI, [
  0x5591, 0x0530, 0x0540, 0x0550, 0x0620, 0x0630, 0x0635, 0x0645, 0x0646, 0x0648, 0x0650, 0x0651, 0x0655, 0x0661,
  0x0662, 0x0671, 0x0730, 0x0735, 0x0740, 0x0741, 0x0745, 0x0746,
]));

export const initcalls: initcall_entry[] = [['device', 'agp_sis_init', agp_sis_pci_driver.init, 10_000]];
