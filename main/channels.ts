// IPC channel names between main and the preload, and checks of the payloads main pushes to the renderer.
import type { HostEvent, MenuCommand } from '../kernel-sim/api/workbench-bridge.ts';

export const IPC = {
  /** main -> renderer (webContents.postMessage): a fresh kernel port in `ports[0]`, payload a HostEvent or null. */
  kernelPort: 'kernel-port',
  /** main -> renderer: a MenuCommand. */
  menuCommand: 'workbench:menu-command',
  /** renderer -> main (invoke): */
  openWorkspace: 'workbench:open-workspace',
  currentWorkspace: 'workbench:current-workspace',
  listWorkspace: 'workbench:list-workspace',
  readFile: 'workbench:read-file',
  writeFile: 'workbench:write-file',
} as const;

/** What every invoke handler resolves to: errors travel as data so their code survives the bridge. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function isHostEvent(x: unknown): x is HostEvent {
  if (!isObject(x) || x.type !== 'event' || x.stream !== 'host' || !isObject(x.data)) return false;
  return typeof x.data.restarted === 'boolean' && typeof x.data.reason === 'string';
}

export function isMenuCommand(x: unknown): x is MenuCommand {
  if (!isObject(x)) return false;
  if (x.type === 'machine.reboot') return true;
  if (x.type === 'workspace.opened' && isObject(x.workspace)) return typeof x.workspace.name === 'string' && typeof x.workspace.path === 'string';
  return false;
}

export function hostEvent(restarted: boolean, reason: string): HostEvent {
  return { type: 'event', stream: 'host', data: { restarted, reason } };
}
