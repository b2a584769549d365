// Models linux/kernel/trace/trace.c: the one tracepoint bus every subsystem reports to, exportable as Chrome trace JSON.
//
// Events carry virtual timestamps. The UI, labs and tests subscribe; the ring
// keeps the most recent events for export (Perfetto opens the JSON).
//
// Enabling (kernel/trace/trace_events.c's events/<subsys>/enable and
// events/<subsys>/<event>/enable): the events of TRACE_OFF_BY_DEFAULT fire on
// every IO, so, as all of ftrace's events are until enabled, they are off until
// something asks for them — a listener naming them (the IO view's io.compare,
// a test), a listener of everything (the Machine's forwarding to the app's
// trace view, kwb lab check), or an explicit trace_subsystem_enable()
// (blktrace). Off, an event is neither recorded nor delivered, and hot call
// sites test trace_enabled() first (the tracepoint's static key) so they do
// not even build the payload. Every other event records from boot: the boot
// timeline, the device graph and lab checks read the ring.
import type { TraceEvent } from '../../api/protocol.ts';
import { defineState } from '../state.ts';
import { SYSCALL_WORK_SYSCALL_TRACEPOINT, set_syscall_work, syscall_work_flags } from '../entry/syscall_work.ts';
import { ktime_get } from '../time/timekeeping.ts';
import { TRACEPOINTS, type InstantName, type InstantSubsystem, type PayloadArgs, type SpanSubsystem, type TraceSubsystem } from './events.ts';

export type TraceListener = (ev: TraceEvent) => void;

/** A subsystem ('block') or one event of it ('dma/dma_map'), as tracefs names them under events/. */
export type trace_event_path = TraceSubsystem | `${TraceSubsystem}/${string}`;

const TRACE_RING_SIZE = 200_000;

/**
 * Off until enabled: include/trace/events/block.h's per-bio and per-request
 * events, kyber's, the IO view's per-request stages and the DMA API's
 * per-mapping event (three per virtio-blk request). elevator_switch, the
 * interrupt events and the rest stay on from boot (lab checks look for them).
 */
export const TRACE_OFF_BY_DEFAULT: readonly trace_event_path[] = ['block', 'kyber', 'iosched/block_rq_stages', 'dma/dma_map'];

/** What a listener wants: per subsystem, every event (null) or some. */
type trace_filter = ReadonlyMap<string, ReadonlySet<string> | null>;

interface trace_sub { l: TraceListener; filter: trace_filter | null }

interface TraceState {
  ring: TraceEvent[];
  head: number;
  /** Each listener with what it wants (null: everything); replaced, never changed in place, so a listener may unsubscribe while events are delivered. */
  listeners: readonly trace_sub[];
  /** Enables held per path: listeners naming it and trace_subsystem_enable() calls not yet released. */
  enables: Map<string, number>;
  /** Listeners of everything: while there is one, nothing is off. */
  all: number;
  /** The static keys, recomputed on each change: per subsystem, its events that are off now... */
  off_events: Map<string, Set<string>>;
  /** ...and the subsystems all of whose events are off (a hot call site skips building the payload). */
  off: Set<string>;
  /** The subsystems some filtered listener names, recomputed when listeners change (with `all`, what trace_has_listeners tests). */
  listened: Set<string>;
  /** Who the events are attributed to; the scheduler updates it on each switch. */
  pid: number;
  tid: number;
}

/** The declared event names of a path: the one event, or every exact name of the subsystem's declarations. */
function path_events(path: trace_event_path): { cat: string; names: string[]; whole: boolean } {
  const [cat, name] = path.split('/') as [string, string | undefined];
  if (name !== undefined) return { cat, names: [name], whole: false };
  const names = TRACEPOINTS.flatMap((d) => (d.subsystem === cat && d.match.kind === 'exact' ? d.match.names : []));
  return { cat, names, whole: true };
}

function update_keys(s: TraceState): void {
  s.off_events = new Map();
  s.off = new Set();
  if (s.all > 0) return;
  for (const path of TRACE_OFF_BY_DEFAULT) {
    const { cat, names, whole } = path_events(path);
    if (s.enables.get(cat)) continue;
    const off = names.filter((n) => !s.enables.get(`${cat}/${n}`));
    if (!off.length) continue;
    const set = s.off_events.get(cat) ?? new Set<string>();
    for (const n of off) set.add(n);
    s.off_events.set(cat, set);
    if (whole && off.length === names.length) s.off.add(cat);
  }
}

function hold(s: TraceState, paths: Iterable<string>, delta: 1 | -1): void {
  for (const p of paths) s.enables.set(p, (s.enables.get(p) ?? 0) + delta);
  update_keys(s);
}

const traceState = defineState<TraceState>('trace', () => {
  const s: TraceState = { ring: [], head: 0, listeners: [], enables: new Map(), all: 0, off_events: new Map(), off: new Set(), listened: new Set(), pid: 0, tid: 0 };
  update_keys(s);
  return s;
});

/**
 * The static key a hot call site tests before it builds a payload: whether
 * the event (or, without a name, any event of the subsystem) is recorded now.
 */
export function trace_enabled(cat: TraceSubsystem, name?: string): boolean {
  const s = traceState();
  return name === undefined ? !s.off.has(cat) : !s.off_events.get(cat)?.has(name);
}

/**
 * Writing 1 to events/<subsys>/enable (or events/<subsys>/<event>/enable):
 * the events are recorded into the ring and delivered to every listener until
 * the returned function is called. Enables nest, so blktrace and a test can
 * both hold block's.
 */
export function trace_subsystem_enable(path: trace_event_path): () => void {
  const s = traceState();
  hold(s, [path], 1);
  let held = true;
  return () => { if (held) { held = false; hold(s, [path], -1); } };
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
  for (const sub of s.listeners) {
    if (sub.filter) {
      const names = sub.filter.get(ev.cat);
      if (names === undefined || (names !== null && !names.has(ev.name))) continue;
    }
    sub.l(ev);
  }
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
  const off = s.off_events.get(cat);
  if (off !== undefined && off.has(name)) return;
  emit(s, { ts: ktime_get(), cat, name, ph: 'i', pid: s.pid, tid: s.tid, args });
}

/** A span with a known duration (a declared span tracepoint), e.g. an initcall. */
export function trace_complete<S extends SpanSubsystem>(cat: S, name: string, start_ns: number, end_ns: number, ...args: PayloadArgs<'X', S, string>): void;
export function trace_complete(cat: string, name: string, start_ns: number, end_ns: number, args?: Record<string, unknown>): void {
  const s = traceState();
  const off = s.off_events.get(cat);
  if (off !== undefined && off.has(name)) return;
  emit(s, { ts: start_ns, dur: end_ns - start_ns, cat, name, ph: 'X', pid: s.pid, tid: s.tid, args });
}

/**
 * Delivers events to `l` until the returned function is called: those of
 * `paths` only (subsystems or single events, enabled while subscribed), or
 * every event (enabling all) when none are named.
 */
export function trace_subscribe(l: TraceListener, paths?: readonly trace_event_path[]): () => void {
  const s = traceState();
  let filter: Map<string, Set<string> | null> | null = null;
  if (paths) {
    filter = new Map();
    for (const p of paths) {
      const [cat, name] = p.split('/') as [string, string | undefined];
      const cur = filter.get(cat);
      if (name === undefined) filter.set(cat, null);
      else if (cur !== null) filter.set(cat, (cur ?? new Set()).add(name));
    }
  }
  const sub: trace_sub = { l, filter };
  s.listeners = [...s.listeners, sub];
  update_listened(s);
  if (paths) hold(s, paths, 1);
  else { s.all++; update_keys(s); }
  const work = syscall_work_flags();
  update_syscall_work(s, work);
  return () => {
    if (!s.listeners.includes(sub)) return;
    s.listeners = s.listeners.filter((x) => x !== sub);
    update_listened(s);
    if (paths) hold(s, paths, -1);
    else { s.all--; update_keys(s); }
    update_syscall_work(s, work);
  };
}

/** A system call builds its record only while its events are listened to (SYSCALL_WORK_SYSCALL_TRACEPOINT). */
function update_syscall_work(s: TraceState, work: syscall_work_flags): void {
  set_syscall_work(SYSCALL_WORK_SYSCALL_TRACEPOINT, s.all > 0 || s.listened.has('syscalls'), work);
}

function update_listened(s: TraceState): void {
  s.listened = new Set(s.listeners.flatMap((sub) => (sub.filter ? [...sub.filter.keys()] : [])));
}

/**
 * Whether anyone listens to `cat`'s events: a listener of everything or one
 * naming the subsystem. Call sites whose events exist only for listeners (a
 * system call's record) test it first; the power history listening to 'power'
 * must not make every system call build one.
 */
export function trace_has_listeners(cat: TraceSubsystem): boolean {
  const s = traceState();
  return s.all > 0 || s.listened.has(cat);
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
