// Where workspace files live: Electron's window.workbench bridge, or the web-mode server's /api/workspace; one interface for both.
import type { WorkbenchWindow, WorkspaceEntry, WorkspaceInfo } from '../../../kernel-sim/api/workbench-bridge.ts';

export interface WorkspaceHost {
  readonly kind: 'electron' | 'web' | 'memory';
  info(): Promise<WorkspaceInfo | null>;
  list(): Promise<WorkspaceEntry[]>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
}

/** Electron: the preload's narrow bridge. */
export function electronWorkspace(w: WorkbenchWindow): WorkspaceHost | null {
  const wb = w.workbench;
  if (!wb) return null;
  return {
    kind: 'electron',
    info: () => wb.currentWorkspace(),
    list: () => wb.listWorkspace(),
    read: (p) => wb.readWorkspaceFile(p),
    write: (p, t) => wb.writeWorkspaceFile(p, t),
  };
}

/** Web mode: same-origin fetches with the header the server requires. */
export function webWorkspace(base = './api/workspace', fetchImpl: typeof fetch = (...a) => fetch(...a)): WorkspaceHost {
  const call = async (path: string, init: RequestInit = {}): Promise<any> => {
    const res = await fetchImpl(`${base}${path}`, { ...init, headers: { 'X-Kwb-Workspace': '1', ...(init.headers ?? {}) } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${body.code ?? 'EIO'}: ${body.message ?? res.statusText}`);
    return body;
  };
  return {
    kind: 'web',
    info: async () => { try { return await call(''); } catch (err) { if (/^ENOWORKSPACE/.test(String((err as Error).message))) return null; throw err; } },
    list: () => call('/files'),
    read: async (p) => (await call(`/file?path=${encodeURIComponent(p)}`)).text,
    write: async (p, t) => { await call(`/file?path=${encodeURIComponent(p)}`, { method: 'PUT', body: t, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }); },
  };
}

/** In memory (tests, and a fallback so edits still live somewhere). */
export function memoryWorkspace(files: Record<string, string> = {}, name = 'memory'): WorkspaceHost & { files: Map<string, string>; writes: Array<[string, string]> } {
  const map = new Map(Object.entries(files));
  const writes: Array<[string, string]> = [];
  return {
    kind: 'memory', files: map, writes,
    info: async () => ({ name, path: name }),
    list: async () => {
      const dirs = new Set<string>();
      for (const p of map.keys()) { const parts = p.split('/'); for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/')); }
      return [...[...dirs].map((path) => ({ path, type: 'dir' as const, size: 0 })), ...[...map].map(([path, t]) => ({ path, type: 'file' as const, size: t.length }))]
        .sort((a, b) => a.path.localeCompare(b.path));
    },
    read: async (p) => { const t = map.get(p); if (t === undefined) throw new Error(`ENOENT: no such file: ${p}`); return t; },
    write: async (p, t) => { map.set(p, t); writes.push([p, t]); },
  };
}

export function createWorkspaceHost(w: Window & WorkbenchWindow = window): WorkspaceHost {
  return electronWorkspace(w) ?? webWorkspace();
}
