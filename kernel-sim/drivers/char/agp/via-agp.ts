// Models linux/drivers/char/agp/via-agp.c's PCI driver "agpgart-via": its table of the VIA chipsets.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { agp_chipset_driver, agp_host_bridge_ids } from './backend.ts';

const PCI_VENDOR_ID_VIA = 0x1106;

export const agp_via_pci_driver = agp_chipset_driver('agpgart-via', agp_host_bridge_ids(PCI_VENDOR_ID_VIA, [
  0x0597, 0x0598, 0x0501, 0x0601, 0x0691, 0x0391, 0x3091, 0x3156, 0x3112, 0x0305, 0x3128, 0x3099, 0x3101, 0x3116,
  0x3123, 0x3189, 0x0605, 0x3148, 0x3168, 0x0198, 0x3205, 0x0258, 0x0308, 0x3208, 0x0259, 0x0269, 0xb198, 0x0296,
  0x0314, 0x0324, 0x0327, 0x0364,
]));

export const initcalls: initcall_entry[] = [['device', 'agp_via_init', agp_via_pci_driver.init, 10_000]];
