// The learner's workspace folder, for every host (Electron main over IPC, the web server over HTTP): validated relative paths, limits, reads and atomic writes.
//
// Paths are '/'-separated and relative, without '..', '.', backslashes,
// colons or control characters; symlinks may not lead outside; writes are
// atomic, durable and serialised per file (atomic-file.ts). Errors carry a
// WorkbenchErrorCode and name files by their workspace-relative path only,
// never by where the workspace lives on the host.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { WorkspaceEntry, WorkspaceInfo, WorkbenchErrorCode } from '../api/workbench-bridge.ts';
import { SCRATCH_NAME, withFileLock, writeFileAtomic } from './atomic-file.ts';

export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;
export const MAX_PATH_LENGTH = 1024;
/** NAME_MAX of Linux, ext4, APFS and NTFS: a longer name fails the same way everywhere, before the file system is asked. */
export const MAX_SEGMENT_LENGTH = 255;
export const MAX_PATH_DEPTH = 32;
const MAX_LIST_DEPTH = 16;
const SKIPPED_DIRS = new Set(['node_modules']);
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** An error a client sees as `CODE: message`. */
export class WorkbenchError extends Error {
  constructor(readonly code: WorkbenchErrorCode, message: string) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/**
 * A workspace-relative path: '/'-separated, non-empty segments, no '.', '..',
 * backslash, colon, NUL or control characters, no leading '/', no drive
 * letter, no Windows device names, within length caps. Returns its segments.
 */
export function validateRelativePath(value: unknown): string[] {
  if (typeof value !== 'string') throw new WorkbenchError('EINVAL', 'path must be a string');
  if (value.length === 0) throw new WorkbenchError('EINVAL', 'path is empty');
  if (value.length > MAX_PATH_LENGTH) throw new WorkbenchError('EINVAL', `path longer than ${MAX_PATH_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new WorkbenchError('EINVAL', 'path contains NUL or control characters');
  if (value.includes('\\')) throw new WorkbenchError('EINVAL', "path must use '/' separators");
  if (value.startsWith('/') || /^[a-zA-Z]:/.test(value)) throw new WorkbenchError('EINVAL', 'path must be relative to the workspace');
  const segments = value.split('/');
  if (segments.length > MAX_PATH_DEPTH) throw new WorkbenchError('EINVAL', `path deeper than ${MAX_PATH_DEPTH} levels`);
  for (const s of segments) {
    if (s === '..') throw new WorkbenchError('EACCES', "path may not contain '..'");
    if (s === '' || s === '.') throw new WorkbenchError('EINVAL', "path has an empty or '.' segment");
    if (Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_LENGTH) throw new WorkbenchError('EINVAL', `file name longer than ${MAX_SEGMENT_LENGTH} bytes`);
    if (s.includes(':')) throw new WorkbenchError('EINVAL', "path may not contain ':'");
    if (WINDOWS_RESERVED.test(s) || /[. ]$/.test(s)) throw new WorkbenchError('EINVAL', `path segment not portable: ${s}`);
    if (SCRATCH_NAME.test(s)) throw new WorkbenchError('EINVAL', `name reserved for the workbench's temporary files: ${s}`);
  }
  return segments;
}

/** The text of a file to write: a string of at most MAX_FILE_BYTES once UTF-8 encoded. */
export function validateFileText(value: unknown): string {
  if (typeof value !== 'string') throw new WorkbenchError('EINVAL', 'text must be a string');
  if (value.length > MAX_FILE_BYTES || Buffer.byteLength(value, 'utf8') > MAX_FILE_BYTES) throw new WorkbenchError('EFBIG', `text larger than ${MAX_FILE_BYTES} bytes`);
  return value;
}

/** True if `target` is `root` itself or lies below it. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Resolves a validated relative path under root; throws if the result would leave root. */
export function resolveInside(root: string, rel: unknown): string {
  const target = path.resolve(root, ...validateRelativePath(rel));
  if (path.resolve(root) === target || !isInside(root, target)) throw new WorkbenchError('EACCES', 'path leaves the workspace');
  return target;
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** A host error as the client sees it: the errno's meaning and the relative path, never the host's message (it holds the absolute path). */
function mapError(err: unknown, rel: unknown): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const name = String(rel);
  const known: Record<string, [WorkbenchErrorCode, string]> = {
    ENOENT: ['ENOENT', `no such file: ${name}`],
    EISDIR: ['EISDIR', `is a folder: ${name}`],
    ENOTDIR: ['ENOTDIR', `not a folder on the way to: ${name}`],
    EACCES: ['EACCES', `permission denied: ${name}`],
    EPERM: ['EACCES', `permission denied: ${name}`],
    EROFS: ['EACCES', `read-only file system: ${name}`],
    ENAMETOOLONG: ['EINVAL', `file name too long: ${name}`],
    ELOOP: ['EINVAL', `too many levels of symbolic links: ${name}`],
    ENOSPC: ['EIO', `no space left on device writing ${name}`],
    EDQUOT: ['EIO', `disk quota exceeded writing ${name}`],
    EBUSY: ['EIO', `busy (another save of ${name} holds its lock)`],
  };
  const [code, message] = known[errno(err) ?? ''] ?? ['EIO', `input/output error on ${name} (${errno(err) ?? 'unknown'})`];
  return new WorkbenchError(code, message);
}

export class Workspace {
  private constructor(readonly root: string) {}

  /** Opens an absolute folder as the workspace; its real path becomes the root. */
  static async open(folder: unknown): Promise<Workspace> {
    if (typeof folder !== 'string' || !path.isAbsolute(folder)) throw new WorkbenchError('EINVAL', 'workspace folder must be an absolute path');
    let real: string;
    try { real = await fs.realpath(folder); } catch { throw new WorkbenchError('ENOENT', `no such folder: ${path.basename(folder)}`); }
    const st = await fs.stat(real).catch((err: unknown) => { throw mapError(err, path.basename(folder)); });
    if (!st.isDirectory()) throw new WorkbenchError('ENOTDIR', `not a folder: ${path.basename(folder)}`);
    return new Workspace(real);
  }

  info(): WorkspaceInfo { return { name: path.basename(this.root), path: this.root }; }

  /** Files and folders, breadth-first, sorted per folder; dot-folders, node_modules, symlinks and the workbench's scratch files left out. */
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
        } else if (e.isFile() && !SCRATCH_NAME.test(e.name)) {
          try { out.push({ path: childRel, type: 'file', size: (await fs.stat(path.join(dir, e.name))).size }); } catch { /* vanished */ }
        }
      }
    }
    return out;
  }

  async read(rel: unknown): Promise<string> {
    const file = await this.realTarget(rel);
    try {
      const st = await fs.stat(file);
      if (st.isDirectory()) throw new WorkbenchError('EISDIR', `is a folder: ${String(rel)}`);
      if (st.size > MAX_FILE_BYTES) throw new WorkbenchError('EFBIG', `file larger than ${MAX_FILE_BYTES} bytes: ${String(rel)}`);
      return await fs.readFile(file, 'utf8');
    } catch (err) { throw mapError(err, rel); }
  }

  /** Writes atomically and durably, one writer of a file at a time (other tabs, windows and processes included), creating parent folders inside the workspace. */
  async write(rel: unknown, text: unknown): Promise<void> {
    const body = validateFileText(text);
    // Resolve symlinks first: mkdir only ever creates folders below a real path inside the workspace.
    const file = await this.realTarget(rel);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await withFileLock(file, async () => {
        const st = await fs.stat(file).catch((err: unknown) => { if (errno(err) === 'ENOENT') return null; throw err; });
        if (st?.isDirectory()) throw new WorkbenchError('EISDIR', `is a folder: ${String(rel)}`);
        await writeFileAtomic(file, body);
      });
    } catch (err) { throw mapError(err, rel); }
  }

  /** The real path a relative path names (symlinks resolved as far as they exist), refused if it leaves the workspace. */
  private async realTarget(rel: unknown): Promise<string> {
    const target = resolveInside(this.root, rel);
    const missing: string[] = [];
    let existing = target;
    for (;;) {
      try {
        const real = await fs.realpath(existing);
        const full = path.join(real, ...missing.reverse());
        if (!isInside(this.root, full) || full === this.root) throw new WorkbenchError('EACCES', `path leaves the workspace: ${String(rel)}`);
        return full;
      } catch (err) {
        if (err instanceof WorkbenchError) throw err;
        if (errno(err) !== 'ENOENT' || existing === this.root) throw mapError(err, rel);
        missing.push(path.basename(existing));
        existing = path.dirname(existing);
      }
    }
  }
}
