// Handlers of the machine's methods: liveness, boot and reboot, its state, and one guest command line.
import { machineApi } from '../../api/methods/machine.ts';
import { PROTOCOL_VERSION } from '../../api/protocol.ts';
import { defineMethods } from './define.ts';

export const machineMethods = defineMethods(machineApi, {
  ping: () => ({ version: PROTOCOL_VERSION }),
  'machine.boot': (params, ctx) => ctx.boot(params),
  'machine.reboot': (_p, ctx) => ctx.machine().reboot(),
  'machine.info': (_p, ctx) => ctx.machine().info(),
  'shell.run': (params, ctx) => ctx.machine().runCommand(params.command, { timeoutNs: params.timeoutNs, cancelled: () => ctx.cancelled() }),
});
