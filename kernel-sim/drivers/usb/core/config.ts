// Models linux/drivers/usb/core/config.c: reading and parsing configuration descriptors into usb_host_config / interfaces / endpoints, and the device descriptor's fields.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type usb_device, type usb_device_descriptor, type usb_host_config, type usb_host_interface, type usb_endpoint_descriptor,
  USB_DT_CONFIG, USB_DT_CONFIG_SIZE, USB_DT_INTERFACE, USB_DT_ENDPOINT,
} from '../../../include/linux/usb.ts';
import { dev_err } from '../../base/core.ts';
import { EINVAL, ENOMEM } from '../../../include/uapi/asm-generic/errno.ts';
import { usb_get_descriptor } from './message.ts';

const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);

export function parse_device_descriptor(b: Uint8Array): usb_device_descriptor {
  return {
    bLength: b[0]!, bDescriptorType: b[1]!, bcdUSB: le16(b, 2), bDeviceClass: b[4]!, bDeviceSubClass: b[5]!, bDeviceProtocol: b[6]!,
    bMaxPacketSize0: b[7]!, idVendor: le16(b, 8), idProduct: le16(b, 10), bcdDevice: le16(b, 12), iManufacturer: b[14]!, iProduct: b[15]!,
    iSerialNumber: b[16]!, bNumConfigurations: b[17]!,
  };
}

/** usb_parse_configuration: the interfaces (each altsetting with its endpoints and the class descriptors after it). */
export function usb_parse_configuration(buf: Uint8Array): usb_host_config | null {
  if (buf.length < USB_DT_CONFIG_SIZE || buf[1] !== USB_DT_CONFIG) return null;
  const cfg: usb_host_config = {
    desc: { bLength: buf[0]!, bDescriptorType: buf[1]!, wTotalLength: le16(buf, 2), bNumInterfaces: buf[4]!, bConfigurationValue: buf[5]!, iConfiguration: buf[6]!, bmAttributes: buf[7]!, bMaxPower: buf[8]! },
    string: null, interface: [], intf_cache: [], raw: buf,
  };
  let alt: usb_host_interface | null = null;
  let extra: number[] = [];
  const flush = (): void => { if (alt) alt.extra = new Uint8Array(extra); extra = []; };
  for (let o = buf[0]!; o + 2 <= buf.length;) {
    const len = buf[o]!, type = buf[o + 1]!;
    if (len < 2 || o + len > buf.length) break;
    if (type === USB_DT_INTERFACE && len >= 9) {
      flush();
      alt = {
        desc: { bLength: len, bDescriptorType: type, bInterfaceNumber: buf[o + 2]!, bAlternateSetting: buf[o + 3]!, bNumEndpoints: buf[o + 4]!, bInterfaceClass: buf[o + 5]!, bInterfaceSubClass: buf[o + 6]!, bInterfaceProtocol: buf[o + 7]!, iInterface: buf[o + 8]! },
        endpoint: [], string: null, extra: new Uint8Array(0),
      };
      const n = alt.desc.bInterfaceNumber;
      (cfg.intf_cache[n] ??= []).push(alt);
    } else if (type === USB_DT_ENDPOINT && len >= 7 && alt) {
      const desc: usb_endpoint_descriptor = { bLength: len, bDescriptorType: type, bEndpointAddress: buf[o + 2]!, bmAttributes: buf[o + 3]!, wMaxPacketSize: le16(buf, o + 4), bInterval: buf[o + 6]! };
      alt.endpoint.push({ desc, urb_list: [], hcpriv: null, enabled: false });
    } else if (alt && type !== USB_DT_ENDPOINT) extra.push(...buf.subarray(o, o + len));
    o += len;
  }
  flush();
  return cfg;
}

/** usb_get_configuration: each configuration's 9-byte header, then all of it (wTotalLength); raw copies kept for the descriptors attribute. */
export function* usb_get_configuration(dev: usb_device): KGen<number> {
  const n = dev.descriptor.bNumConfigurations;
  if (n < 1) { dev_err(dev.dev, 'no configurations'); return -EINVAL; }
  dev.config = [];
  dev.rawdescriptors = [];
  for (let i = 0; i < n; i++) {
    const hdr = new Uint8Array(USB_DT_CONFIG_SIZE);
    let r = yield* usb_get_descriptor(dev, USB_DT_CONFIG, i, hdr, USB_DT_CONFIG_SIZE);
    if (r < 4) { dev_err(dev.dev, `can't read configurations, error ${r}`); return r < 0 ? r : -EINVAL; }
    const total = Math.max(USB_DT_CONFIG_SIZE, le16(hdr, 2));
    const buf = new Uint8Array(total);
    r = yield* usb_get_descriptor(dev, USB_DT_CONFIG, i, buf, total);
    if (r < 0) { dev_err(dev.dev, `unable to read config index ${i} descriptor/all`); return r; }
    const cfg = usb_parse_configuration(buf.subarray(0, r));
    if (!cfg) return -ENOMEM;
    dev.config.push(cfg);
    dev.rawdescriptors.push(buf.slice(0, r));
  }
  return 0;
}
