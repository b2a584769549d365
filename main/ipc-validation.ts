// Validation of every argument the renderer sends main: types, length caps, and relative paths that cannot leave the workspace.
import path from 'node:path';
import type { WorkbenchErrorCode } from '../kernel-sim/api/workbench-bridge.ts';

export const MAX_PATH_LENGTH = 1024;
export const MAX_SEGMENT_LENGTH = 255;
export const MAX_PATH_DEPTH = 32;
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** An error the renderer sees as `CODE: message`. */
export class WorkbenchError extends Error {
  constructor(readonly code: WorkbenchErrorCode, message: string) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

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
    if (s.length > MAX_SEGMENT_LENGTH) throw new WorkbenchError('EINVAL', `path segment longer than ${MAX_SEGMENT_LENGTH} characters`);
    if (s.includes(':')) throw new WorkbenchError('EINVAL', "path may not contain ':'");
    if (WINDOWS_RESERVED.test(s) || /[. ]$/.test(s)) throw new WorkbenchError('EINVAL', `path segment not portable: ${s}`);
  }
  return segments;
}

/** The text of a file to write: a string of at most MAX_FILE_BYTES once UTF-8 encoded. */
export function validateFileText(value: unknown): string {
  if (typeof value !== 'string') throw new WorkbenchError('EINVAL', 'text must be a string');
  if (value.length > MAX_FILE_BYTES || Buffer.byteLength(value, 'utf8') > MAX_FILE_BYTES) throw new WorkbenchError('EFBIG', `text larger than ${MAX_FILE_BYTES} bytes`);
  return value;
}

/** Checks an IPC call has exactly `count` arguments. */
export function validateArity(args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new WorkbenchError('EINVAL', `expected ${count} argument(s), got ${args.length}`);
}

/** Resolves a validated relative path under root; throws if the result would leave root. */
export function resolveInside(root: string, rel: unknown): string {
  const segments = validateRelativePath(rel);
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const relative = path.relative(base, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new WorkbenchError('EACCES', 'path leaves the workspace');
  return target;
}

/** True if an IPC message comes from the workbench page itself (the main frame of an app:// document). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, origin: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === origin;
  } catch {
    return false;
  }
}
