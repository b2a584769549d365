// The kernel-sim service: validates protocol messages, dispatches them to one Machine, and sends responses and events.
//
// Transport-agnostic: every host (Electron utility process, worker thread,
// in-process) wraps a port in `send` and feeds received messages to `receive`.
// A malformed or unknown message gets an error response and changes nothing.
import {
  ClientMessageSchema, methods, PROTOCOL_VERSION,
  type ErrorBody, type ErrorCode, type EventMessage, type Method, type ServerMessage,
} from '../api/protocol.ts';
import { Machine, MachineError } from '../machine.ts';
import { load_machine } from './machines.ts';

export type Send = (message: ServerMessage) => void;
type Stream = 'console' | 'trace' | 'machine';

/** Wall-clock pacing belongs to the host; this is how often it lets virtual time catch up. */
export const PACE_INTERVAL_MS = 10;

export interface ServiceOptions {
  /** Boot options used when a client calls nothing but tty.open first. */
  defaultBoot?: { dts?: string; dtsName?: string; cmdline?: string; seed?: number };
  /** Paces virtual time to the host's clock (interactive hosts); off for tests. */
  pace?: boolean;
  /** Host clock in ms; injected so tests stay deterministic. */
  now?: () => number;
}

export class KernelService {
  private machine: Machine | null = null;
  private streams = new Set<Stream>(['console', 'machine']);
  private unlisten: (() => void) | null = null;
  private paceTimer: ReturnType<typeof setInterval> | null = null;
  private lastPace = 0;
  private readonly cancelled = new Set<number>();

  constructor(private readonly send: Send, private readonly options: ServiceOptions = {}) {}

  /** Handles one raw message from a client. Never throws. */
  receive(raw: unknown): void {
    let id: number | null = null;
    try {
      const data = typeof raw === 'string' ? JSON.parse(raw) : raw;
      if (data && typeof data === 'object' && typeof (data as { id?: unknown }).id === 'number') id = (data as { id: number }).id;
      const parsed = ClientMessageSchema.safeParse(data);
      if (!parsed.success) return this.fail(id, 'EPROTO', `malformed message: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      const msg = parsed.data;
      if (msg.type === 'cancel') { this.cancelled.add(msg.id); return; }
      if (!Object.hasOwn(methods, msg.method)) return this.fail(msg.id, 'ENOSYS', `unknown method: ${msg.method}`);
      const method = msg.method as Method;
      const params = methods[method].params.safeParse(msg.params ?? {});
      if (!params.success) return this.fail(msg.id, 'EINVAL', `bad params for ${method}: ${params.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      const result = this.dispatch(method, params.data as never, msg.id);
      this.send({ type: 'response', id: msg.id, ok: true, result });
    } catch (err) {
      if (err instanceof MachineError) return this.fail(id, err.code, err.message, err.details);
      if (err instanceof SyntaxError) return this.fail(id, 'EPROTO', `malformed message: ${err.message}`);
      this.fail(id, 'EIO', `kernel-sim host error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Stops pacing and detaches from the machine. */
  dispose(): void {
    if (this.paceTimer) clearInterval(this.paceTimer);
    this.paceTimer = null;
    this.unlisten?.();
  }

  private dispatch(method: Method, params: any, id: number): unknown {
    switch (method) {
      case 'ping': return { version: PROTOCOL_VERSION };
      case 'machine.boot': return this.boot(params);
      case 'machine.reboot': return this.ensure().reboot();
      case 'machine.info': return this.ensure().info();
      case 'tty.open': return { tty: this.ensure().openTty(params.cols ?? 80, params.rows ?? 24) };
      case 'tty.input': this.ensure().ttyInput(params.tty, params.data); return {};
      case 'tty.resize': this.ensure().ttyResize(params.tty, params.cols, params.rows); return {};
      case 'tty.close': this.ensure().closeTty(params.tty); return {};
      case 'shell.run': return this.ensure().runCommand(params.command, { timeoutNs: params.timeoutNs, cancelled: () => this.cancelled.has(id) });
      case 'fs.put': {
        const bytes = params.encoding === 'base64' ? Uint8Array.from(atob(params.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(params.data);
        this.ensure().putFile(params.path, bytes, params.mode);
        return {};
      }
      case 'events.subscribe': this.streams = new Set(params.streams); return {};
      case 'trace.export': return { json: this.ensure().exportTrace() };
    }
  }

  private boot(params: ServiceOptions['defaultBoot']): unknown {
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
    if (ev.stream === 'host' || this.streams.has(ev.stream)) this.send(ev);
  }

  /** Lets virtual time follow the host clock so `sleep 1` takes a second on screen. */
  private startPacing(): void {
    if (!this.options.pace || this.paceTimer) return;
    const now = this.options.now ?? (() => Date.now());
    this.lastPace = now();
    this.paceTimer = setInterval(() => {
      const t = now();
      const elapsedMs = t - this.lastPace;
      this.lastPace = t;
      try { this.machine?.runFor(elapsedMs * 1e6); } catch { /* the machine reports its own faults */ }
    }, PACE_INTERVAL_MS);
    (this.paceTimer as { unref?: () => void }).unref?.();
  }

  private fail(id: number | null, code: ErrorCode, message: string, details?: unknown): void {
    const error: ErrorBody = details === undefined ? { code, message } : { code, message, details };
    this.send({ type: 'response', id, ok: false, error });
  }
}
