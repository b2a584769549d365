// Models linux/arch/x86/Kbuild and arch/x86/pci/Makefile: the architecture's units in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as pci_init from './pci/init.ts';
import * as pci_acpi from '../../drivers/pci/pci-acpi.ts';

// arch/x86/Makefile links arch/x86/pci/ with drivers-y, after drivers/pci/: of the two arch_initcalls, drivers/pci's
// acpi_pci_init runs before pci_arch_init (acpiphp's line precedes the MMCONFIG lines in the boot log).
export const obj_y: kbuild_obj[] = [pci_acpi, pci_init];
