// Models linux/drivers/usb/storage/transport.c: the Bulk-Only transport (a CBW out, the data phase, a CSW in), Get Max LUN, and the automatic REQUEST SENSE after a failed command (usb_stor_invoke_transport).
import type { KGen } from '../../../include/linux/sched.ts';
import { type urb, USB_DIR_IN, USB_RECIP_INTERFACE, USB_TYPE_CLASS, usb_rcvctrlpipe } from '../../../include/linux/usb.ts';
import { usb_control_msg } from '../core/message.ts';
import { usb_alloc_urb, usb_fill_bulk_urb, usb_submit_urb } from '../core/urb.ts';
import {
  type scsi_cmnd, DID_ABORT, DID_ERROR, DMA_FROM_DEVICE, DMA_TO_DEVICE, REQUEST_SENSE, SAM_STAT_CHECK_CONDITION, SAM_STAT_GOOD,
} from '../../scsi/scsi_types.ts';
import type { us_data } from './usb.ts';

export const US_BULK_CB_SIGN = 0x43425355, US_BULK_CS_SIGN = 0x53425355;
export const US_BULK_FLAG_IN = 0x80;
export const US_BULK_STAT_OK = 0, US_BULK_STAT_FAIL = 1, US_BULK_STAT_PHASE = 2;
export const US_BULK_GET_MAX_LUN = 0xfe;
/** What a transport call came to (USB_STOR_TRANSPORT_*). */
export const USB_STOR_TRANSPORT_GOOD = 0, USB_STOR_TRANSPORT_FAILED = 1, USB_STOR_TRANSPORT_ERROR = 3;
const US_SENSE_SIZE = 18;

/** usb_stor_Bulk_max_lun: GET MAX LUN (class request to the interface); a device that stalls it has LUN 0 only. */
export function* usb_stor_Bulk_max_lun(us: us_data): KGen<number> {
  const buf = new Uint8Array(1);
  const r = yield* usb_control_msg(us.pusb_dev, usb_rcvctrlpipe(us.pusb_dev, 0), US_BULK_GET_MAX_LUN, USB_DIR_IN | USB_TYPE_CLASS | USB_RECIP_INTERFACE,
    0, us.ifnum, buf, 1, 10_000);
  return r > 0 && buf[0]! <= 15 ? buf[0]! : 0;
}

/** One Bulk-Only exchange in flight: its command, the CBW/data/CSW URB, and whom to tell how it ended (USB_STOR_TRANSPORT_*). */
interface bulk_xfer { srb: scsi_cmnd; us: us_data; urb: urb; moved: number; done: (result: number) => void }

function bulk_submit(x: bulk_xfer, pipe: number, buf: Uint8Array, len: number, next: (x: bulk_xfer, u: urb) => void): void {
  usb_fill_bulk_urb(x.urb, x.us.pusb_dev, pipe, buf, len, (u) => next(x, u), x);
  if (usb_submit_urb(x.urb)) x.done(USB_STOR_TRANSPORT_ERROR);
}

/**
 * usb_stor_Bulk_transport: the command through the three phases, each an URB whose completion (interrupt context) starts the
 * next; the residue the CSW reports goes to the command. Linux sleeps between the phases in its control thread; chaining the
 * completions instead lets the command finish where nothing may sleep (the buffer cache's synchronous reads poll for it).
 */
export function usb_stor_Bulk_transport(srb: scsi_cmnd, us: us_data, done: (result: number) => void): void {
  const dir_in = srb.sc_data_direction === DMA_FROM_DEVICE;
  const transfer_length = srb.sc_data_direction === DMA_FROM_DEVICE || srb.sc_data_direction === DMA_TO_DEVICE ? srb.sdb.length : 0;
  const cbw = new Uint8Array(31), cv = new DataView(cbw.buffer);
  cv.setUint32(0, US_BULK_CB_SIGN, true);
  cv.setUint32(4, ++us.tag >>> 0, true);
  cv.setUint32(8, transfer_length, true);
  cbw[12] = dir_in ? US_BULK_FLAG_IN : 0;
  cbw[13] = srb.device.lun;
  cbw[14] = srb.cmnd.length;
  cbw.set(srb.cmnd.subarray(0, 16), 15);
  const x: bulk_xfer = { srb, us, urb: usb_alloc_urb(), moved: 0, done };
  const csw = new Uint8Array(13);
  const status_phase = (): void => bulk_submit(x, us.recv_bulk_pipe, csw, 13, (_, u) => {
    const sv = new DataView(csw.buffer);
    if (u.status || u.actual_length < 13 || sv.getUint32(0, true) !== US_BULK_CS_SIGN || sv.getUint32(4, true) !== us.tag >>> 0) { done(USB_STOR_TRANSPORT_ERROR); return; }
    // The residue: what the device says it did not move, at least what the bus did not.
    srb.resid = Math.max(sv.getUint32(8, true), transfer_length - x.moved);
    done(csw[12] === US_BULK_STAT_OK ? USB_STOR_TRANSPORT_GOOD : csw[12] === US_BULK_STAT_FAIL ? USB_STOR_TRANSPORT_FAILED : USB_STOR_TRANSPORT_ERROR);
  });
  bulk_submit(x, us.send_bulk_pipe, cbw, 31, (_, u) => {
    if (u.status) { done(USB_STOR_TRANSPORT_ERROR); return; }
    if (!transfer_length) { status_phase(); return; }
    bulk_submit(x, dir_in ? us.recv_bulk_pipe : us.send_bulk_pipe, srb.sdb, transfer_length, (_, d) => {
      // A short IN transfer is no error: the CSW says how much was missing.
      if (d.status) { done(USB_STOR_TRANSPORT_ERROR); return; }
      x.moved = d.actual_length;
      status_phase();
    });
  });
}

/**
 * usb_stor_invoke_transport: the command; after a failure, REQUEST SENSE right away (the sense is lost with the next command),
 * its data in the command's sense buffer. A transport error ends the command with DID_ERROR (a gone device: DID_ABORT).
 */
export function usb_stor_invoke_transport(srb: scsi_cmnd, us: us_data, done: () => void): void {
  usb_stor_Bulk_transport(srb, us, (result) => {
    if (us.disconnecting) { srb.result = DID_ABORT << 16; done(); return; }
    if (result === USB_STOR_TRANSPORT_ERROR) { srb.result = DID_ERROR << 16; done(); return; }
    srb.result = result === USB_STOR_TRANSPORT_FAILED ? SAM_STAT_CHECK_CONDITION : SAM_STAT_GOOD;
    if (result !== USB_STOR_TRANSPORT_FAILED) { done(); return; }
    const sense = new Uint8Array(US_SENSE_SIZE);
    const req: scsi_cmnd = { ...srb, cmnd: new Uint8Array([REQUEST_SENSE, 0, 0, 0, US_SENSE_SIZE, 0]), sc_data_direction: DMA_FROM_DEVICE, sdb: sense, resid: 0 };
    usb_stor_Bulk_transport(req, us, (r) => {
      if (r !== USB_STOR_TRANSPORT_GOOD) srb.result = DID_ERROR << 16;
      else {
        srb.sense_buffer.set(sense);
        // A "no sense" answer means the failure was not real (the check of the sense key and ASC after auto-sense).
        if ((sense[2]! & 0x0f) === 0 && !sense[12] && !sense[13]) srb.result = SAM_STAT_GOOD;
      }
      done();
    });
  });
}
