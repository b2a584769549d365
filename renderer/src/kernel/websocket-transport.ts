// Transport over a WebSocket (web mode): JSON text frames to ws://<host>/kernel, reconnecting with backoff.
import type { ClientMessage, ServerMessage } from '../../../kernel-sim/api/protocol.ts';
import { Listeners } from './emitter.ts';
import { parseServerMessage, type Transport, type TransportState } from './transport.ts';

type SocketFactory = (url: string) => WebSocket;

export interface WebSocketTransportOptions {
  /** Delays between reconnection attempts, ms; the last one repeats. */
  backoffMs?: number[];
  createSocket?: SocketFactory;
}

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  state: TransportState = 'connecting';
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly messages = new Listeners<[ServerMessage]>();
  private readonly states = new Listeners<[TransportState, string]>();
  private readonly backoff: number[];
  private readonly createSocket: SocketFactory;

  constructor(private readonly url: string, options: WebSocketTransportOptions = {}) {
    this.backoff = options.backoffMs ?? [200, 500, 1000, 2000, 4000];
    this.createSocket = options.createSocket ?? ((u) => new WebSocket(u));
  }

  start(): void {
    if (this.socket || this.state === 'closed') return;
    this.connect();
  }

  send(message: ClientMessage): boolean {
    if (this.state !== 'open' || !this.socket) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  onMessage(listener: (message: ServerMessage) => void): () => void { return this.messages.add(listener); }
  onState(listener: (state: TransportState, detail: string) => void): () => void { return this.states.add(listener); }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setState('closed', 'closed by the workbench');
  }

  private connect(): void {
    const socket = this.createSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState('open', `connected to ${this.url}`);
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (this.socket !== socket) return;
      const message = parseServerMessage(ev.data);
      if (message) this.messages.emit(message);
      else console.warn('kernel-sim sent something that is not a protocol message; ignored');
    };
    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const delay = this.backoff[Math.min(this.attempt++, this.backoff.length - 1)] ?? 1000;
      this.setState('connecting', `connection lost (${ev.code || 'no code'}); retrying in ${delay} ms`);
      this.timer = setTimeout(() => { this.timer = null; if (this.state !== 'closed') this.connect(); }, delay);
    };
    socket.onerror = () => { /* onclose follows and schedules the retry */ };
  }

  private setState(state: TransportState, detail: string): void {
    if (this.state === 'closed') return;
    this.state = state;
    this.states.emit(state, detail);
  }
}

/** ws://<host>/kernel of the page's own origin. */
export function kernelSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/kernel`;
}
