// Protocol methods of the Power view: each device's runtime PM status over virtual time and every system sleep's steps and device callbacks (kernel/power/history.ts, fed by the power and rpm tracepoints).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

const ns = z.number();
export const PowerHistorySchema = z.object({
  /** Virtual time of this answer, ns. */
  nowNs: ns,
  /** Runtime PM status changes in time order (rpm_status: RPM_ACTIVE, RPM_SUSPENDING, RPM_SUSPENDED, RPM_RESUMING). */
  rpm: z.array(z.object({ t: ns, dev: z.string(), status: z.string() }).strict()),
  /** The last system sleeps, oldest first; end is -1 while one is in progress. */
  transitions: z.array(z.object({
    start: ns, end: ns,
    steps: z.array(z.object({ action: z.string(), start: ns, end: ns }).strict()),
    callbacks: z.array(z.object({ dev: z.string(), driver: z.string(), phase: z.string(), start: ns, end: ns, error: z.number().int() }).strict()),
  }).strict()),
}).strict();
export type PowerHistory = z.infer<typeof PowerHistorySchema>;

export const powerApi = methodSchemas({
  /** Power history of the running machine from boot. */
  'power.history': { params: z.object({}).strict(), result: PowerHistorySchema },
});
