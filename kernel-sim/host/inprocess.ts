// In-process host of kernel-sim: a KernelService in this thread behind a port-like object, for tests and the CLI.
//
// Messages are structured-cloned and delivered on a microtask in both
// directions, as a real MessagePort would: no shared objects, no re-entrancy
// into the service from a listener.
import { KernelService, type ServiceOptions } from './service.ts';
import type { ClientMessage, ServerMessage } from '../api/protocol.ts';

export interface InProcessPort {
  /** Sends a client message (or any raw value, to exercise validation) to kernel-sim. */
  post(message: ClientMessage | unknown): void;
  /** Listens to server messages; returns a function that stops listening. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Stops the service (pacing timers) and drops all listeners. */
  close(): void;
}

export function createInProcessHost(options: ServiceOptions = {}): InProcessPort {
  const listeners = new Set<(message: ServerMessage) => void>();
  let closed = false;
  const service = new KernelService((message) => {
    const copy = structuredClone(message);
    queueMicrotask(() => { if (!closed) for (const l of listeners) l(copy); });
  }, options);
  return {
    post(message) {
      if (closed) throw new Error('in-process kernel-sim host is closed');
      const copy = structuredClone(message);
      queueMicrotask(() => { if (!closed) service.receive(copy); });
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    close() {
      closed = true;
      listeners.clear();
      service.dispose();
    },
  };
}
