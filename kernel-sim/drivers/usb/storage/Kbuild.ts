// Models linux/drivers/usb/storage/Makefile: usb-storage.ko (CONFIG_USB_STORAGE=m).
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as usb_storage from './usb.ts';

export const obj_y: kbuild_obj[] = [usb_storage];
