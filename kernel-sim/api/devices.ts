// The device-model snapshot the UI draws its device graph from: buses, classes, drivers, devices with parents, bindings and probe state (versioned schema).
import { z } from 'zod';

export const DEVICES_SNAPSHOT_VERSION = 1;

export const ProbeStateSchema = z.enum(['unbound', 'probing', 'bound', 'deferred', 'failed']);

export const DeviceNodeSchema = z.object({
  /** kobject path under /sys, e.g. "/devices/platform/serial8250"; the device's identity. */
  devpath: z.string(),
  name: z.string(),
  /** devpath of the parent device, null at the top. */
  parent: z.string().nullable(),
  bus: z.string().nullable(),
  class: z.string().nullable(),
  driver: z.string().nullable(),
  /** "MAJOR:MINOR" when the device has a dev_t. */
  devt: z.string().nullable(),
  /** The /dev name devtmpfs gives it. */
  devnode: z.string().nullable(),
  state: ProbeStateSchema,
  /** Positive errno of a failed probe. */
  errno: z.number().int().optional(),
  deferredReason: z.string().optional(),
});

export const DevicesSnapshotSchema = z.object({
  version: z.literal(DEVICES_SNAPSHOT_VERSION),
  /** Virtual time of the snapshot, nanoseconds. */
  ts: z.number(),
  /** /sys/kernel/uevent_seqnum at that time: the snapshot includes every event up to it. */
  seqnum: z.number().int(),
  buses: z.array(z.object({ name: z.string(), driversAutoprobe: z.boolean() })),
  classes: z.array(z.object({ name: z.string() })),
  drivers: z.array(z.object({ name: z.string(), bus: z.string(), module: z.string().nullable(), devices: z.array(z.string()) })),
  devices: z.array(DeviceNodeSchema),
  links: z.array(z.object({ supplier: z.string(), consumer: z.string(), status: z.string() })),
});

export type DeviceNode = z.infer<typeof DeviceNodeSchema>;
export type DevicesSnapshot = z.infer<typeof DevicesSnapshotSchema>;
