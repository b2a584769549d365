// Models linux/include/linux/tracepoint.h and trace/trace_events.h: how a tracepoint is declared (TRACE_EVENT, DECLARE_EVENT_CLASS + DEFINE_EVENT) as data.
//
// A declaration names the subsystem (ftrace's "system"), the event names it
// covers and the payload's fields as a zod object, so one declaration gives
// the TypeScript type every call site is checked against, the schema tests
// validate emitted events with, and the field list the UI's catalog shows.
import { z } from 'zod';

/** How a declaration's names match an event's name. */
export type NameMatch =
  /** Exactly the listed names (TRACE_EVENT, or DEFINE_EVENTs of one class). */
  | { kind: 'exact'; names: readonly string[] }
  /** Names starting with a prefix: syscalls' sys_<name>, one per system call. */
  | { kind: 'prefix'; prefix: string }
  /** Per-instance names: a span named after the function it times (an initcall). */
  | { kind: 'any'; what: string };

/** Views whose data an event changes: a client holding that data refetches on it. */
export type TraceAffects = 'devices';

export interface TracepointDecl<S extends string = string, N extends string = string, P extends z.ZodObject = z.ZodObject, K extends 'i' | 'X' = 'i' | 'X'> {
  readonly subsystem: S;
  readonly match: NameMatch;
  /** 'i' an instant, 'X' a span with a duration (ts is its start). */
  readonly ph: K;
  readonly payload: P;
  readonly doc: string;
  readonly affects: readonly TraceAffects[];
  /** Type-level only: the event names this declaration covers. */
  readonly __names?: N;
}

/** TRACE_EVENT / DEFINE_EVENT: instants with fixed names sharing one payload. */
export function tracepoint<const S extends string, const N extends string, P extends z.ZodObject>(
  subsystem: S, names: N | readonly N[], payload: P, doc: string, affects: readonly TraceAffects[] = [],
): TracepointDecl<S, N, P, 'i'> {
  return { subsystem, match: { kind: 'exact', names: typeof names === 'string' ? [names] : names }, ph: 'i', payload, doc, affects };
}

/** A family of instants named PREFIX<something>, e.g. syscalls' sys_openat. */
export function tracepoint_family<const S extends string, const X extends string, P extends z.ZodObject>(
  subsystem: S, prefix: X, payload: P, doc: string,
): TracepointDecl<S, `${X}${string}`, P, 'i'> {
  return { subsystem, match: { kind: 'prefix', prefix }, ph: 'i', payload, doc, affects: [] };
}

/** Spans (Chrome 'X' events) named after what they time. */
export function tracepoint_span<const S extends string, P extends z.ZodObject>(subsystem: S, what: string, payload: P, doc: string): TracepointDecl<S, string, P, 'X'> {
  return { subsystem, match: { kind: 'any', what }, ph: 'X', payload, doc, affects: [] };
}

/** Whether a declaration covers an event name. */
export function tracepoint_matches(d: TracepointDecl, name: string): boolean {
  const m = d.match;
  return m.kind === 'exact' ? m.names.includes(name) : m.kind === 'prefix' ? name.startsWith(m.prefix) : true;
}

/** Shorthands for payload fields. */
export const int = z.number().int();
export const num = z.number();
export const str = z.string();
export const bool = z.boolean();
