// The Transport: one message channel to kernel-sim, whatever carries it (MessagePort in Electron, WebSocket in web mode).
import type { ClientMessage, ServerMessage } from '../../../kernel-sim/api/protocol.ts';

/**
 * connecting: no channel yet, or the last one was lost and a new one is awaited;
 * open: messages flow; closed: closed for good by `close()`.
 * Every transition to `open` is a fresh channel: the kernel-sim behind it may be new.
 */
export type TransportState = 'connecting' | 'open' | 'closed';

export interface Transport {
  readonly kind: 'message-port' | 'websocket';
  readonly state: TransportState;
  /** Starts connecting (and reconnecting whenever the channel is lost). */
  start(): void;
  /** Sends one message; false when no channel is open (nothing is queued). */
  send(message: ClientMessage): boolean;
  onMessage(listener: (message: ServerMessage) => void): () => void;
  onState(listener: (state: TransportState, detail: string) => void): () => void;
  /** Closes the channel for good. */
  close(): void;
}

/** Parses one server message off the wire; null for anything that is not a protocol message. */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  let data = raw;
  if (typeof raw === 'string') {
    try { data = JSON.parse(raw); } catch { return null; }
  }
  if (!data || typeof data !== 'object') return null;
  const type = (data as { type?: unknown }).type;
  return type === 'response' || type === 'event' ? (data as ServerMessage) : null;
}
