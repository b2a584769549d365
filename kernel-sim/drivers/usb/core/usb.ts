// Models linux/drivers/usb/core/usb.c: struct usb_device allocation and naming (usb1, 1-1, 1-1.2), its device number node, references, and walking the device tree.
import type { KGen } from '../../../include/linux/sched.ts';
import { type usb_bus, type usb_device, type usb_host_endpoint, USB_STATE_ATTACHED, USB_DT_ENDPOINT } from '../../../include/linux/usb.ts';
import { device_alloc, device_initialize, dev_set_name, get_device, put_device } from '../../base/core.ts';
import { MKDEV } from '../../../include/linux/fs_types.ts';
import { USB_DEVICE_MAJOR, usbState, usb_device_type } from './usb-internal.ts';
import { usb_bus_type } from './driver.ts';
import { usb_device_groups } from './sysfs.ts';

/** The default control endpoint every device has from the start (wMaxPacketSize is guessed until the descriptor says). */
export function usb_ep0_new(maxp: number): usb_host_endpoint {
  return { desc: { bLength: 7, bDescriptorType: USB_DT_ENDPOINT, bEndpointAddress: 0, bmAttributes: 0, wMaxPacketSize: maxp, bInterval: 0 }, urb_list: [], hcpriv: null, enabled: true };
}

/**
 * usb_alloc_dev: a device below `parent` on `port1` (or the root hub when parent is null): its devpath ("1", "1.2"),
 * route string and name ("usbN" for a root hub, "B-devpath" below it); the HCD's alloc_dev gets its slot.
 */
export function* usb_alloc_dev(parent: usb_device | null, bus: usb_bus, port1: number): KGen<usb_device | null> {
  const udev = {
    devnum: 0, devpath: '0', route: 0, state: USB_STATE_ATTACHED, speed: 0, parent, bus, ep0: usb_ep0_new(64),
    descriptor: null as never, config: [], actconfig: null, ep_in: new Array(16).fill(null), ep_out: new Array(16).fill(null),
    rawdescriptors: [], portnum: port1, level: parent ? parent.level + 1 : 0, product: null, manufacturer: null, serial: null,
    rh_port: 0, slot_id: 0, hub: null, maxchild: 0, children: [], gone: false, authorized: true,
  } as unknown as usb_device;
  udev.ep_in[0] = udev.ep0;
  udev.ep_out[0] = udev.ep0;
  const dev = device_alloc(udev);
  device_initialize(dev);
  dev.bus = usb_bus_type;
  dev.type = usb_device_type;
  dev.groups = usb_device_groups;
  dev.release = () => {};
  udev.dev = dev;
  if (!parent) {
    dev.parent = bus.controller;
    dev_set_name(dev, `usb${bus.busnum}`);
  } else {
    dev.parent = parent.dev;
    udev.devpath = parent.devpath === '0' ? String(port1) : `${parent.devpath}.${port1}`;
    // The route string: 4 bits per tier below the root port (USB 3.0 section 8.9).
    udev.route = parent.devpath === '0' ? 0 : parent.route | (Math.min(port1, 15) << (4 * (parent.level - 1)));
    udev.rh_port = parent.devpath === '0' ? port1 : parent.rh_port;
    dev_set_name(dev, `${bus.busnum}-${udev.devpath}`);
    const hcd = bus.hcd;
    if (hcd.driver.alloc_dev && (yield* hcd.driver.alloc_dev(hcd, udev)) === 0) {
      put_device(dev);
      return null;
    }
  }
  return udev;
}

/** The device number's node: MKDEV(189, (busnum - 1) * 128 + devnum - 1). */
export function usb_set_devt(udev: usb_device): void {
  udev.dev.devt = MKDEV(USB_DEVICE_MAJOR, (udev.bus.busnum - 1) * 128 + (udev.devnum - 1));
}

export function usb_get_dev(udev: usb_device | null): usb_device | null { if (udev) get_device(udev.dev); return udev; }
export function usb_put_dev(udev: usb_device | null): void { if (udev) put_device(udev.dev); }

/** Walks a device and everything below it (for /sys/kernel/debug/usb/devices and lsusb-like listings). */
export function usb_for_each_dev(fn: (u: usb_device) => void): void {
  const walk = (u: usb_device): void => { fn(u); for (const c of u.children) if (c) walk(c); };
  for (const b of usbState().buses) if (b.root_hub) walk(b.root_hub);
}
