// Models linux/kernel/trace/trace.c: the one tracepoint bus every subsystem reports to, exportable as Chrome trace JSON.
//
// Events carry virtual timestamps. The UI, labs and tests subscribe; the ring
// keeps the most recent events for export (Perfetto opens the JSON).
import type { TraceEvent } from '../../api/protocol.ts';
import { defineState } from '../state.ts';
import { ktime_get } from '../time/timekeeping.ts';
import type { InstantName, InstantSubsystem, PayloadArgs, SpanSubsystem } from './events.ts';

export type TraceListener = (ev: TraceEvent) => void;

const TRACE_RING_SIZE = 200_000;

interface TraceState {
  ring: TraceEvent[];
  head: number;
  listeners: Set<TraceListener>;
  /** Who the events are attributed to; the scheduler updates it on each switch. */
  pid: number;
  tid: number;
}

const traceState = defineState<TraceState>('trace', () => ({ ring: [], head: 0, listeners: new Set(), pid: 0, tid: 0 }));

export function trace_set_context(pid: number, tid: number): void {
  const s = traceState();
  s.pid = pid;
  s.tid = tid;
}

function emit(ev: TraceEvent): void {
  const s = traceState();
  if (s.ring.length < TRACE_RING_SIZE) s.ring.push(ev);
  else {
    s.ring[s.head] = ev;
    s.head = (s.head + 1) % TRACE_RING_SIZE;
  }
  for (const l of s.listeners) l(ev);
}

/**
 * An instant event of a tracepoint declared in events.ts:
 * `trace_event('irq', 'irq_handler_entry', { irq: 11, name: 'edu' })`.
 * The subsystem, the name and the payload are checked against the declaration.
 */
export function trace_event<S extends InstantSubsystem, N extends InstantName<S>>(cat: S, name: N, ...args: PayloadArgs<'i', S, N>): void;
// The typed signature above is the only one callers see; this one takes no rest array, so a hot tracepoint (every system call) allocates none.
export function trace_event(cat: string, name: string, args?: Record<string, unknown>): void {
  const s = traceState();
  emit({ ts: ktime_get(), cat, name, ph: 'i', pid: s.pid, tid: s.tid, args });
}

/** A span with a known duration (a declared span tracepoint), e.g. an initcall. */
export function trace_complete<S extends SpanSubsystem>(cat: S, name: string, start_ns: number, end_ns: number, ...args: PayloadArgs<'X', S, string>): void;
export function trace_complete(cat: string, name: string, start_ns: number, end_ns: number, args?: Record<string, unknown>): void {
  const s = traceState();
  emit({ ts: start_ns, dur: end_ns - start_ns, cat, name, ph: 'X', pid: s.pid, tid: s.tid, args });
}

export function trace_subscribe(l: TraceListener): () => void {
  const s = traceState();
  s.listeners.add(l);
  return () => s.listeners.delete(l);
}

export function trace_has_listeners(): boolean {
  return traceState().listeners.size > 0;
}

/** Events in order, oldest first. */
export function trace_events(): TraceEvent[] {
  const s = traceState();
  return s.head === 0 ? s.ring.slice() : s.ring.slice(s.head).concat(s.ring.slice(0, s.head));
}

/** Chrome trace format; timestamps in microseconds as the format wants. */
export function trace_export_chrome(): string {
  const events = trace_events().map((e) => ({
    name: e.name, cat: e.cat, ph: e.ph, ts: e.ts / 1000, ...(e.dur !== undefined ? { dur: e.dur / 1000 } : {}),
    pid: e.pid, tid: e.tid, ...(e.ph === 'i' ? { s: 't' } : {}), ...(e.args ? { args: e.args } : {}),
  }));
  return JSON.stringify({ traceEvents: events, displayTimeUnit: 'ns', otherData: { source: 'Kernel Workbench kernel-sim' } });
}
