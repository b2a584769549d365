// Handlers of the driver-model methods.
import { devicesApi } from '../../api/methods/devices.ts';
import { defineMethods } from './define.ts';

export const devicesMethods = defineMethods(devicesApi, {
  'devices.snapshot': (_p, ctx) => ctx.machine().devicesSnapshot(),
});
