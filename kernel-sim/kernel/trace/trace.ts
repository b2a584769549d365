// Models linux/kernel/trace/trace.c: the one tracepoint bus every subsystem reports to, exportable as Chrome trace JSON.
//
// Events carry virtual timestamps. The UI, labs and tests subscribe; the ring
// keeps the most recent events for export (Perfetto opens the JSON).
//
// Enabling (kernel/trace/trace_events.c's events/<subsys>/enable): the
// subsystems of TRACE_OFF_BY_DEFAULT fire on every IO, so, as all of ftrace's
// events are until enabled, they are off until something asks for them — a
// listener naming them (the IO view's io.compare, a test), a listener of
// everything (the Machine's forwarding to the app's trace view), or an explicit
// trace_subsystem_enable() (blktrace). Off, their events are neither recorded
// nor delivered, and hot call sites test trace_enabled() first (the static key
// of a tracepoint) so they do not even build the payload. Every other
// subsystem records from boot: the boot timeline and the device graph backfill
// from the ring.
import type { TraceEvent } from '../../api/protocol.ts';
import { defineState } from '../state.ts';
import { ktime_get } from '../time/timekeeping.ts';
import type { InstantName, InstantSubsystem, PayloadArgs, SpanSubsystem, TraceSubsystem } from './events.ts';

export type TraceListener = (ev: TraceEvent) => void;

const TRACE_RING_SIZE = 200_000;

/** Subsystems whose events are off until enabled: include/trace/events/block.h's per-bio and per-request events, the IO view's per-request stages, kyber's. */
export const TRACE_OFF_BY_DEFAULT: readonly TraceSubsystem[] = ['block', 'iosched', 'kyber'];

interface trace_sub { l: TraceListener; cats: ReadonlySet<string> | null }

interface TraceState {
  ring: TraceEvent[];
  head: number;
  /** Each listener with the subsystems it wants (null: every subsystem); replaced, never changed in place, so a listener may unsubscribe while events are delivered. */
  listeners: readonly trace_sub[];
  /** Enables held per default-off subsystem: listeners naming it and trace_subsystem_enable() calls not yet released. */
  enables: Map<string, number>;
  /** Listeners of every subsystem: while there is one, nothing is off. */
  all: number;
  /** The default-off subsystems nobody enabled: recomputed on each change, read by every tracepoint (the static keys). */
  off: Set<string>;
  /** Who the events are attributed to; the scheduler updates it on each switch. */
  pid: number;
  tid: number;
}

const traceState = defineState<TraceState>('trace', () => ({
  ring: [], head: 0, listeners: [], enables: new Map(), all: 0, off: new Set(TRACE_OFF_BY_DEFAULT), pid: 0, tid: 0,
}));

function update_keys(s: TraceState): void {
  s.off = new Set(s.all > 0 ? [] : TRACE_OFF_BY_DEFAULT.filter((c) => !s.enables.get(c)));
}

function hold(s: TraceState, cats: Iterable<string>, delta: 1 | -1): void {
  for (const c of cats) s.enables.set(c, (s.enables.get(c) ?? 0) + delta);
  update_keys(s);
}

/** Whether a subsystem's events are recorded now: the static key a hot call site tests before it builds a payload. */
export function trace_enabled(cat: TraceSubsystem): boolean {
  return !traceState().off.has(cat);
}

/**
 * events/<subsys>/enable: turns a subsystem's events on (recorded into the
 * ring and delivered to every listener) until the returned function is
 * called. Enables nest, so blktrace and a test can both hold block's.
 */
export function trace_subsystem_enable(cat: TraceSubsystem): () => void {
  const s = traceState();
  hold(s, [cat], 1);
  let held = true;
  return () => { if (held) { held = false; hold(s, [cat], -1); } };
}

export function trace_set_context(pid: number, tid: number): void {
  const s = traceState();
  s.pid = pid;
  s.tid = tid;
}

function emit(s: TraceState, ev: TraceEvent): void {
  if (s.ring.length < TRACE_RING_SIZE) s.ring.push(ev);
  else {
    s.ring[s.head] = ev;
    s.head = (s.head + 1) % TRACE_RING_SIZE;
  }
  for (const sub of s.listeners) if (!sub.cats || sub.cats.has(ev.cat)) sub.l(ev);
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
  if (s.off.has(cat)) return;
  emit(s, { ts: ktime_get(), cat, name, ph: 'i', pid: s.pid, tid: s.tid, args });
}

/** A span with a known duration (a declared span tracepoint), e.g. an initcall. */
export function trace_complete<S extends SpanSubsystem>(cat: S, name: string, start_ns: number, end_ns: number, ...args: PayloadArgs<'X', S, string>): void;
export function trace_complete(cat: string, name: string, start_ns: number, end_ns: number, args?: Record<string, unknown>): void {
  const s = traceState();
  if (s.off.has(cat)) return;
  emit(s, { ts: start_ns, dur: end_ns - start_ns, cat, name, ph: 'X', pid: s.pid, tid: s.tid, args });
}

/**
 * Delivers events to `l` until the returned function is called: those of
 * `subsystems` only (enabling them while subscribed), or of every subsystem
 * (enabling all) when none are named.
 */
export function trace_subscribe(l: TraceListener, subsystems?: readonly TraceSubsystem[]): () => void {
  const s = traceState();
  const sub: trace_sub = { l, cats: subsystems ? new Set<string>(subsystems) : null };
  s.listeners = [...s.listeners, sub];
  if (sub.cats) hold(s, sub.cats, 1);
  else { s.all++; update_keys(s); }
  return () => {
    if (!s.listeners.includes(sub)) return;
    s.listeners = s.listeners.filter((x) => x !== sub);
    if (sub.cats) hold(s, sub.cats, -1);
    else { s.all--; update_keys(s); }
  };
}

export function trace_has_listeners(): boolean {
  return traceState().listeners.length > 0;
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
