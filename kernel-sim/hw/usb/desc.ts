// Models QEMU hw/usb/desc.c: USB descriptors declared as data (device, configuration, interface, endpoint, strings) and encoded into the bytes GET_DESCRIPTOR returns.

export const USB_DT_DEVICE = 1, USB_DT_CONFIG = 2, USB_DT_STRING = 3, USB_DT_INTERFACE = 4, USB_DT_ENDPOINT = 5;
export const USB_DT_DEVICE_QUALIFIER = 6, USB_DT_BOS = 0x0f, USB_DT_HUB = 0x29, USB_DT_SS_HUB = 0x2a;
export const USB_ENDPOINT_XFER_CONTROL = 0, USB_ENDPOINT_XFER_ISOC = 1, USB_ENDPOINT_XFER_BULK = 2, USB_ENDPOINT_XFER_INT = 3;
export const USB_DIR_IN = 0x80;

/** The bus speeds of include/uapi/linux/usb/ch9.h's enum usb_device_speed, by name. */
export type USBSpeed = 'low' | 'full' | 'high' | 'super';

export interface USBDescEndpoint { bEndpointAddress: number; bmAttributes: number; wMaxPacketSize: number; bInterval: number }
export interface USBDescIface {
  bInterfaceNumber: number; bAlternateSetting: number; bInterfaceClass: number; bInterfaceSubClass: number; bInterfaceProtocol: number;
  iInterface: number; eps: USBDescEndpoint[];
  /** Class-specific descriptors that follow the interface descriptor (HID, CDC functional), raw. */
  extra?: number[];
}
export interface USBDescConfig { bConfigurationValue: number; iConfiguration: number; bmAttributes: number; bMaxPower: number; ifs: USBDescIface[] }
export interface USBDescDevice {
  bcdUSB: number; bDeviceClass: number; bDeviceSubClass: number; bDeviceProtocol: number; bMaxPacketSize0: number;
  idVendor: number; idProduct: number; bcdDevice: number; iManufacturer: number; iProduct: number; iSerialNumber: number;
  confs: USBDescConfig[];
}
/** A device's descriptors: the device tree of descriptors and its strings (index 1..n; 0 is the language list). */
export interface USBDesc { dev: USBDescDevice; str: string[] }

const le16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];

export function usb_desc_device(d: USBDescDevice): Uint8Array {
  return new Uint8Array([18, USB_DT_DEVICE, ...le16(d.bcdUSB), d.bDeviceClass, d.bDeviceSubClass, d.bDeviceProtocol, d.bMaxPacketSize0,
    ...le16(d.idVendor), ...le16(d.idProduct), ...le16(d.bcdDevice), d.iManufacturer, d.iProduct, d.iSerialNumber, d.confs.length]);
}

/** usb_desc_config: the configuration descriptor with its interfaces and endpoints (and SuperSpeed companions on a SuperSpeed link), wTotalLength filled in. */
export function usb_desc_config(c: USBDescConfig, speed: USBSpeed): Uint8Array {
  const body: number[] = [];
  for (const i of c.ifs) {
    body.push(9, USB_DT_INTERFACE, i.bInterfaceNumber, i.bAlternateSetting, i.eps.length, i.bInterfaceClass, i.bInterfaceSubClass, i.bInterfaceProtocol, i.iInterface);
    if (i.extra) body.push(...i.extra);
    for (const e of i.eps) {
      body.push(7, USB_DT_ENDPOINT, e.bEndpointAddress, e.bmAttributes, ...le16(e.wMaxPacketSize), e.bInterval);
      if (speed === 'super') body.push(6, 0x30, 0, 0, 0, 0);
    }
  }
  const total = 9 + body.length;
  const nifs = new Set(c.ifs.map((i) => i.bInterfaceNumber)).size;
  return new Uint8Array([9, USB_DT_CONFIG, ...le16(total), nifs, c.bConfigurationValue, c.iConfiguration, c.bmAttributes, c.bMaxPower, ...body]);
}

/** usb_desc_string: string 0 is the language list (0x0409, US English); the others are UTF-16LE. */
export function usb_desc_string(desc: USBDesc, index: number): Uint8Array | null {
  if (index === 0) return new Uint8Array([4, USB_DT_STRING, 0x09, 0x04]);
  const s = desc.str[index - 1];
  if (s === undefined) return null;
  const out = [2 + 2 * s.length, USB_DT_STRING];
  for (const ch of s) out.push(...le16(ch.charCodeAt(0)));
  return new Uint8Array(out);
}

/** The device qualifier a high-speed device answers (its other-speed identity), as usb_desc_device_qualifier. */
export function usb_desc_device_qualifier(d: USBDescDevice): Uint8Array {
  return new Uint8Array([10, USB_DT_DEVICE_QUALIFIER, ...le16(d.bcdUSB), d.bDeviceClass, d.bDeviceSubClass, d.bDeviceProtocol, 64, d.confs.length, 0]);
}

/** The Binary Object Store of a USB 2.01+ device: the USB 2.0 extension capability (no LPM). */
export function usb_desc_bos(): Uint8Array {
  return new Uint8Array([5, USB_DT_BOS, 12, 0, 1, 7, 0x10, 2, 0, 0, 0, 0]);
}
