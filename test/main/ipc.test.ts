// Workspace IPC end to end without Electron: the preload bridge invoking the handlers main registers, through a fake ipcMain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registerWorkspaceIpc, type InvokeEventLike, type WorkspaceHolder } from '../../main/ipc.ts';
import { createWorkbenchBridge } from '../../main/preload-bridge.ts';
import { IPC } from '../../main/channels.ts';
import type { Workspace } from '../../kernel-sim/host/workspace.ts';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

let dir: string;
let handlers: Map<string, Handler>;
let frame: InvokeEventLike['senderFrame'];
let chosen: string | null;
let current: Workspace | null;
const saved: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kwb-ipc-'));
  handlers = new Map();
  frame = { url: 'app://workbench/index.html', parent: null };
  chosen = dir;
  current = null;
  const holder: WorkspaceHolder = {
    get: () => current,
    chooseFolder: async () => chosen,
    set: async (ws) => { current = ws; saved.push(ws.root); },
  };
  registerWorkspaceIpc({ handle: (channel, l) => { handlers.set(channel, l); } }, holder);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Invokes a handler as the renderer would (args structured-cloned). */
const invoke = (channel: string, ...args: unknown[]) => handlers.get(channel)!({ senderFrame: frame }, ...structuredClone(args));
const bridge = () => createWorkbenchBridge({ invoke, on: () => {} }, 'linux');

describe('workspace IPC', () => {
  it('registers a handler for every invoke channel', () => {
    expect([...handlers.keys()].sort()).toEqual([IPC.currentWorkspace, IPC.listWorkspace, IPC.openWorkspace, IPC.readFile, IPC.writeFile].sort());
  });

  it('round-trips through the preload bridge', async () => {
    const wb = bridge();
    await expect(wb.currentWorkspace()).resolves.toBeNull();
    await expect(wb.readWorkspaceFile('a.c')).rejects.toThrow(/^ENOWORKSPACE: /);
    const info = await wb.openWorkspaceFolder();
    expect(info).toEqual({ name: path.basename(dir), path: dir });
    expect(saved.at(-1)).toBe(dir);
    await wb.writeWorkspaceFile('drivers/edu.c', 'MODULE_LICENSE("GPL");\n');
    expect(readFileSync(path.join(dir, 'drivers', 'edu.c'), 'utf8')).toBe('MODULE_LICENSE("GPL");\n');
    await expect(wb.readWorkspaceFile('drivers/edu.c')).resolves.toBe('MODULE_LICENSE("GPL");\n');
    await expect(wb.listWorkspace()).resolves.toEqual([
      { path: 'drivers', type: 'dir', size: 0 },
      { path: 'drivers/edu.c', type: 'file', size: 23 },
    ]);
    await expect(wb.currentWorkspace()).resolves.toEqual(info);
  });

  it('a cancelled folder picker changes nothing', async () => {
    chosen = null;
    await expect(bridge().openWorkspaceFolder()).resolves.toBeNull();
    expect(current).toBeNull();
  });

  it('validates every argument', async () => {
    chosen = dir;
    await invoke(IPC.openWorkspace);
    const bad: Array<[string, unknown[], string]> = [
      [IPC.readFile, ['../../etc/passwd'], 'EACCES'],
      [IPC.readFile, ['/etc/passwd'], 'EINVAL'],
      [IPC.readFile, ['a\0b'], 'EINVAL'],
      [IPC.readFile, [{ path: 'a.c' }], 'EINVAL'],
      [IPC.readFile, [['a.c']], 'EINVAL'],
      [IPC.readFile, [], 'EINVAL'],
      [IPC.readFile, ['a.c', 'extra'], 'EINVAL'],
      [IPC.writeFile, ['..', 'x'], 'EACCES'],
      [IPC.writeFile, ['a.c', 42], 'EINVAL'],
      [IPC.writeFile, ['a.c'], 'EINVAL'],
      [IPC.writeFile, ['a.c', 'x'.repeat(4 * 1024 * 1024 + 1)], 'EFBIG'],
      [IPC.openWorkspace, ['/tmp'], 'EINVAL'],
      [IPC.listWorkspace, [1], 'EINVAL'],
    ];
    for (const [channel, args, code] of bad) {
      const result = await invoke(channel, ...args) as { ok: boolean; error?: { code: string } };
      expect(result.ok, `${channel} ${JSON.stringify(args).slice(0, 40)}`).toBe(false);
      expect(result.error?.code, `${channel} ${JSON.stringify(args).slice(0, 40)}`).toBe(code);
    }
    expect(existsSync(path.join(dir, 'a.c'))).toBe(false);
  });

  it('answers only the workbench main frame', async () => {
    for (const f of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://workbench/index.html', parent: { url: 'app://workbench/index.html' } },
      null,
    ]) {
      frame = f;
      const result = await invoke(IPC.openWorkspace) as { ok: boolean; error?: { code: string } };
      expect(result).toEqual({ ok: false, error: { code: 'EACCES', message: 'IPC from an untrusted frame' } });
    }
    expect(current).toBeNull();
  });
});
