// Models the endpoint half of linux/drivers/usb/core/message.c: usb_enable_endpoint, usb_disable_endpoint (its URBs flushed) and usb_disable_interface.
import type { KGen } from '../../../include/linux/sched.ts';
import { type usb_device, type usb_host_endpoint, type usb_interface, USB_ENDPOINT_DIR_MASK, USB_ENDPOINT_NUMBER_MASK } from '../../../include/linux/usb.ts';
import { usb_hcd_flush_endpoint } from './hcd.ts';

/** usb_enable_endpoint / usb_disable_endpoint: the device's ep_in/ep_out tables. */
export function usb_enable_endpoint(dev: usb_device, ep: usb_host_endpoint): void {
  const n = ep.desc.bEndpointAddress & USB_ENDPOINT_NUMBER_MASK;
  if (ep.desc.bEndpointAddress & USB_ENDPOINT_DIR_MASK) dev.ep_in[n] = ep; else dev.ep_out[n] = ep;
  ep.enabled = true;
}

export function* usb_disable_endpoint(dev: usb_device, ep: usb_host_endpoint): KGen<void> {
  const n = ep.desc.bEndpointAddress & USB_ENDPOINT_NUMBER_MASK;
  ep.enabled = false;
  yield* usb_hcd_flush_endpoint(dev, ep);
  if (ep.desc.bEndpointAddress & USB_ENDPOINT_DIR_MASK) { if (dev.ep_in[n] === ep) dev.ep_in[n] = null; } else if (dev.ep_out[n] === ep) dev.ep_out[n] = null;
}

/** usb_disable_interface: every endpoint of the interface's current setting is flushed (its URBs given back with -ESHUTDOWN) and disabled. */
export function* usb_disable_interface(dev: usb_device, intf: usb_interface): KGen<void> {
  for (const ep of intf.cur_altsetting.endpoint) yield* usb_disable_endpoint(dev, ep);
}

