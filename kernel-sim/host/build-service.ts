// The build server: one warm clang that serves every `kwb build` and `kwb lab check` of this user, over a unix socket or named pipe, until idle.
//
// Compiling LLVM's 75 MB of WebAssembly costs seconds in every new process and cannot be cached across processes
// (V8 serializes a WebAssembly.Module only within one process). So, as compiler servers do, the first kwb that needs
// clang starts this server; later ones connect to it. Requests are newline-delimited JSON; builds run one at a time.
import { createServer, type Server, type Socket } from 'node:net';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { BuildRequest, BuildResult, SourceFile } from '../toolchain/build.ts';

/** How long a server waits for the next request before it exits. */
export const DEFAULT_IDLE_MS = 10 * 60_000;
/** A request line longer than this is refused (sources and a .ko are kilobytes). */
const MAX_LINE = 64 << 20;

/** Where this user's build servers keep their sockets and locks: $KWB_RUNTIME_DIR, $XDG_RUNTIME_DIR/kwb, or a private folder in tmp. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KWB_RUNTIME_DIR) return env.KWB_RUNTIME_DIR;
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'kwb');
  return join(tmpdir(), `kwb-${process.getuid?.() ?? userInfo().username}`);
}

/** Creates `dir` for this user only; throws when it exists with another owner or is open to others (someone could plant a socket). */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const st = statSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (process.getuid && st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user`);
  if (st.mode & 0o077) throw new Error(`${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)})`);
}

export interface ServerAddress { socket: string; lock: string }

/** The socket (or pipe) and lock file of server `id` in `dir`. */
export function serverAddress(dir: string, id: string): ServerAddress {
  const socket = process.platform === 'win32' ? `\\\\.\\pipe\\kwb-build-${userInfo().username}-${id}` : join(dir, `build-${id}.sock`);
  return { socket, lock: join(dir, `build-${id}.lock`) };
}

// ---- wire format: one JSON object per line; bytes travel as base64 ----

interface WireFile { path: string; text: string }
export type WireRequest =
  | { id: number; op: 'ping' }
  | { id: number; op: 'build'; req: Omit<BuildRequest, 'sources' | 'extraFiles'> & { sources: WireFile[]; extraFiles?: WireFile[] } };
export type WireResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export interface ServerInfo { pid: number; id: string; builds: number; busy: boolean }

const toBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const fileOut = (f: SourceFile): WireFile => ({ path: f.path, text: toBase64(typeof f.text === 'string' ? new TextEncoder().encode(f.text) : f.text) });
const fileIn = (f: WireFile): SourceFile => ({ path: f.path, text: fromBase64(f.text) });

export function encodeBuildRequest(id: number, req: BuildRequest): WireRequest {
  return { id, op: 'build', req: { ...req, sources: req.sources.map(fileOut), extraFiles: req.extraFiles?.map(fileOut) } };
}

function decodeBuildRequest(w: Extract<WireRequest, { op: 'build' }>['req']): BuildRequest {
  if (!w || (w.mode !== 'kernel' && w.mode !== 'user') || !Array.isArray(w.sources)) throw new Error('malformed build request');
  return { ...w, sources: w.sources.map(fileIn), ...(w.extraFiles ? { extraFiles: w.extraFiles.map(fileIn) } : {}) };
}

export function encodeBuildResult(r: BuildResult): unknown {
  return { ...r, wasm: r.wasm ? toBase64(r.wasm) : undefined };
}

export function decodeBuildResult(w: unknown): BuildResult {
  const r = w as Omit<BuildResult, 'wasm'> & { wasm?: string };
  return { ...r, wasm: r.wasm ? fromBase64(r.wasm) : undefined };
}

/** Splits a byte stream into lines and hands each parsed JSON object to `onMessage`. */
export function lineReader(onMessage: (msg: unknown) => void, onError: (why: string) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    if (pending.length > MAX_LINE) { pending = ''; onError('message too long'); return; }
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.trim()) continue;
      let msg: unknown;
      try { msg = JSON.parse(line); } catch { onError('malformed message'); continue; }
      onMessage(msg);
    }
  };
}

// ---- the server ----

export interface BuildServerOptions {
  address: ServerAddress;
  /** Server id, reported by ping. */
  id: string;
  /** Builds one request; called one at a time. */
  build: (req: BuildRequest) => Promise<BuildResult>;
  idleMs?: number;
  /** Called once the server has closed (idle, or close()). */
  onClose?: () => void;
}

export interface BuildServer { close(): Promise<void>; info(): ServerInfo }

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Takes the server's lock file; false when a live process holds it. */
function acquireLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = 0;
      try { holder = Number(readFileSync(lock, 'utf8')); } catch { /* removed meanwhile */ }
      if (holder && alive(holder)) return false;
      // A server that died without cleaning up: its lock (and socket) are stale.
      try { unlinkSync(lock); } catch { /* another starter removed it */ }
    }
  }
  return false;
}

function releaseLock(lock: string): void {
  try { if (Number(readFileSync(lock, 'utf8')) === process.pid) unlinkSync(lock); } catch { /* already gone */ }
}

/**
 * Starts serving at `address`; resolves to null when another live server already holds the lock (its clients will
 * find it at the same socket). Exits the event loop's hold when closed: an idle server leaves nothing running.
 */
export async function startBuildServer(o: BuildServerOptions): Promise<BuildServer | null> {
  if (!acquireLock(o.address.lock)) return null;
  const idleMs = o.idleMs ?? DEFAULT_IDLE_MS;
  const sockets = new Set<Socket>();
  let builds = 0, inFlight = 0, closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const info = (): ServerInfo => ({ pid: process.pid, id: o.id, builds, busy: inFlight > 0 });

  const armIdle = (): void => {
    if (idle) clearTimeout(idle);
    idle = inFlight === 0 && !closed ? setTimeout(() => void close(), idleMs) : undefined;
  };

  async function answer(msg: WireRequest): Promise<WireResponse> {
    if (msg.op === 'ping') return { id: msg.id, ok: true, result: info() };
    if (msg.op !== 'build') return { id: (msg as { id: number }).id, ok: false, error: `unknown operation ${String((msg as { op?: unknown }).op)}` };
    const req = decodeBuildRequest(msg.req);
    // One clang: builds take turns, in arrival order.
    const run = queue.then(() => o.build(req));
    queue = run.catch(() => undefined);
    const r = await run;
    builds++;
    return { id: msg.id, ok: true, result: encodeBuildResult(r) };
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const write = (r: WireResponse): void => { if (!socket.destroyed) socket.write(`${JSON.stringify(r)}\n`); };
    socket.on('data', lineReader((raw) => {
      const msg = raw as WireRequest;
      const id = typeof msg?.id === 'number' ? msg.id : -1;
      inFlight++;
      armIdle();
      answer(msg).then(write, (e: unknown) => write({ id, ok: false, error: e instanceof Error ? e.message : String(e) }))
        .finally(() => { inFlight--; armIdle(); });
    }, (why) => { write({ id: -1, ok: false, error: why }); socket.destroy(); }));
  });

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (idle) clearTimeout(idle);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (process.platform !== 'win32') { try { unlinkSync(o.address.socket); } catch { /* gone */ } }
    releaseLock(o.address.lock);
    o.onClose?.();
  }

  // We hold the lock, so a socket file left here belongs to a server that died.
  if (process.platform !== 'win32' && existsSync(o.address.socket)) unlinkSync(o.address.socket);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.address.socket, () => { server.off('error', reject); resolve(); });
    });
  } catch (e) {
    releaseLock(o.address.lock);
    throw e;
  }
  if (process.platform !== 'win32') chmodSync(o.address.socket, 0o600);
  armIdle();
  return { close, info };
}
