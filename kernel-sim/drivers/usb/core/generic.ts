// Models linux/drivers/usb/core/generic.c: usb_generic_driver ("usb"), the device driver every usb_device binds to — it chooses a configuration (the first not vendor-specific one) and sets it.
import type { KGen } from '../../../include/linux/sched.ts';
import { type usb_device, type usb_device_driver, USB_CLASS_VENDOR_SPEC } from '../../../include/linux/usb.ts';
import { dev_err } from '../../base/core.ts';
import { usb_set_configuration, usb_disable_device } from './message.ts';

/** usb_choose_configuration: the first configuration whose first interface is not vendor-specific, else the first. */
export function usb_choose_configuration(udev: usb_device): number {
  if (!udev.config.length) return -1;
  const pick = udev.config.find((c) => c.intf_cache.some((a) => a?.[0] && a[0].desc.bInterfaceClass !== USB_CLASS_VENDOR_SPEC)) ?? udev.config[0]!;
  return pick.desc.bConfigurationValue;
}

function* generic_probe(udev: usb_device): KGen<number> {
  if (!udev.authorized) return 0;
  const c = usb_choose_configuration(udev);
  if (c >= 0) {
    const err = yield* usb_set_configuration(udev, c);
    if (err && err !== -19) dev_err(udev.dev, `can't set config #${c}, error ${err}`);
  }
  return 0;
}

function* generic_disconnect(udev: usb_device): KGen<void> {
  // Unconfigure: the interfaces' drivers are disconnected before the device goes.
  if (udev.actconfig) yield* usb_disable_device(udev, 1);
}

export const usb_generic_driver: usb_device_driver = { name: 'usb', probe: generic_probe, disconnect: generic_disconnect, drvwrap: { name: 'usb' } };
