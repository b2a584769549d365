// The web-mode workspace: a folder on the host (given with --workspace, or a per-user default seeded with a starter driver) listed, read and written by relative path.
//
// The same rules as Electron's main/workspace.ts: '/'-separated relative paths
// without '..', '.', backslashes, colons or control characters; symlinks may
// not lead outside; writes go through a temporary file and a rename.
import { promises as fs, existsSync, mkdirSync, readdirSync, copyFileSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { WorkspaceEntry, WorkspaceInfo, WorkbenchErrorCode } from '../api/workbench-bridge.ts';
import { resources_dir } from './machines.ts';

export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;
const MAX_PATH_LENGTH = 1024;
const MAX_DEPTH = 32;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export class WorkspaceError extends Error {
  constructor(readonly code: WorkbenchErrorCode, message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Checks a workspace-relative path and returns its segments (EINVAL / EACCES otherwise). */
export function validateRelativePath(value: unknown): string[] {
  if (typeof value !== 'string' || value.length === 0) throw new WorkspaceError('EINVAL', 'path must be a non-empty string');
  if (value.length > MAX_PATH_LENGTH) throw new WorkspaceError('EINVAL', `path longer than ${MAX_PATH_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new WorkspaceError('EINVAL', 'path contains NUL or control characters');
  if (value.includes('\\')) throw new WorkspaceError('EINVAL', "path must use '/' separators");
  if (value.startsWith('/') || /^[a-zA-Z]:/.test(value)) throw new WorkspaceError('EINVAL', 'path must be relative to the workspace');
  const segments = value.split('/');
  if (segments.length > MAX_DEPTH) throw new WorkspaceError('EINVAL', `path deeper than ${MAX_DEPTH} levels`);
  for (const s of segments) {
    if (s === '..') throw new WorkspaceError('EACCES', "path may not contain '..'");
    if (s === '' || s === '.') throw new WorkspaceError('EINVAL', "path has an empty or '.' segment");
    if (s.includes(':')) throw new WorkspaceError('EINVAL', "path may not contain ':'");
    if (WINDOWS_RESERVED.test(s) || /[. ]$/.test(s)) throw new WorkspaceError('EINVAL', `path segment not portable: ${s}`);
  }
  return segments;
}

const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};
const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** The per-user default workspace folder. */
export function defaultWorkspaceDir(): string {
  if (process.env.KWB_WORKSPACE) return process.env.KWB_WORKSPACE;
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'Kernel Workbench', 'workspace');
  const data = process.env.XDG_DATA_HOME || path.join(homedir(), '.local', 'share');
  return path.join(data, 'kernel-workbench', 'workspace');
}

/** Fills an empty (or new) folder with the starter files: the edu driver and the default boot config. */
export function seedWorkspace(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) return false;
  const res = resources_dir();
  const copyTree = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const n of readdirSync(from)) {
      const f = path.join(from, n);
      if (statSync(f).isDirectory()) copyTree(f, path.join(to, n));
      else copyFileSync(f, path.join(to, n));
    }
  };
  const starter = path.join(res, 'workspace');
  if (existsSync(starter)) copyTree(starter, dir);
  mkdirSync(path.join(dir, 'boot'), { recursive: true });
  copyFileSync(path.join(res, 'machines', 'default.dts'), path.join(dir, 'boot', 'default.dts'));
  return true;
}

export class WebWorkspace {
  private constructor(readonly root: string) {}

  static async open(folder: string): Promise<WebWorkspace> {
    const real = await fs.realpath(path.resolve(folder));
    if (!(await fs.stat(real)).isDirectory()) throw new WorkspaceError('ENOTDIR', `not a folder: ${folder}`);
    return new WebWorkspace(real);
  }

  info(): WorkspaceInfo { return { name: path.basename(this.root), path: this.root }; }

  /** Files and folders, breadth-first, sorted per folder; dot-folders and node_modules skipped; symlinks not followed. */
  async list(): Promise<WorkspaceEntry[]> {
    const out: WorkspaceEntry[] = [];
    const queue: Array<{ dir: string; rel: string; depth: number }> = [{ dir: this.root, rel: '', depth: 0 }];
    while (queue.length > 0 && out.length < MAX_ENTRIES) {
      const { dir, rel, depth } = queue.shift()!;
      let entries: Dirent[];
      try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { continue; }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (out.length >= MAX_ENTRIES) break;
        const childRel = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (e.name.startsWith('.') || e.name === 'node_modules') continue;
          out.push({ path: childRel, type: 'dir', size: 0 });
          if (depth + 1 < 16) queue.push({ dir: path.join(dir, e.name), rel: childRel, depth: depth + 1 });
        } else if (e.isFile() && !/\.kwb-\d+-\d+\.tmp$/.test(e.name)) {
          try { out.push({ path: childRel, type: 'file', size: (await fs.stat(path.join(dir, e.name))).size }); } catch { /* vanished */ }
        }
      }
    }
    return out;
  }

  async read(rel: unknown): Promise<string> {
    const file = await this.target(rel);
    let st;
    try { st = await fs.stat(file); } catch (err) { throw mapError(err, rel); }
    if (st.isDirectory()) throw new WorkspaceError('EISDIR', `is a folder: ${String(rel)}`);
    if (st.size > MAX_FILE_BYTES) throw new WorkspaceError('EFBIG', `file larger than ${MAX_FILE_BYTES} bytes`);
    return fs.readFile(file, 'utf8');
  }

  /** Writes atomically (temporary file + rename), creating parent folders inside the workspace. */
  async write(rel: unknown, text: unknown): Promise<void> {
    if (typeof text !== 'string') throw new WorkspaceError('EINVAL', 'text must be a string');
    if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) throw new WorkspaceError('EFBIG', `text larger than ${MAX_FILE_BYTES} bytes`);
    const file = await this.target(rel);
    try { await fs.mkdir(path.dirname(file), { recursive: true }); } catch (err) { throw mapError(err, rel); }
    try {
      if ((await fs.stat(file)).isDirectory()) throw new WorkspaceError('EISDIR', `is a folder: ${String(rel)}`);
    } catch (err) {
      if (err instanceof WorkspaceError) throw err;
      if (errno(err) !== 'ENOENT') throw mapError(err, rel);
    }
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.kwb-${process.pid}-${Date.now()}.tmp`);
    try {
      await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      throw mapError(err, rel);
    }
  }

  /** The real path a relative path names (symlinks resolved as far as they exist), refused if it leaves the workspace. */
  private async target(rel: unknown): Promise<string> {
    const full = path.resolve(this.root, ...validateRelativePath(rel));
    if (!inside(this.root, full)) throw new WorkspaceError('EACCES', 'path leaves the workspace');
    const missing: string[] = [];
    let existing = full;
    for (;;) {
      try {
        const real = await fs.realpath(existing);
        const resolved = path.join(real, ...missing.reverse());
        if (!inside(this.root, resolved)) throw new WorkspaceError('EACCES', `path leaves the workspace: ${String(rel)}`);
        return resolved;
      } catch (err) {
        if (err instanceof WorkspaceError) throw err;
        if (errno(err) !== 'ENOENT' || existing === this.root) throw mapError(err, rel);
        missing.push(path.basename(existing));
        existing = path.dirname(existing);
      }
    }
  }
}

function mapError(err: unknown, rel: unknown): WorkspaceError {
  if (err instanceof WorkspaceError) return err;
  switch (errno(err)) {
    case 'ENOENT': return new WorkspaceError('ENOENT', `no such file: ${String(rel)}`);
    case 'EISDIR': return new WorkspaceError('EISDIR', `is a folder: ${String(rel)}`);
    case 'ENOTDIR': return new WorkspaceError('ENOTDIR', `not a folder on the way to: ${String(rel)}`);
    case 'EACCES': case 'EPERM': return new WorkspaceError('EACCES', `permission denied: ${String(rel)}`);
    default: return new WorkspaceError('EIO', `cannot access ${String(rel)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
