// Protocol methods of the machine: liveness, power (boot, reboot), its state, and one command line in a guest shell (CLI, tests, labs).
import { z } from 'zod';
import { BootParamsSchema, Empty, MachineInfoSchema } from '../protocol.ts';
import { methodSchemas } from '../method-schema.ts';

export const machineApi = methodSchemas({
  ping: { params: Empty, result: z.object({ version: z.number() }).strict() },
  'machine.boot': { params: BootParamsSchema, result: MachineInfoSchema },
  'machine.reboot': { params: Empty, result: MachineInfoSchema },
  'machine.info': { params: Empty, result: MachineInfoSchema },
  /** Runs one command line in a guest shell and waits for it (CLI, tests, labs; the UI reads through fs.* instead). */
  'shell.run': { params: z.object({ command: z.string().max(65536), timeoutNs: z.number().positive().optional() }).strict(), result: z.object({ output: z.string(), status: z.number().int() }).strict() },
});
