// Models linux/arch/x86/Kbuild and arch/x86/pci/Makefile: the architecture's units in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as pci_init from './pci/init.ts';

export const obj_y: kbuild_obj[] = [pci_init];
