// Models linux/drivers/usb/core/hub.c: the hub driver — its status-change interrupt URB, hub_event on the hub workqueue, port status and reset, enumeration of a new device (hub_port_init, usb_new_device) and usb_disconnect.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type urb, type usb_device, type usb_device_id, type usb_driver, type usb_interface, USB_CLASS_HUB, USB_DIR_IN, USB_DT_HUB, USB_DT_SS_HUB,
  USB_REQ_GET_DESCRIPTOR, USB_RECIP_OTHER, USB_TYPE_CLASS, USB_REQ_GET_STATUS, USB_REQ_SET_FEATURE, USB_REQ_CLEAR_FEATURE, USB_SPEED_SUPER,
  USB_SPEED_HIGH, USB_SPEED_FULL, USB_SPEED_LOW, USB_STATE_NOTATTACHED, USB_STATE_DEFAULT, USB_STATE_ADDRESS, USB_STATE_POWERED,
  USB_PORT_FEAT_POWER, USB_PORT_FEAT_RESET, USB_PORT_FEAT_BH_PORT_RESET, USB_PORT_FEAT_C_CONNECTION, USB_PORT_FEAT_C_ENABLE,
  USB_PORT_FEAT_C_RESET, USB_PORT_FEAT_C_BH_PORT_RESET, USB_PORT_FEAT_C_PORT_LINK_STATE, USB_PORT_STAT_CONNECTION, USB_PORT_STAT_ENABLE,
  USB_PORT_STAT_RESET, USB_PORT_STAT_LOW_SPEED, USB_PORT_STAT_HIGH_SPEED, USB_PORT_STAT_C_CONNECTION, USB_PORT_STAT_C_ENABLE,
  USB_PORT_STAT_C_RESET, USB_PORT_STAT_C_BH_RESET, USB_DEVICE_ID_MATCH_DEV_CLASS, USB_DEVICE_ID_MATCH_INT_CLASS, USB_DT_DEVICE, usb_rcvctrlpipe, usb_sndctrlpipe, usb_rcvintpipe, usb_speed_string,
} from '../../../include/linux/usb.ts';
import { dev_info, dev_err, device_add, device_del, put_device } from '../../base/core.ts';
import { EBUSY, EINVAL, EIO, ENODEV, ENOTCONN, ETIMEDOUT } from '../../../include/uapi/asm-generic/errno.ts';
import { schedule_timeout_uninterruptible } from '../../../kernel/sched/core.ts';
import { INIT_WORK, alloc_workqueue, queue_work, type work_struct } from '../../../kernel/workqueue.ts';
import { interface_to_usbdev, to_usb_interface } from './usb-internal.ts';
import { usb_alloc_dev, usb_set_devt, usb_put_dev } from './usb.ts';
import { usb_alloc_urb, usb_fill_int_urb, usb_submit_urb, usb_kill_urb, usb_free_urb } from './urb.ts';
import { usb_control_msg, usb_get_descriptor, usb_get_device_descriptor, usb_string, usb_disable_device, USB_CTRL_GET_TIMEOUT, USB_CTRL_SET_TIMEOUT } from './message.ts';
import { usb_get_configuration, parse_device_descriptor } from './config.ts';
import { usb_hcd_flush_endpoint } from './hcd.ts';
import { usb_register_driver } from './driver.ts';

const HUB_DEBOUNCE_STABLE_MS = 100, HUB_SHORT_RESET_TIME = 10, HUB_LONG_RESET_TIME = 200, PORT_RESET_TRIES = 5, GET_DESCRIPTOR_BUFSIZE = 64;

export interface usb_hub {
  hdev: usb_device;
  intf: usb_interface;
  urb: urb;
  buffer: Uint8Array;
  nports: number;
  /** Ports with events to look at (bit N = port N, bit 0 = the hub itself). */
  event_bits: number;
  events: work_struct;
  disconnected: boolean;
  superspeed: boolean;
}

export const usb_hub_to_struct_hub = (hdev: usb_device | null): usb_hub | null => (hdev?.hub as usb_hub | null) ?? null;
const msleep = (ms: number): KGen<number> => schedule_timeout_uninterruptible(ms * 1_000_000);

// ---- hub class requests ------------------------------------------------------------------

function* get_port_status(hdev: usb_device, port1: number): KGen<{ r: number; status: number; change: number }> {
  const buf = new Uint8Array(4);
  const r = yield* usb_control_msg(hdev, usb_rcvctrlpipe(hdev, 0), USB_REQ_GET_STATUS, USB_DIR_IN | USB_TYPE_CLASS | USB_RECIP_OTHER, 0, port1, buf, 4, USB_CTRL_GET_TIMEOUT);
  return { r, status: buf[0]! | (buf[1]! << 8), change: buf[2]! | (buf[3]! << 8) };
}
const set_port_feature = (hdev: usb_device, port1: number, feature: number): KGen<number> =>
  usb_control_msg(hdev, usb_sndctrlpipe(hdev, 0), USB_REQ_SET_FEATURE, USB_TYPE_CLASS | USB_RECIP_OTHER, feature, port1, new Uint8Array(0), 0, USB_CTRL_SET_TIMEOUT);
export const usb_clear_port_feature = (hdev: usb_device, port1: number, feature: number): KGen<number> =>
  usb_control_msg(hdev, usb_sndctrlpipe(hdev, 0), USB_REQ_CLEAR_FEATURE, USB_TYPE_CLASS | USB_RECIP_OTHER, feature, port1, new Uint8Array(0), 0, USB_CTRL_SET_TIMEOUT);

// ---- the status-change URB and hub_event ---------------------------------------------------------

/** kick_hub_wq: hub_event runs in the hub workqueue (process context: it may sleep). */
function kick_hub_wq(hub: usb_hub): void {
  if (hub.disconnected) return;
  queue_work(alloc_workqueue('usb_hub_wq'), hub.events);
}

/** hub_irq: the status-change bitmap arrived (interrupt context); remember the ports and resubmit. */
function hub_irq(u: urb): void {
  const hub = u.context as usb_hub;
  if (u.status) return;
  let bits = 0;
  for (let i = 0; i < u.actual_length; i++) bits |= hub.buffer[i]! << (8 * i);
  hub.event_bits |= bits;
  kick_hub_wq(hub);
  usb_submit_urb(u);
}

/** hub_event: each port with an event gets port_event. */
function* hub_event(hub: usb_hub): KGen<void> {
  const bits = hub.event_bits;
  hub.event_bits = 0;
  for (let port1 = 1; port1 <= hub.nports; port1++) {
    if (hub.disconnected) return;
    if (bits & (1 << port1)) yield* port_event(hub, port1);
  }
}

/** port_event: clears the change bits it handles; a connect change (or an enable change on a port that lost its device) reconnects. */
function* port_event(hub: usb_hub, port1: number): KGen<void> {
  const hdev = hub.hdev;
  const st = yield* get_port_status(hdev, port1);
  if (st.r < 0) return;
  let connect_change = false;
  if (st.change & USB_PORT_STAT_C_CONNECTION) { yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_CONNECTION); connect_change = true; }
  if (st.change & USB_PORT_STAT_C_ENABLE) {
    yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_ENABLE);
    if (!(st.status & USB_PORT_STAT_ENABLE) && hdev.children[port1 - 1]) connect_change = true;
  }
  if (st.change & USB_PORT_STAT_C_RESET) yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_RESET);
  if (st.change & USB_PORT_STAT_C_BH_RESET) yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_BH_PORT_RESET);
  if (connect_change) yield* hub_port_connect_change(hub, port1, st.status);
}

/** hub_port_connect_change: the old device (if any) is disconnected; a connected port is enumerated anew. */
function* hub_port_connect_change(hub: usb_hub, port1: number, portstatus: number): KGen<void> {
  const hdev = hub.hdev, udev = hdev.children[port1 - 1];
  if (udev && portstatus & USB_PORT_STAT_CONNECTION && portstatus & USB_PORT_STAT_ENABLE && udev.state !== USB_STATE_NOTATTACHED) return;
  if (udev) yield* usb_disconnect(hdev, port1);
  if (!(portstatus & USB_PORT_STAT_CONNECTION)) return;
  yield* hub_port_connect(hub, port1);
}

/** hub_port_debounce: the connection must be stable for 100 ms. */
function* hub_port_debounce(hub: usb_hub, port1: number): KGen<number> {
  let stable = 0, last = -1;
  for (let t = 0; t < 1500; t += 25) {
    const st = yield* get_port_status(hub.hdev, port1);
    if (st.r < 0) return st.r;
    const conn = st.status & USB_PORT_STAT_CONNECTION;
    if (st.change & USB_PORT_STAT_C_CONNECTION) yield* usb_clear_port_feature(hub.hdev, port1, USB_PORT_FEAT_C_CONNECTION);
    if (conn === last && !(st.change & USB_PORT_STAT_C_CONNECTION)) { stable += 25; if (stable >= HUB_DEBOUNCE_STABLE_MS) return st.status; }
    else { stable = 0; last = conn; }
    yield* msleep(25);
  }
  return -ETIMEDOUT;
}

/** hub_port_connect: allocate, number, initialize and register the device behind `port1`. */
function* hub_port_connect(hub: usb_hub, port1: number): KGen<void> {
  const hdev = hub.hdev;
  const status = yield* hub_port_debounce(hub, port1);
  if (status < 0 || !(status & USB_PORT_STAT_CONNECTION)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    const udev = yield* usb_alloc_dev(hdev, hdev.bus, port1);
    if (!udev) { dev_err(hub.intf.dev, `couldn't allocate usb_device`); return; }
    udev.state = USB_STATE_POWERED;
    udev.speed = hub.superspeed ? USB_SPEED_SUPER : USB_SPEED_FULL;
    choose_devnum(udev);
    let r = yield* hub_port_init(hub, udev, port1);
    if (!r) {
      hdev.children[port1 - 1] = udev;
      r = yield* usb_new_device(udev);
      if (!r) return;
      hdev.children[port1 - 1] = null;
    }
    release_devnum(udev);
    const hcd = udev.bus.hcd;
    if (hcd.driver.free_dev) yield* hcd.driver.free_dev(hcd, udev);
    usb_put_dev(udev);
    if (r === -ENOTCONN || r === -ENODEV) return;
  }
  dev_err(hub.intf.dev, `unable to enumerate USB device on port ${port1}`);
}

/** choose_devnum: the next free address on the bus, wrapping after 127. */
function choose_devnum(udev: usb_device): void {
  const bus = udev.bus;
  let n = bus.devnum_next;
  for (let i = 0; i < 127 && bus.devmap.has(n); i++) n = n >= 127 ? 1 : n + 1;
  bus.devmap.add(n);
  bus.devnum_next = n >= 127 ? 1 : n + 1;
  udev.devnum = n;
}
function release_devnum(udev: usb_device): void {
  if (udev.devnum > 0) udev.bus.devmap.delete(udev.devnum);
}

/** hub_port_reset: SetPortFeature(RESET) (BH reset on USB 3.0 when `warm`), then wait for the reset to finish; the port's speed is the device's. */
function* hub_port_reset(hub: usb_hub, port1: number, udev: usb_device, warm: boolean): KGen<number> {
  const hdev = hub.hdev;
  for (let tries = 0; tries < PORT_RESET_TRIES; tries++) {
    let r = yield* set_port_feature(hdev, port1, warm ? USB_PORT_FEAT_BH_PORT_RESET : USB_PORT_FEAT_RESET);
    if (r < 0) return r;
    let delay = HUB_SHORT_RESET_TIME;
    for (let waited = 0; waited < 800; waited += delay) {
      yield* msleep(delay);
      const st = yield* get_port_status(hdev, port1);
      if (st.r < 0) return st.r;
      if (!(st.status & USB_PORT_STAT_CONNECTION)) return -ENOTCONN;
      if (!(st.status & USB_PORT_STAT_RESET) && st.change & USB_PORT_STAT_C_RESET) {
        yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_RESET);
        if (hub.superspeed) {
          yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_BH_PORT_RESET);
          yield* usb_clear_port_feature(hdev, port1, USB_PORT_FEAT_C_PORT_LINK_STATE);
        }
        if (!(st.status & USB_PORT_STAT_ENABLE)) break;
        udev.speed = hub.superspeed ? USB_SPEED_SUPER : st.status & USB_PORT_STAT_HIGH_SPEED ? USB_SPEED_HIGH : st.status & USB_PORT_STAT_LOW_SPEED ? USB_SPEED_LOW : USB_SPEED_FULL;
        udev.state = USB_STATE_DEFAULT;
        return 0;
      }
      delay = HUB_LONG_RESET_TIME;
    }
    r = -EBUSY;
  }
  dev_err(hub.intf.dev, `Cannot enable port ${port1}.  Maybe the USB cable is bad?`);
  return -EBUSY;
}

/**
 * hub_port_init: reset, "new <speed> USB device number N using <hcd>", then (xHCI: the slot gets its address through the HCD)
 * the new scheme for USB 2.0 — 64 bytes of the device descriptor at address 0, a second reset, SET_ADDRESS — and the full descriptor.
 */
function* hub_port_init(hub: usb_hub, udev: usb_device, port1: number): KGen<number> {
  const hcd = udev.bus.hcd;
  let r = yield* hub_port_reset(hub, port1, udev, false);
  if (r < 0) return r;
  udev.ep0.desc.wMaxPacketSize = udev.speed === USB_SPEED_SUPER ? 512 : udev.speed === USB_SPEED_LOW ? 8 : 64;
  const driver_name = udev.bus.controller.driver?.name ?? 'usb';
  if (udev.speed < USB_SPEED_SUPER) dev_info(udev.dev, `new ${usb_speed_string(udev.speed)} USB device number ${udev.devnum} using ${driver_name}`);
  if (udev.speed < USB_SPEED_SUPER) {
    if (hcd.driver.enable_device && (r = yield* hcd.driver.enable_device(hcd, udev)) < 0) { dev_err(udev.dev, `hub failed to enable device, error ${r}`); return r; }
    const r64 = yield* usb_get_descriptor(udev, USB_DT_DEVICE, 0, new Uint8Array(GET_DESCRIPTOR_BUFSIZE), GET_DESCRIPTOR_BUFSIZE);
    if (r64 < 8) { dev_err(udev.dev, `device descriptor read/64, error ${r64 < 0 ? r64 : -EINVAL}`); return r64 < 0 ? r64 : -EINVAL; }
    r = yield* hub_port_reset(hub, port1, udev, false);
    if (r < 0) return r;
  }
  if (hcd.driver.address_device) r = yield* hcd.driver.address_device(hcd, udev);
  if (r < 0) { dev_err(udev.dev, `device not accepting address ${udev.devnum}, error ${r}`); return r; }
  udev.state = USB_STATE_ADDRESS;
  if (udev.speed >= USB_SPEED_SUPER) dev_info(udev.dev, `new SuperSpeed USB device number ${udev.devnum} using ${driver_name}`);
  yield* msleep(10);
  const d8 = yield* usb_get_device_descriptor(udev, 8);
  if (d8.r < 8) { dev_err(udev.dev, `device descriptor read/8, error ${d8.r < 0 ? d8.r : -EINVAL}`); return d8.r < 0 ? d8.r : -EINVAL; }
  const maxp0 = udev.speed >= USB_SPEED_SUPER ? 1 << d8.buf[7]! : d8.buf[7]!;
  if (maxp0 !== udev.ep0.desc.wMaxPacketSize) {
    if (udev.speed !== USB_SPEED_FULL) dev_info(udev.dev, `Using ep0 maxpacket: ${maxp0}`);
    udev.ep0.desc.wMaxPacketSize = maxp0;
    if (hcd.driver.update_device) yield* hcd.driver.update_device(hcd, udev);
  }
  const d = yield* usb_get_device_descriptor(udev, 18);
  if (d.r < 18) { dev_err(udev.dev, `device descriptor read/all, error ${d.r < 0 ? d.r : -EINVAL}`); return d.r < 0 ? d.r : -EINVAL; }
  udev.descriptor = parse_device_descriptor(d.buf);
  return 0;
}

/** usb_enumerate_device: configurations and the three strings. */
function* usb_enumerate_device(udev: usb_device): KGen<number> {
  if (!udev.config.length) {
    const r = yield* usb_get_configuration(udev);
    if (r < 0) { dev_err(udev.dev, `can't read configurations, error ${r}`); return r; }
  }
  udev.product = yield* usb_string(udev, udev.descriptor.iProduct);
  udev.manufacturer = yield* usb_string(udev, udev.descriptor.iManufacturer);
  udev.serial = yield* usb_string(udev, udev.descriptor.iSerialNumber);
  return 0;
}

/** announce_device: Linux's "New USB device found" lines. */
function announce_device(udev: usb_device): void {
  const d = udev.descriptor, bcd = d.bcdDevice;
  dev_info(udev.dev, `New USB device found, idVendor=${d.idVendor.toString(16).padStart(4, '0')}, idProduct=${d.idProduct.toString(16).padStart(4, '0')}, bcdDevice=${(bcd >> 8).toString(16).padStart(2, ' ')}.${(bcd & 0xff).toString(16).padStart(2, '0')}`);
  dev_info(udev.dev, `New USB device strings: Mfr=${d.iManufacturer}, Product=${d.iProduct}, SerialNumber=${d.iSerialNumber}`);
  if (udev.product) dev_info(udev.dev, `Product: ${udev.product}`);
  if (udev.manufacturer) dev_info(udev.dev, `Manufacturer: ${udev.manufacturer}`);
  if (udev.serial) dev_info(udev.dev, `SerialNumber: ${udev.serial}`);
}

/** usb_new_device: enumerate, announce, and register (the generic driver then chooses a configuration: interfaces appear and bind). */
export function* usb_new_device(udev: usb_device): KGen<number> {
  const r = yield* usb_enumerate_device(udev);
  if (r < 0) return r;
  usb_set_devt(udev);
  announce_device(udev);
  const e = yield* device_add(udev.dev);
  if (e) { dev_err(udev.dev, `can't device_add, error ${e}`); return e; }
  return 0;
}

/** usb_disconnect: the device below `port1` of `parent` (or a root hub when parent is null) and all below it go away. */
export function* usb_disconnect(parent: usb_device | null, port1: number, root?: usb_device): KGen<void> {
  const udev = parent ? parent.children[port1 - 1] : root;
  if (!udev) return;
  udev.state = USB_STATE_NOTATTACHED;
  udev.gone = true;
  dev_info(udev.dev, `USB disconnect, device number ${udev.devnum}`);
  for (let i = 0; i < udev.children.length; i++) if (udev.children[i]) yield* usb_disconnect(udev, i + 1);
  yield* usb_disable_device(udev, 0);
  yield* usb_hcd_flush_endpoint(udev, udev.ep0);
  if (udev.dev.kobj.state_in_sysfs) yield* device_del(udev.dev);
  release_devnum(udev);
  if (parent) parent.children[port1 - 1] = null;
  const hcd = udev.bus.hcd;
  if (parent && hcd.driver.free_dev) yield* hcd.driver.free_dev(hcd, udev);
  put_device(udev.dev);
}

// ---- the hub driver ---------------------------------------------------------------------------

/** hub_configure: the hub descriptor, port power, the status URB; hub_activate looks at every port once. */
function* hub_configure(hub: usb_hub): KGen<number> {
  const hdev = hub.hdev;
  const desc = new Uint8Array(12);
  const r = yield* usb_control_msg(hdev, usb_rcvctrlpipe(hdev, 0), USB_REQ_GET_DESCRIPTOR, USB_DIR_IN | USB_TYPE_CLASS, (hub.superspeed ? USB_DT_SS_HUB : USB_DT_HUB) << 8, 0, desc, 12, USB_CTRL_GET_TIMEOUT);
  if (r < 3) { dev_err(hub.intf.dev, `unable to read hub descriptor (err = ${r})`); return r < 0 ? r : -EINVAL; }
  hub.nports = desc[2]!;
  hdev.maxchild = hub.nports;
  hdev.children = new Array(hub.nports).fill(null);
  dev_info(hub.intf.dev, `${hub.nports} port${hub.nports === 1 ? '' : 's'} detected`);
  for (let p = 1; p <= hub.nports; p++) yield* set_port_feature(hdev, p, USB_PORT_FEAT_POWER);
  const ep = hub.intf.cur_altsetting.endpoint[0];
  if (!ep) return -ENODEV;
  usb_fill_int_urb(hub.urb, hdev, usb_rcvintpipe(hdev, ep.desc.bEndpointAddress & 0x0f), hub.buffer, Math.min(ep.desc.wMaxPacketSize, 4), hub_irq, hub, ep.desc.bInterval);
  // hub_activate(HUB_INIT): every port is looked at once, so devices present at boot enumerate.
  for (let p = 1; p <= hub.nports; p++) hub.event_bits |= 1 << p;
  const s = usb_submit_urb(hub.urb);
  if (s) dev_err(hub.intf.dev, `activate --> ${s}`);
  kick_hub_wq(hub);
  return 0;
}

function* hub_probe(intf: usb_interface, _id: usb_device_id): KGen<number> {
  const hdev = interface_to_usbdev(intf);
  if (intf.cur_altsetting.desc.bNumEndpoints !== 1) { dev_err(intf.dev, 'bad descriptor, ignoring hub'); return -EIO; }
  dev_info(intf.dev, 'USB hub found');
  const hub: usb_hub = {
    hdev, intf, urb: usb_alloc_urb(), buffer: new Uint8Array(4), nports: 0, event_bits: 0, disconnected: false,
    events: INIT_WORK(() => hub_event(hub)), superspeed: hdev.speed >= USB_SPEED_SUPER,
  };
  intf.dev.driver_data = hub;
  hdev.hub = hub;
  const r = yield* hub_configure(hub);
  if (r) { hdev.hub = null; intf.dev.driver_data = null; }
  return r;
}

/** hub_disconnect: the children are disconnected, the status URB killed. */
function* hub_disconnect(intf: usb_interface): KGen<void> {
  const hub = to_usb_interface(intf.dev).dev.driver_data as usb_hub | null;
  if (!hub) return;
  hub.disconnected = true;
  for (let p = 1; p <= hub.nports; p++) if (hub.hdev.children[p - 1]) yield* usb_disconnect(hub.hdev, p);
  yield* usb_kill_urb(hub.urb);
  usb_free_urb(hub.urb);
  hub.hdev.hub = null;
  hub.hdev.maxchild = 0;
}

export const hub_driver: usb_driver = {
  name: 'hub', probe: hub_probe, disconnect: hub_disconnect,
  id_table: [
    { match_flags: USB_DEVICE_ID_MATCH_DEV_CLASS, bDeviceClass: USB_CLASS_HUB },
    { match_flags: USB_DEVICE_ID_MATCH_INT_CLASS, bInterfaceClass: USB_CLASS_HUB },
  ],
  drvwrap: { name: 'hub' },
};

export function* usb_hub_init(): KGen<number> {
  return yield* usb_register_driver(hub_driver, null);
}
