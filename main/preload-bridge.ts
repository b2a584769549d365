// The window.workbench API built over ipcRenderer, free of Electron imports so it is unit-testable: the preload exposes what this returns.
import type {
  HostEvent, KernelPort, MenuCommand, WorkbenchBridge, WorkspaceEntry, WorkspaceInfo,
} from '../kernel-sim/api/workbench-bridge.ts';
import type { ClientMessage, ServerMessage } from '../kernel-sim/api/protocol.ts';
import { IPC, isHostEvent, isMenuCommand, type IpcResult } from './channels.ts';

/** The DOM MessagePort as the preload uses it. */
export interface RendererPort {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** The parts of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: { ports: readonly RendererPort[] }, payload: unknown) => void): unknown;
}

/** Wraps a real MessagePort: queues messages until the first listener, like a port that is not started yet. */
class PortRelay {
  private readonly listeners = new Set<(message: ServerMessage) => void>();
  private readonly queue: ServerMessage[] = [];
  private closed = false;
  readonly api: KernelPort;

  constructor(private readonly port: RendererPort | null) {
    if (port) {
      port.onmessage = (event) => this.emit(event.data as ServerMessage);
      port.start();
    }
    this.api = {
      post: (message: ClientMessage) => { if (!this.closed) this.port?.postMessage(message); },
      onMessage: (listener: (message: ServerMessage) => void) => {
        if (this.closed) return () => {};
        this.listeners.add(listener);
        if (this.queue.length > 0) queueMicrotask(() => this.flush());
        return () => { this.listeners.delete(listener); };
      },
      close: () => this.close(),
    };
  }

  emit(message: ServerMessage): void {
    if (this.closed) return;
    if (this.listeners.size === 0 || this.queue.length > 0) {
      this.queue.push(message);
      if (this.listeners.size > 0) queueMicrotask(() => this.flush());
      return;
    }
    for (const l of [...this.listeners]) l(message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.queue.length = 0;
    this.port?.close();
  }

  private flush(): void {
    while (!this.closed && this.listeners.size > 0 && this.queue.length > 0) {
      const message = this.queue.shift()!;
      for (const l of [...this.listeners]) l(message);
    }
  }
}

async function call<T>(ipc: IpcRendererLike, channel: string, ...args: unknown[]): Promise<T> {
  const result = (await ipc.invoke(channel, ...args)) as IpcResult<T> | undefined;
  if (!result || typeof result !== 'object') throw new Error(`EIO: malformed reply on ${channel}`);
  if (result.ok) return result.value;
  throw new Error(`${result.error.code}: ${result.error.message}`);
}

export function createWorkbenchBridge(ipc: IpcRendererLike, platform: string): WorkbenchBridge {
  let current: PortRelay | null = null;
  const portListeners = new Set<(port: KernelPort) => void>();
  const menuListeners = new Set<(command: MenuCommand) => void>();

  ipc.on(IPC.kernelPort, (event, payload) => {
    const hostEv: HostEvent | null = isHostEvent(payload) ? payload : null;
    const port = event.ports[0] ?? null;
    if (!port) {
      if (hostEv) current?.emit(hostEv);
      return;
    }
    current?.close();
    const relay = new PortRelay(port);
    current = relay;
    if (hostEv) relay.emit(hostEv);
    for (const l of [...portListeners]) l(relay.api);
  });

  ipc.on(IPC.menuCommand, (_event, payload) => {
    if (!isMenuCommand(payload)) return;
    for (const l of [...menuListeners]) l(payload);
  });

  return {
    onKernelPort(listener) {
      if (typeof listener !== 'function') throw new TypeError('onKernelPort needs a function');
      portListeners.add(listener);
      const now = current;
      if (now) queueMicrotask(() => { if (current === now && portListeners.has(listener)) listener(now.api); });
      return () => { portListeners.delete(listener); };
    },
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
      menuListeners.add(listener);
      return () => { menuListeners.delete(listener); };
    },
    openWorkspaceFolder: () => call<WorkspaceInfo | null>(ipc, IPC.openWorkspace),
    currentWorkspace: () => call<WorkspaceInfo | null>(ipc, IPC.currentWorkspace),
    listWorkspace: () => call<WorkspaceEntry[]>(ipc, IPC.listWorkspace),
    readWorkspaceFile: (rel: string) => call<string>(ipc, IPC.readFile, rel),
    writeWorkspaceFile: (rel: string, text: string) => call<void>(ipc, IPC.writeFile, rel, text),
    platform: () => platform,
  };
}
