// Models what linux/drivers/usb/core/devices.c walks (usb_device_dump over each bus's root hub and its children) as typed records for the workbench's USB view: every device with its ids, strings, driver and interfaces, the interfaces' drivers and the block devices under them.
import type { usb_device } from '../../../include/linux/usb.ts';
import type { device } from '../../base/base.ts';
import { all_devices, dev_name } from '../../base/core.ts';
import { usbState } from './usb-internal.ts';
import { usb_speed_mbps } from './sysfs.ts';

export interface usb_tree_interface { name: string; ifnum: number; cls: number; driver: string | null; blocks: string[] }
export interface usb_tree_device {
  name: string; port: number; devnum: number; speed: string; idVendor: number; idProduct: number;
  product: string | null; manufacturer: string | null; driver: string | null; maxchild: number;
  interfaces: usb_tree_interface[]; children: usb_tree_device[];
}
export interface usb_tree_bus { busnum: number; controller: string; root: usb_tree_device }

const below = (d: device, ancestor: device): boolean => {
  for (let p = d.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
};

function dump(udev: usb_device, blocks: device[]): usb_tree_device {
  return {
    name: dev_name(udev.dev), port: udev.portnum, devnum: udev.devnum, speed: usb_speed_mbps[udev.speed] ?? 'unknown',
    idVendor: udev.descriptor.idVendor, idProduct: udev.descriptor.idProduct, product: udev.product, manufacturer: udev.manufacturer,
    driver: udev.dev.driver?.name ?? null, maxchild: udev.maxchild,
    interfaces: (udev.actconfig?.interface ?? []).map((i) => ({
      name: dev_name(i.dev), ifnum: i.cur_altsetting.desc.bInterfaceNumber, cls: i.cur_altsetting.desc.bInterfaceClass,
      driver: i.dev.driver?.name ?? null, blocks: blocks.filter((b) => below(b, i.dev)).map(dev_name),
    })),
    children: udev.children.filter((c): c is usb_device => !!c).map((c) => dump(c, blocks)),
  };
}

/** Every registered bus with its device tree, in bus order. */
export function usb_tree(): usb_tree_bus[] {
  const blocks = all_devices().filter((d) => d.class?.name === 'block' && d.kobj.state_in_sysfs);
  return usbState().buses.filter((b) => b.root_hub).map((b) => ({ busnum: b.busnum, controller: dev_name(b.controller), root: dump(b.root_hub!, blocks) }));
}
