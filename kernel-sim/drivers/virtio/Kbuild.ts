// Models linux/drivers/virtio/Makefile: the virtio core, then the PCI transport.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as virtio from './virtio.ts';
import * as virtio_pci_modern from './virtio_pci_modern.ts';

export const obj_y: kbuild_obj[] = [virtio, virtio_pci_modern];
