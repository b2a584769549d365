// The kernel-sim service: validates protocol messages, dispatches them to one Machine, and sends responses and events.
//
// Transport-agnostic: every host (Electron utility process, worker thread,
// in-process) wraps a port in `send` and feeds received messages to `receive`.
// A malformed or unknown message gets an error response and changes nothing.
import { PACE_INTERVAL_MS, pace_step_ns } from './pacing.ts';
import {
  ClientMessageSchema, type DmesgRecord, type ErrorBody, type ErrorCode, type EventMessage, type ServerMessage, type Stream, type TraceEvent,
} from '../api/protocol.ts';
import { Machine, MachineError } from '../machine.ts';
import { load_machine } from './machines.ts';
import type { AnyMethodEntry, MethodContext } from './methods/define.ts';
import { METHOD_TABLES } from './methods/index.ts';
import { defaultBuilder, type ModuleBuilder } from './methods/module-build.ts';

export type { ModuleBuilder };
export type Send = (message: ServerMessage) => void;
/** Streams whose events are batched: one message per turn of the host's event loop, not one per record. */
type Batched = 'trace' | 'dmesg';
/** What a connection receives before it subscribes to anything. */
const DEFAULT_STREAMS: Stream[] = ['console', 'machine'];


/**
 * System-call records one flush may carry. A task that makes system calls flat out (`yes > /dev/null`) makes
 * hundreds of thousands a second, which would bury the client (the web workbench froze); the Trace view is a
 * window, not an archive, so, as ftrace's ring buffer overwrites its oldest entries, a flush keeps the newest.
 * Other categories (device, irq, block ...) feed the views' state and always pass.
 */
export const SYSCALL_RECORDS_PER_FLUSH = 1024;

/** `records` without their oldest system-call records beyond `max`, in order. */
export function trim_syscall_records(records: TraceEvent[], max = SYSCALL_RECORDS_PER_FLUSH): TraceEvent[] {
  let n = 0;
  for (const r of records) if (r.cat === 'syscalls') n++;
  let skip = n - max;
  if (skip <= 0) return records;
  return records.filter((r) => r.cat !== 'syscalls' || skip-- <= 0);
}

export interface ServiceOptions {
  /** Boot options used when a client calls nothing but tty.open first. */
  defaultBoot?: { dts?: string; dtsName?: string; cmdline?: string; seed?: number };
  /** Paces virtual time to the host's clock (interactive hosts); off for tests. */
  pace?: boolean;
  /** Host clock in ms; injected so tests stay deterministic. */
  now?: () => number;
  /** The toolchain for `build`; default: the host's one warm clang (kwb-build.ts), loaded on first use. */
  builder?: () => ModuleBuilder | Promise<ModuleBuilder>;
  /** Handler tables to serve; default: every subsystem's (host/methods/). */
  tables?: ReadonlyArray<Record<string, AnyMethodEntry>>;
  /** Checks every result against its schema before sending it (default on; a mismatch is an EIO error naming the field). */
  validateResults?: boolean;
}

function issues(err: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

export class KernelService {
  private machine: Machine | null = null;
  /** Streams per subscriber of this connection; the connection receives their union. */
  private readonly subscribers = new Map<string, Set<Stream>>([['default', new Set(DEFAULT_STREAMS)]]);
  private streams = new Set<Stream>(DEFAULT_STREAMS);
  private readonly table = new Map<string, AnyMethodEntry>();
  private unlisten: (() => void) | null = null;
  private paceTimer: ReturnType<typeof setInterval> | null = null;
  /** A machine booted by preboot() waits for its first client before virtual time follows the host clock. */
  private paceHeld = false;
  private lastPace = 0;
  /** Requests still running, and those of them a client cancelled: both pruned when the response goes out. */
  private readonly inflight = new Set<number>();
  private readonly cancelled = new Set<number>();
  private pendingTrace: TraceEvent[] = [];
  private pendingDmesg: DmesgRecord[] = [];
  private flushQueued = false;

  constructor(private readonly send: Send, private readonly options: ServiceOptions = {}) {
    for (const t of options.tables ?? METHOD_TABLES) for (const [name, entry] of Object.entries(t)) this.table.set(name, entry);
  }

  /**
   * Boots the default machine before any client asks (a web server's spare worker, so a new tab finds its shell
   * waiting). Virtual time starts to follow the host clock at the first client message: the machine a tab is given
   * has not aged while it waited.
   */
  preboot(): void {
    if (this.machine) return;
    this.paceHeld = true;
    // A default machine that cannot boot: the client's own first request boots it again and gets the error.
    try { this.ensure(); } catch { this.paceHeld = false; this.machine = null; }
  }

  /** Handles one raw message from a client. Never throws. */
  receive(raw: unknown): void {
    if (this.paceHeld) { this.paceHeld = false; this.startPacing(); }
    let id: number | null = null;
    try {
      const data = typeof raw === 'string' ? JSON.parse(raw) : raw;
      if (data && typeof data === 'object' && typeof (data as { id?: unknown }).id === 'number') id = (data as { id: number }).id;
      const parsed = ClientMessageSchema.safeParse(data);
      if (!parsed.success) return this.fail(id, 'EPROTO', `malformed message: ${issues(parsed.error)}`);
      const msg = parsed.data;
      // A cancel for a request that is not running (finished, or never sent) has nothing to stop: not kept.
      if (msg.type === 'cancel') { if (this.inflight.has(msg.id)) this.cancelled.add(msg.id); return; }
      const entry = this.table.get(msg.method);
      if (!entry) return this.fail(msg.id, 'ENOSYS', `unknown method: ${msg.method}`);
      const method = msg.method;
      const params = entry.params.safeParse(msg.params ?? {});
      if (!params.success) return this.fail(msg.id, 'EINVAL', `bad params for ${method}: ${issues(params.error)}`);
      const rid = msg.id;
      this.inflight.add(rid);
      const result = entry.handler(params.data as never, this.context(rid));
      if (result instanceof Promise) {
        result.then(
          (value) => this.respond(rid, method, entry, value),
          (err: unknown) => this.failWith(rid, err),
        );
        return;
      }
      this.respond(rid, method, entry, result);
    } catch (err) {
      if (err instanceof SyntaxError) return this.fail(id, 'EPROTO', `malformed message: ${err.message}`);
      this.failWith(id, err);
    }
  }

  private failWith(id: number | null, err: unknown): void {
    this.flush();
    if (err instanceof MachineError) return this.fail(id, err.code, err.message, err.details);
    this.fail(id, 'EIO', `kernel-sim host error: ${err instanceof Error ? err.message : String(err)}`);
  }

  private settled(id: number): void {
    this.inflight.delete(id);
    this.cancelled.delete(id);
  }

  /** Requests running now and cancel marks held (both bounded by the requests in flight). */
  pending(): { inflight: number; cancelled: number } {
    return { inflight: this.inflight.size, cancelled: this.cancelled.size };
  }

  /** Stops pacing and detaches from the machine. */
  dispose(): void {
    if (this.paceTimer) clearInterval(this.paceTimer);
    this.paceTimer = null;
    this.unlisten?.();
  }

  /** Sends a handler's result, checked against its schema first. */
  private respond(id: number, method: string, entry: AnyMethodEntry, value: unknown): void {
    this.flush();
    if (this.options.validateResults !== false) {
      const checked = entry.result.safeParse(value);
      if (!checked.success) return this.fail(id, 'EIO', `bad result from ${method}: ${issues(checked.error)}`);
    }
    this.settled(id);
    this.send({ type: 'response', id, ok: true, result: value });
  }

  /** What the handlers of one request may use. */
  private context(id: number): MethodContext {
    return {
      id,
      machine: () => this.ensure(),
      boot: (params) => this.boot(params),
      cancelled: () => this.cancelled.has(id),
      subscribe: (subscriber, streams) => this.resubscribe(subscriber, (set) => streams.forEach((s) => set.add(s))),
      unsubscribe: (subscriber, streams) => this.resubscribe(subscriber, (set) => (streams ?? [...set]).forEach((s) => set.delete(s))),
      builder: async () => (this.options.builder ?? defaultBuilder)(),
    };
  }

  /** Changes one subscriber's streams; the connection receives the union over all subscribers. */
  private resubscribe(subscriber: string, change: (set: Set<Stream>) => void): Stream[] {
    const set = this.subscribers.get(subscriber) ?? new Set<Stream>();
    change(set);
    if (set.size) this.subscribers.set(subscriber, set); else this.subscribers.delete(subscriber);
    this.streams = new Set([...this.subscribers.values()].flatMap((s) => [...s]));
    return [...this.streams].sort();
  }

  private boot(params: ServiceOptions['defaultBoot']): import('../api/protocol.ts').MachineInfo {
    this.unlisten?.();
    // No boot config given: the default machine from resources/machines.
    const given = Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined));
    const opts = given.dts === undefined ? { ...load_machine('default'), ...given } : given;
    this.machine = new Machine(opts);
    this.unlisten = this.machine.on((ev) => this.forward(ev));
    const info = this.machine.boot();
    this.startPacing();
    return info;
  }

  private ensure(): Machine {
    if (!this.machine) this.boot(this.options.defaultBoot ?? {});
    return this.machine!;
  }

  private forward(ev: EventMessage): void {
    if (ev.stream === 'trace' || ev.stream === 'dmesg') {
      if (!this.streams.has(ev.stream)) return;
      if (ev.stream === 'trace') this.pendingTrace.push(...ev.data);
      else this.pendingDmesg.push(...ev.data);
      if (!this.flushQueued) { this.flushQueued = true; queueMicrotask(() => this.flush()); }
      return;
    }
    // Console bytes and state changes keep their order with what was batched before them.
    this.flush();
    if (ev.stream === 'host' || this.streams.has(ev.stream)) this.send(ev);
  }

  /** Sends the batched trace events and kernel log records. */
  private flush(): void {
    this.flushQueued = false;
    const batches: Array<[Batched, unknown[]]> = [['dmesg', this.pendingDmesg], ['trace', trim_syscall_records(this.pendingTrace)]];
    this.pendingTrace = [];
    this.pendingDmesg = [];
    for (const [stream, data] of batches) {
      // Large bursts (a boot's trace) go out in slices a client can digest.
      for (let i = 0; i < data.length; i += 5000) this.send({ type: 'event', stream, data: data.slice(i, i + 5000) } as EventMessage);
    }
  }

  /** Lets virtual time follow the host clock so `sleep 1` takes a second on screen. */
  private startPacing(): void {
    if (!this.options.pace || this.paceTimer || this.paceHeld) return;
    const now = this.options.now ?? (() => Date.now());
    this.lastPace = now();
    this.paceTimer = setInterval(() => {
      const t = now();
      const elapsedMs = t - this.lastPace;
      this.lastPace = t;
      try { this.machine?.runFor(pace_step_ns(elapsedMs)); } catch { /* the machine reports its own faults */ }
    }, PACE_INTERVAL_MS);
    (this.paceTimer as { unref?: () => void }).unref?.();
  }

  private fail(id: number | null, code: ErrorCode, message: string, details?: unknown): void {
    const error: ErrorBody = details === undefined ? { code, message } : { code, message, details };
    if (id !== null) this.settled(id);
    this.send({ type: 'response', id, ok: false, error });
  }
}
