// Models linux/drivers/usb/core/usb.h: usbcore's private header — per-boot state, the usb_device device type with its /dev/bus/usb node and uevent, and container helpers.
import type { usb_bus, usb_device, usb_interface } from '../../../include/linux/usb.ts';
import type { device, device_type } from '../../base/base.ts';
import { add_uevent_var } from '../../../lib/kobject_uevent.ts';
import { defineState } from '../../../kernel/state.ts';
import { wait_queue_head } from '../../../kernel/sched/wait.ts';

export const USB_DEVICE_MAJOR = 189, USB_MAJOR = 180;

/** Per-boot usbcore state: buses by number, the queue usb_kill_urb sleeps on, the usb class's minors. */
export const usbState = defineState('usbcore', () => ({
  buses: [] as usb_bus[],
  busmap: new Set<number>(),
  kill_urb_queue: new wait_queue_head('usb_kill_urb_queue'),
  minors: new Map<number, usb_interface>(),
}));

export const to_usb_device = (dev: device): usb_device => dev.container as usb_device;
export const to_usb_interface = (dev: device): usb_interface => dev.container as usb_interface;
export const interface_to_usbdev = (intf: usb_interface): usb_device => to_usb_device(intf.dev.parent!);

/** usb_devnode: /dev/bus/usb/BBB/DDD. */
export const usb_device_type: device_type = {
  name: 'usb_device',
  devnode: (dev) => { const u = to_usb_device(dev); return { name: `bus/usb/${String(u.bus.busnum).padStart(3, '0')}/${String(u.devnum).padStart(3, '0')}` }; },
  uevent(dev, env) {
    const u = to_usb_device(dev);
    return add_uevent_var(env, `BUSNUM=${String(u.bus.busnum).padStart(3, '0')}`) || add_uevent_var(env, `DEVNUM=${String(u.devnum).padStart(3, '0')}`);
  },
};

export const is_usb_device = (dev: device): boolean => dev.type === usb_device_type;

