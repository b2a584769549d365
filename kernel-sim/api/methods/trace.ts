// Protocol methods of the kernel's logs: the trace buffer (export, the tracepoint catalog) and the printk ring (dmesg.read), both from boot.
import { z } from 'zod';
import { DmesgRecordSchema, Empty } from '../protocol.ts';
import { TracepointInfoSchema } from '../tracepoints.ts';
import { methodSchemas } from '../method-schema.ts';

export const traceApi = methodSchemas({
  /** All trace events so far as Chrome trace JSON (opens in Perfetto). */
  'trace.export': { params: Empty, result: z.object({ json: z.string() }).strict() },
  /** The declared tracepoints (kernel/trace/events.ts) with their fields: what clients can follow. */
  'trace.tracepoints': { params: Empty, result: z.object({ tracepoints: z.array(TracepointInfoSchema) }).strict() },
  /** The kernel log records still in the ring buffer with seq >= sinceSeq (the dmesg stream carries later ones). */
  'dmesg.read': { params: z.object({ sinceSeq: z.number().int().nonnegative().optional() }).strict(), result: z.object({ records: z.array(DmesgRecordSchema) }).strict() },
});
