// Models linux/drivers/usb/Makefile: usbcore first (core/), then the host controller drivers (host/), then storage/, in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as usbcore from './core/init.ts';
// The path names usb/ so that the lint rule keeping kernel-sim/host/ out of the kernel tells Linux's drivers/usb/host/ apart.
import * as xhci_pci from '../usb/host/xhci-pci.ts';
import { obj_y as storage_y } from './storage/Kbuild.ts';

export const obj_y: kbuild_obj[] = [usbcore, xhci_pci, storage_y];
