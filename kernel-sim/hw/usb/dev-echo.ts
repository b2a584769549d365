// Models a vendor-specific USB loopback device (spec: docs/specs/usb-echo.md): what the host writes to bulk OUT 0x01 comes back on bulk IN 0x81, through a bounded FIFO.
import type { HwContext } from '../core/qdev.ts';
import { type USBDesc, USB_ENDPOINT_XFER_BULK } from './desc.ts';
import { type USBDeviceType, type USBPacketResult, type USBSetup, USBDevice, USB_RET_NAK, USB_RET_STALL, USB_TYPE_MASK, USB_TYPE_VENDOR, usb_ok } from './dev.ts';

export const ECHO_VENDOR_ID = 0x1209, ECHO_PRODUCT_ID = 0x0001;
export const ECHO_EP_OUT = 0x01, ECHO_EP_IN = 0x81;
export const ECHO_FIFO_SIZE = 4096;
/** Vendor requests (bmRequestType 0xc0 / 0x40). */
export const ECHO_REQ_GET_PENDING = 0x01, ECHO_REQ_RESET_FIFO = 0x02;

export const ECHO_DESC: USBDesc = {
  dev: {
    bcdUSB: 0x0200, bDeviceClass: 0, bDeviceSubClass: 0, bDeviceProtocol: 0, bMaxPacketSize0: 64,
    idVendor: ECHO_VENDOR_ID, idProduct: ECHO_PRODUCT_ID, bcdDevice: 0x0100, iManufacturer: 1, iProduct: 2, iSerialNumber: 3,
    confs: [{
      bConfigurationValue: 1, iConfiguration: 0, bmAttributes: 0x80, bMaxPower: 50,
      ifs: [{
        bInterfaceNumber: 0, bAlternateSetting: 0, bInterfaceClass: 0xff, bInterfaceSubClass: 0, bInterfaceProtocol: 0, iInterface: 0,
        eps: [
          { bEndpointAddress: ECHO_EP_IN, bmAttributes: USB_ENDPOINT_XFER_BULK, wMaxPacketSize: 512, bInterval: 0 },
          { bEndpointAddress: ECHO_EP_OUT, bmAttributes: USB_ENDPOINT_XFER_BULK, wMaxPacketSize: 512, bInterval: 0 },
        ],
      }],
    }],
  },
  str: ['Kernel Workbench', 'USB Echo Device', 'KWB-ECHO-0001'],
};

export class USBEchoState extends USBDevice {
  readonly name = 'usb-echo';
  readonly desc = ECHO_DESC;
  /** Bytes written and not yet read back. */
  fifo: number[] = [];

  constructor(ctx: HwContext, id: string) { super(ctx, id, 'high'); }

  /** OUT: the bytes join the FIFO; when they do not fit, NAK until the host reads. */
  protected override handle_out(ep: number, data: Uint8Array): USBPacketResult {
    if (ep !== ECHO_EP_OUT) return USB_RET_STALL;
    if (this.fifo.length + data.length > ECHO_FIFO_SIZE) return USB_RET_NAK;
    const wasEmpty = this.fifo.length === 0;
    this.fifo.push(...data);
    if (wasEmpty && data.length) this.wakeup(ECHO_EP_IN);
    return usb_ok();
  }

  /** IN: up to `len` bytes from the FIFO; an empty FIFO NAKs (the read stays pending until data arrives). */
  protected override handle_in(ep: number, len: number): USBPacketResult {
    if (ep !== ECHO_EP_IN) return USB_RET_STALL;
    if (this.fifo.length === 0) return USB_RET_NAK;
    return usb_ok(new Uint8Array(this.fifo.splice(0, len)));
  }

  protected override handle_class_control(s: USBSetup, _data: Uint8Array): USBPacketResult {
    if ((s.bmRequestType & USB_TYPE_MASK) !== USB_TYPE_VENDOR) return USB_RET_STALL;
    if (s.bRequest === ECHO_REQ_GET_PENDING && s.bmRequestType & 0x80) return usb_ok(new Uint8Array([this.fifo.length & 0xff, this.fifo.length >> 8]).slice(0, s.wLength));
    if (s.bRequest === ECHO_REQ_RESET_FIFO && !(s.bmRequestType & 0x80)) { this.fifo = []; return usb_ok(); }
    return USB_RET_STALL;
  }

  protected override device_reset(): void { this.fifo = []; }
}

export const usb_types: USBDeviceType[] = [
  { name: 'usb-echo', desc: 'vendor loopback device (bulk OUT 0x01 -> bulk IN 0x81)', speed: 'high', create: (ctx, id) => new USBEchoState(ctx, id) },
];
