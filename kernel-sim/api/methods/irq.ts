// Protocol methods of the interrupt subsystem: interrupt counts per line from boot, sampled in virtual time (kernel/irq/history.ts).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

export const IrqHistorySchema = z.object({
  /** Virtual time between samples, ns (doubles as the bounded ring thins out a long history). */
  intervalNs: z.number(),
  /** Virtual time of this answer, ns. */
  nowNs: z.number(),
  /** The numbered lines of /proc/interrupts seen since boot, with their chip, flow and handler names. */
  lines: z.array(z.object({ irq: z.number().int(), label: z.string() }).strict()),
  /** Counts summed over CPUs at each sample time, one per line of `lines` (0 before a line existed), oldest first. */
  samples: z.array(z.object({ t: z.number(), counts: z.array(z.number().int()) }).strict()),
}).strict();
export type IrqHistory = z.infer<typeof IrqHistorySchema>;

export const irqApi = methodSchemas({
  /** Interrupt counts per line from boot (or after sinceNs), at the sampling boundaries passed so far. */
  'irq.history': { params: z.object({ sinceNs: z.number().nonnegative().optional() }).strict(), result: IrqHistorySchema },
});
