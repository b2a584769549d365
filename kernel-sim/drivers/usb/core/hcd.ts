// Models linux/drivers/usb/core/hcd.c: host controllers as usbcore sees them — bus numbers, the virtual root hub (its descriptors, control requests passed to hub_control, the status URB), URB submission through DMA mappings to the HCD, giveback and unlinking.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type hc_driver, type urb, type usb_bus, type usb_device, type usb_hcd, type usb_host_endpoint, HCD_USB3, USB_REQ_GET_DESCRIPTOR,
  USB_REQ_GET_STATUS, USB_REQ_GET_CONFIGURATION, USB_REQ_SET_CONFIGURATION, USB_REQ_SET_ADDRESS, USB_REQ_CLEAR_FEATURE, USB_REQ_SET_FEATURE,
  USB_DT_DEVICE, USB_DT_CONFIG, USB_DT_STRING, PIPE_CONTROL, PIPE_INTERRUPT, usb_pipein, usb_pipetype,
} from '../../../include/linux/usb.ts';
import type { device } from '../../base/base.ts';
import { dev_name, dev_info } from '../../base/core.ts';
import { DMA_FROM_DEVICE, DMA_TO_DEVICE, dma_map_single, dma_unmap_single, dma_mapping_error } from '../../../kernel/dma/mapping.ts';
import { EBUSY, EIDRM, ENOMEM, ENOENT, EPERM, EPIPE, EREMOTEIO, ESHUTDOWN, EXDEV } from '../../../include/uapi/asm-generic/errno.ts';
import { __wake_up, wait_event, wait_queue_head } from '../../../kernel/sched/wait.ts';
import { TASK_NORMAL } from '../../../include/linux/sched.ts';
import { UTS_RELEASE } from '../../../kernel/nsproxy.ts';
import { usbState } from './usb-internal.ts';

/** hcd.c's root hub device descriptors: Linux Foundation 1d6b, product 0002 (2.0) / 0003 (3.0), bcdDevice = the kernel version. */
const KERNEL_BCD = 0x0601;
const rh_dev_descriptor = (usb3: boolean): Uint8Array => new Uint8Array([
  18, USB_DT_DEVICE, 0x00, usb3 ? 0x03 : 0x02, 0x09, 0x00, usb3 ? 0x03 : 0x01, usb3 ? 0x09 : 0x40,
  0x6b, 0x1d, usb3 ? 0x03 : 0x02, 0x00, KERNEL_BCD & 0xff, KERNEL_BCD >> 8, 3, 2, 1, 1,
]);
/** hs_rh_config_descriptor / ss_rh_config_descriptor: one hub interface with its status-change interrupt endpoint 0x81. */
const rh_config_descriptor = (usb3: boolean): Uint8Array => new Uint8Array([
  9, USB_DT_CONFIG, usb3 ? 31 : 25, 0, 1, 1, 0, 0xe0, 0,
  9, 4, 0, 0, 1, 9, 0, 0, 0,
  7, 5, 0x81, 3, 4, 0, usb3 ? 0x0c : 0x0c,
  ...(usb3 ? [6, 0x30, 0, 0, 2, 0] : []),
]);

function rh_string(hcd: usb_hcd, id: number): string | null {
  // The init namespace's utsname: sysname and release as the kernel was built.
  return [null, dev_name(hcd.self.controller), hcd.product_desc, `Linux ${UTS_RELEASE} ${hcd.driver.description}`][id] ?? null;
}

function string_descriptor(s: string): Uint8Array {
  const out = [2 + 2 * s.length, USB_DT_STRING];
  for (const ch of s) out.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  return new Uint8Array(out);
}

/** usb_create_hcd: the host controller state for `controller` (the PCI function). */
export function usb_create_hcd(driver: hc_driver, controller: device, bus_name: string, primary: usb_hcd | null): usb_hcd {
  const hcd = {
    driver, product_desc: driver.product_desc, irq: 0, speed: primary ? HCD_USB3 : driver.flags & HCD_USB3 && !(driver.flags & 0x0004) ? HCD_USB3 : 0x0020,
    primary_hcd: primary, shared_hcd: null, status_urb: null, poll_pending: false, rh_registered: false, hcd_priv: primary?.hcd_priv ?? null,
    wq: new wait_queue_head('hcd'),
  } as unknown as usb_hcd;
  hcd.self = { busnum: 0, bus_name, controller, root_hub: null, devmap: new Set(), devnum_next: 1, hcd } as usb_bus;
  if (primary) primary.shared_hcd = hcd;
  return hcd;
}

export const usb_hcd_is_primary_hcd = (hcd: usb_hcd): boolean => !hcd.primary_hcd;
export const bus_to_hcd = (bus: usb_bus): usb_hcd => bus.hcd;

/** usb_register_bus: the lowest free bus number, and "new USB bus registered". */
export function usb_register_bus(bus: usb_bus): number {
  const st = usbState();
  let n = 1;
  while (st.busmap.has(n)) n++;
  st.busmap.add(n);
  bus.busnum = n;
  st.buses.push(bus);
  dev_info(bus.controller, `new USB bus registered, assigned bus number ${n}`);
  return 0;
}

export function usb_deregister_bus(bus: usb_bus): void {
  const st = usbState();
  dev_info(bus.controller, `USB bus ${bus.busnum} deregistered`);
  st.busmap.delete(bus.busnum);
  st.buses.splice(st.buses.indexOf(bus), 1);
}

// ---- the virtual root hub ----------------------------------------------------------------

/** rh_call_control: standard requests answered from hcd.c's descriptors, hub class requests by the HCD's hub_control. */
function rh_call_control(hcd: usb_hcd, u: urb): number {
  const s = u.setup_packet!;
  const typeReq = (s[0]! << 8) | s[1]!, wValue = s[2]! | (s[3]! << 8), wIndex = s[4]! | (s[5]! << 8), wLength = s[6]! | (s[7]! << 8);
  const usb3 = hcd.speed === HCD_USB3;
  let data: Uint8Array | null = null, status = 0;
  const std = (dir: number, req: number): boolean => typeReq === ((dir << 8) | req);
  if (std(0x80, USB_REQ_GET_STATUS)) data = new Uint8Array([1, 0]);
  else if (std(0x00, USB_REQ_CLEAR_FEATURE) || std(0x00, USB_REQ_SET_FEATURE)) data = new Uint8Array(0);
  else if (std(0x80, USB_REQ_GET_CONFIGURATION)) data = new Uint8Array([1]);
  else if (std(0x00, USB_REQ_SET_CONFIGURATION) || std(0x00, USB_REQ_SET_ADDRESS)) data = new Uint8Array(0);
  else if (std(0x80, USB_REQ_GET_DESCRIPTOR)) {
    const type = wValue >> 8, idx = wValue & 0xff;
    if (type === USB_DT_DEVICE) data = rh_dev_descriptor(usb3);
    else if (type === USB_DT_CONFIG) data = rh_config_descriptor(usb3);
    else if (type === USB_DT_STRING) {
      const str = idx === 0 ? null : rh_string(hcd, idx);
      data = idx === 0 ? new Uint8Array([4, USB_DT_STRING, 0x09, 0x04]) : str ? string_descriptor(str) : null;
    }
    if (!data) status = -EPIPE;
  } else if (std(0x81, 0x0a) || std(0x01, 0x0b)) data = new Uint8Array(std(0x81, 0x0a) ? 1 : 0);
  else {
    const buf = new Uint8Array(Math.max(wLength, 4));
    const r = hcd.driver.hub_control(hcd, typeReq, wValue, wIndex, buf, wLength);
    if (r < 0) status = r;
    else data = buf.subarray(0, r > 0 ? r : (typeReq & 0x8000 ? Math.min(wLength, buf.length) : 0));
  }
  if (data) {
    const n = Math.min(data.length, u.transfer_buffer_length);
    u.transfer_buffer.set(data.subarray(0, n));
    u.actual_length = n;
  }
  u.status = status;
  return 0;
}

/** usb_hcd_poll_rh_status: the HCD says which ports changed; the root hub's status URB completes with that bitmap. */
export function usb_hcd_poll_rh_status(hcd: usb_hcd): void {
  if (!hcd.rh_registered) return;
  const bitmap = hcd.driver.hub_status_data(hcd);
  if (!bitmap) return;
  const u = hcd.status_urb;
  if (!u) { hcd.poll_pending = true; return; }
  hcd.poll_pending = false;
  hcd.status_urb = null;
  const n = Math.min(u.transfer_buffer_length, 4);
  for (let i = 0; i < n; i++) u.transfer_buffer[i] = (bitmap >> (8 * i)) & 0xff;
  u.actual_length = n;
  u.status = 0;
  usb_hcd_giveback_urb(hcd, u, 0);
}

function rh_urb_enqueue(hcd: usb_hcd, u: urb): number {
  if (usb_pipetype(u.pipe) === PIPE_INTERRUPT) {
    if (hcd.status_urb) return -EBUSY;
    u.ep!.urb_list.push(u);
    // "indicate it's queued", as rh_queue_status does.
    u.hcpriv = hcd;
    hcd.status_urb = u;
    if (hcd.poll_pending) usb_hcd_poll_rh_status(hcd);
    return 0;
  }
  if (usb_pipetype(u.pipe) !== PIPE_CONTROL) return -EINVAL_PIPE;
  u.ep!.urb_list.push(u);
  rh_call_control(hcd, u);
  usb_hcd_giveback_urb(hcd, u, u.status);
  return 0;
}
const EINVAL_PIPE = -EXDEV;

// ---- URBs ------------------------------------------------------------------------------------

const is_root_hub = (udev: usb_device): boolean => !udev.parent;

/** usb_hcd_map_urb_for_dma: the setup packet and the data stage get bus addresses for the controller. */
function usb_hcd_map_urb_for_dma(hcd: usb_hcd, u: urb): number {
  const dev = hcd.self.controller;
  if (u.setup_packet) {
    u.setup_dma = dma_map_single(dev, u.setup_packet, 8, DMA_TO_DEVICE);
    if (dma_mapping_error(dev, u.setup_dma)) return -ENOMEM;
  }
  if (u.transfer_buffer_length > 0) {
    u.transfer_dma = dma_map_single(dev, u.transfer_buffer, u.transfer_buffer_length, usb_pipein(u.pipe) ? DMA_FROM_DEVICE : DMA_TO_DEVICE);
    if (dma_mapping_error(dev, u.transfer_dma)) return -ENOMEM;
  }
  return 0;
}

function usb_hcd_unmap_urb_for_dma(hcd: usb_hcd, u: urb): void {
  const dev = hcd.self.controller;
  if (u.setup_dma) { dma_unmap_single(dev, u.setup_dma, 8, DMA_TO_DEVICE); u.setup_dma = 0; }
  if (u.transfer_dma) { dma_unmap_single(dev, u.transfer_dma, u.transfer_buffer_length, usb_pipein(u.pipe) ? DMA_FROM_DEVICE : DMA_TO_DEVICE); u.transfer_dma = 0; }
}

/** usb_hcd_submit_urb: refuses killed URBs (usb_hcd_link_urb_to_ep), maps the buffers, and hands the URB to the root hub or the HCD. */
export function usb_hcd_submit_urb(u: urb): number {
  const udev = u.dev!, hcd = udev.bus.hcd;
  if (u.reject > 0) return -EPERM;
  if (!u.ep!.enabled) return -ENOENT;
  u.use_count++;
  u.unlinked = 0;
  let r: number;
  if (is_root_hub(udev)) r = rh_urb_enqueue(hcd, u);
  else {
    r = usb_hcd_map_urb_for_dma(hcd, u);
    if (!r) {
      u.ep!.urb_list.push(u);
      r = hcd.driver.urb_enqueue(hcd, u);
      if (r) u.ep!.urb_list.splice(u.ep!.urb_list.indexOf(u), 1);
    }
    if (r) usb_hcd_unmap_urb_for_dma(hcd, u);
  }
  if (r) {
    u.use_count--;
    u.status = r;
    if (u.reject) __wake_up(usbState().kill_urb_queue, TASK_NORMAL, 0);
  }
  return r;
}

/** usb_hcd_giveback_urb: the URB leaves its endpoint, its buffers are unmapped, its completion handler runs (interrupt context), killers wake. */
export function usb_hcd_giveback_urb(hcd: usb_hcd, u: urb, status: number): void {
  const ep = u.ep;
  if (ep) { const i = ep.urb_list.indexOf(u); if (i >= 0) ep.urb_list.splice(i, 1); }
  if (!is_root_hub(u.dev!)) usb_hcd_unmap_urb_for_dma(hcd, u);
  u.hcpriv = null;
  u.status = u.unlinked ? u.unlinked : status;
  if (u.status === 0 && u.transfer_flags & 1 && u.actual_length < u.transfer_buffer_length && usb_pipein(u.pipe)) u.status = -EREMOTEIO;
  try { u.complete?.(u); } finally {
    u.use_count--;
    // usb_kill_urb and endpoint flushes sleep on this queue until their URBs are back.
    __wake_up(usbState().kill_urb_queue, TASK_NORMAL, 0);
  }
}

/** usb_hcd_unlink_urb: marks the URB unlinked with `status`; the root hub gives it back at once, the HCD when its ring is stopped. */
export function usb_hcd_unlink_urb(u: urb, status: number): number {
  if (u.use_count === 0 || !u.ep || !u.ep.urb_list.includes(u)) return -EIDRM;
  if (u.unlinked) return -EBUSY;
  u.unlinked = status;
  const udev = u.dev!, hcd = udev.bus.hcd;
  if (is_root_hub(udev)) {
    if (hcd.status_urb === u) hcd.status_urb = null;
    usb_hcd_giveback_urb(hcd, u, status);
    return 0;
  }
  return hcd.driver.urb_dequeue(hcd, u, status);
}

/** usb_hcd_flush_endpoint: unlinks every URB still queued on `ep` (device disconnect, configuration change) and waits for them. */
export function* usb_hcd_flush_endpoint(udev: usb_device, ep: usb_host_endpoint | null): KGen<void> {
  if (!ep) return;
  for (const u of ep.urb_list.slice()) usb_hcd_unlink_urb(u, -ESHUTDOWN);
  yield* wait_event(usbState().kill_urb_queue, () => ep.urb_list.length === 0, 'usb_hcd_flush_endpoint');
  void udev;
}
