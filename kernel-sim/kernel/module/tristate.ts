// Models the tristate half of Kbuild (obj-$(CONFIG_X) += x.o): drivers kernel-sim links as built-in code, each with the Kconfig symbol that decides whether a build links it (=y, its module_init an initcall), makes it a loadable .ko (=m) or leaves it out (=n).
//
// In Linux one source file becomes either: module_init() is an initcall when linked into vmlinux and init_module
// when built as a module, and module_exit() is discarded from a built-in image. Here the driver's unit keeps its
// initcall (linked by default, as the workbench's own kernel has them) and this table says what the same code is
// as a module: its name and path, what modinfo says (from the driver's MODULE_* lines in Linux 6.1), the modules
// whose symbols it uses, and its module_exit. init/kconfig.ts applies a machine's kernel config with it.
import type { KGen } from '../../include/linux/sched.ts';
import type { ts_module_def } from './obj_m.ts';
import { virtio_exit } from '../../drivers/virtio/virtio.ts';
import { virtio_pci_driver_exit } from '../../drivers/virtio/virtio_pci_modern.ts';
import { virtio_blk_fini } from '../../drivers/block/virtio_blk.ts';
import { configfs_exit } from '../../fs/configfs/mount.ts';
import { virtio_net_driver_exit } from '../../drivers/net/virtio_net.ts';
import { xhci_pci_driver } from '../../drivers/usb/host/xhci-pci.ts';
import { pci_unregister_driver } from '../../drivers/pci/pci-driver.ts';
import { hid_exit } from '../../drivers/hid/hid-core.ts';
import { romfs_fs_type } from '../../fs/romfs/super.ts';
import { ext2_fs_type } from '../../fs/ext2/super.ts';
import { unregister_filesystem } from '../../fs/super.ts';

/** xhci_pci_exit: module_exit of xhci-pci.c (xhci_pci_init's driver unregistered). */
function* xhci_pci_exit(): KGen<void> {
  yield* pci_unregister_driver(xhci_pci_driver);
}

/** exit_romfs_fs / exit_ext2_fs: the filesystem type leaves /proc/filesystems. */
const exit_fs = (fs: typeof romfs_fs_type) => (): void => { unregister_filesystem(fs); };

/** One tristate object: the code behind it is built in unless the config says m or n. */
export interface tristate_obj {
  /** The Kconfig symbol of its obj-$(CONFIG_...) line. */
  readonly config: string;
  /** The module it is when =m; depends lists every module whose symbols it uses (modpost keeps those that are modules). */
  readonly module: Omit<ts_module_def, 'init' | 'exit'>;
  /** Its module_init, by the initcall name it links as when =y; none for a library of exported symbols. */
  readonly initcall?: string;
  /** Its module_exit. */
  readonly exit?: () => KGen<void> | void;
}

/** virtio's four objects and the block driver, the xHCI host driver, usbcore, hid, brd, configfs, romfs and ext2, as their Makefiles build them. */
export const tristate_objs: readonly tristate_obj[] = [
  {
    config: 'CONFIG_VIRTIO', initcall: 'virtio_init', exit: virtio_exit,
    module: { name: 'virtio', path: 'kernel/drivers/virtio/virtio.ko', description: '', license: 'GPL', depends: ['virtio_ring'] },
  },
  {
    config: 'CONFIG_VIRTIO',
    module: { name: 'virtio_ring', path: 'kernel/drivers/virtio/virtio_ring.ko', description: '', license: 'GPL' },
  },
  {
    config: 'CONFIG_VIRTIO_PCI_LIB',
    module: {
      name: 'virtio_pci_modern_dev', path: 'kernel/drivers/virtio/virtio_pci_modern_dev.ko', description: 'Modern Virtio PCI Device',
      license: 'GPL', author: 'Jason Wang <jasowang@redhat.com>',
    },
  },
  {
    config: 'CONFIG_VIRTIO_PCI_LIB_LEGACY',
    module: {
      name: 'virtio_pci_legacy_dev', path: 'kernel/drivers/virtio/virtio_pci_legacy_dev.ko', description: 'Legacy Virtio PCI Device',
      license: 'GPL', author: 'Wu Zongyong <wuzongyong@linux.alibaba.com>',
    },
  },
  {
    config: 'CONFIG_VIRTIO_PCI', initcall: 'virtio_pci_driver_init', exit: virtio_pci_driver_exit,
    module: {
      name: 'virtio_pci', path: 'kernel/drivers/virtio/virtio_pci.ko', description: 'virtio-pci', license: 'GPL',
      author: 'Anthony Liguori <aliguori@us.ibm.com>', alias: ['pci:v00001AF4d*sv*sd*bc*sc*i*'],
      // modprobe loads a module's dependencies last-listed first: the two PCI libraries, virtio_ring, then virtio.
      depends: ['virtio', 'virtio_ring', 'virtio_pci_legacy_dev', 'virtio_pci_modern_dev'],
    },
  },
  {
    config: 'CONFIG_VIRTIO_BLK', initcall: 'virtio_blk_init', exit: virtio_blk_fini,
    module: {
      name: 'virtio_blk', path: 'kernel/drivers/block/virtio_blk.ko', description: 'Virtio block driver', license: 'GPL',
      alias: ['virtio:d00000002v*'], depends: ['virtio', 'virtio_ring'],
    },
  },
  {
    config: 'CONFIG_VIRTIO_NET', initcall: 'virtio_net_driver_init', exit: virtio_net_driver_exit,
    module: {
      name: 'virtio_net', path: 'kernel/drivers/net/virtio_net.ko', description: 'Virtio network driver', license: 'GPL',
      alias: ['virtio:d00000001v*'], depends: ['virtio', 'virtio_ring'],
    },
  },
  {
    // The xHCI core (xhci.c) as the library the PCI glue uses; its init only makes a debugfs directory.
    config: 'CONFIG_USB_XHCI_HCD',
    module: {
      name: 'xhci_hcd', path: 'kernel/drivers/usb/host/xhci-hcd.ko', description: "'eXtensible' Host Controller (xHC) Driver", license: 'GPL',
      author: 'Sarah Sharp',
    },
  },
  {
    config: 'CONFIG_USB_XHCI_PCI', initcall: 'xhci_pci_init', exit: xhci_pci_exit,
    module: {
      name: 'xhci_pci', path: 'kernel/drivers/usb/host/xhci-pci.ko', description: 'xHCI PCI Host Controller Driver', license: 'GPL',
      alias: ['pci:v*d*sv*sd*bc0Csc03i30*'], depends: ['xhci_hcd', 'usbcore'],
    },
  },
  {
    // usb_init; usb_exit (usb_deregister_device_driver, usb_hub_cleanup, ...) is not modelled, so as a module usbcore
    // is permanent, as a module without module_exit is.
    config: 'CONFIG_USB', initcall: 'usb_init',
    module: { name: 'usbcore', path: 'kernel/drivers/usb/core/usbcore.ko', description: '', license: 'GPL' },
  },
  {
    // hid.o: hid-core, hid-input and hidraw (hid_init calls hidraw_init); kernel-sim's hid-core also registers hid-generic.
    config: 'CONFIG_HID', initcall: 'hid_init', exit: hid_exit,
    // Its three MODULE_AUTHOR lines are left out: a module definition here carries one author.
    module: { name: 'hid', path: 'kernel/drivers/hid/hid.ko', description: '', license: 'GPL' },
  },
  {
    // kernel-sim's brd makes one ram0 holding a romfs of the initramfs; its rd_nr/rd_size/max_part parameters and
    // brd_exit are not modelled, so as a module it is permanent.
    config: 'CONFIG_BLK_DEV_RAM', initcall: 'brd_init',
    module: { name: 'brd', path: 'kernel/drivers/block/brd.ko', description: '', license: 'GPL', alias: ['block-major-1-*', 'rd'] },
  },
  {
    config: 'CONFIG_CONFIGFS_FS', initcall: 'configfs_init', exit: configfs_exit,
    module: {
      name: 'configfs', path: 'kernel/fs/configfs/configfs.ko', license: 'GPL', author: 'Oracle',
      description: 'Simple RAM filesystem for user driven kernel subsystem configuration.',
    },
  },
  {
    config: 'CONFIG_ROMFS_FS', initcall: 'init_romfs_fs', exit: exit_fs(romfs_fs_type),
    module: { name: 'romfs', path: 'kernel/fs/romfs/romfs.ko', description: 'Direct-MTD Capable RomFS', license: 'GPL', author: 'Red Hat, Inc.', alias: ['fs-romfs'] },
  },
  {
    config: 'CONFIG_EXT2_FS', initcall: 'init_ext2_fs', exit: exit_fs(ext2_fs_type),
    module: { name: 'ext2', path: 'kernel/fs/ext2/ext2.ko', description: 'Second Extended Filesystem', license: 'GPL', author: 'Remy Card and others', alias: ['fs-ext2'] },
  },
];
