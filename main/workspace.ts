// The user's workspace folder on the host: listing, reading and atomically writing text files that stay inside it.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { WorkspaceEntry, WorkspaceInfo } from '../kernel-sim/api/workbench-bridge.ts';
import { isInside } from './app-protocol.ts';
import { MAX_FILE_BYTES, WorkbenchError, resolveInside, validateFileText } from './ipc-validation.ts';

export const MAX_ENTRIES = 10_000;
const MAX_LIST_DEPTH = 16;
const SKIPPED_DIRS = new Set(['node_modules']);

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

export class Workspace {
  private constructor(readonly root: string) {}

  /** Opens a folder as the workspace; its real path becomes the root. */
  static async open(folder: string): Promise<Workspace> {
    if (typeof folder !== 'string' || !path.isAbsolute(folder)) throw new WorkbenchError('EINVAL', 'workspace folder must be an absolute path');
    let real: string;
    try { real = await fs.realpath(folder); } catch { throw new WorkbenchError('ENOENT', `no such folder: ${folder}`); }
    if (!(await fs.stat(real)).isDirectory()) throw new WorkbenchError('ENOTDIR', `not a folder: ${folder}`);
    return new Workspace(real);
  }

  info(): WorkspaceInfo {
    return { name: path.basename(this.root), path: this.root };
  }

  /** Files and folders, breadth-first, sorted per folder; symlinks are not followed. */
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
          if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
          out.push({ path: childRel, type: 'dir', size: 0 });
          if (depth + 1 < MAX_LIST_DEPTH) queue.push({ dir: path.join(dir, e.name), rel: childRel, depth: depth + 1 });
        } else if (e.isFile()) {
          let size = 0;
          try { size = (await fs.stat(path.join(dir, e.name))).size; } catch { continue; }
          out.push({ path: childRel, type: 'file', size });
        }
      }
    }
    return out;
  }

  async read(rel: unknown): Promise<string> {
    const file = await this.realTarget(rel);
    let stat;
    try { stat = await fs.stat(file); } catch (err) { throw this.mapError(err, rel); }
    if (stat.isDirectory()) throw new WorkbenchError('EISDIR', `is a folder: ${String(rel)}`);
    if (stat.size > MAX_FILE_BYTES) throw new WorkbenchError('EFBIG', `file larger than ${MAX_FILE_BYTES} bytes: ${String(rel)}`);
    try { return await fs.readFile(file, 'utf8'); } catch (err) { throw this.mapError(err, rel); }
  }

  /** Writes via a temporary file and a rename, so a crash never leaves half a file. */
  async write(rel: unknown, text: unknown): Promise<void> {
    const body = validateFileText(text);
    // Resolve symlinks first: mkdir only ever creates folders below a real path inside the workspace.
    const file = await this.realTarget(rel);
    try { await fs.mkdir(path.dirname(file), { recursive: true }); } catch (err) { throw this.mapError(err, rel); }
    try {
      if ((await fs.stat(file)).isDirectory()) throw new WorkbenchError('EISDIR', `is a folder: ${String(rel)}`);
    } catch (err) {
      if (err instanceof WorkbenchError) throw err;
      if (errno(err) !== 'ENOENT') throw this.mapError(err, rel);
    }
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.kwb-${process.pid}-${Date.now()}.tmp`);
    try {
      await fs.writeFile(tmp, body, { encoding: 'utf8', flag: 'wx' });
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      throw this.mapError(err, rel);
    }
  }

  /**
   * The real path a relative path designates (symlinks resolved as far as they
   * exist), refused if it leaves the workspace.
   */
  private async realTarget(rel: unknown): Promise<string> {
    const target = resolveInside(this.root, rel);
    const missing: string[] = [];
    let existing = target;
    for (;;) {
      try {
        const real = await fs.realpath(existing);
        const full = path.join(real, ...missing.reverse());
        if (!isInside(this.root, full)) throw new WorkbenchError('EACCES', `path leaves the workspace: ${String(rel)}`);
        return full;
      } catch (err) {
        if (err instanceof WorkbenchError) throw err;
        if (errno(err) !== 'ENOENT' || existing === this.root) throw this.mapError(err, rel);
        missing.push(path.basename(existing));
        existing = path.dirname(existing);
      }
    }
  }

  private mapError(err: unknown, rel: unknown): WorkbenchError {
    if (err instanceof WorkbenchError) return err;
    switch (errno(err)) {
      case 'ENOENT': return new WorkbenchError('ENOENT', `no such file: ${String(rel)}`);
      case 'EISDIR': return new WorkbenchError('EISDIR', `is a folder: ${String(rel)}`);
      case 'ENOTDIR': return new WorkbenchError('ENOTDIR', `not a folder on the way to: ${String(rel)}`);
      case 'EACCES': case 'EPERM': return new WorkbenchError('EACCES', `permission denied: ${String(rel)}`);
      default: return new WorkbenchError('EIO', `cannot access ${String(rel)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
