// USB interface drivers written in C: struct usb_driver/usb_interface/usb_device/urb (resources/include/linux/usb.h) bridged to drivers/usb/core — registration, URBs with completions in interrupt context, synchronous messages, the usb class's minors and /dev nodes.
//
// The C structs are laid out here as clang lays them out on wasm32 (natural alignment; ch9 descriptors are packed).
// A C struct usb_device/usb_interface is made the first time a C driver sees the device (probe) and kept for the
// boot, so an URB completing after disconnect still finds its device: only the driver's own state can be freed.
// A C URB's data stage is copied in at submit and out (IN) before its completion handler runs.
import type { KGen } from '../../include/linux/sched.ts';
import {
  type urb, type usb_device, type usb_device_id, type usb_driver, type usb_host_interface, type usb_interface, USB_DIR_IN,
  USB_ENDPOINT_XFERTYPE_MASK, USB_ENDPOINT_XFER_BULK, USB_ENDPOINT_XFER_INT, usb_pipein, usb_speed_string,
} from '../../include/linux/usb.ts';
import { EINVAL, ENODEV, ENXIO, EXFULL, EINPROGRESS } from '../../include/uapi/asm-generic/errno.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { kread_u8, kread_u16, kread_u32, kread_i32, kwrite_u8, kwrite_u32, kwrite_i32, kwrite_u64, kread_bytes, kwrite_bytes, kread_cstr, kwrite_cstr } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { struct_device } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { cdev_init, cdev_add, cdev_del, type cdev } from '../../fs/char_dev.ts';
import { class_create } from '../../drivers/base/class.ts';
import type { class_, device } from '../../drivers/base/base.ts';
import { device_create, device_destroy } from '../../drivers/base/core.ts';
import { c_file_operations, call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { c_device_register, c_string } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';
import { usb_register_driver, usb_deregister } from '../../drivers/usb/core/driver.ts';
import { interface_to_usbdev, USB_MAJOR } from '../../drivers/usb/core/usb-internal.ts';
import { usb_get_dev, usb_put_dev } from '../../drivers/usb/core/usb.ts';
import { usb_alloc_urb, usb_free_urb, usb_submit_urb, usb_kill_urb, usb_poison_urb, usb_unpoison_urb, usb_unlink_urb } from '../../drivers/usb/core/urb.ts';
import { usb_control_msg, usb_bulk_msg, usb_string } from '../../drivers/usb/core/message.ts';

// ---- layouts (wasm32) --------------------------------------------------------------------

/** Offsets and size of a C struct from its members in order, as clang lays them out (natural alignment). */
function layout<N extends string>(fields: readonly (readonly [N, number, number])[]): { off: Record<N, number>; size: number } {
  let o = 0, max = 1;
  const off = {} as Record<N, number>;
  for (const [n, size, align] of fields) { o = Math.ceil(o / align) * align; off[n] = o; o += size; max = Math.max(max, align); }
  return { off, size: Math.ceil(o / max) * max };
}
const P = 4;
const DEV_ALIGN = 8;

/** struct usb_device_id (24 bytes). */
const ID = layout([['match_flags', 2, 2], ['idVendor', 2, 2], ['idProduct', 2, 2], ['bcdDevice_lo', 2, 2], ['bcdDevice_hi', 2, 2],
  ['bDeviceClass', 1, 1], ['bDeviceSubClass', 1, 1], ['bDeviceProtocol', 1, 1], ['bInterfaceClass', 1, 1], ['bInterfaceSubClass', 1, 1],
  ['bInterfaceProtocol', 1, 1], ['bInterfaceNumber', 1, 1], ['driver_info', 4, 4]] as const);
/** struct usb_host_endpoint: the packed 9-byte endpoint descriptor first. */
const EP = layout([['desc', 9, 1], ['urb_list', 8, P], ['hcpriv', P, P], ['extra', P, P], ['extralen', 4, 4], ['enabled', 4, 4], ['streams', 4, 4]] as const);
const ALT = layout([['desc', 9, 1], ['extralen', 4, 4], ['extra', P, P], ['endpoint', P, P], ['string', P, P]] as const);
const INTF = layout([['altsetting', P, P], ['cur_altsetting', P, P], ['num_altsetting', 4, 4], ['intf_assoc', P, P], ['minor', 4, 4],
  ['condition', 4, 4], ['bits', 4, 4], ['dev', struct_device.SIZE, DEV_ALIGN], ['usb_dev', P, P]] as const);
const UDEV = layout([['devnum', 4, 4], ['devpath', 16, 1], ['route', 4, 4], ['state', 4, 4], ['speed', 4, 4], ['rx_lanes', 4, 4], ['tx_lanes', 4, 4],
  ['parent', P, P], ['bus', P, P], ['ep0', EP.size, 4], ['dev', struct_device.SIZE, DEV_ALIGN], ['descriptor', 18, 1], ['config', P, P],
  ['actconfig', P, P], ['ep_in', 16 * P, P], ['ep_out', 16 * P, P], ['rawdescriptors', P, P], ['bus_mA', 2, 2], ['portnum', 1, 1], ['level', 1, 1],
  ['product', P, P], ['manufacturer', P, P], ['serial', P, P], ['maxchild', 4, 4]] as const);
const URB = layout([['kref', 4, 4], ['unlinked', 4, 4], ['hcpriv', P, P], ['use_count', 4, 4], ['reject', 4, 4], ['urb_list', 8, P], ['anchor_list', 8, P],
  ['anchor', P, P], ['dev', P, P], ['ep', P, P], ['pipe', 4, 4], ['stream_id', 4, 4], ['status', 4, 4], ['transfer_flags', 4, 4],
  ['transfer_buffer', P, P], ['transfer_dma', 8, 8], ['sg', P, P], ['num_mapped_sgs', 4, 4], ['num_sgs', 4, 4], ['transfer_buffer_length', 4, 4],
  ['actual_length', 4, 4], ['setup_packet', P, P], ['setup_dma', 8, 8], ['start_frame', 4, 4], ['number_of_packets', 4, 4], ['interval', 4, 4],
  ['error_count', 4, 4], ['context', P, P], ['complete', P, P]] as const);
const DRV = layout([['name', P, P], ['probe', P, P], ['disconnect', P, P], ['unlocked_ioctl', P, P], ['suspend', P, P], ['resume', P, P],
  ['reset_resume', P, P], ['pre_reset', P, P], ['post_reset', P, P], ['id_table', P, P], ['dev_groups', P, P], ['bits', 4, 4]] as const);
const CLASS = layout([['name', P, P], ['devnode', P, P], ['fops', P, P], ['minor_base', 4, 4]] as const);
const ISO_DESC_SIZE = 16;
const SOFT_UNBIND_BIT = 1 << 3;
/** Exported for the layout test: what usb.h must agree with. */
export const USB_C_LAYOUTS = { usb_device_id: ID, usb_host_endpoint: EP, usb_host_interface: ALT, usb_interface: INTF, usb_device: UDEV, urb: URB, usb_driver: DRV, usb_class_driver: CLASS };

interface MinorEntry { intf: usb_interface; cdev: cdev; dev: device; devt: number }
interface UsbBridge {
  udevs: Map<usb_device, number>; by_udev: Map<number, usb_device>;
  intfs: Map<usb_interface, number>; by_intf: Map<number, usb_interface>;
  alts: Map<number, usb_host_interface>;
  drivers: Map<number, usb_driver>;
  urbs: Map<number, urb>;
  minors: Map<number, MinorEntry>;
  usbmisc: class_ | null;
}
const usbBridge = defineState<UsbBridge>('kapi-usb', () => ({
  udevs: new Map(), by_udev: new Map(), intfs: new Map(), by_intf: new Map(), alts: new Map(), drivers: new Map(), urbs: new Map(), minors: new Map(), usbmisc: null,
}));

const zalloc = (size: number): number => { const a = kmalloc(size, __GFP_ZERO); disown(a); return a; };

function write_ep_desc(a: number, d: { bLength: number; bDescriptorType: number; bEndpointAddress: number; bmAttributes: number; wMaxPacketSize: number; bInterval: number }): void {
  kwrite_bytes(a, new Uint8Array([d.bLength, d.bDescriptorType, d.bEndpointAddress, d.bmAttributes, d.wMaxPacketSize & 0xff, d.wMaxPacketSize >> 8, d.bInterval, 0, 0]));
}

/** The C struct usb_device for `u` (made once): its numbers, descriptor and strings, and its struct device bound to u.dev. */
export function c_usb_device(u: usb_device): number {
  const st = usbBridge();
  const have = st.udevs.get(u);
  if (have !== undefined) return have;
  const a = zalloc(UDEV.size), o = UDEV.off;
  st.udevs.set(u, a);
  st.by_udev.set(a, u);
  kwrite_i32(a + o.devnum, u.devnum);
  kwrite_cstr(a + o.devpath, u.devpath.slice(0, 15));
  kwrite_u32(a + o.route, u.route);
  kwrite_u32(a + o.state, u.state);
  kwrite_u32(a + o.speed, u.speed);
  kwrite_u32(a + o.rx_lanes, 1);
  kwrite_u32(a + o.tx_lanes, 1);
  if (u.parent) kwrite_u32(a + o.parent, c_usb_device(u.parent));
  write_ep_desc(a + o.ep0, u.ep0.desc);
  const d = u.descriptor, le = (v: number): number[] => [v & 0xff, v >> 8];
  kwrite_bytes(a + o.descriptor, new Uint8Array([18, 1, ...le(d.bcdUSB), d.bDeviceClass, d.bDeviceSubClass, d.bDeviceProtocol, d.bMaxPacketSize0,
    ...le(d.idVendor), ...le(d.idProduct), ...le(d.bcdDevice), d.iManufacturer, d.iProduct, d.iSerialNumber, d.bNumConfigurations]));
  kwrite_u8(a + o.portnum, u.portnum);
  kwrite_u8(a + o.level, u.level);
  if (u.product) kwrite_u32(a + o.product, c_string(u.product));
  if (u.manufacturer) kwrite_u32(a + o.manufacturer, c_string(u.manufacturer));
  if (u.serial) kwrite_u32(a + o.serial, c_string(u.serial));
  kwrite_i32(a + o.maxchild, u.maxchild);
  c_device_register(a + o.dev, u.dev);
  return a;
}

/** The C struct usb_interface for `intf`: its altsettings with their endpoints, and its struct device (parent: the usb_device's). */
export function c_usb_interface(intf: usb_interface): number {
  const st = usbBridge();
  const have = st.intfs.get(intf);
  if (have !== undefined) return have;
  const a = zalloc(INTF.size), o = INTF.off;
  st.intfs.set(intf, a);
  st.by_intf.set(a, intf);
  const alts = zalloc(ALT.size * intf.altsetting.length);
  intf.altsetting.forEach((alt, i) => {
    const aa = alts + i * ALT.size, dsc = alt.desc;
    st.alts.set(aa, alt);
    kwrite_bytes(aa + ALT.off.desc, new Uint8Array([9, 4, dsc.bInterfaceNumber, dsc.bAlternateSetting, dsc.bNumEndpoints, dsc.bInterfaceClass, dsc.bInterfaceSubClass, dsc.bInterfaceProtocol, dsc.iInterface]));
    const eps = zalloc(Math.max(1, alt.endpoint.length) * EP.size);
    alt.endpoint.forEach((ep, j) => { write_ep_desc(eps + j * EP.size, ep.desc); kwrite_i32(eps + j * EP.size + EP.off.enabled, 1); });
    kwrite_u32(aa + ALT.off.endpoint, eps);
    if (alt.string) kwrite_u32(aa + ALT.off.string, c_string(alt.string));
    if (alt === intf.cur_altsetting) kwrite_u32(a + o.cur_altsetting, aa);
  });
  kwrite_u32(a + o.altsetting, alts);
  kwrite_u32(a + o.num_altsetting, intf.altsetting.length);
  kwrite_i32(a + o.minor, intf.minor);
  const udev = c_usb_device(interface_to_usbdev(intf));
  c_device_register(a + o.dev, intf.dev);
  // intf->dev.parent is the usb_device's struct device: interface_to_usbdev() is container_of on it.
  kwrite_u32(a + o.dev + struct_device.OFF.parent, udev + UDEV.off.dev);
  kwrite_u32(a + o.usb_dev, udev + UDEV.off.dev);
  return a;
}

const ts_udev = (a: number): usb_device | null => usbBridge().by_udev.get(a) ?? null;
const ts_intf = (a: number): usb_interface | null => usbBridge().by_intf.get(a) ?? null;

// ---- drivers --------------------------------------------------------------------------------

function id_table(table: number): usb_device_id[] {
  const out: usb_device_id[] = [];
  for (let a = table; table; a += ID.size) {
    const o = ID.off, flags = kread_u16(a + o.match_flags);
    if (!flags && !kread_u16(a + o.idVendor) && !kread_u8(a + o.bDeviceClass) && !kread_u8(a + o.bInterfaceClass) && !kread_u32(a + o.driver_info)) break;
    out.push({
      match_flags: flags, idVendor: kread_u16(a + o.idVendor), idProduct: kread_u16(a + o.idProduct), bcdDevice_lo: kread_u16(a + o.bcdDevice_lo),
      bcdDevice_hi: kread_u16(a + o.bcdDevice_hi), bDeviceClass: kread_u8(a + o.bDeviceClass), bDeviceSubClass: kread_u8(a + o.bDeviceSubClass),
      bDeviceProtocol: kread_u8(a + o.bDeviceProtocol), bInterfaceClass: kread_u8(a + o.bInterfaceClass), bInterfaceSubClass: kread_u8(a + o.bInterfaceSubClass),
      bInterfaceProtocol: kread_u8(a + o.bInterfaceProtocol), bInterfaceNumber: kread_u8(a + o.bInterfaceNumber), driver_info: kread_u32(a + o.driver_info), c_addr: a,
    });
  }
  return out;
}

function* usb_register_driver_c(drv: number, owner: number, mod_name: number): KGen<number> {
  void owner;
  const mod = calling_module();
  const o = DRV.off, name = kread_cstr(kread_u32(drv + o.name), 64), probe = kread_u32(drv + o.probe), disconnect = kread_u32(drv + o.disconnect);
  const tsdrv: usb_driver = {
    name, id_table: id_table(kread_u32(drv + o.id_table)), drvwrap: { name }, soft_unbind: (kread_u32(drv + o.bits) & SOFT_UNBIND_BIT) !== 0,
    *probe(intf, id) { return probe ? (yield* call_slot(probe, [c_usb_interface(intf), id.c_addr ?? 0], 'probe', mod)) as number : -ENODEV; },
    *disconnect(intf) { if (disconnect) yield* call_slot(disconnect, [c_usb_interface(intf)], 'disconnect', mod); },
  };
  usbBridge().drivers.set(drv, tsdrv);
  const r = yield* usb_register_driver(tsdrv, mod?.name ?? (mod_name ? kread_cstr(mod_name, 64) : null));
  if (r) usbBridge().drivers.delete(drv);
  else track_resource('usb driver', name, () => { const g = usb_deregister(tsdrv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  return r;
}

function* usb_deregister_c(drv: number): KGen<void> {
  const tsdrv = usbBridge().drivers.get(drv);
  if (!tsdrv) return;
  untrack_resource((r) => r.kind === 'usb driver' && r.name === tsdrv.name);
  usbBridge().drivers.delete(drv);
  yield* usb_deregister(tsdrv);
}

// ---- URBs -------------------------------------------------------------------------------------

function usb_alloc_urb_c(iso_packets: number, _flags: number): number {
  const a = kmalloc(URB.size + Math.max(0, iso_packets) * ISO_DESC_SIZE, __GFP_ZERO);
  if (!a) return 0;
  const u = usb_alloc_urb();
  u.c_addr = a;
  usbBridge().urbs.set(a, u);
  kwrite_i32(a + URB.off.kref, 1);
  return a;
}

/** usb_free_urb: the last reference frees the C struct (the core holds one while the URB is queued). */
function urb_put(a: number): void {
  const st = usbBridge(), u = st.urbs.get(a);
  if (!u) return;
  usb_free_urb(u);
  kwrite_i32(a + URB.off.kref, u.refcount);
  if (u.refcount > 0) return;
  st.urbs.delete(a);
  kfree(a);
}

/** usb_submit_urb: the C fields into the core's URB; the completion copies IN data back, updates status and actual_length, and calls the driver's handler in interrupt context. */
function usb_submit_urb_c(a: number, _flags: number): number {
  const u = usbBridge().urbs.get(a);
  if (!u) return -EINVAL;
  const o = URB.off, udev = ts_udev(kread_u32(a + o.dev));
  if (!udev) return -ENODEV;
  const buf = kread_u32(a + o.transfer_buffer), len = kread_u32(a + o.transfer_buffer_length), setup = kread_u32(a + o.setup_packet);
  const fn = kread_u32(a + o.complete), mod = calling_module();
  u.dev = udev;
  u.pipe = kread_u32(a + o.pipe);
  u.transfer_flags = kread_u32(a + o.transfer_flags);
  u.interval = kread_i32(a + o.interval);
  u.transfer_buffer = len && buf ? kread_bytes(buf, len) : new Uint8Array(0);
  u.transfer_buffer_length = u.transfer_buffer.length;
  u.setup_packet = setup ? kread_bytes(setup, 8) : null;
  u.complete = (x) => urb_complete_c(a, x, buf, fn, mod);
  u.refcount++;
  const r = usb_submit_urb(u);
  if (r) { u.refcount--; return r; }
  kwrite_i32(a + o.status, -EINPROGRESS);
  kwrite_u32(a + o.actual_length, 0);
  kwrite_u32(a + o.hcpriv, 1);
  return 0;
}

function urb_complete_c(a: number, u: urb, buf: number, fn: number, mod: module | null): void {
  const o = URB.off;
  if (usb_pipein(u.pipe) && u.actual_length && buf) kwrite_bytes(buf, u.transfer_buffer.subarray(0, u.actual_length));
  kwrite_i32(a + o.status, u.status);
  kwrite_u32(a + o.actual_length, u.actual_length);
  kwrite_u32(a + o.hcpriv, 0);
  try { if (fn) call_slot_atomic(fn, [a], 'urb completion', mod); } finally { urb_put(a); }
}

/** A synchronous transfer's buffer: copied in, and (IN) copied back with what arrived. */
function* with_buffer(data: number, len: number, pipe: number, run: (b: Uint8Array) => KGen<number>): KGen<number> {
  const b = len > 0 && data ? kread_bytes(data, len) : new Uint8Array(0);
  const r = yield* run(b);
  if (r >= 0 && pipe & USB_DIR_IN && data) kwrite_bytes(data, b.subarray(0, Math.min(len, r)));
  return r;
}

function* usb_bulk_msg_c(udev_c: number, pipe: number, data: number, len: number, actual: number, timeout: number): KGen<number> {
  const udev = ts_udev(udev_c);
  if (!udev) return -ENODEV;
  const got = { value: 0 };
  const r = yield* with_buffer(data, len, pipe, function* (b) {
    const e = yield* usb_bulk_msg(udev, pipe, b, len, got, timeout);
    return e < 0 ? e : got.value;
  });
  if (actual) kwrite_i32(actual, got.value);
  return r < 0 ? r : 0;
}

// ---- the usb class (usb_register_dev) --------------------------------------------------------------

/** usb_register_dev: the first free minor from minor_base, /dev/<name with %d = minor - minor_base> in class usbmisc, the driver's fops on MKDEV(180, minor). */
function* usb_register_dev_c(cintf: number, cclass: number): KGen<number> {
  const st = usbBridge(), intf = ts_intf(cintf);
  if (!intf) return -EINVAL;
  const fmt = kread_cstr(kread_u32(cclass + CLASS.off.name), 64), fops = kread_u32(cclass + CLASS.off.fops), base = kread_i32(cclass + CLASS.off.minor_base);
  let minor = Math.max(0, base);
  while (minor < 256 && st.minors.has(minor)) minor++;
  if (minor >= 256) return -EXFULL;
  if (!st.usbmisc) { const c = class_create('usbmisc'); if (typeof c === 'number') return c; st.usbmisc = c; }
  const devt = MKDEV(USB_MAJOR, minor);
  const cd = cdev_init(c_file_operations(fops));
  let r = cdev_add(cd, devt, 1);
  if (r) return r;
  const name = fmt.replace('%d', String(minor - base));
  const dev = yield* device_create(st.usbmisc, intf.dev, devt, null, name);
  if (typeof dev === 'number') { cdev_del(cd); return dev; }
  st.minors.set(minor, { intf, cdev: cd, dev, devt });
  intf.minor = minor;
  intf.class_dev = dev;
  kwrite_i32(cintf + INTF.off.minor, minor);
  r = 0;
  return r;
}

function* usb_deregister_dev_c(cintf: number, _cclass: number): KGen<void> {
  const st = usbBridge(), intf = ts_intf(cintf);
  if (!intf || intf.minor < 0) return;
  const e = st.minors.get(intf.minor);
  if (e && st.usbmisc) { yield* device_destroy(st.usbmisc, e.devt); cdev_del(e.cdev); }
  st.minors.delete(intf.minor);
  intf.minor = -1;
  intf.class_dev = null;
  kwrite_i32(cintf + INTF.off.minor, -1);
}

/** usb_find_interface: the interface behind a usb-class minor, if `drv` is its driver. */
function usb_find_interface_c(cdrv: number, minor: number): number {
  const st = usbBridge(), e = st.minors.get(minor), drv = st.drivers.get(cdrv);
  if (!e || !drv || e.intf.dev.driver !== drv.drvwrap) return 0;
  return st.intfs.get(e.intf) ?? 0;
}

/** usb_find_common_endpoints: the first bulk/interrupt IN/OUT endpoints of an altsetting (-ENXIO if one asked for is missing). */
function usb_find_common_endpoints_c(calt: number, bulk_in: number, bulk_out: number, int_in: number, int_out: number): number {
  const alt = usbBridge().alts.get(calt);
  if (!alt) return -EINVAL;
  const eps = kread_u32(calt + ALT.off.endpoint);
  const want: [number, number, boolean][] = [[bulk_in, USB_ENDPOINT_XFER_BULK, true], [bulk_out, USB_ENDPOINT_XFER_BULK, false], [int_in, USB_ENDPOINT_XFER_INT, true], [int_out, USB_ENDPOINT_XFER_INT, false]];
  for (const [p] of want) if (p) kwrite_u32(p, 0);
  for (const [p, type, inb] of want) {
    if (!p) continue;
    const j = alt.endpoint.findIndex((e) => (e.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK) === type && ((e.desc.bEndpointAddress & USB_DIR_IN) !== 0) === inb);
    if (j < 0) return -ENXIO;
    kwrite_u32(p, eps + j * EP.size);
  }
  return 0;
}

export const ksymtab = EXPORT_KAPI({
  usb_register_driver: usb_register_driver_c,
  usb_deregister: usb_deregister_c,
  usb_alloc_urb: usb_alloc_urb_c,
  usb_free_urb: (a: number) => { if (a) urb_put(a); },
  usb_get_urb: (a: number) => { const u = usbBridge().urbs.get(a); if (u) { u.refcount++; kwrite_i32(a + URB.off.kref, u.refcount); } return a; },
  usb_submit_urb: usb_submit_urb_c,
  usb_unlink_urb: (a: number) => { const u = usbBridge().urbs.get(a); return u ? usb_unlink_urb(u) : -EINVAL; },
  usb_kill_urb: function* (a: number): KGen<void> { const u = usbBridge().urbs.get(a); if (u) yield* usb_kill_urb(u); },
  usb_poison_urb: function* (a: number): KGen<void> { const u = usbBridge().urbs.get(a); if (u) yield* usb_poison_urb(u); },
  usb_unpoison_urb: (a: number) => { const u = usbBridge().urbs.get(a); if (u) usb_unpoison_urb(u); },
  usb_bulk_msg: usb_bulk_msg_c,
  usb_interrupt_msg: usb_bulk_msg_c,
  usb_control_msg: function* (udev_c: number, pipe: number, request: number, requesttype: number, value: number, index: number, data: number, size: number, timeout: number): KGen<number> {
    const udev = ts_udev(udev_c);
    if (!udev) return -ENODEV;
    return yield* with_buffer(data, size, requesttype & USB_DIR_IN, (b) => usb_control_msg(udev, pipe, request, requesttype, value, index, b, size, timeout));
  },
  usb_string: function* (udev_c: number, index: number, buf: number, size: number): KGen<number> {
    const udev = ts_udev(udev_c);
    if (!udev || size <= 0) return -EINVAL;
    const s = yield* usb_string(udev, index);
    if (s === null) return -EINVAL;
    const t = s.slice(0, size - 1);
    kwrite_cstr(buf, t);
    return t.length;
  },
  usb_alloc_coherent: (udev_c: number, size: number, _flags: number, dma: number) => {
    const a = kmalloc(size, 0);
    // The buffer's bus address is found again when an URB using it is mapped; the handle is the CPU address.
    if (a && dma) kwrite_u64(dma, BigInt(a));
    void udev_c;
    return a;
  },
  usb_free_coherent: (_udev: number, _size: number, addr: number) => { if (addr) kfree(addr); },
  usb_get_dev: (a: number) => { usb_get_dev(ts_udev(a)); return a; },
  usb_put_dev: (a: number) => { usb_put_dev(ts_udev(a)); },
  usb_get_intf: (a: number) => a,
  usb_put_intf: (_a: number) => { /* interfaces live as long as their device here */ },
  usb_register_dev: usb_register_dev_c,
  usb_deregister_dev: usb_deregister_dev_c,
  usb_find_interface: usb_find_interface_c,
  usb_find_common_endpoints: usb_find_common_endpoints_c,
  usb_speed_string: (speed: number) => c_string(usb_speed_string(speed)),
}, true);
