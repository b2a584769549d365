// Picks the transport for where the renderer runs: Electron's kernel port bridge if present, else the page's WebSocket.
import { electronKernelPorts, MessagePortTransport } from './message-port-transport.ts';
import type { Transport } from './transport.ts';
import { kernelSocketUrl, WebSocketTransport } from './websocket-transport.ts';

export function createTransport(w: Window & { workbench?: unknown } = window): Transport {
  const ports = electronKernelPorts(w);
  return ports ? new MessagePortTransport(ports) : new WebSocketTransport(kernelSocketUrl(w.location));
}
