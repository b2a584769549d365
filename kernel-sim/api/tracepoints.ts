// The kernel's tracepoints as clients see them: the registry's types (kernel/trace/events.ts) and typed trace events, for `import type` in the renderer.
//
// Clients never copy event names as free strings: they name events through
// these types (a misspelt or removed name does not compile) or take the list
// from the trace.tracepoints method at run time.
import { z } from 'zod';
import type { InstantName, InstantSubsystem, TracepointPayload } from '../kernel/trace/events.ts';
import type { TraceAffects } from '../kernel/trace/tracepoint.ts';
import type { TraceEvent } from './protocol.ts';

export { TRACEPOINTS, tracepoints_affecting, tracepoint_decl } from '../kernel/trace/events.ts';
export type { InstantName, InstantSubsystem, SpanSubsystem, TraceSubsystem, TracepointName, TracepointPayload } from '../kernel/trace/events.ts';

/** A trace event of a declared instant tracepoint, its payload typed. */
export type TraceEventOf<S extends InstantSubsystem, N extends InstantName<S>> = Omit<TraceEvent, 'cat' | 'name' | 'args'> & {
  cat: S; name: N; args: TracepointPayload<'i', S, N>;
};

/** One entry of the catalog trace.tracepoints returns. */
export const TracepointInfoSchema = z.object({
  subsystem: z.string(),
  /** 'exact': `names`; 'prefix': names starting with `prefix`; 'any': spans named after what they time. */
  match: z.enum(['exact', 'prefix', 'any']),
  names: z.array(z.string()),
  prefix: z.string().optional(),
  ph: z.enum(['i', 'X']),
  fields: z.array(z.object({ name: z.string(), type: z.string(), optional: z.boolean() })),
  doc: z.string(),
  affects: z.array(z.enum(['devices'] satisfies [TraceAffects])),
}).strict();
export type TracepointInfo = z.infer<typeof TracepointInfoSchema>;
