// Models linux/drivers/usb/core/message.c: synchronous transfers (usb_control_msg, usb_bulk_msg), descriptors and strings, and configurations — SET_CONFIGURATION, interfaces created ("1-1:1.0") and removed (usb_disable_device).
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type urb, type usb_device, type usb_interface, USB_DIR_IN, USB_REQ_GET_DESCRIPTOR, USB_REQ_SET_CONFIGURATION,
  USB_DT_STRING, USB_DT_DEVICE, USB_STATE_ADDRESS, USB_STATE_CONFIGURED, USB_ENDPOINT_XFERTYPE_MASK, USB_ENDPOINT_XFER_INT,
  usb_rcvctrlpipe, usb_sndctrlpipe, PIPE_INTERRUPT, PIPE_BULK,
} from '../../../include/linux/usb.ts';
import type { device_type } from '../../base/base.ts';
import { device_add, device_alloc, device_del, device_initialize, dev_set_name, dev_name, dev_err, put_device } from '../../base/core.ts';
import { add_uevent_var } from '../../../lib/kobject_uevent.ts';
import { EINVAL, ENODATA, ENODEV, ETIMEDOUT } from '../../../include/uapi/asm-generic/errno.ts';
import { __wake_up, wait_event_timeout } from '../../../kernel/sched/wait.ts';
import { TASK_NORMAL } from '../../../include/linux/sched.ts';
import { usbState, to_usb_interface } from './usb-internal.ts';
import { usb_bus_type, usb_modalias } from './driver.ts';
import { usb_interface_groups } from './sysfs.ts';
import { usb_alloc_urb, usb_fill_bulk_urb, usb_fill_control_urb, usb_free_urb, usb_kill_urb, usb_submit_urb, usb_pipe_endpoint } from './urb.ts';
import { usb_enable_endpoint, usb_disable_endpoint } from './endpoint.ts';

export const USB_CTRL_GET_TIMEOUT = 5000, USB_CTRL_SET_TIMEOUT = 5000;
const MS = 1_000_000;

/** usb_start_wait_urb: submits and sleeps until completion or the timeout (then the URB is killed: -ETIMEDOUT). */
function* usb_start_wait_urb(u: urb, timeout_ms: number): KGen<number> {
  let done = false;
  const complete = u.complete;
  u.complete = (x) => { done = true; complete?.(x); __wake_up(usbState().kill_urb_queue, TASK_NORMAL, 0); };
  const r = usb_submit_urb(u);
  if (r) { usb_free_urb(u); return r; }
  const left = yield* wait_event_timeout(usbState().kill_urb_queue, () => done, timeout_ms ? timeout_ms * MS : Number.MAX_SAFE_INTEGER);
  if (!left && !done) {
    yield* usb_kill_urb(u);
    usb_free_urb(u);
    return -ETIMEDOUT;
  }
  usb_free_urb(u);
  return u.status ? u.status : u.actual_length;
}

/** The completion of a synchronous URB: usb_start_wait_urb's wrapper wakes the waiter. */
const wake_sync = (): void => { /* nothing more to do */ };

/** usb_control_msg: a control transfer on `pipe`; the number of bytes transferred or a negative errno. */
export function* usb_control_msg(dev: usb_device, pipe: number, request: number, requesttype: number, value: number, index: number, data: Uint8Array, size: number, timeout_ms: number): KGen<number> {
  const setup = new Uint8Array([requesttype, request, value & 0xff, value >> 8, index & 0xff, index >> 8, size & 0xff, size >> 8]);
  const u = usb_alloc_urb();
  usb_fill_control_urb(u, dev, pipe, setup, data, size, wake_sync, null);
  return yield* usb_start_wait_urb(u, timeout_ms);
}

/** usb_bulk_msg: a bulk (or, on an interrupt endpoint, interrupt) transfer; `actual` receives the bytes moved. */
export function* usb_bulk_msg(dev: usb_device, pipe: number, data: Uint8Array, len: number, actual: { value: number }, timeout_ms: number): KGen<number> {
  const ep = usb_pipe_endpoint(dev, pipe);
  if (!ep || len < 0) return -EINVAL;
  const u = usb_alloc_urb();
  // An interrupt endpoint gets an interrupt URB (the pipe's type is corrected, as usb_bulk_msg does).
  const p = (ep.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK) === USB_ENDPOINT_XFER_INT ? (pipe & ~(3 << 30)) | (PIPE_INTERRUPT << 30) : (pipe & ~(3 << 30)) | (PIPE_BULK << 30);
  usb_fill_bulk_urb(u, dev, p, data, len, wake_sync, null);
  const r = yield* usb_start_wait_urb(u, timeout_ms);
  actual.value = u.actual_length;
  return r < 0 ? r : 0;
}

/** usb_get_descriptor: GET_DESCRIPTOR with three tries (as message.c); bytes read. */
export function* usb_get_descriptor(dev: usb_device, type: number, index: number, buf: Uint8Array, size: number): KGen<number> {
  let r = -ENODEV;
  for (let i = 0; i < 3; i++) {
    buf.fill(0, 0, size);
    r = yield* usb_control_msg(dev, usb_rcvctrlpipe(dev, 0), USB_REQ_GET_DESCRIPTOR, USB_DIR_IN, (type << 8) + index, 0, buf, size, USB_CTRL_GET_TIMEOUT);
    if (r <= 0 && r !== -ETIMEDOUT) continue;
    if (r > 1 && buf[1] !== type) { r = -ENODATA; continue; }
    break;
  }
  return r;
}

/** usb_get_device_descriptor: the first `size` bytes of the device descriptor. */
export function* usb_get_device_descriptor(dev: usb_device, size: number): KGen<{ r: number; buf: Uint8Array }> {
  const buf = new Uint8Array(18);
  const r = yield* usb_get_descriptor(dev, USB_DT_DEVICE, 0, buf, size);
  return { r, buf };
}

/** usb_string: string `index` in the device's first language, as text ("?" for what is not Latin-1, as utf16s_to_utf8s). */
export function* usb_string(dev: usb_device, index: number): KGen<string | null> {
  if (!index) return null;
  const buf = new Uint8Array(255);
  let r = yield* usb_control_msg(dev, usb_rcvctrlpipe(dev, 0), USB_REQ_GET_DESCRIPTOR, USB_DIR_IN, (USB_DT_STRING << 8) + 0, 0, buf, 255, USB_CTRL_GET_TIMEOUT);
  if (r < 4) return null;
  const langid = buf[2]! | (buf[3]! << 8);
  r = yield* usb_control_msg(dev, usb_rcvctrlpipe(dev, 0), USB_REQ_GET_DESCRIPTOR, USB_DIR_IN, (USB_DT_STRING << 8) + index, langid, buf, 255, USB_CTRL_GET_TIMEOUT);
  if (r < 2) return null;
  let s = '';
  for (let i = 2; i + 1 < Math.min(r, buf[0]!); i += 2) s += String.fromCharCode(buf[i]! | (buf[i + 1]! << 8));
  return s;
}

// ---- interfaces ----------------------------------------------------------------------

/** usb_if_uevent: INTERFACE and MODALIAS of an interface. */
export const usb_if_device_type: device_type = {
  name: 'usb_interface',
  uevent(dev, env) {
    const intf = to_usb_interface(dev), a = intf.cur_altsetting.desc;
    return add_uevent_var(env, `INTERFACE=${a.bInterfaceClass}/${a.bInterfaceSubClass}/${a.bInterfaceProtocol}`) || add_uevent_var(env, `MODALIAS=${usb_modalias(intf)}`);
  },
};

/** usb_set_configuration: bandwidth from the HCD, SET_CONFIGURATION, then each interface registered (and probed). */
export function* usb_set_configuration(dev: usb_device, configuration: number): KGen<number> {
  const cp = dev.config.find((c) => c.desc.bConfigurationValue === configuration) ?? null;
  if (!cp && configuration !== 0) return -EINVAL;
  if (dev.actconfig) yield* usb_disable_device(dev, 1);
  const hcd = dev.bus.hcd;
  // usb_hcd_alloc_bandwidth: a root hub's endpoints are virtual; others get the controller's bandwidth (xHCI: Configure Endpoint).
  if (dev.parent && hcd.driver.check_bandwidth) {
    const r = yield* hcd.driver.check_bandwidth(hcd, dev, cp);
    if (r < 0) { dev_err(dev.dev, 'Not enough bandwidth for new device state.'); return r; }
  }
  const r = yield* usb_control_msg(dev, usb_sndctrlpipe(dev, 0), USB_REQ_SET_CONFIGURATION, 0, configuration, 0, new Uint8Array(0), 0, USB_CTRL_SET_TIMEOUT);
  if (r < 0) return r;
  if (!cp) { dev.state = USB_STATE_ADDRESS; return 0; }
  dev.actconfig = cp;
  dev.state = USB_STATE_CONFIGURED;
  cp.interface = [];
  for (const alts of cp.intf_cache) {
    if (!alts) continue;
    const alt = alts.find((a) => a.desc.bAlternateSetting === 0) ?? alts[0]!;
    const intf = { altsetting: alts, cur_altsetting: alt, minor: -1, condition: 'unbound', usb_dev: null, class_dev: null } as unknown as usb_interface;
    const d = device_alloc(intf);
    device_initialize(d);
    d.parent = dev.dev;
    d.bus = usb_bus_type;
    d.type = usb_if_device_type;
    d.groups = usb_interface_groups;
    d.release = () => {};
    intf.dev = d;
    dev_set_name(d, `${dev.bus.busnum}-${dev.devpath}:${configuration}.${alt.desc.bInterfaceNumber}`);
    for (const ep of alt.endpoint) usb_enable_endpoint(dev, ep);
    cp.interface.push(intf);
  }
  for (const intf of cp.interface) {
    const alt = intf.cur_altsetting;
    if (alt.desc.iInterface && alt.string === null) alt.string = yield* usb_string(dev, alt.desc.iInterface);
    const e = yield* device_add(intf.dev);
    if (e) dev_err(dev.dev, `can't add ${dev_name(intf.dev)}, error ${e}`);
  }
  return 0;
}

/** usb_disable_device: interfaces unregistered (drivers disconnected), endpoints flushed, back to the Address state. skip_ep0 keeps ep0. */
export function* usb_disable_device(dev: usb_device, skip_ep0: number): KGen<void> {
  const cp = dev.actconfig;
  if (cp) {
    for (const intf of cp.interface.slice().reverse()) {
      if (intf.dev.kobj.state_in_sysfs) yield* device_del(intf.dev);
      put_device(intf.dev);
    }
    cp.interface = [];
    dev.actconfig = null;
    if (dev.state === USB_STATE_CONFIGURED) dev.state = USB_STATE_ADDRESS;
  }
  for (let i = skip_ep0; i < 16; i++) {
    for (const tab of [dev.ep_in, dev.ep_out]) { const ep = tab[i]; if (ep) yield* usb_disable_endpoint(dev, ep); }
  }
  const hcd = dev.bus.hcd;
  if (dev.parent && hcd.driver.check_bandwidth && cp) yield* hcd.driver.check_bandwidth(hcd, dev, null);
}

/** usb_interface of `dev` numbered `ifnum` in the active configuration (usb_ifnum_to_if). */
export function usb_ifnum_to_if(dev: usb_device, ifnum: number): usb_interface | null {
  return dev.actconfig?.interface.find((i) => i.cur_altsetting.desc.bInterfaceNumber === ifnum) ?? null;
}
