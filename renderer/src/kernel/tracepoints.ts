// Typed matching of trace events in the renderer: names come from the kernel's tracepoint registry types, so a misspelt or removed tracepoint does not compile.
import type { TraceEvent } from '../../../kernel-sim/api/protocol.ts';
import type { InstantName, InstantSubsystem, TraceEventOf } from '../../../kernel-sim/api/tracepoints.ts';

/** Whether `e` is the tracepoint `cat:name`; narrows its payload type. */
export function isTracepoint<S extends InstantSubsystem, N extends InstantName<S>>(e: TraceEvent, cat: S, name: N): e is TraceEvent & TraceEventOf<S, N> {
  return e.cat === cat && e.name === name;
}
