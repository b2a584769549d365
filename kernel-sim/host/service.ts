// The kernel-sim service: validates protocol messages, dispatches them to one Machine, and sends responses and events.
//
// Transport-agnostic: every host (Electron utility process, worker thread,
// in-process) wraps a port in `send` and feeds received messages to `receive`.
// A malformed or unknown message gets an error response and changes nothing.
import {
  ClientMessageSchema, methods, PROTOCOL_VERSION,
  type BuildDiagnostic, type BuildResult, type DmesgRecord, type ErrorBody, type ErrorCode, type EventMessage, type Method,
  type ParamsOf, type ServerMessage, type TraceEvent,
} from '../api/protocol.ts';
import type { SourceFile } from '../toolchain/build.ts';
import { Machine, MachineError } from '../machine.ts';
import { load_machine } from './machines.ts';
import { lab_check_live, lab_get, lab_hint_shown, lab_list, lab_reset, load_progress } from './lab-service.ts';

export type Send = (message: ServerMessage) => void;
type Stream = 'console' | 'trace' | 'machine' | 'dmesg';
/** Streams whose events are batched: one message per turn of the host's event loop, not one per record. */
type Batched = 'trace' | 'dmesg';

/** What the `build` method needs from a toolchain (kernel-sim/toolchain's Toolchain fits). */
export interface ModuleBuilder {
  build(req: { mode: 'kernel'; sources: SourceFile[]; extraFiles: SourceFile[]; modname: string; defines?: string[] }): Promise<{
    ok: boolean; wasm?: Uint8Array; log: string; diagnostics: BuildDiagnostic[];
  }>;
}

/** Wall-clock pacing belongs to the host; this is how often it lets virtual time catch up. */
export const PACE_INTERVAL_MS = 10;

export interface ServiceOptions {
  /** Boot options used when a client calls nothing but tty.open first. */
  defaultBoot?: { dts?: string; dtsName?: string; cmdline?: string; seed?: number };
  /** Paces virtual time to the host's clock (interactive hosts); off for tests. */
  pace?: boolean;
  /** Host clock in ms; injected so tests stay deterministic. */
  now?: () => number;
  /** The toolchain for `build`; default: the host's one warm clang (kwb-build.ts), loaded on first use. */
  builder?: () => ModuleBuilder | Promise<ModuleBuilder>;
}

export class KernelService {
  private machine: Machine | null = null;
  private streams = new Set<Stream>(['console', 'machine']);
  private unlisten: (() => void) | null = null;
  private paceTimer: ReturnType<typeof setInterval> | null = null;
  private lastPace = 0;
  private readonly cancelled = new Set<number>();
  private pendingTrace: TraceEvent[] = [];
  private pendingDmesg: DmesgRecord[] = [];
  private flushQueued = false;

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
      if (result instanceof Promise) {
        const rid = msg.id;
        result.then(
          (value) => { this.flush(); this.send({ type: 'response', id: rid, ok: true, result: value }); },
          (err: unknown) => this.failWith(rid, err),
        );
        return;
      }
      this.flush();
      this.send({ type: 'response', id: msg.id, ok: true, result });
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
      case 'devices.snapshot': return this.ensure().devicesSnapshot();
      case 'lab.list': return { labs: lab_list() };
      case 'lab.get': return lab_get(params.name);
      case 'lab.check': return lab_check_live(this.ensure(), params.name, params.step, params.files);
      case 'lab.progress': return { labs: load_progress() };
      case 'lab.hint': lab_hint_shown(params.name, params.step, params.shown); return {};
      case 'lab.reset': lab_reset(params.name); return {};
      case 'dmesg.read': return { records: this.ensure().dmesg(params.sinceSeq ?? 0) };
      case 'build': return this.build(params);
    }
  }

  /** Compiles module sources with the host's toolchain; the machine is not involved. */
  private async build(params: ParamsOf<'build'>): Promise<BuildResult> {
    const started = Date.now();
    const builder = await (this.options.builder ?? defaultBuilder)();
    const wanted = params.sources ?? params.files.filter((f) => f.path.endsWith('.c')).map((f) => f.path);
    const sources = params.files.filter((f) => wanted.includes(f.path));
    if (sources.length === 0) throw new MachineError('EINVAL', 'build: no C source among the files');
    const extraFiles = params.files.filter((f) => !wanted.includes(f.path));
    const first = sources[0]!.path;
    const modname = params.modname ?? (first.split('/').pop() ?? first).replace(/\.[^.]*$/, '').replace(/-/g, '_');
    const r = await builder.build({ mode: 'kernel', sources, extraFiles, modname, defines: params.defines });
    const out: BuildResult = { ok: r.ok && !!r.wasm, modname, diagnostics: r.diagnostics, log: r.log, ms: Date.now() - started };
    if (out.ok && r.wasm) out.ko = base64(r.wasm);
    return out;
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
    const batches: Array<[Batched, unknown[]]> = [['dmesg', this.pendingDmesg], ['trace', this.pendingTrace]];
    this.pendingTrace = [];
    this.pendingDmesg = [];
    for (const [stream, data] of batches) {
      // Large bursts (a boot's trace) go out in slices a client can digest.
      for (let i = 0; i < data.length; i += 5000) this.send({ type: 'event', stream, data: data.slice(i, i + 5000) } as EventMessage);
    }
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

async function defaultBuilder(): Promise<ModuleBuilder> {
  const { getToolchain } = await import('./kwb-build.ts');
  return getToolchain();
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
