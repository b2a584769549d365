// Models linux/drivers/usb/core/usb.c's usb_init (subsys_initcall): /sys/kernel/debug/usb/devices, the usb bus, the usb (180) and usb_device (189) character majors, the usbfs, hub and generic drivers, in Linux's order.
import type { KGen } from '../../../include/linux/sched.ts';
import type { usb_device_id, usb_interface } from '../../../include/linux/usb.ts';
import { bus_register } from '../../base/bus.ts';
import { __register_chrdev_region } from '../../../fs/char_dev.ts';
import { run_sync } from '../../base/sync.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import { USB_DEVICE_MAJOR, USB_MAJOR } from './usb-internal.ts';
import { usb_bus_type, usb_register_driver, usb_register_device_driver } from './driver.ts';
import { usb_hub_init } from './hub.ts';
import { usb_generic_driver } from './generic.ts';
import { usb_debugfs_init } from './devices.ts';

/** usbfs_driver: claims interfaces for user space (USBDEVFS_CLAIMINTERFACE); it never binds by itself (empty id table). */
const usbfs_driver = {
  name: 'usbfs', id_table: [] as usb_device_id[], drvwrap: { name: 'usbfs' },
  *probe(_i: usb_interface): KGen<number> { return -ENODEV; },
  *disconnect(_i: usb_interface): KGen<void> { /* released by usbfs */ },
};

function* usb_init_gen(): KGen<number> {
  usb_debugfs_init();
  let r = bus_register(usb_bus_type);
  if (r) return r;
  r = __register_chrdev_region(USB_MAJOR, 0, 256, 'usb');
  if (r < 0) return r;
  r = yield* usb_register_driver(usbfs_driver, null);
  if (r) return r;
  r = __register_chrdev_region(USB_DEVICE_MAJOR, 0, 128 * 64, 'usb_device');
  if (r < 0) return r;
  r = yield* usb_hub_init();
  if (r) return r;
  return yield* usb_register_device_driver(usb_generic_driver, null);
}

export function usb_init(): number { return run_sync(usb_init_gen(), 'usb_init'); }

export const initcalls: initcall_entry[] = [['subsys', 'usb_init', usb_init, 40_000]];
