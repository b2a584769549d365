// Protocol methods of the driver model: the snapshot the device graphs draw.
import { Empty } from '../protocol.ts';
import { DevicesSnapshotSchema } from '../devices.ts';
import { methodSchemas } from '../method-schema.ts';

export const devicesApi = methodSchemas({
  /** The device model as the UI's device graph draws it (buses, drivers, devices, bindings, probe state). */
  'devices.snapshot': { params: Empty, result: DevicesSnapshotSchema },
});
