// The window.workbench API that the Electron preload exposes to the renderer (types only: import it with `import type`).
//
// Only functions cross the bridge. The kernel connection is a relay of the
// MessagePort that main hands the preload (MessagePorts cannot cross
// contextBridge): it has the same shape as the in-process host's port.
import type { ClientMessage, EventMessage, ServerMessage } from './protocol.ts';

/** The renderer's end of its connection to kernel-sim in the utility process. */
export interface KernelPort {
  /** Sends a client message to kernel-sim. Dropped once this port is closed or replaced. */
  post(message: ClientMessage): void;
  /**
   * Listens to server messages; returns a function that stops listening.
   * Messages that arrive before the first listener are queued (as on a
   * MessagePort) and delivered to it on a microtask.
   */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Closes this end; kernel-sim keeps running. */
  close(): void;
}

/** The host event main sends after it restarted kernel-sim (restarted: true) or gave up restarting it (restarted: false). */
export type HostEvent = Extract<EventMessage, { stream: 'host' }>;

/** The workspace folder the user chose; files are addressed relative to it. */
export interface WorkspaceInfo {
  /** The folder's base name, for display. */
  name: string;
  /** The folder's absolute path on the host, for display only. */
  path: string;
}

export interface WorkspaceEntry {
  /** Relative to the workspace root, '/'-separated. */
  path: string;
  type: 'file' | 'dir';
  /** Bytes; 0 for directories. */
  size: number;
}

/** Commands from the application menu that the renderer carries out. */
export type MenuCommand =
  | { type: 'machine.reboot' }
  | { type: 'help.welcome' }
  | { type: 'workspace.opened'; workspace: WorkspaceInfo };

/**
 * Error codes of rejected workspace calls; a rejected promise's Error message
 * reads `CODE: explanation`.
 */
export type WorkbenchErrorCode = 'EINVAL' | 'EACCES' | 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EFBIG' | 'ENOWORKSPACE' | 'EIO';

export interface WorkbenchBridge {
  /** Calls `listener` with the kernel port now (if connected) and again after each reconnect (reload, kernel-sim restart). Returns an unsubscribe function. */
  onKernelPort(listener: (port: KernelPort) => void): () => void;
  /** Menu commands the renderer carries out (Machine > Reboot, File > Open Workspace Folder...). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Shows the folder picker; resolves to the chosen workspace, or null if cancelled. */
  openWorkspaceFolder(): Promise<WorkspaceInfo | null>;
  /** The workspace chosen earlier (remembered across sessions), or null. */
  currentWorkspace(): Promise<WorkspaceInfo | null>;
  /** Files and folders of the workspace, recursively (dot-folders and node_modules skipped; at most 10000 entries). */
  listWorkspace(): Promise<WorkspaceEntry[]>;
  /** Reads a UTF-8 text file (at most 4 MiB); `rel` is relative to the workspace root, '/'-separated, at most 1024 characters, without '..'. */
  readWorkspaceFile(rel: string): Promise<string>;
  /** Writes a UTF-8 text file (at most 4 MiB) atomically, creating parent folders inside the workspace. */
  writeWorkspaceFile(rel: string, text: string): Promise<void>;
  /** The host OS, as Node's process.platform names it. */
  platform(): string;
}

/** `window` as the renderer sees it under Electron (absent in web mode). */
export interface WorkbenchWindow {
  workbench?: WorkbenchBridge;
}
