// Handlers of the log methods: the trace buffer (Chrome JSON), the tracepoint catalog, and the printk ring.
import { traceApi } from '../../api/methods/trace.ts';
import type { TracepointInfo } from '../../api/tracepoints.ts';
import { TRACEPOINTS } from '../../kernel/trace/events.ts';
import type { TracepointDecl } from '../../kernel/trace/tracepoint.ts';
import { defineMethods } from './define.ts';

/** A zod field's type as the catalog names it (its def's type: number, string, array ...). */
function type_name(schema: unknown): { type: string; optional: boolean } {
  let def = (schema as { def?: { type?: string; innerType?: unknown } }).def;
  let optional = false;
  let nullable = false;
  while (def && (def.type === 'optional' || def.type === 'nullable')) {
    if (def.type === 'optional') optional = true; else nullable = true;
    def = (def.innerType as { def?: { type?: string; innerType?: unknown } } | undefined)?.def;
  }
  return { type: `${def?.type ?? 'unknown'}${nullable ? ' | null' : ''}`, optional };
}

/** The registry as data for clients. */
export function tracepoint_catalog(): TracepointInfo[] {
  return (TRACEPOINTS as readonly TracepointDecl[]).map((d) => ({
    subsystem: d.subsystem,
    match: d.match.kind,
    names: d.match.kind === 'exact' ? [...d.match.names] : [],
    ...(d.match.kind === 'prefix' ? { prefix: d.match.prefix } : {}),
    ph: d.ph,
    fields: Object.entries(d.payload.shape).map(([name, s]) => ({ name, ...type_name(s) })),
    doc: d.doc,
    affects: [...d.affects],
  }));
}

export const traceMethods = defineMethods(traceApi, {
  'trace.export': (_p, ctx) => ({ json: ctx.machine().exportTrace() }),
  'trace.tracepoints': () => ({ tracepoints: tracepoint_catalog() }),
  'dmesg.read': (params, ctx) => ({ records: ctx.machine().dmesg(params.sinceSeq ?? 0) }),
});
