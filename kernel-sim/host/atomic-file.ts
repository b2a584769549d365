// Files that are never half-written or lost: unique temporary names, fsync and rename, serialised per file across threads and processes.
//
// A write goes to `.NAME.kwb-PID-N-RANDOM.tmp` next to the file (unique even for
// two writes of one process in the same millisecond, and across worker threads,
// which share a pid), is fsync'ed, then renamed over NAME: a reader or a crash
// sees the old or the new content, never a mix. Writers of one file take turns:
// an in-process queue per path, and an advisory lock file `.NAME.kwb-HASH.lock`
// created with O_EXCL, which other worker threads and processes respect too.
// A lock whose owner died (its process is gone, or it is older than
// LOCK_STALE_MS: a worker terminated while holding it) is taken over.
import { closeSync, fsyncSync, openSync, promises as fs, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** A lock older than this belongs to a holder that died: every holder here keeps it for milliseconds. */
export const LOCK_STALE_MS = 10_000;
/** Waiting longer than this for a lock gives EBUSY. */
export const LOCK_WAIT_MS = 30_000;

/** Matches the names of this module's temporary and lock files, which listings hide. */
export const SCRATCH_NAME = /^\..*\.kwb-(\d+-\d+-[0-9a-f]+\.tmp|[0-9a-f]{12}\.lock)$/;

let tmpCounter = 0;

/**
 * The start of NAME that scratch names show: 48 characters (at most 192 bytes) leave room for the suffix
 * within NAME_MAX (255 bytes), so a file with a name of the longest length can still be saved.
 */
const shortName = (file: string): string => Array.from(path.basename(file)).slice(0, 48).join('');

/** A temporary name next to `file` that no other write (this thread, another thread, another process) can pick. */
export function tempNameFor(file: string): string {
  tmpCounter = (tmpCounter + 1) % Number.MAX_SAFE_INTEGER;
  return path.join(path.dirname(file), `.${shortName(file)}.kwb-${process.pid}-${tmpCounter}-${randomBytes(6).toString('hex')}.tmp`);
}

/** The lock file of `file`: the same for every writer, distinct for names that share their first 48 characters. */
export function lockNameFor(file: string): string {
  const hash = createHash('sha256').update(path.basename(file)).digest('hex').slice(0, 12);
  return path.join(path.dirname(file), `.${shortName(file)}.kwb-${hash}.lock`);
}

/** An errno-style error (code EBUSY, ...) that callers map like the fs module's own. */
function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}
const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** Makes the rename itself durable; folders cannot be opened for fsync everywhere (Windows), so this is best effort. */
function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try { fd = openSync(dir, 'r'); fsyncSync(fd); } catch { /* not supported here */ } finally { if (fd !== undefined) closeSync(fd); }
}

/** Writes `data` to `file` atomically and durably; the temporary file never outlives a failure. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    const fh = await fs.open(tmp, 'wx', 0o644);
    try { await fh.writeFile(data); await fh.sync(); } finally { await fh.close(); }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  fsyncDirSync(path.dirname(file));
}

/** writeFileAtomic for synchronous callers (small files, e.g. lab progress in a worker thread). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempNameFor(file);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try { writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data); fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, file);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* never created */ }
    throw err;
  }
  fsyncDirSync(path.dirname(file));
}

/** True if the lock's owner is gone: its process no longer exists, or the lock is too old to be anyone's. */
function lockIsStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(readFileSync(lock, 'utf8').split(' ')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try { process.kill(pid, 0); return false; } catch (err) { return codeOf(err) === 'ESRCH'; }
  } catch {
    return false; // released meanwhile: the next attempt will tell
  }
}

/** One attempt at the lock file; true if taken. A stale lock is moved aside (atomically, so one taker wins) first. */
function tryLock(lock: string, token: string): boolean {
  try {
    const fd = openSync(lock, 'wx', 0o600);
    try { writeSync(fd, token); } finally { closeSync(fd); }
    return true;
  } catch (err) {
    if (codeOf(err) !== 'EEXIST') throw err;
  }
  if (lockIsStale(lock)) {
    const aside = `${lock}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.stale`;
    try { renameSync(lock, aside); unlinkSync(aside); } catch { /* another waiter took it over first */ }
  }
  return false;
}

function unlock(lock: string, token: string): void {
  try { if (readFileSync(lock, 'utf8') === token) unlinkSync(lock); } catch { /* taken over as stale: not ours any more */ }
}

const lockToken = (): string => `${process.pid} ${threadId} ${randomBytes(8).toString('hex')}\n`;
/** Backoff with jitter, so that many waiters do not retry in step. */
const backoff = (attempt: number): number => randomInt(1, 2 + Math.min(50, 2 ** Math.min(attempt, 6)));
const busy = (file: string) => errnoError('EBUSY', `timed out waiting for the lock of ${path.basename(file)}`);

/** Per-path queue of this thread: writers of one file wait in turn here rather than spinning on the lock file. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` while holding `file`'s lock (in-process queue, then the lock file). */
export function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(async () => {
    const lock = lockNameFor(key), token = lockToken(), deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; !tryLock(lock, token); attempt++) {
      if (Date.now() > deadline) throw busy(key);
      await new Promise((ok) => setTimeout(ok, backoff(attempt)));
    }
    try { return await fn(); } finally { unlock(lock, token); }
  });
  queues.set(key, run);
  void run.catch(() => {}).finally(() => { if (queues.get(key) === run) queues.delete(key); });
  return run;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** withFileLock for synchronous callers: blocks this thread while another holds the lock. */
export function withFileLockSync<T>(file: string, fn: () => T): T {
  const key = path.resolve(file);
  const lock = lockNameFor(key), token = lockToken(), deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; !tryLock(lock, token); attempt++) {
    if (Date.now() > deadline) throw busy(key);
    Atomics.wait(sleeper, 0, 0, backoff(attempt));
  }
  try { return fn(); } finally { unlock(lock, token); }
}
