// Models linux/arch/x86/platform/intel/iosf_mbi.c's PCI driver "iosf_mbi_pci": the IOSF sideband bridge of Intel's Bay Trail, Braswell, Quark X1000 and Tangier SoCs (iosf_mbi_init, module_init).
import type { initcall_entry } from '../../../../init/link_vmlinux.ts';
import { PCI_DEVICE } from '../../../../include/linux/pci.ts';
import { absent_hw_pci_driver } from '../../../../drivers/pci/absent_hw.ts';

const PCI_VENDOR_ID_INTEL = 0x8086;

export const iosf_mbi_pci_driver = absent_hw_pci_driver('iosf_mbi_pci', [0x0f00, 0x2280, 0x0958, 0x1170].map((d) => PCI_DEVICE(PCI_VENDOR_ID_INTEL, d)));

export const initcalls: initcall_entry[] = [['device', 'iosf_mbi_init', iosf_mbi_pci_driver.init, 5_000]];
