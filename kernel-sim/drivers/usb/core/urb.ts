// Models linux/drivers/usb/core/urb.c: URB allocation and references, usb_submit_urb's checks, unlinking, usb_kill_urb / usb_poison_urb (wait until the URB is given back and refuse resubmission), and the usb_fill_*_urb helpers.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type urb, type usb_device, type usb_host_endpoint, PIPE_BULK, PIPE_CONTROL, PIPE_INTERRUPT, USB_ENDPOINT_XFERTYPE_MASK,
  USB_ENDPOINT_XFER_BULK, USB_ENDPOINT_XFER_CONTROL, USB_ENDPOINT_XFER_INT, USB_STATE_DEFAULT, usb_pipeendpoint, usb_pipein, usb_pipetype,
} from '../../../include/linux/usb.ts';
import { EBUSY, ECONNRESET, EINPROGRESS, EINVAL, ENODEV, ENOENT, ENOEXEC, EIDRM } from '../../../include/uapi/asm-generic/errno.ts';
import { wait_event } from '../../../kernel/sched/wait.ts';
import { usbState } from './usb-internal.ts';
import { usb_hcd_submit_urb, usb_hcd_unlink_urb } from './hcd.ts';

export function usb_alloc_urb(): urb {
  return {
    dev: null, ep: null, pipe: 0, transfer_flags: 0, transfer_buffer: new Uint8Array(0), transfer_buffer_length: 0, actual_length: 0,
    setup_packet: null, status: 0, interval: 0, complete: null, context: null, hcpriv: null, use_count: 0, reject: 0, unlinked: 0,
    refcount: 1, c_addr: 0, transfer_dma: 0, setup_dma: 0,
  };
}

export function usb_get_urb(u: urb | null): urb | null { if (u) u.refcount++; return u; }
/** usb_free_urb: drops a reference; the URB is gone with the last. */
export function usb_free_urb(u: urb | null): void { if (u) u.refcount--; }

export function usb_fill_control_urb(u: urb, dev: usb_device, pipe: number, setup: Uint8Array, buf: Uint8Array, len: number, complete: (u: urb) => void, context: unknown): void {
  Object.assign(u, { dev, pipe, setup_packet: setup, transfer_buffer: buf, transfer_buffer_length: len, complete, context });
}
export function usb_fill_bulk_urb(u: urb, dev: usb_device, pipe: number, buf: Uint8Array, len: number, complete: (u: urb) => void, context: unknown): void {
  Object.assign(u, { dev, pipe, transfer_buffer: buf, transfer_buffer_length: len, complete, context });
}
export function usb_fill_int_urb(u: urb, dev: usb_device, pipe: number, buf: Uint8Array, len: number, complete: (u: urb) => void, context: unknown, interval: number): void {
  Object.assign(u, { dev, pipe, transfer_buffer: buf, transfer_buffer_length: len, complete, context, interval });
}

/** usb_pipe_endpoint: the host endpoint a pipe names, or null. */
export function usb_pipe_endpoint(dev: usb_device, pipe: number): usb_host_endpoint | null {
  return (usb_pipein(pipe) ? dev.ep_in : dev.ep_out)[usb_pipeendpoint(pipe)] ?? null;
}

const xfertype_of_pipe: Readonly<Record<number, number>> = { [PIPE_CONTROL]: USB_ENDPOINT_XFER_CONTROL, [PIPE_BULK]: USB_ENDPOINT_XFER_BULK, [PIPE_INTERRUPT]: USB_ENDPOINT_XFER_INT };

/**
 * usb_submit_urb: queues the URB on its endpoint; the completion handler runs later in interrupt context.
 * -ENODEV for a device being disconnected, -EBUSY for an URB already queued, -EPERM while it is being killed or poisoned.
 */
export function usb_submit_urb(u: urb): number {
  if (!u.complete) return -EINVAL;
  const dev = u.dev;
  if (!dev || dev.state < USB_STATE_DEFAULT) return -ENODEV;
  if (dev.gone) return -ENODEV;
  const ep = usb_pipe_endpoint(dev, u.pipe);
  if (!ep) return -ENOENT;
  // An URB still queued (hcpriv set) is busy; its own completion handler may resubmit it (hcpriv is cleared before giveback).
  if (u.hcpriv) return -EBUSY;
  if (xfertype_of_pipe[usb_pipetype(u.pipe)] !== (ep.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK)) return -EPIPE_TYPE;
  if (u.transfer_buffer_length < 0 || u.transfer_buffer_length > u.transfer_buffer.length) return -EINVAL;
  u.ep = ep;
  u.status = -EINPROGRESS;
  u.actual_length = 0;
  return usb_hcd_submit_urb(u);
}
/** A pipe whose type differs from its endpoint's: "usb_submit_urb: BOGUS urb xfer" in Linux, -ENOEXEC. */
const EPIPE_TYPE = ENOEXEC;

/** usb_unlink_urb: asks the HCD to give the URB back with `-ECONNRESET`; does not wait. */
export function usb_unlink_urb(u: urb | null): number {
  if (!u) return -EINVAL;
  if (!u.dev) return -ENODEV;
  if (!u.ep) return -EIDRM;
  return usb_hcd_unlink_urb(u, -ECONNRESET);
}

/** usb_kill_urb: cancels the URB (status -ENOENT), sleeps until its completion handler has run, and refuses resubmission meanwhile. */
export function* usb_kill_urb(u: urb | null): KGen<void> {
  if (!u || !u.dev || !u.ep) return;
  u.reject++;
  usb_hcd_unlink_urb(u, -ENOENT);
  yield* wait_event(usbState().kill_urb_queue, () => u.use_count === 0, 'usb_kill_urb');
  u.reject--;
}

/** usb_poison_urb: as usb_kill_urb, but the URB stays refused (-EPERM) until usb_unpoison_urb. */
export function* usb_poison_urb(u: urb | null): KGen<void> {
  if (!u) return;
  u.reject++;
  if (!u.dev || !u.ep) return;
  usb_hcd_unlink_urb(u, -ENOENT);
  yield* wait_event(usbState().kill_urb_queue, () => u.use_count === 0, 'usb_poison_urb');
}

export function usb_unpoison_urb(u: urb | null): void { if (u && u.reject > 0) u.reject--; }
