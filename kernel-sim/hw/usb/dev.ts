// Models QEMU hw/usb/core.c and include/hw/usb.h: a USB device behind a port — its address, configuration, the standard requests of endpoint 0 (USB 2.0 chapter 9), and packets to its other endpoints.
import type { HwContext } from '../core/qdev.ts';
import {
  type USBDesc, type USBSpeed, USB_DT_BOS, USB_DT_CONFIG, USB_DT_DEVICE, USB_DT_DEVICE_QUALIFIER, USB_DT_STRING, USB_DIR_IN,
  usb_desc_bos, usb_desc_config, usb_desc_device, usb_desc_device_qualifier, usb_desc_string,
} from './desc.ts';

export const USB_REQ_GET_STATUS = 0, USB_REQ_CLEAR_FEATURE = 1, USB_REQ_SET_FEATURE = 3, USB_REQ_SET_ADDRESS = 5;
export const USB_REQ_GET_DESCRIPTOR = 6, USB_REQ_GET_CONFIGURATION = 8, USB_REQ_SET_CONFIGURATION = 9;
export const USB_REQ_GET_INTERFACE = 10, USB_REQ_SET_INTERFACE = 11;
export const USB_TYPE_MASK = 0x60, USB_TYPE_STANDARD = 0x00, USB_TYPE_CLASS = 0x20, USB_TYPE_VENDOR = 0x40;
export const USB_RECIP_MASK = 0x1f, USB_RECIP_DEVICE = 0, USB_RECIP_INTERFACE = 1, USB_RECIP_ENDPOINT = 2, USB_RECIP_OTHER = 3;

/** What a packet came to: data moved, the endpoint stalled, or it has nothing yet (NAK: the controller retries when the device wakes it). */
export type USBPacketResult = { status: 'ok'; data: Uint8Array } | { status: 'stall' } | { status: 'nak' };
export const USB_RET_STALL: USBPacketResult = { status: 'stall' };
export const USB_RET_NAK: USBPacketResult = { status: 'nak' };
export const usb_ok = (data: Uint8Array = new Uint8Array(0)): USBPacketResult => ({ status: 'ok', data });

export interface USBSetup { bmRequestType: number; bRequest: number; wValue: number; wIndex: number; wLength: number }

/** A port as the device sees it: whom to tell that an IN endpoint has data (usb_wakeup). */
export interface USBPortOps { wakeup(dev: USBDevice, ep: number): void }

export abstract class USBDevice {
  /** The model's name ("usb-echo"), its speed, its descriptors. */
  abstract readonly name: string;
  abstract readonly desc: USBDesc;
  readonly speed: USBSpeed;
  addr = 0;
  configuration = 0;
  /** Halted endpoints (by address with the direction bit). */
  readonly halted = new Set<number>();
  port: USBPortOps | null = null;

  constructor(readonly ctx: HwContext, readonly id: string, speed: USBSpeed) { this.speed = speed; }

  /** usb_device_handle_control: standard requests here, class and vendor requests in the model. */
  handle_control(s: USBSetup, data_out: Uint8Array): USBPacketResult {
    if ((s.bmRequestType & USB_TYPE_MASK) !== USB_TYPE_STANDARD) return this.handle_class_control(s, data_out);
    const recip = s.bmRequestType & USB_RECIP_MASK;
    switch (s.bRequest) {
      case USB_REQ_GET_DESCRIPTOR: return this.get_descriptor(s);
      case USB_REQ_SET_ADDRESS: this.addr = s.wValue & 0x7f; return usb_ok();
      case USB_REQ_GET_CONFIGURATION: return usb_ok(new Uint8Array([this.configuration]));
      case USB_REQ_SET_CONFIGURATION: {
        const v = s.wValue & 0xff;
        if (v !== 0 && !this.desc.dev.confs.some((c) => c.bConfigurationValue === v)) return USB_RET_STALL;
        this.configuration = v;
        this.halted.clear();
        this.set_configuration(v);
        return usb_ok();
      }
      case USB_REQ_GET_STATUS: return usb_ok(new Uint8Array([recip === USB_RECIP_ENDPOINT && this.halted.has(s.wIndex & 0xff) ? 1 : 0, 0]));
      case USB_REQ_CLEAR_FEATURE:
        if (recip === USB_RECIP_ENDPOINT && s.wValue === 0) this.halted.delete(s.wIndex & 0xff);
        return usb_ok();
      case USB_REQ_SET_FEATURE: return usb_ok();
      case USB_REQ_GET_INTERFACE: return usb_ok(new Uint8Array([0]));
      case USB_REQ_SET_INTERFACE: return s.wValue === 0 ? usb_ok() : USB_RET_STALL;
      default: return USB_RET_STALL;
    }
  }

  private get_descriptor(s: USBSetup): USBPacketResult {
    const type = s.wValue >> 8, index = s.wValue & 0xff;
    let d: Uint8Array | null = null;
    if (type === USB_DT_DEVICE) d = usb_desc_device(this.desc.dev);
    else if (type === USB_DT_CONFIG) { const c = this.desc.dev.confs[index]; d = c ? usb_desc_config(c, this.speed) : null; }
    else if (type === USB_DT_STRING) d = usb_desc_string(this.desc, index);
    else if (type === USB_DT_DEVICE_QUALIFIER && this.speed === 'high') d = usb_desc_device_qualifier(this.desc.dev);
    else if (type === USB_DT_BOS && this.desc.dev.bcdUSB >= 0x0201) d = usb_desc_bos();
    else d = this.class_descriptor(type, index);
    return d ? usb_ok(d.slice(0, s.wLength)) : USB_RET_STALL;
  }

  /** Descriptors of the device's class (a hub's), or null: STALL. */
  protected class_descriptor(_type: number, _index: number): Uint8Array | null { return null; }
  /** Class and vendor requests: STALL unless the model knows them. */
  protected handle_class_control(_s: USBSetup, _data: Uint8Array): USBPacketResult { return USB_RET_STALL; }
  protected set_configuration(_value: number): void { /* models with state per configuration override */ }

  /** usb_handle_packet for a non-control endpoint: OUT carries `data`, IN asks for up to `len` bytes. */
  handle_data(ep: number, data: Uint8Array, len: number): USBPacketResult {
    if (!this.configuration) {
      this.guest_error(`packet to endpoint 0x${ep.toString(16).padStart(2, '0')} before SET_CONFIGURATION: the device answers STALL`);
      return USB_RET_STALL;
    }
    if (this.halted.has(ep)) return USB_RET_STALL;
    return ep & USB_DIR_IN ? this.handle_in(ep, len) : this.handle_out(ep, data);
  }

  protected handle_in(_ep: number, _len: number): USBPacketResult { return USB_RET_STALL; }
  protected handle_out(_ep: number, _data: Uint8Array): USBPacketResult { return USB_RET_STALL; }

  /** The device has data for IN endpoint `ep` (QEMU's usb_wakeup): the controller retries the NAKed transfer. */
  protected wakeup(ep: number): void { this.port?.wakeup(this, ep); }

  /** usb_device_reset: back to the default state (address 0, unconfigured) on a bus reset. */
  reset(): void {
    this.addr = 0;
    this.configuration = 0;
    this.halted.clear();
    this.device_reset();
  }
  protected device_reset(): void { /* models with buffers clear them */ }

  guest_error(message: string): void {
    this.ctx.log.log({ device: this.id, kind: 'access', message: `${this.id}: ${message}`, time_ns: this.ctx.clock.now_ns() });
  }
}

/** The models a port can take, by name: what the plug method offers. */
export interface USBDeviceType {
  name: string; desc: string; speed: USBSpeed;
  /** `serial` is usb_desc_create_serial's "<serial>-<controller path>-<port>", for models that take their serial from where they are plugged. */
  create(ctx: HwContext, id: string, serial?: string): USBDevice;
}
