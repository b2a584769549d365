// Models QEMU hw/usb/dev-storage.c (usb-storage): a Bulk-Only Transport mass-storage device — CBW on bulk OUT 0x02, the data phase, CSW on bulk IN 0x81 — carrying SCSI commands to one scsi-hd LUN, here backed by a stick image made at plug time (an MBR with one ext2 partition).
import type { HwContext } from '../core/qdev.ts';
import { type USBDesc, USB_ENDPOINT_XFER_BULK } from './desc.ts';
import { type USBDeviceType, type USBPacketResult, type USBSetup, USBDevice, USB_RET_STALL, USB_TYPE_MASK, USB_TYPE_CLASS, usb_ok } from './dev.ts';
import { CHECK_CONDITION, GOOD, SCSIDiskState } from '../scsi/scsi-disk.ts';
import { mkext2_disk_pages } from '../../fs/ext2/mkext2.ts';

export const MSD_EP_IN = 0x81, MSD_EP_OUT = 0x02;
/** Class requests of the Bulk-Only Transport spec (bmRequestType 0x21 / 0xa1). */
export const MassStorageReset = 0xff, GetMaxLun = 0xfe;
const CBW_SIGNATURE = 0x43425355, CSW_SIGNATURE = 0x53425355;

/** The stick's size: 64 MiB, as `-drive file=stick.img,size=64M`. */
export const STICK_BYTES = 64 * 1024 * 1024;

/** desc_device_high / desc_iface_high of dev-storage.c: QEMU's vendor id, one interface of class 8 (mass storage), SCSI transparent, Bulk-Only. */
export const MSD_DESC = (serial: string): USBDesc => ({
  dev: {
    bcdUSB: 0x0200, bDeviceClass: 0, bDeviceSubClass: 0, bDeviceProtocol: 0, bMaxPacketSize0: 64,
    idVendor: 0x46f4, idProduct: 0x0001, bcdDevice: 0x0000, iManufacturer: 1, iProduct: 2, iSerialNumber: 3,
    confs: [{
      bConfigurationValue: 1, iConfiguration: 5, bmAttributes: 0xc0, bMaxPower: 0,
      ifs: [{
        bInterfaceNumber: 0, bAlternateSetting: 0, bInterfaceClass: 0x08, bInterfaceSubClass: 0x06, bInterfaceProtocol: 0x50, iInterface: 0,
        eps: [
          { bEndpointAddress: MSD_EP_IN, bmAttributes: USB_ENDPOINT_XFER_BULK, wMaxPacketSize: 512, bInterval: 0 },
          { bEndpointAddress: MSD_EP_OUT, bmAttributes: USB_ENDPOINT_XFER_BULK, wMaxPacketSize: 512, bInterval: 0 },
        ],
      }],
    }],
  },
  str: ['QEMU', 'QEMU USB HARDDRIVE', serial, 'Full speed config (usb 1.1)', 'High speed config (usb 2.0)', 'Super speed config (usb 3.0)'],
});

/** The file the stick carries, so that a learner who mounts it finds something. */
const README = 'This is the Kernel Workbench USB stick.\nIt is an ext2 filesystem in the first partition of sda.\n';

/** The stick's image: an MBR with one Linux partition from sector 2048 and an ext2 filesystem labelled KWBSTICK in it. */
export function stick_image(): Map<number, Uint8Array> {
  const uuid = new Uint8Array([0x4b, 0x57, 0x42, 0x53, 0x54, 0x49, 0x43, 0x4b, 0x80, 0x00, 0x46, 0xf4, 0x00, 0x01, 0x00, 0x01]);
  const tree = [
    { path: '/README.txt', mode: 0o100644, data: new TextEncoder().encode(README) },
  ];
  const pages = mkext2_disk_pages(STICK_BYTES, { tree, uuid, now: 1_700_000_000, label: 'KWBSTICK' });
  // The image is made from constants; a failure here is a bug in this file, not in the guest's input.
  if (typeof pages === 'string') throw new Error(`usb-storage stick image: ${pages}`);
  return pages;
}

type msd_mode = 'cbw' | 'data_out' | 'data_in' | 'csw';

export class MSDState extends USBDevice {
  readonly name = 'usb-storage';
  readonly desc: USBDesc;
  readonly disk: SCSIDiskState;
  private mode: msd_mode = 'cbw';
  private tag = 0;
  /** Bytes the host said it would move in the data phase (dCBWDataTransferLength) and what remains of them. */
  private data_len = 0;
  private residue = 0;
  private cdb = new Uint8Array(0);
  private out: number[] = [];
  private in_buf: Uint8Array = new Uint8Array(0);
  private status = GOOD;

  /** `serial` is what QEMU builds from the controller's path and the port ("1-0000:00:04.0-1"). */
  constructor(ctx: HwContext, id: string, serial: string, pages: Map<number, Uint8Array> = stick_image()) {
    super(ctx, id, 'high');
    this.desc = MSD_DESC(serial);
    this.disk = new SCSIDiskState(pages, STICK_BYTES / 512);
  }

  protected override handle_class_control(s: USBSetup, _data: Uint8Array): USBPacketResult {
    if ((s.bmRequestType & USB_TYPE_MASK) !== USB_TYPE_CLASS) return USB_RET_STALL;
    if (s.bRequest === MassStorageReset && s.bmRequestType === 0x21) { this.mode = 'cbw'; return usb_ok(); }
    if (s.bRequest === GetMaxLun && s.bmRequestType === 0xa1) return usb_ok(new Uint8Array([0]).subarray(0, s.wLength));
    return USB_RET_STALL;
  }

  /** OUT: a CBW starts a command; in the data-out phase the bytes are the command's data. */
  protected override handle_out(ep: number, data: Uint8Array): USBPacketResult {
    if (ep !== MSD_EP_OUT) return USB_RET_STALL;
    if (this.mode === 'data_out') {
      this.out.push(...data);
      if (this.out.length >= this.data_len) {
        // A command that takes no data-out (MODE SELECT here) runs without it: the bytes are read and dropped.
        const out = Uint8Array.from(this.out.slice(0, this.data_len));
        this.status = this.disk.command(this.cdb, this.disk.data_out_len(this.cdb) ? out : new Uint8Array(0)).status;
        this.residue = 0;
        this.mode = 'csw';
      }
      return usb_ok();
    }
    if (this.mode !== 'cbw') { this.guest_error(`data on bulk OUT in the ${this.mode} phase: STALL`); return USB_RET_STALL; }
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (data.length !== 31 || v.getUint32(0, true) !== CBW_SIGNATURE) { this.guest_error(`bad CBW (${data.length} bytes): STALL`); return USB_RET_STALL; }
    this.tag = v.getUint32(4, true);
    this.data_len = v.getUint32(8, true);
    const dir_in = (data[12]! & 0x80) !== 0, cb_len = data[14]! & 0x1f;
    this.cdb = data.slice(15, 15 + cb_len);
    this.out = [];
    if (!dir_in && this.data_len > 0) { this.mode = 'data_out'; return usb_ok(); }
    const r = this.disk.command(this.cdb);
    this.status = r.status;
    if (dir_in && this.data_len > 0) {
      // Data-in, possibly shorter than asked (or none, for a failed command): a short packet ends it, the CSW carries the residue.
      this.in_buf = r.data.subarray(0, this.data_len);
      this.residue = this.data_len - this.in_buf.length;
      this.mode = 'data_in';
    } else {
      this.residue = 0;
      this.mode = 'csw';
    }
    return usb_ok();
  }

  /** IN: the data phase, then the CSW (signature, tag, residue, status). */
  protected override handle_in(ep: number, len: number): USBPacketResult {
    if (ep !== MSD_EP_IN) return USB_RET_STALL;
    if (this.mode === 'data_in') {
      const chunk = this.in_buf.subarray(0, len);
      this.in_buf = this.in_buf.subarray(chunk.length);
      // A short answer ends the data phase: the host sees a short packet, the CSW carries the residue.
      if (!this.in_buf.length) this.mode = 'csw';
      return usb_ok(chunk.slice());
    }
    if (this.mode !== 'csw') { this.guest_error(`bulk IN in the ${this.mode} phase: STALL`); return USB_RET_STALL; }
    const csw = new Uint8Array(13), v = new DataView(csw.buffer);
    v.setUint32(0, CSW_SIGNATURE, true); v.setUint32(4, this.tag, true); v.setUint32(8, this.residue, true);
    csw[12] = this.status === CHECK_CONDITION ? 1 : 0;
    this.mode = 'cbw';
    return usb_ok(csw.subarray(0, len));
  }

  protected override device_reset(): void { this.mode = 'cbw'; this.disk.reset(); }
}

export const usb_types: USBDeviceType[] = [
  { name: 'usb-storage', desc: 'USB stick (Bulk-Only mass storage, 64 MiB, ext2 in sda1)', speed: 'high', create: (ctx, id, serial) => new MSDState(ctx, id, serial ?? '1') },
];
