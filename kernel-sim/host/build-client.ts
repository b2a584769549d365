// Client of the build server (build-service.ts): connects, starts the server when none runs, and builds in this process when it cannot.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { BuildRequest, BuildResult } from '../toolchain/build.ts';
import {
  decodeBuildResult, encodeBuildRequest, ensurePrivateDir, lineReader, serverAddress,
  type ServerInfo, type WireRequest, type WireResponse,
} from './build-service.ts';

export interface Builder { build(req: BuildRequest): Promise<BuildResult> }

export interface RemoteBuilderOptions {
  /** The runtime folder for sockets and locks (build-service.ts runtimeDir()). */
  dir: string;
  /** The server entry script (kwb-build-server.js of the same CLI bundle). */
  serverEntry: string;
  /** resources/include the server compiles against. */
  includeDir: string;
  /** Node options of a server this client starts (V8 flags for clang). */
  execArgv?: string[];
  /** Idle timeout handed to a server this client starts. */
  idleMs?: number;
  /** How long to wait for a server this client started to accept connections. */
  startTimeoutMs?: number;
  /** The in-process builder used when no server can be reached. */
  fallback: () => Builder | Promise<Builder>;
}

/**
 * Which server a client wants: one per CLI bundle (its folder names its version) and include folder. A name, not a
 * secret: two 32-bit FNV-1a hashes, since loading node:crypto for it was ~10 ms of every kwb build's client CPU.
 */
export function serverId(serverEntry: string, includeDir: string): string {
  const text = `${serverEntry}\0${includeDir}`;
  const fnv = (seed: number): string => {
    let h = seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

/** A transport failure (no server, or it went away): the build itself never ran there, or its result was lost. */
class Unreachable extends Error {}

class Connection {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly socket: Socket;
  closed = false;

  constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', lineReader((raw) => {
      const msg = raw as WireResponse;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      this.idle();
      if (msg.ok) p.resolve(msg.result); else p.reject(new Error(msg.error));
    }, (why) => this.fail(`bad answer from the build server: ${why}`)));
    socket.on('error', (e) => this.fail(e.message));
    socket.on('close', () => this.fail('the build server closed the connection'));
    this.idle();
  }

  /** No request in flight: the connection must not keep this process alive. */
  private idle(): void { if (this.pending.size === 0) this.socket.unref(); }

  private fail(why: string): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Unreachable(why));
    this.pending.clear();
    this.socket.destroy();
  }

  request(msg: Omit<WireRequest, 'id'> | ((id: number) => WireRequest)): Promise<unknown> {
    if (this.closed) return Promise.reject(new Unreachable('connection closed'));
    const id = this.next++;
    const wire = typeof msg === 'function' ? msg(id) : { ...msg, id };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.ref();
      this.socket.write(`${JSON.stringify(wire)}\n`);
    });
  }

  close(): void { this.socket.end(); this.socket.unref(); }
}

function tryConnect(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(path);
    s.once('connect', () => { s.off('error', reject); resolve(s); });
    s.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts a detached server; its log (stderr) goes next to its socket. Resolves to a way to ask whether it has exited. */
function startServer(o: RemoteBuilderOptions, id: string): () => boolean {
  const log = openSync(join(o.dir, `build-${id}.log`), 'a', 0o600);
  let exited = false;
  try {
    const child = spawn(process.execPath, [...(o.execArgv ?? []), o.serverEntry, '--dir', o.dir, '--id', id, '--include', o.includeDir, ...(o.idleMs ? ['--idle-ms', String(o.idleMs)] : [])], {
      detached: true, stdio: ['ignore', 'ignore', log], windowsHide: true,
    });
    child.on('error', () => { exited = true; });
    child.on('exit', () => { exited = true; });
    child.unref();
  } finally {
    closeSync(log);
  }
  return () => exited;
}

/** Connects to the server, starting it when none answers. Throws Unreachable when there is none to be had. */
async function connectOrStart(o: RemoteBuilderOptions, id: string): Promise<Connection> {
  const { socket } = serverAddress(o.dir, id);
  try { return new Connection(await tryConnect(socket)); } catch { /* none yet: start one */ }
  try { ensurePrivateDir(o.dir); } catch (e) { throw new Unreachable((e as Error).message); }
  const exited = startServer(o, id);
  const deadline = Date.now() + (o.startTimeoutMs ?? 20_000);
  let afterExit = 0;
  while (Date.now() < deadline) {
    await sleep(15);
    try { return new Connection(await tryConnect(socket)); } catch { /* not listening yet */ }
    // A server that lost the race to another exits at once; give the winner a moment, then stop waiting.
    if (exited() && ++afterExit > 100) break;
  }
  throw new Unreachable('the build server did not start');
}

export interface RemoteBuilder extends Builder {
  /** Where the last build ran. */
  readonly via: 'server' | 'in-process' | undefined;
  /** The server's pid, builds served and id (starting it if needed); null when unreachable. */
  ping(): Promise<ServerInfo | null>;
  /** Connects, starting the server if none runs, without waiting: its clang warms while this process does other work. */
  prepare(): void;
  /** Drops the connection (the server keeps running). */
  close(): void;
}

/**
 * A builder that sends builds to the user's build server, starting it on demand, and falls back to building in this
 * process when the server cannot start or goes away mid-build. Compile errors come back as results, as in-process.
 */
export function remoteBuilder(o: RemoteBuilderOptions): RemoteBuilder {
  const id = serverId(o.serverEntry, o.includeDir);
  let conn: Promise<Connection> | undefined;
  let via: 'server' | 'in-process' | undefined;
  let unreachable = false;
  const connection = (): Promise<Connection> => {
    if (!conn) conn = connectOrStart(o, id);
    return conn.then((c) => {
      if (!c.closed) return c;
      conn = undefined;
      return connectOrStart(o, id);
    });
  };
  return {
    get via() { return via; },
    async build(req) {
      if (!unreachable) {
        try {
          const c = await connection();
          const r = decodeBuildResult(await c.request((rid) => encodeBuildRequest(rid, req)));
          via = 'server';
          return r;
        } catch (e) {
          if (!(e instanceof Unreachable)) throw e;
          unreachable = true;
        }
      }
      via = 'in-process';
      return (await o.fallback()).build(req);
    },
    async ping() {
      try { return (await (await connection()).request({ op: 'ping' })) as ServerInfo; } catch { return null; }
    },
    prepare() { connection().catch(() => undefined); },
    close() { void conn?.then((c) => c.close(), () => undefined); conn = undefined; },
  };
}
