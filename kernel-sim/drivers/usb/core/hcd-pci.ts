// Models linux/drivers/usb/core/hcd.c's usb_add_hcd/usb_remove_hcd and register_root_hub (with hcd-pci.c's glue): a bus number, the root hub device "usbN" at address 1, the HCD's reset and start, and the root hub registered (deferred for the primary half of a shared controller until the second half is added).
import type { KGen } from '../../../include/linux/sched.ts';
import { type usb_hcd, HCD_USB3, USB_SPEED_HIGH, USB_SPEED_SUPER, USB_STATE_ADDRESS } from '../../../include/linux/usb.ts';
import { dev_info, dev_err } from '../../base/core.ts';
import { usb_alloc_dev, usb_put_dev } from './usb.ts';
import { usb_register_bus, usb_deregister_bus } from './hcd.ts';
import { usb_get_device_descriptor } from './message.ts';
import { parse_device_descriptor } from './config.ts';
import { usb_new_device, usb_disconnect } from './hub.ts';

/** register_root_hub: address 1, the device descriptor, then usb_new_device (the hub driver binds to its interface). */
function* register_root_hub(hcd: usb_hcd): KGen<number> {
  const rh = hcd.self.root_hub!;
  rh.devnum = 1;
  hcd.self.devmap.add(1);
  hcd.self.devnum_next = 2;
  rh.state = USB_STATE_ADDRESS;
  const d = yield* usb_get_device_descriptor(rh, 18);
  if (d.r !== 18) { dev_err(rh.dev, `can't read device descriptor ${d.r}`); return d.r < 0 ? d.r : -5; }
  rh.descriptor = parse_device_descriptor(d.buf);
  // The root hub's BOS has zeroed U1/U2 exit latencies: usb_new_device's LPM check says so for a SuperSpeed root hub.
  if (rh.speed >= USB_SPEED_SUPER) dev_info(rh.dev, "We don't know the algorithms for LPM for this host, disabling LPM.");
  hcd.rh_registered = true;
  const r = yield* usb_new_device(rh);
  if (r) { hcd.rh_registered = false; dev_err(rh.dev, `can't register root hub for ${hcd.self.bus_name}, ${r}`); }
  return r;
}

/** usb_add_hcd: "<product>", a bus number, the root hub device, the HCD's reset and start, the root hub registered. */
export function* usb_add_hcd(hcd: usb_hcd, irq: number): KGen<number> {
  dev_info(hcd.self.controller, hcd.product_desc);
  hcd.irq = irq;
  usb_register_bus(hcd.self);
  const rh = yield* usb_alloc_dev(null, hcd.self, 0);
  if (!rh) { usb_deregister_bus(hcd.self); return -12; }
  rh.speed = hcd.speed === HCD_USB3 ? USB_SPEED_SUPER : USB_SPEED_HIGH;
  hcd.self.root_hub = rh;
  let r = hcd.driver.reset ? yield* hcd.driver.reset(hcd) : 0;
  if (!r) r = yield* hcd.driver.start(hcd);
  if (r) { usb_put_dev(rh); usb_deregister_bus(hcd.self); return r; }
  // HCD_FLAG_DEFER_RH_REGISTER: the primary root hub waits for the shared hcd, so both halves are running when hubs probe.
  if (hcd.driver.flags & 0x0004 && !hcd.primary_hcd) return 0;
  if (hcd.primary_hcd && !hcd.primary_hcd.rh_registered) {
    r = yield* register_root_hub(hcd.primary_hcd);
    if (r) return r;
  }
  return yield* register_root_hub(hcd);
}

/** usb_remove_hcd: the root hub (and everything below it) disconnected, the HCD stopped, the bus number released. */
export function* usb_remove_hcd(hcd: usb_hcd): KGen<void> {
  dev_info(hcd.self.controller, `remove, state ${hcd.rh_registered ? 4 : 0}`);
  const rh = hcd.self.root_hub;
  if (rh && hcd.rh_registered) yield* usb_disconnect(null, 0, rh);
  hcd.rh_registered = false;
  yield* hcd.driver.stop(hcd);
  usb_deregister_bus(hcd.self);
  hcd.self.root_hub = null;
}
