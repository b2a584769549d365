// Models QEMU hw/usb/bus.c's device_add/device_del for USB (usb_device_attach/usb_device_detach): the USB device models by name, and plugging one into (or pulling it from) a host controller's port at run time.
import type { KwbMachine } from '../core/machine-builder.ts';
import type { USBDevice, USBDeviceType } from './dev.ts';
import { XHCIState } from './hcd-xhci.ts';
import { usb_types as echo_types } from './dev-echo.ts';
import { usb_types as storage_types } from './dev-storage.ts';

/** Every USB device model a port can take. */
export const USB_DEVICE_TYPES: readonly USBDeviceType[] = [...echo_types, ...storage_types];

export interface USBPortInfo { controller: string; port: number; usb3: boolean; device: string | null; speed: string | null }

function controllers(m: KwbMachine): { path: string; hc: XHCIState }[] {
  return m.devices.filter((d) => d.dev instanceof XHCIState).map((d) => ({ path: d.path, hc: d.dev as XHCIState }));
}

function find(m: KwbMachine, controller: string | undefined): { path: string; hc: XHCIState } | string {
  const all = controllers(m);
  if (!all.length) return 'this machine has no USB host controller';
  const c = controller ? all.find((x) => x.path === controller || x.path.endsWith(`/${controller}`)) : all[0];
  return c ?? `no USB host controller at ${controller} (known: ${all.map((x) => x.path).join(', ')})`;
}

/** The root ports of every controller and what is plugged into them. */
export function usb_ports(m: KwbMachine): USBPortInfo[] {
  return controllers(m).flatMap(({ path, hc }) => hc.ports.map((p, i) => ({ controller: path, port: i + 1, usb3: p.usb3, device: p.dev?.name ?? null, speed: p.dev?.speed ?? null })));
}

/** usb_device_attach: a new `model` into `port` of the controller; an error message (nothing plugged) or null. */
export function usb_plug(m: KwbMachine, port: number, model: string, controller?: string): string | null {
  const c = find(m, controller);
  if (typeof c === 'string') return c;
  const t = USB_DEVICE_TYPES.find((x) => x.name === model);
  if (!t) return `unknown USB device model "${model}" (known: ${USB_DEVICE_TYPES.map((x) => x.name).join(', ')})`;
  // usb_desc_create_serial: serial "1", the controller's path, the port ("1-0000:00:04.0-1").
  const dev: USBDevice = t.create(c.hc.ctx, `${model}@${port}`, `1-${c.hc.slot_name()}-${port}`);
  return c.hc.usb_attach(port, dev);
}

/** usb_device_detach: the device in `port` is pulled out; an error message or null. */
export function usb_unplug(m: KwbMachine, port: number, controller?: string): string | null {
  const c = find(m, controller);
  if (typeof c === 'string') return c;
  if (port < 1 || port > c.hc.ports.length) return `${c.path}: no port ${port} (ports 1-${c.hc.ports.length})`;
  return c.hc.usb_detach(port) ? null : `${c.path}: port ${port} is empty`;
}
