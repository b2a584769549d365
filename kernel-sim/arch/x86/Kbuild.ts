// Models linux/arch/x86/Kbuild and arch/x86/pci/Makefile: the architecture's units in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as pci_init from './pci/init.ts';
import * as pci_acpi from '../../drivers/pci/pci-acpi.ts';
import * as iosf_mbi from './platform/intel/iosf_mbi.ts';
import * as mtrr_if from './kernel/cpu/mtrr/if.ts';
import * as apic_ipi from './kernel/apic/ipi.ts';
import * as hpet from './kernel/hpet.ts';

// drivers/pci's ACPI glue (pci-acpi.c) is listed here so that its arch_initcall acpi_pci_init runs first, as in Linux
// where drivers/ links before arch/x86/pci/ (acpiphp's line precedes the MMCONFIG lines in the boot log).
// arch/x86/kernel/cpu/mtrr/ (core-y's arch/x86/kernel/) links after drivers/pci's ACPI glue is listed, so its arch_initcall
// runs after acpi_pci_init's as before; neither prints nor depends on the other.
// arch/x86/kernel/apic/ links after cpu/: its late_initcall is the first of the late ones, as in Linux.
// arch/x86/kernel/hpet.o: its fs_initcall hpet_late_init announces the block before kernel/time's clocksource_done_booting switches to it.
export const obj_y: kbuild_obj[] = [pci_acpi, iosf_mbi, mtrr_if, apic_ipi, hpet];

// arch/x86/Makefile puts arch/x86/pci/ in drivers-y, which the top Kbuild links last (ARCH_DRIVERS, after net/): its
// fs_initcall pcibios_assign_resources runs after pnpacpi_init and inet_init, and its subsys_initcall after drivers'.
export const drivers_y: kbuild_obj[] = [pci_init];
