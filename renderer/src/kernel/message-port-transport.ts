// Transport over Electron's MessagePort to the kernel-sim utility process, reached through window.workbench.onKernelPort (a new port after each restart).
import type { ClientMessage, ServerMessage } from '../../../kernel-sim/api/protocol.ts';
import type { KernelPort, WorkbenchBridge } from '../../../kernel-sim/api/workbench-bridge.ts';
import { Listeners } from './emitter.ts';
import { parseServerMessage, type Transport, type TransportState } from './transport.ts';

export type KernelPortSource = Pick<WorkbenchBridge, 'onKernelPort'>;

export class MessagePortTransport implements Transport {
  readonly kind = 'message-port';
  state: TransportState = 'connecting';
  private port: KernelPort | null = null;
  private offPort: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private started = false;
  private readonly messages = new Listeners<[ServerMessage]>();
  private readonly states = new Listeners<[TransportState, string]>();

  constructor(private readonly bridge: KernelPortSource) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.bridge.onKernelPort((port) => this.adopt(port));
  }

  send(message: ClientMessage): boolean {
    if (this.state !== 'open' || !this.port) return false;
    this.port.post(message);
    return true;
  }

  onMessage(listener: (message: ServerMessage) => void): () => void { return this.messages.add(listener); }
  onState(listener: (state: TransportState, detail: string) => void): () => void { return this.states.add(listener); }

  close(): void {
    this.unsubscribe?.();
    this.offPort?.();
    this.port?.close();
    this.port = null;
    this.setState('closed', 'closed by the workbench');
  }

  private adopt(port: KernelPort): void {
    if (this.state === 'closed') { port.close(); return; }
    if (this.port === port) return;
    const old = this.port;
    this.offPort?.();
    this.port = null;
    if (old) {
      old.close();
      this.setState('connecting', 'the kernel-sim port was replaced');
    }
    this.port = port;
    this.setState('open', 'connected to the kernel-sim utility process');
    // Listen after announcing `open`: a port queues what arrives before its first listener.
    this.offPort = port.onMessage((raw) => {
      if (this.port !== port) return;
      const message = parseServerMessage(raw);
      if (message) this.messages.emit(message);
    });
  }

  private setState(state: TransportState, detail: string): void {
    if (this.state === 'closed') return;
    this.state = state;
    this.states.emit(state, detail);
  }
}

/** The Electron bridge's kernel-port source, when the preload provided one. */
export function electronKernelPorts(w: { workbench?: unknown }): KernelPortSource | null {
  const bridge = w.workbench as Partial<KernelPortSource> | undefined;
  return bridge && typeof bridge.onKernelPort === 'function' ? (bridge as KernelPortSource) : null;
}
