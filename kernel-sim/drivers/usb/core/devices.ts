// Models linux/drivers/usb/core/devices.c: /sys/kernel/debug/usb/devices — for every bus, the root hub and each device below it in tree order: topology (T:), the root hub's bandwidth (B:), device (D:, P:), strings (S:), configurations (C:), interfaces with their drivers (I:) and endpoints (E:).
import {
  type usb_bus, type usb_device, type usb_endpoint_descriptor, type usb_host_config, type usb_interface, USB_ENDPOINT_XFERTYPE_MASK,
  USB_ENDPOINT_XFER_BULK, USB_ENDPOINT_XFER_CONTROL, USB_ENDPOINT_XFER_INT, USB_ENDPOINT_XFER_ISOC, USB_SPEED_FULL, USB_SPEED_HIGH,
  USB_SPEED_LOW, USB_SPEED_SUPER, USB_SPEED_SUPER_PLUS, USB_SPEED_UNKNOWN, USB_SPEED_WIRELESS, USB_DIR_IN,
} from '../../../include/linux/usb.ts';
import { debugfs_create_dir, debugfs_create_file } from '../../../fs/debugfs/inode.ts';
import { usbState } from './usb-internal.ts';

/** clas_info: at most five characters per class. */
const clas_info: Readonly<Record<number, string>> = {
  0x00: '>ifc', 0x01: 'audio', 0x02: 'comm.', 0x03: 'HID', 0x05: 'PID', 0x06: 'still', 0x07: 'print', 0x08: 'stor.', 0x09: 'hub', 0x0a: 'data',
  0x0b: 'scard', 0x0d: 'c-sec', 0x0e: 'video', 0x0f: 'perhc', 0x10: 'av', 0x11: 'blbrd', 0x12: 'bridg', 0xe0: 'wlcon', 0xef: 'misc', 0xfe: 'app.', 0xff: 'vend.',
};
const class_decode = (c: number): string => clas_info[c] ?? 'unk.';

const x2 = (v: number): string => v.toString(16).padStart(2, '0');
const x4 = (v: number): string => v.toString(16).padStart(4, '0');
const d = (v: number, w: number): string => String(v).padStart(w, ' ');
const d0 = (v: number, w: number): string => String(v).padStart(w, '0');
/** "%2x.%02x" of a BCD number. */
const bcd = (v: number): string => `${(v >> 8).toString(16).padStart(2, ' ')}.${x2(v & 0xff)}`;

const speed_names: Readonly<Record<number, string>> = {
  [USB_SPEED_LOW]: '1.5', [USB_SPEED_UNKNOWN]: '12', [USB_SPEED_FULL]: '12', [USB_SPEED_WIRELESS]: '480', [USB_SPEED_HIGH]: '480',
  [USB_SPEED_SUPER]: '5000', [USB_SPEED_SUPER_PLUS]: '10000',
};
const ep_types: Readonly<Record<number, string>> = { [USB_ENDPOINT_XFER_CONTROL]: 'Ctrl', [USB_ENDPOINT_XFER_ISOC]: 'Isoc', [USB_ENDPOINT_XFER_BULK]: 'Bulk', [USB_ENDPOINT_XFER_INT]: 'Int.' };

/** usb_decode_interval (drivers/usb/common/common.c): the endpoint's interval in microseconds. */
export function usb_decode_interval(e: usb_endpoint_descriptor, speed: number): number {
  const type = e.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK, high = speed >= USB_SPEED_HIGH;
  let interval = 0;
  if (type === USB_ENDPOINT_XFER_CONTROL) interval = speed === USB_SPEED_HIGH ? e.bInterval : 0;
  else if (type === USB_ENDPOINT_XFER_ISOC) interval = 1 << (e.bInterval - 1);
  else if (type === USB_ENDPOINT_XFER_BULK) interval = speed === USB_SPEED_HIGH && !(e.bEndpointAddress & USB_DIR_IN) ? e.bInterval : 0;
  else interval = high ? 1 << (e.bInterval - 1) : e.bInterval;
  return interval * (high ? 125 : 1000);
}

function usb_dump_endpoint_descriptor(speed: number, e: usb_endpoint_descriptor): string {
  const type = e.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK;
  const dir = type === USB_ENDPOINT_XFER_CONTROL ? 'B' : e.bEndpointAddress & USB_DIR_IN ? 'I' : 'O';
  // usb_endpoint_maxp_mult: high-speed periodic endpoints move up to three packets per microframe.
  const mult = speed === USB_SPEED_HIGH && (type === USB_ENDPOINT_XFER_INT || type === USB_ENDPOINT_XFER_ISOC) ? ((e.wMaxPacketSize >> 11) & 3) + 1 : 1;
  let interval = usb_decode_interval(e, speed), unit = 'u';
  if (interval % 1000 === 0) { unit = 'm'; interval /= 1000; }
  return `E:  Ad=${x2(e.bEndpointAddress)}(${dir}) Atr=${x2(e.bmAttributes)}(${(ep_types[type] ?? '').padEnd(4)}) MxPS=${d((e.wMaxPacketSize & 0x7ff) * mult, 4)} Ivl=${interval}${unit}s\n`;
}

function usb_dump_config(speed: number, config: usb_host_config, active: boolean): string {
  const c = config.desc;
  let out = `C:${active ? '*' : ' '} #Ifs=${d(c.bNumInterfaces, 2)} Cfg#=${d(c.bConfigurationValue, 2)} Atr=${x2(c.bmAttributes)} MxPwr=${d(c.bMaxPower * (speed >= USB_SPEED_SUPER ? 8 : 2), 3)}mA\n`;
  for (const alts of config.intf_cache) {
    if (!alts) continue;
    const iface: usb_interface | null = active ? config.interface.find((i) => i.altsetting === alts) ?? null : null;
    for (const alt of alts) {
      const a = alt.desc;
      const driver = iface ? iface.dev.driver?.name ?? '(none)' : '';
      const cur = !!iface && iface.cur_altsetting === alt;
      out += `I:${cur ? '*' : ' '} If#=${d(a.bInterfaceNumber, 2)} Alt=${d(a.bAlternateSetting, 2)} #EPs=${d(a.bNumEndpoints, 2)} Cls=${x2(a.bInterfaceClass)}(${class_decode(a.bInterfaceClass).padEnd(5)}) Sub=${x2(a.bInterfaceSubClass)} Prot=${x2(a.bInterfaceProtocol)} Driver=${driver}\n`;
      for (const ep of alt.endpoint) out += usb_dump_endpoint_descriptor(speed, ep.desc);
    }
  }
  return out;
}

function usb_dump_desc(dev: usb_device): string {
  const dd = dev.descriptor;
  let out = `D:  Ver=${bcd(dd.bcdUSB)} Cls=${x2(dd.bDeviceClass)}(${class_decode(dd.bDeviceClass).padEnd(5)}) Sub=${x2(dd.bDeviceSubClass)} Prot=${x2(dd.bDeviceProtocol)} MxPS=${d(dd.bMaxPacketSize0, 2)} #Cfgs=${d(dd.bNumConfigurations, 3)}\n`
    + `P:  Vendor=${x4(dd.idVendor)} ProdID=${x4(dd.idProduct)} Rev=${bcd(dd.bcdDevice)}\n`;
  if (dev.manufacturer) out += `S:  Manufacturer=${dev.manufacturer.slice(0, 100)}\n`;
  if (dev.product) out += `S:  Product=${dev.product.slice(0, 100)}\n`;
  if (dev.serial) out += `S:  SerialNumber=${dev.serial.slice(0, 100)}\n`;
  for (const c of dev.config) out += usb_dump_config(dev.speed, c, c === dev.actconfig);
  return out;
}

/** usb_device_dump: the device, then its children in port order; level 0 is the root hub, which also shows the bus's bandwidth. */
function usb_device_dump(dev: usb_device, bus: usb_bus, level: number, index: number, count: number): string {
  const parent = dev.parent && dev.parent.devnum !== -1 ? dev.parent.devnum : 0;
  let out = `\nT:  Bus=${d0(bus.busnum, 2)} Lev=${d0(level, 2)} Prnt=${d0(parent, 2)} Port=${d0(index, 2)} Cnt=${d0(count, 2)} Dev#=${d(dev.devnum, 3)} Spd=${(speed_names[dev.speed] ?? '??').padEnd(4)} MxCh=${d(dev.maxchild, 2)}\n`;
  // xHCI does its own bandwidth accounting: usbcore's periodic allocation stays 0 of the 800 us a high-speed frame reserves.
  if (level === 0) out += `B:  Alloc=${d(0, 3)}/${d(dev.speed === USB_SPEED_HIGH || dev.speed >= USB_SPEED_SUPER ? 800 : 900, 3)} us (${d(0, 2)}%), #Int=${d(0, 3)}, #Iso=${d(0, 3)}\n`;
  out += usb_dump_desc(dev);
  let cnt = 0;
  dev.children.forEach((c, i) => { if (c) out += usb_device_dump(c, bus, level + 1, i, ++cnt); });
  return out;
}

/** usb_device_read: every bus in order. */
export function usb_devices_show(): string {
  return usbState().buses.filter((b) => b.root_hub).map((b) => usb_device_dump(b.root_hub!, b, 0, 0, 0)).join('');
}

/** usb_common_init's usb_debug_root and usb_debugfs_init's devices file. */
export function usb_debugfs_init(): void {
  const root = debugfs_create_dir('usb', null);
  if (typeof root === 'number') return;
  debugfs_create_file('devices', 0o444, root, { show: usb_devices_show });
}
