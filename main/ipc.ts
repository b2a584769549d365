// Workspace IPC handlers for ipcMain.handle: trusted sender, exact arity and validated arguments, errors returned as data.
import type { WorkspaceInfo } from '../kernel-sim/api/workbench-bridge.ts';
import { IPC, type IpcResult } from './channels.ts';
import { WorkbenchError, isTrustedSender, validateArity } from './ipc-validation.ts';
import { APP_ORIGIN } from './security.ts';
import { Workspace } from '../kernel-sim/host/workspace.ts';

/** What ipcMain.handle hands a handler, as far as it is used here. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/** Holds the current workspace; main persists it and tells the renderer when it changes. */
export interface WorkspaceHolder {
  get(): Workspace | null;
  /** Shows the folder picker; resolves to the chosen absolute path or null. */
  chooseFolder(): Promise<string | null>;
  set(workspace: Workspace): Promise<void>;
}

type Handler = (...args: unknown[]) => Promise<unknown>;

/** Wraps a handler: only the workbench page may call, with exactly `arity` arguments; errors come back as `{ ok: false }`. */
export function guarded(arity: number, fn: Handler, origin = APP_ORIGIN) {
  return async (event: InvokeEventLike, ...args: unknown[]): Promise<IpcResult<unknown>> => {
    try {
      if (!isTrustedSender(event.senderFrame, origin)) throw new WorkbenchError('EACCES', 'IPC from an untrusted frame');
      validateArity(args, arity);
      return { ok: true, value: await fn(...args) };
    } catch (err) {
      if (err instanceof WorkbenchError) return { ok: false, error: { code: err.code, message: err.message } };
      // Anything else is a bug here; its message may name host paths, so it goes to the log, not to the page.
      console.error('workbench IPC handler failed:', err);
      return { ok: false, error: { code: 'EIO', message: 'internal error in the main process' } };
    }
  };
}

/** Opens a chosen folder as the workspace; null if the picker was cancelled. */
export async function openWorkspaceFolder(holder: WorkspaceHolder): Promise<WorkspaceInfo | null> {
  const folder = await holder.chooseFolder();
  if (folder === null) return null;
  const workspace = await Workspace.open(folder);
  await holder.set(workspace);
  return workspace.info();
}

export function registerWorkspaceIpc(ipcMain: IpcMainLike, holder: WorkspaceHolder): void {
  const need = (): Workspace => {
    const ws = holder.get();
    if (!ws) throw new WorkbenchError('ENOWORKSPACE', 'no workspace folder is open (File > Open Workspace Folder...)');
    return ws;
  };
  ipcMain.handle(IPC.openWorkspace, guarded(0, () => openWorkspaceFolder(holder)));
  ipcMain.handle(IPC.currentWorkspace, guarded(0, async () => holder.get()?.info() ?? null));
  ipcMain.handle(IPC.listWorkspace, guarded(0, () => need().list()));
  ipcMain.handle(IPC.readFile, guarded(1, (rel) => need().read(rel)));
  ipcMain.handle(IPC.writeFile, guarded(2, async (rel, text) => { await need().write(rel, text); return undefined; }));
}
