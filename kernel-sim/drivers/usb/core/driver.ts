// Models linux/drivers/usb/core/driver.c: the usb bus type — matching device drivers to usb_devices and interface drivers to interfaces by id_table (usb_match_id), probe and unbind of interfaces, uevents, usb_register_driver.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type usb_device, type usb_device_driver, type usb_device_id, type usb_driver, type usb_interface,
  USB_DEVICE_ID_MATCH_VENDOR, USB_DEVICE_ID_MATCH_PRODUCT, USB_DEVICE_ID_MATCH_DEV_LO, USB_DEVICE_ID_MATCH_DEV_HI, USB_DEVICE_ID_MATCH_DEV_CLASS,
  USB_DEVICE_ID_MATCH_DEV_SUBCLASS, USB_DEVICE_ID_MATCH_DEV_PROTOCOL, USB_DEVICE_ID_MATCH_INT_CLASS, USB_DEVICE_ID_MATCH_INT_SUBCLASS,
  USB_DEVICE_ID_MATCH_INT_PROTOCOL, USB_DEVICE_ID_MATCH_INT_NUMBER, USB_CLASS_VENDOR_SPEC, USB_STATE_NOTATTACHED,
} from '../../../include/linux/usb.ts';
import type { bus_type, device, device_driver } from '../../base/base.ts';
import { driver_register, driver_unregister } from '../../base/driver.ts';
import { add_uevent_var } from '../../../lib/kobject_uevent.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import { is_usb_device, to_usb_device, to_usb_interface, interface_to_usbdev } from './usb-internal.ts';
import { usb_disable_interface } from './endpoint.ts';

const hex = (v: number, w: number): string => v.toString(16).toUpperCase().padStart(w, '0');

type wrapped = device_driver & { usb_intf?: usb_driver; usb_dev?: usb_device_driver };
const is_usb_device_driver = (drv: device_driver): boolean => !!(drv as wrapped).usb_dev;
export const to_usb_driver = (drv: device_driver): usb_driver => (drv as wrapped).usb_intf!;

/** usb_match_device: the device-level fields of an id. */
export function usb_match_device(dev: usb_device, id: usb_device_id): boolean {
  const d = dev.descriptor, f = id.match_flags;
  if (f & USB_DEVICE_ID_MATCH_VENDOR && id.idVendor !== d.idVendor) return false;
  if (f & USB_DEVICE_ID_MATCH_PRODUCT && id.idProduct !== d.idProduct) return false;
  if (f & USB_DEVICE_ID_MATCH_DEV_LO && (id.bcdDevice_lo ?? 0) > d.bcdDevice) return false;
  if (f & USB_DEVICE_ID_MATCH_DEV_HI && (id.bcdDevice_hi ?? 0) < d.bcdDevice) return false;
  if (f & USB_DEVICE_ID_MATCH_DEV_CLASS && id.bDeviceClass !== d.bDeviceClass) return false;
  if (f & USB_DEVICE_ID_MATCH_DEV_SUBCLASS && id.bDeviceSubClass !== d.bDeviceSubClass) return false;
  if (f & USB_DEVICE_ID_MATCH_DEV_PROTOCOL && id.bDeviceProtocol !== d.bDeviceProtocol) return false;
  return true;
}

/** usb_match_one_id_intf: interface fields; a vendor-specific device matches interface class ids only with its vendor named. */
function usb_match_one_id_intf(dev: usb_device, intf: usb_interface, id: usb_device_id): boolean {
  const a = intf.cur_altsetting.desc, f = id.match_flags;
  if (dev.descriptor.bDeviceClass === USB_CLASS_VENDOR_SPEC && !(f & USB_DEVICE_ID_MATCH_VENDOR)
    && f & (USB_DEVICE_ID_MATCH_INT_CLASS | USB_DEVICE_ID_MATCH_INT_SUBCLASS | USB_DEVICE_ID_MATCH_INT_PROTOCOL | USB_DEVICE_ID_MATCH_INT_NUMBER)) return false;
  if (f & USB_DEVICE_ID_MATCH_INT_CLASS && id.bInterfaceClass !== a.bInterfaceClass) return false;
  if (f & USB_DEVICE_ID_MATCH_INT_SUBCLASS && id.bInterfaceSubClass !== a.bInterfaceSubClass) return false;
  if (f & USB_DEVICE_ID_MATCH_INT_PROTOCOL && id.bInterfaceProtocol !== a.bInterfaceProtocol) return false;
  if (f & USB_DEVICE_ID_MATCH_INT_NUMBER && id.bInterfaceNumber !== a.bInterfaceNumber) return false;
  return true;
}

/** usb_match_id: the first entry of `ids` that matches the interface, or null. */
export function usb_match_id(intf: usb_interface, ids: usb_device_id[]): usb_device_id | null {
  const dev = interface_to_usbdev(intf);
  return ids.find((id) => id.match_flags && usb_match_device(dev, id) && usb_match_one_id_intf(dev, intf, id)) ?? null;
}

/** usb_device_match: device drivers for usb_devices, interface drivers for interfaces. */
function usb_device_match(dev: device, drv: device_driver): number {
  if (is_usb_device(dev)) return is_usb_device_driver(drv) ? 1 : 0;
  if (is_usb_device_driver(drv)) return 0;
  return usb_match_id(to_usb_interface(dev), to_usb_driver(drv).id_table) ? 1 : 0;
}

/** The interface's modalias (usb_if_uevent / modalias attribute). */
export function usb_modalias(intf: usb_interface): string {
  const d = interface_to_usbdev(intf).descriptor, a = intf.cur_altsetting.desc;
  return `usb:v${hex(d.idVendor, 4)}p${hex(d.idProduct, 4)}d${hex(d.bcdDevice, 4)}dc${hex(d.bDeviceClass, 2)}dsc${hex(d.bDeviceSubClass, 2)}dp${hex(d.bDeviceProtocol, 2)}`
    + `ic${hex(a.bInterfaceClass, 2)}isc${hex(a.bInterfaceSubClass, 2)}ip${hex(a.bInterfaceProtocol, 2)}in${hex(a.bInterfaceNumber, 2)}`;
}

/** usb_uevent: PRODUCT and TYPE for devices and interfaces alike. */
function usb_uevent(dev: device, env: Parameters<NonNullable<bus_type['uevent']>>[1]): number {
  const u = is_usb_device(dev) ? to_usb_device(dev) : interface_to_usbdev(to_usb_interface(dev));
  const d = u.descriptor;
  if (!d) return 0;
  return add_uevent_var(env, `PRODUCT=${d.idVendor.toString(16)}/${d.idProduct.toString(16)}/${d.bcdDevice.toString(16)}`)
    || add_uevent_var(env, `TYPE=${d.bDeviceClass}/${d.bDeviceSubClass}/${d.bDeviceProtocol}`);
}

export const usb_bus_type: bus_type = { name: 'usb', match: usb_device_match, uevent: usb_uevent };

/** usb_probe_interface: the matching id goes to the driver's probe; an unauthorized device is refused. */
function* usb_probe_interface(dev: device): KGen<number> {
  const intf = to_usb_interface(dev), drv = to_usb_driver(dev.driver!), udev = interface_to_usbdev(intf);
  if (udev.gone || !udev.authorized) return -ENODEV;
  const id = usb_match_id(intf, drv.id_table);
  if (!id) return -ENODEV;
  intf.condition = 'binding';
  const r = yield* drv.probe(intf, id);
  intf.condition = r ? 'unbound' : 'bound';
  return r;
}

/**
 * usb_unbind_interface: the interface's URBs are terminated first — unless the driver asked for soft unbinding and the
 * device is still there (unbind, rmmod): then what it leaves queued outlives its disconnect.
 */
function* usb_unbind_interface(dev: device): KGen<void> {
  const intf = to_usb_interface(dev), drv = to_usb_driver(dev.driver!), udev = interface_to_usbdev(intf);
  intf.condition = 'unbinding';
  if (!drv.soft_unbind || udev.state === USB_STATE_NOTATTACHED) yield* usb_disable_interface(udev, intf);
  yield* drv.disconnect(intf);
  intf.condition = 'unbound';
  dev.driver_data = null;
}

/** usb_register_driver: the interface driver on the usb bus, and usbcore's line saying so. */
export function* usb_register_driver(drv: usb_driver, owner: string | null): KGen<number> {
  const wrap = (drv.drvwrap ??= { name: drv.name }) as wrapped;
  Object.assign(wrap, { name: drv.name, bus: usb_bus_type, owner, mod_name: owner, probe: usb_probe_interface, remove: usb_unbind_interface, usb_intf: drv });
  const r = yield* driver_register(wrap);
  if (!r) pr_info(`usbcore: registered new interface driver ${drv.name}`);
  else pr_info(`usbcore: error ${r} registering interface driver ${drv.name}`);
  return r;
}

export function* usb_deregister(drv: usb_driver): KGen<void> {
  pr_info(`usbcore: deregistering interface driver ${drv.name}`);
  yield* driver_unregister(drv.drvwrap);
}

/** usb_register_device_driver: a driver of whole devices (usb_generic_driver: "usb"). */
export function* usb_register_device_driver(drv: usb_device_driver, owner: string | null): KGen<number> {
  const wrap = (drv.drvwrap ??= { name: drv.name }) as wrapped;
  Object.assign(wrap, {
    name: drv.name, bus: usb_bus_type, owner, usb_dev: drv,
    probe: (dev: device) => drv.probe(to_usb_device(dev)),
    remove: (dev: device) => drv.disconnect(to_usb_device(dev)),
  });
  const r = yield* driver_register(wrap);
  if (!r) pr_info(`usbcore: registered new device driver ${drv.name}`);
  return r;
}
