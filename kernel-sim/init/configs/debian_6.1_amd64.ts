// Models Debian's linux-image-6.1 amd64 kernel configuration (/boot/config-6.1.0-*-amd64), as far as it differs from the workbench's own build for drivers kernel-sim models: the reference machine (shared/reference/linux-6.1) booted this kernel.
import type { kernel_config } from '../kconfig.ts';

export const debian_6_1_amd64: kernel_config = {
  name: 'debian-6.1-amd64',
  // The values are Debian's (/usr/src/linux-headers-6.1.0-*-amd64/.config): virtio and configfs are modules there,
  // which the reference capture loads with modprobe, and so is the xHCI driver, which nothing loads there.
  symbols: {
    CONFIG_VIRTIO: 'm', CONFIG_VIRTIO_PCI_LIB: 'm', CONFIG_VIRTIO_PCI_LIB_LEGACY: 'm', CONFIG_VIRTIO_PCI: 'm', CONFIG_VIRTIO_BLK: 'm', CONFIG_VIRTIO_NET: 'm',
    CONFIG_CONFIGFS_FS: 'm', CONFIG_USB_XHCI_HCD: 'm', CONFIG_USB_XHCI_PCI: 'm',
    // USB and HID cores, the RAM disk and romfs are modules nothing loads on the reference; Debian builds no ext2
    // driver (CONFIG_EXT2_FS is not set: ext4.ko serves ext2 with CONFIG_EXT4_USE_FOR_EXT2, and ext4 is not modelled).
    CONFIG_USB: 'm', CONFIG_HID: 'm', CONFIG_BLK_DEV_RAM: 'm', CONFIG_ROMFS_FS: 'm', CONFIG_EXT2_FS: 'n',
    // x86 firmware describes the machine by ACPI: CONFIG_OF is not set, so no /proc/device-tree (a proc inum fewer).
    CONFIG_OF: 'n',
  },
  // Data, not measured: a module implemented in TypeScript has no machine code to size, so its core size is the
  // figure Debian's build of the same module has, taken from the reference machine's own lsmod (lsmod.txt,
  // proc-modules.txt). A module not listed keeps the size its definition gives.
  module_sizes: {
    virtio: 20480, virtio_ring: 49152, virtio_pci_modern_dev: 20480, virtio_pci_legacy_dev: 16384, virtio_pci: 24576,
    virtio_blk: 28672, configfs: 57344, null_blk: 77824,
  },
};
