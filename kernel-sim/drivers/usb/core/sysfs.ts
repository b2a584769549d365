// Models linux/drivers/usb/core/sysfs.c: the attributes of /sys/bus/usb/devices/1-1 (idVendor ... speed, busnum, devnum, the strings, the raw descriptors) and of its interfaces 1-1:1.0 (bInterfaceClass ... modalias).
import type { usb_device, usb_interface } from '../../../include/linux/usb.ts';
import { USB_SPEED_HIGH, USB_SPEED_SUPER, USB_SPEED_LOW, USB_SPEED_FULL } from '../../../include/linux/usb.ts';
import type { device, device_attribute } from '../../base/base.ts';
import type { attribute_group, bin_attribute } from '../../../fs/sysfs/sysfs.ts';
import type { kobject } from '../../../lib/kobject.ts';
import { to_usb_device, to_usb_interface } from './usb-internal.ts';
import { usb_modalias } from './driver.ts';

const x = (v: number, w: number): string => v.toString(16).padStart(w, '0');
/** "%2x.%02x" of a BCD version. */
export const bcd_version = (v: number): string => `${(v >> 8).toString(16).padStart(2, ' ')}.${x(v & 0xff, 2)}`;
/** speed_show: the link rate in Mb/s. */
export const usb_speed_mbps: Readonly<Record<number, string>> = { [USB_SPEED_LOW]: '1.5', [USB_SPEED_FULL]: '12', [USB_SPEED_HIGH]: '480', [USB_SPEED_SUPER]: '5000' };

const U = (d: device): usb_device => to_usb_device(d);
const dattr = (name: string, show: (u: usb_device) => string | null): device_attribute => ({ name, mode: 0o444, show: (d) => `${show(U(d)) ?? ''}\n` });
const iattr = (name: string, show: (i: usb_interface) => string): device_attribute => ({ name, mode: 0o444, show: (d) => `${show(to_usb_interface(d))}\n` });
const cfg = (u: usb_device) => u.actconfig?.desc;

const dev_attrs: device_attribute[] = [
  dattr('configuration', (u) => u.actconfig?.string ?? ''),
  dattr('bNumInterfaces', (u) => (cfg(u) ? String(cfg(u)!.bNumInterfaces).padStart(2, ' ') : '')),
  dattr('bConfigurationValue', (u) => (cfg(u) ? String(cfg(u)!.bConfigurationValue) : '')),
  dattr('bmAttributes', (u) => (cfg(u) ? cfg(u)!.bmAttributes.toString(16).padStart(2, ' ') : '')),
  dattr('bMaxPower', (u) => (cfg(u) ? `${cfg(u)!.bMaxPower * (u.speed >= USB_SPEED_SUPER ? 8 : 2)}mA` : '')),
  dattr('urbnum', () => '0'),
  dattr('idVendor', (u) => x(u.descriptor.idVendor, 4)),
  dattr('idProduct', (u) => x(u.descriptor.idProduct, 4)),
  dattr('bcdDevice', (u) => x(u.descriptor.bcdDevice, 4)),
  dattr('bDeviceClass', (u) => x(u.descriptor.bDeviceClass, 2)),
  dattr('bDeviceSubClass', (u) => x(u.descriptor.bDeviceSubClass, 2)),
  dattr('bDeviceProtocol', (u) => x(u.descriptor.bDeviceProtocol, 2)),
  dattr('bNumConfigurations', (u) => String(u.descriptor.bNumConfigurations)),
  dattr('bMaxPacketSize0', (u) => String(u.descriptor.bMaxPacketSize0)),
  dattr('speed', (u) => usb_speed_mbps[u.speed] ?? 'unknown'),
  dattr('rx_lanes', () => '1'),
  dattr('tx_lanes', () => '1'),
  dattr('busnum', (u) => String(u.bus.busnum)),
  dattr('devnum', (u) => String(u.devnum)),
  dattr('devpath', (u) => u.devpath),
  dattr('version', (u) => bcd_version(u.descriptor.bcdUSB)),
  dattr('maxchild', (u) => String(u.maxchild)),
  dattr('quirks', () => '0x0'),
  dattr('avoid_reset_quirk', () => '0'),
  dattr('authorized', (u) => (u.authorized ? '1' : '0')),
  dattr('removable', (u) => (u.parent ? 'unknown' : 'unknown')),
  dattr('ltm_capable', () => 'no'),
];
/** The string attributes exist only when the device has the string (dev_string_attrs_are_visible). */
const string_attrs: device_attribute[] = [dattr('manufacturer', (u) => u.manufacturer), dattr('product', (u) => u.product), dattr('serial', (u) => u.serial)];

/** descriptors: the device descriptor then every configuration's, as read from the device. */
const descriptors: bin_attribute = {
  attr: { name: 'descriptors', mode: 0o444 }, size: 0,
  read: (kobj, _a, off, count) => {
    const u = to_usb_device(kobj.container as device);
    const d = u.descriptor, le = (v: number) => [v & 0xff, v >> 8];
    const dev = [18, 1, ...le(d.bcdUSB), d.bDeviceClass, d.bDeviceSubClass, d.bDeviceProtocol, d.bMaxPacketSize0, ...le(d.idVendor), ...le(d.idProduct), ...le(d.bcdDevice), d.iManufacturer, d.iProduct, d.iSerialNumber, d.bNumConfigurations];
    const all = new Uint8Array([...dev, ...u.rawdescriptors.flatMap((r) => [...r])]);
    return all.slice(off, off + count);
  },
};

export const usb_device_groups: attribute_group[] = [
  { attrs: dev_attrs, bin_attrs: [descriptors] },
  {
    attrs: string_attrs,
    is_visible: (kobj: kobject, a) => {
      const u = to_usb_device(kobj.container as device);
      return (a.name === 'manufacturer' ? u.manufacturer : a.name === 'product' ? u.product : u.serial) !== null ? a.mode : 0;
    },
  },
];

const intf_attrs: device_attribute[] = [
  iattr('bInterfaceNumber', (i) => x(i.cur_altsetting.desc.bInterfaceNumber, 2)),
  iattr('bAlternateSetting', (i) => String(i.cur_altsetting.desc.bAlternateSetting).padStart(2, ' ')),
  iattr('bNumEndpoints', (i) => x(i.cur_altsetting.desc.bNumEndpoints, 2)),
  iattr('bInterfaceClass', (i) => x(i.cur_altsetting.desc.bInterfaceClass, 2)),
  iattr('bInterfaceSubClass', (i) => x(i.cur_altsetting.desc.bInterfaceSubClass, 2)),
  iattr('bInterfaceProtocol', (i) => x(i.cur_altsetting.desc.bInterfaceProtocol, 2)),
  iattr('modalias', (i) => usb_modalias(i)),
  iattr('supports_autosuspend', () => '1'),
  iattr('authorized', () => '1'),
];
const intf_string: device_attribute[] = [iattr('interface', (i) => i.cur_altsetting.string ?? '')];

export const usb_interface_groups: attribute_group[] = [
  { attrs: intf_attrs },
  { attrs: intf_string, is_visible: (kobj: kobject, a) => (to_usb_interface(kobj.container as device).cur_altsetting.string !== null ? a.mode : 0) },
];
