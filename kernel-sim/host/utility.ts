// Electron utilityProcess entry of kernel-sim: one paced KernelService, bridged to the MessagePort main sends over process.parentPort.
//
// main posts `{ type: 'connect' }` with a port in `ports[0]` for every renderer
// (re)connection (first load, reload); the newest port replaces the previous
// one and the same machine keeps running. Electron's types are not available
// to kernel-sim, so the few shapes used are declared here.
import { KernelService } from './service.ts';

/** Electron's MessagePortMain, as used here. */
export interface PortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's process.parentPort in a utility process, as used here. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): unknown;
}

export interface ServiceLike {
  receive(raw: unknown): void;
  dispose(): void;
}

/** Bridges the current renderer port to one service; returns the service. */
export function attachUtilityHost(
  parentPort: ParentPortLike,
  createService: (send: (message: unknown) => void) => ServiceLike = (send) => new KernelService(send, { pace: true }),
): ServiceLike {
  let current: PortMainLike | null = null;
  const service = createService((message) => current?.postMessage(message));
  parentPort.on('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    const port = event.ports?.[0];
    if (!data || data.type !== 'connect' || !port) return;
    const previous = current;
    current = port;
    port.on('message', (e) => { if (current === port) service.receive(e.data); });
    port.on('close', () => { if (current === port) current = null; });
    port.start();
    previous?.close();
  });
  return service;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) attachUtilityHost(parentPort);
else if ((process as unknown as { type?: string }).type === 'utility') throw new Error('kernel-sim/host/utility: no process.parentPort');
