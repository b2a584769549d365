// The typed kernel-sim client: requests matched to responses by id, event streams, and connection changes.
import type {
  ErrorCode, EventMessage, MachineInfo, Method, ParamsOf, ResultOf, ServerMessage, TraceEvent, ConsoleEvent, DmesgRecord,
} from '../../../kernel-sim/api/protocol.ts';
import { Listeners } from './emitter.ts';
import type { Transport, TransportState } from './transport.ts';

/** A protocol error from kernel-sim, or ENOTCONN when the channel was not there or went away. */
export class KernelError extends Error {
  constructor(readonly code: ErrorCode | 'ENOTCONN', message: string, readonly method?: string, readonly details?: unknown) {
    super(message);
    this.name = 'KernelError';
  }
}

interface Pending {
  method: string;
  resolve: (value: any) => void;
  reject: (error: KernelError) => void;
}

export interface HostEvent { restarted: boolean; reason: string }

export class KernelClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly console = new Listeners<[ConsoleEvent]>();
  private readonly trace = new Listeners<[TraceEvent[]]>();
  private readonly machine = new Listeners<[MachineInfo]>();
  private readonly dmesg = new Listeners<[DmesgRecord[]]>();
  private readonly host = new Listeners<[HostEvent]>();
  private readonly connection = new Listeners<[TransportState, string]>();
  private readonly stray = new Listeners<[KernelError]>();
  private readonly offs: Array<() => void>;

  constructor(readonly transport: Transport) {
    this.offs = [
      transport.onMessage((m) => this.receive(m)),
      transport.onState((state, detail) => {
        if (state !== 'open') this.failAll(new KernelError('ENOTCONN', `connection to kernel-sim lost: ${detail}`));
        this.connection.emit(state, detail);
      }),
    ];
  }

  get state(): TransportState { return this.transport.state; }

  start(): void { this.transport.start(); }

  /** Sends one request; resolves with its result or rejects with a KernelError. */
  request<M extends Method>(method: M, params: ParamsOf<M>, options: { signal?: AbortSignal } = {}): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new KernelError('ECANCELED', `${method} cancelled`, method));
      this.pending.set(id, { method, resolve, reject });
      if (!this.transport.send({ type: 'request', id, method, params })) {
        this.pending.delete(id);
        return reject(new KernelError('ENOTCONN', `not connected to kernel-sim (${method})`, method));
      }
      options.signal?.addEventListener('abort', () => {
        if (!this.pending.delete(id)) return;
        this.transport.send({ type: 'cancel', id });
        reject(new KernelError('ECANCELED', `${method} cancelled`, method));
      }, { once: true });
    });
  }

  onConsole(listener: (event: ConsoleEvent) => void): () => void { return this.console.add(listener); }
  onTrace(listener: (events: TraceEvent[]) => void): () => void { return this.trace.add(listener); }
  onMachine(listener: (info: MachineInfo) => void): () => void { return this.machine.add(listener); }
  onDmesg(listener: (records: DmesgRecord[]) => void): () => void { return this.dmesg.add(listener); }
  onHost(listener: (event: HostEvent) => void): () => void { return this.host.add(listener); }
  onConnection(listener: (state: TransportState, detail: string) => void): () => void { return this.connection.add(listener); }
  /** Error responses that answer no pending request (e.g. a message kernel-sim could not parse). */
  onStrayError(listener: (error: KernelError) => void): () => void { return this.stray.add(listener); }

  /** Number of requests still waiting for an answer. */
  get inFlight(): number { return this.pending.size; }

  dispose(): void {
    this.offs.forEach((off) => off());
    this.failAll(new KernelError('ENOTCONN', 'kernel client disposed'));
    this.transport.close();
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'event') return this.event(message);
    const pending = message.id === null ? undefined : this.pending.get(message.id);
    if (!pending) {
      if (!message.ok) this.stray.emit(new KernelError(message.error.code, message.error.message, undefined, message.error.details));
      return;
    }
    this.pending.delete(message.id!);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new KernelError(message.error.code, message.error.message, pending.method, message.error.details));
  }

  private event(message: EventMessage): void {
    switch (message.stream) {
      case 'console': return this.console.emit(message.data);
      case 'trace': return this.trace.emit(message.data);
      case 'machine': return this.machine.emit(message.data);
      case 'dmesg': return this.dmesg.emit(message.data);
      case 'host':
        // Requests in flight when kernel-sim was replaced may never be answered: fail them all; the session re-syncs.
        this.failAll(new KernelError('ENOTCONN', `kernel-sim ${message.data.restarted ? 'restarted' : 'is down'}: ${message.data.reason}`));
        return this.host.emit(message.data);
    }
  }

  private failAll(error: KernelError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new KernelError(error.code, error.message, p.method));
  }
}
