// Protocol methods of USB: the root ports of the machine's host controllers with what is plugged into them, and plugging or pulling a device model (the UI's plug/unplug).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

export const UsbPortSchema = z.object({
  /** The controller's device-tree path (/pcie@b0000000/usb@4). */
  controller: z.string(),
  /** The controller's port number: 1-4 are USB 2.0 (bus 1), 5-8 USB 3.0 (bus 2) on qemu-xhci. */
  port: z.number().int().min(1),
  usb3: z.boolean(),
  /** The device model plugged in, or null. */
  device: z.string().nullable(),
  speed: z.enum(['low', 'full', 'high', 'super']).nullable(),
}).strict();
export type UsbPort = z.infer<typeof UsbPortSchema>;

export interface UsbTreeDevice {
  /** The kernel's name ("usb1", "1-1") and where it hangs (its parent hub's port; 0 for a root hub). */
  name: string; port: number; devnum: number;
  /** Mb/s as the speed attribute shows it ("480"). */
  speed: string;
  idVendor: number; idProduct: number; product: string | null; manufacturer: string | null;
  /** The device driver ("usb") and, per interface, the interface driver ("usb-storage", "hub") and the block devices below it. */
  driver: string | null; maxchild: number;
  interfaces: { name: string; ifnum: number; cls: number; driver: string | null; blocks: string[] }[];
  children: UsbTreeDevice[];
}
export const UsbTreeDeviceSchema: z.ZodType<UsbTreeDevice> = z.lazy(() => z.object({
  name: z.string(), port: z.number().int(), devnum: z.number().int(), speed: z.string(), idVendor: z.number().int(), idProduct: z.number().int(),
  product: z.string().nullable(), manufacturer: z.string().nullable(), driver: z.string().nullable(), maxchild: z.number().int(),
  interfaces: z.array(z.object({ name: z.string(), ifnum: z.number().int(), cls: z.number().int(), driver: z.string().nullable(), blocks: z.array(z.string()) }).strict()),
  children: z.array(UsbTreeDeviceSchema),
}).strict());
export const UsbTreeBusSchema = z.object({ busnum: z.number().int(), controller: z.string(), root: UsbTreeDeviceSchema }).strict();
export type UsbTreeBus = z.infer<typeof UsbTreeBusSchema>;

const PlugTarget = { port: z.number().int().min(1).max(255), controller: z.string().max(200).optional() };

export const usbApi = methodSchemas({
  /** Every root port and the device models that can be plugged in. */
  'usb.ports': {
    params: z.object({}).strict(),
    result: z.object({ ports: z.array(UsbPortSchema), models: z.array(z.object({ name: z.string(), desc: z.string(), speed: z.string() }).strict()) }).strict(),
  },
  /** The kernel's view: each USB bus, its root hub and the devices below, their interfaces, drivers and block devices. */
  'usb.tree': { params: z.object({}).strict(), result: z.object({ buses: z.array(UsbTreeBusSchema) }).strict() },
  /**
   * Plugs a new device of `model` into a root port; the hub driver enumerates it
   * (dmesg, uevents, drivers) within the virtual time that follows. EINVAL names
   * what was wrong: no such port or model, a port in use, a speed the port cannot take.
   */
  'usb.plug': { params: z.object({ ...PlugTarget, model: z.string().min(1).max(40) }).strict(), result: z.object({ ok: z.literal(true) }).strict() },
  /** Pulls the device out of a root port (USB disconnect); EINVAL for an empty port. */
  'usb.unplug': { params: z.object(PlugTarget).strict(), result: z.object({ ok: z.literal(true) }).strict() },
});
