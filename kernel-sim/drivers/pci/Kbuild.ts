// Models linux/drivers/pci/Makefile's drivers: the PCI Express port driver (pcie/), then the hotplug drivers (hotplug/), the VGA arbiter; the PCI core itself starts from arch/x86/pci (pci_driver_init and the root bridges).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as portdrv_pci from './pcie/portdrv_pci.ts';
import * as shpchp_core from './hotplug/shpchp_core.ts';
import * as vgaarb from './vgaarb.ts';

export const obj_y: kbuild_obj[] = [portdrv_pci, shpchp_core, vgaarb];
