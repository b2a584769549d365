// Web-mode host: serves the built renderer on 127.0.0.1 and bridges each WebSocket on /kernel to its own kernel-sim worker thread.
//
// One worker per connection: every browser tab gets its own machine (as each
// Electron window gets its own utility process), request ids of two tabs can
// never collide, a crash in one tab's kernel cannot touch another's, and the
// machine's life is the connection's: closing the tab frees its memory. If a
// worker dies while its socket is open, a new one is started and the client
// is told with a `host` restarted event, exactly as Electron main does.
//
// Nobody in, nothing hangs: every request and upgrade must show the launch's
// token (web-auth.ts); each worker runs under V8 resource limits (heap, stack)
// and a wall-clock watchdog, so a kernel that runs out of memory or stops
// turning its event loop is restarted for its own tab alone; connections are
// capped; output to a page that stops reading is bounded (ws-outbox.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServiceOptions } from './service.ts';
import { MAX_FILE_BYTES, Workspace, WorkbenchError } from './workspace.ts';
import { defaultWorkspaceDir, seedWorkspace } from './workspace-seed.ts';
import { mimeType } from './mime.ts';
import { authorized, defaultTokenFile, newToken, removeTokenFile, tokenCookie, writeTokenFile } from './web-auth.ts';
import { DEFAULT_OUTBOX_LIMITS, Outbox, type OutboxLimits } from './ws-outbox.ts';
import type { HostControl } from './worker.ts';

export { defaultTokenFile };

export interface WebServerOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Directory of the built renderer (dist/renderer by default). */
  root?: string;
  /** Worker entry; defaults to worker.js next to the bundle, or worker.ts (through tsx) next to this source. */
  workerUrl?: URL;
  workerExecArgv?: string[];
  defaultBoot?: ServiceOptions['defaultBoot'];
  /** Largest accepted WebSocket message, bytes. */
  maxPayload?: number;
  restart?: Partial<RestartPolicy>;
  /** Folder served as the workspace under /api/workspace; none (every call answers ENOWORKSPACE) when absent. */
  workspace?: string;
  /** The access token; a fresh random one per launch by default. */
  token?: string;
  /** Where to write the token (0600) for the CLI; none by default (the command-line entry points pass defaultTokenFile()). */
  tokenFile?: string;
  /** Most WebSocket connections (each one a kernel worker) at once. */
  maxConnections?: number;
  /** V8 limits of each kernel worker; an exhausted worker is restarted for its tab alone. */
  workerLimits?: ResourceLimits;
  /** Wall-clock milliseconds a worker may go without answering the watchdog's ping before it is restarted. */
  watchdogMs?: number;
  /** Per-connection output bounds. */
  outbox?: Partial<OutboxLimits>;
  /** Lets clients of tests send worker debug operations (exhaust the heap, spin): never in a real launch. */
  debugOps?: boolean;
  /**
   * Keep one kernel worker started ahead of the next connection (default: when running the built bundle). A worker
   * thread spends hundreds of milliseconds (seconds on a busy machine) parsing kernel-sim and evaluating its modules
   * before it can boot; a tab that finds that done gets its shell prompt that much sooner.
   */
  spareWorker?: boolean;
}

export interface WebServer {
  port: number;
  url: string;
  /** The launch's access token. */
  token: string;
  /** `url` with the token: the address to open (the server swaps the token for a cookie and drops it from the address bar). */
  openUrl: string;
  /** Number of live kernel-sim workers (one per open connection). */
  workers(): number;
  /** Whether a worker started ahead (spareWorker) waits for the next connection. */
  spareReady(): boolean;
  close(): Promise<void>;
}

const fromSource = import.meta.url.endsWith('.ts');
export interface RestartPolicy { baseDelayMs: number; maxDelayMs: number; maxRestarts: number; windowMs: number }
/** How long close() waits for each of its steps (workers stopping, servers closing) before it goes on. */
const CLOSE_WAIT_MS = 1000;
/** How long a worker asked to exit may take (the rest of a compile of clang's WebAssembly) before it is terminated. */
const RETIRE_MS = 8000;
const waitAtMost = (p: Promise<unknown>): Promise<unknown> => Promise.race([p, new Promise((ok) => setTimeout(ok, CLOSE_WAIT_MS).unref())]);

/** A crashed worker is restarted after 250 ms, doubling up to 8 s; more than 5 crashes in a minute and the connection gives up. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 8_000, maxRestarts: 5, windowMs: 60_000 };
/** Heap for one machine plus its toolchain's JS side (WebAssembly memory is outside this limit), and a stack for deep kernel paths. */
export const DEFAULT_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };
export const DEFAULT_MAX_CONNECTIONS = 8;
/** A kernel call never holds its thread this long: virtual time advances in bounded slices (STEP_BUDGET_NS). */
export const DEFAULT_WATCHDOG_MS = 120_000;
/** The next spare worker starts at the latest this long after a connection took one (sooner once its machine booted). */
const SPARE_DELAY_MS = 3000;
const here = fileURLToPath(new URL('.', import.meta.url));

/** tsx's ESM loader API (a dev dependency; only used when running from source). */
const tsxApi = () => pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/** The Content-Security-Policy of every page: scripts and connections to this origin only. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // xterm.js and Monaco create <style> elements at run time; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Maps a request path to a file under root, or null if it escapes root or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!); } catch { return null; }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const base = resolve(root);
  const file = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/** Why a tab's kernel was restarted: it exited (or crashed), ran out of memory, or stopped answering. */
export type HostCause = 'exit' | 'out-of-memory' | 'watchdog';

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const root = options.root ?? (fromSource ? resolve(here, '../../dist/renderer') : resolve(here, '../renderer'));
  const workerUrl = options.workerUrl ?? new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
  const execArgv = options.workerExecArgv ?? [];
  const workers = new Set<Worker>();
  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
  const token = options.token ?? newToken();
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  const outboxLimits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...options.outbox };
  let connections = 0;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });

  const reply = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(text + '\n');
  };

  const workspace = options.workspace ? await Workspace.open(resolve(options.workspace)) : null;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  /**
   * /api/workspace (info), /api/workspace/files (list), /api/workspace/file?path=REL (GET read, PUT write).
   * Only this origin's pages may call it: a custom header forces a CORS preflight that is never granted.
   */
  const serveWorkspace = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return json(res, 403, { code: 'EACCES', message: 'cross-origin request refused' });
    if (req.headers['x-kwb-workspace'] !== '1') return json(res, 403, { code: 'EACCES', message: 'missing X-Kwb-Workspace header' });
    if (!workspace) return json(res, 404, { code: 'ENOWORKSPACE', message: 'the server was started without a workspace folder' });
    try {
      if (url.pathname === '/api/workspace' && req.method === 'GET') return json(res, 200, workspace.info());
      if (url.pathname === '/api/workspace/files' && req.method === 'GET') return json(res, 200, await workspace.list());
      if (url.pathname === '/api/workspace/file' && req.method === 'GET') return json(res, 200, { text: await workspace.read(url.searchParams.get('path')) });
      if (url.pathname === '/api/workspace/file' && req.method === 'PUT') {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > MAX_FILE_BYTES) return json(res, 413, { code: 'EFBIG', message: `text larger than ${MAX_FILE_BYTES} bytes` });
          chunks.push(chunk as Buffer);
        }
        await workspace.write(url.searchParams.get('path'), Buffer.concat(chunks).toString('utf8'));
        return json(res, 200, {});
      }
      return json(res, 405, { code: 'EINVAL', message: `${req.method} ${url.pathname} is not a workspace call` });
    } catch (err) {
      if (err instanceof WorkbenchError) {
        const status = { ENOENT: 404, EACCES: 403, EFBIG: 413 }[err.code as string] ?? 400;
        return json(res, err.code === 'EIO' ? 500 : status, { code: err.code, message: err.message });
      }
      // Never the host's message: it may hold the workspace's absolute path.
      return json(res, 500, { code: 'EIO', message: 'internal error in the workspace service' });
    }
  };

  const serveStatic = (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return reply(res, 421, 'Misdirected request: unexpected Host header');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!authorized(req, url, token)) {
      if (url.pathname.startsWith('/api/')) return json(res, 401, { code: 'EACCES', message: 'missing or wrong access token' });
      return reply(res, 401, 'Unauthorized: open the address with ?token=... that `npm start` or `npm run serve` printed.');
    }
    if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // The token in the address becomes a cookie, and the address loses it (out of history and screenshots).
      url.searchParams.delete('token');
      res.writeHead(303, { ...securityHeaders(), 'Set-Cookie': tokenCookie(token), Location: url.pathname + url.search });
      return res.end();
    }
    if ((req.url ?? '').startsWith('/api/')) {
      void serveWorkspace(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).catch(() => res.destroy());
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = resolveStaticPath(root, req.url ?? '/');
    if (!file) return reply(res, 400, 'Bad request: path outside the application');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (file === join(resolve(root), 'index.html')) return reply(res, 503, 'The renderer is not built yet: run `npm run build`.');
      return reply(res, 404, 'Not found');
    }
    res.writeHead(200, { ...securityHeaders(), 'Content-Type': mimeType(file), 'Content-Length': String(statSync(file).size) });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };

  const spawnWorker = () => {
    const workerData = { defaultBoot: options.defaultBoot, debugOps: options.debugOps === true };
    const resourceLimits = { ...DEFAULT_WORKER_LIMITS, ...options.workerLimits };
    const worker = fromSource && !options.workerUrl
      // From source (tests, tsx): worker.ts loads through tsx's loader, registered inside the new thread.
      ? new Worker(`import(${JSON.stringify(tsxApi())}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true, workerData, resourceLimits })
      : new Worker(workerUrl, { execArgv, workerData, resourceLimits });
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
    return worker;
  };

  /**
   * Ends a worker that is not stuck: it exits by itself once no WebAssembly compile of its own is in flight (ending a
   * thread in the middle of one crashes Node 20, see worker.ts); terminate() only after `ms`. Resolves on its exit.
   */
  const retire = (w: Worker, ms: number): Promise<void> => {
    const exited = new Promise<void>((ok) => w.once('exit', () => ok()));
    try { w.postMessage({ __kwb: 'exit' } satisfies HostControl); } catch { /* already gone */ }
    const force = setTimeout(() => void w.terminate(), ms);
    force.unref();
    return exited.finally(() => clearTimeout(force));
  };

  /** The worker started ahead (see spareWorker), with what it said before a connection took it. */
  let spare: { w: Worker; early: unknown[]; keep: (m: unknown) => void } | null = null;
  let closed = false;
  const prepareSpare = () => {
    if (closed || spare || !(options.spareWorker ?? !fromSource)) return;
    const w = spawnWorker();
    const early: unknown[] = [];
    const keep = (m: unknown) => { early.push(m); };
    w.on('message', keep);
    w.once('exit', () => { if (spare?.w === w) spare = null; });
    // Unheard, a spare's error would end the server; a connection's own handler reports it once one takes the worker.
    w.on('error', (err) => { if (spare?.w === w) console.error(`kernel-sim spare worker error: ${err.message}`); });
    spare = { w, early, keep };
    // Its machine boots now, not when a tab asks: the tab's shell is waiting when it connects.
    w.postMessage({ __kwb: 'preboot' } satisfies HostControl);
  };
  /**
   * A worker for a connection: the spare when there is one, else a new one. The next spare starts once this worker's
   * machine has booted (`booted`), or SPARE_DELAY_MS after at the latest: loading kernel-sim in a new thread took the
   * CPU the boot and the page needed on a 2-core machine, and held the shell's prompt back.
   */
  const takeWorker = (): { w: Worker; early: unknown[]; booted: () => void } => {
    const s = spare;
    spare = null;
    let started = false;
    const booted = () => { if (!started) { started = true; clearTimeout(fallback); setImmediate(prepareSpare); } };
    const fallback = setTimeout(booted, SPARE_DELAY_MS);
    fallback.unref();
    if (!s) return { w: spawnWorker(), early: [], booted };
    s.w.off('message', s.keep);
    return { ...s, booted };
  };

  const bridge = (ws: WebSocket) => {
    let closing = false;
    let worker: Worker | null = null;
    let lastError = '';
    let cause: HostCause = 'exit';
    const crashes: number[] = [];
    const outbox = new Outbox(ws, (fn, busy) => { if (busy) setTimeout(fn, 20).unref(); else setImmediate(fn); }, outboxLimits);
    const send = (msg: unknown) => { if (ws.readyState === ws.OPEN) outbox.push(msg); };
    const attach = (reason: string | null, reasonCause: HostCause = 'exit') => {
      const { w, early, booted } = takeWorker();
      let replaying = false;
      worker = w;
      // The watchdog: a worker that has not answered a ping for watchdogMs of wall time is stuck in a loop. It is
      // armed by the first answer, so loading the worker's code (seconds on a busy machine) never counts.
      let lastPong = 0;
      let seq = 0;
      const watchdog = setInterval(() => {
        if (lastPong && Date.now() - lastPong > watchdogMs) {
          cause = 'watchdog';
          lastError = `no answer for ${Math.round(watchdogMs / 1000)} s (watchdog)`;
          clearInterval(watchdog);
          void w.terminate();
          return;
        }
        w.postMessage({ __kwb: 'ping', seq: ++seq } satisfies HostControl);
      }, Math.max(10, Math.floor(watchdogMs / 4)));
      watchdog.unref();
      const onMessage = (msg: unknown) => {
        if (msg !== null && typeof msg === 'object' && '__kwb' in msg) { lastPong = Date.now(); return; }
        if (!replaying && (msg as { stream?: unknown } | null)?.stream === 'machine') booted();
        send(msg);
      };
      w.on('message', onMessage);
      w.on('error', (err) => {
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') cause = 'out-of-memory';
        lastError = err.message;
        console.error(`kernel-sim worker error: ${err.message}`);
      });
      w.once('exit', (code) => {
        clearInterval(watchdog);
        if (worker === w) worker = null;
        if (closing || ws.readyState !== ws.OPEN) return;
        const why = `kernel-sim worker exited with code ${code}${lastError ? `: ${lastError}` : ''}`;
        const what = cause;
        lastError = '';
        cause = 'exit';
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0]! > policy.windowMs) crashes.shift();
        if (crashes.length > policy.maxRestarts) {
          console.error(`${why}; gave up after ${policy.maxRestarts} restarts in ${policy.windowMs / 1000} s`);
          send({ type: 'event', stream: 'host', data: { restarted: false, reason: `${why} (gave up after ${policy.maxRestarts} restarts)`, cause: what } });
          ws.close(1011, 'kernel-sim keeps crashing');
          return;
        }
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (crashes.length - 1));
        setTimeout(() => { if (!closing && ws.readyState === ws.OPEN) attach(why, what); }, delay).unref();
      });
      // The restart notice goes out before anything the new kernel says.
      if (reason) send({ type: 'event', stream: 'host', data: { restarted: true, reason, cause: reasonCause } });
      // A prebooted spare's boot is in what it said early: the next spare still waits (SPARE_DELAY_MS) for this tab's start.
      replaying = true;
      for (const m of early) onMessage(m);
      replaying = false;
    };
    attach(null);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      if (options.debugOps && text.startsWith('{"__kwb"')) {
        try { worker?.postMessage(JSON.parse(text) as HostControl); } catch { /* not a control message */ }
        return;
      }
      // While kernel-sim restarts, messages are dropped; the host event tells the client its requests are gone.
      worker?.postMessage(text);
    });
    let counted = true;
    const stop = () => {
      closing = true;
      if (worker) void retire(worker, RETIRE_MS);
      if (counted) connections--;
      counted = false;
    };
    ws.on('close', stop);
    ws.on('error', stop);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 16 * 1024 * 1024 });
  const server = createServer(serveStatic);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = req.headers.origin;
    const path = (req.url ?? '').split('?')[0];
    const refuse = (status: string) => { socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`); };
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse('421 Misdirected Request');
    if (!authorized(req, new URL(req.url ?? '/', 'http://127.0.0.1'), token)) return refuse('401 Unauthorized');
    if (path !== '/kernel') return refuse('404 Not Found');
    // Browsers always send Origin; only pages served from here may drive the kernel.
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse('403 Forbidden');
    if (connections >= maxConnections) return refuse('503 Service Unavailable');
    // Counted once the handshake succeeds (a failed one never reaches the callback, so it could never be uncounted).
    wss.handleUpgrade(req, socket, head, (ws) => { connections++; bridge(ws); });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', fail); ok(); });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/`;
  const openUrl = `${url}?token=${token}`;
  if (options.tokenFile) writeTokenFile(options.tokenFile, { url, token, pid: process.pid });
  prepareSpare();

  return {
    port,
    url,
    token,
    openUrl,
    // The spare started ahead serves no connection yet.
    workers: () => workers.size - (spare ? 1 : 0),
    spareReady: () => spare !== null,
    async close() {
      closed = true;
      if (options.tokenFile) removeTokenFile(options.tokenFile, token);
      for (const ws of wss.clients) ws.terminate();
      // Workers are asked to exit (after their WebAssembly compiles settle) and terminated if they have not within
      // RETIRE_MS. A socket mid-upgrade keeps the servers open: those steps are waited for a moment, and process exit
      // ends whatever is left.
      await Promise.all([...workers].map((w) => retire(w, RETIRE_MS)));
      await waitAtMost(new Promise<void>((ok) => wss.close(() => ok())));
      server.closeAllConnections();
      await waitAtMost(new Promise<void>((ok) => server.close(() => ok())));
    },
  };
}

/** `--workspace DIR` / `--workspace=DIR`, or undefined. */
export function parseWorkspace(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--workspace' || a.startsWith('--workspace='));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes('=') ? argv[i]!.slice('--workspace='.length) : argv[i + 1];
  if (!raw) throw new Error('--workspace needs a folder');
  return raw;
}

/** The workspace folder to serve: the one given, else the per-user default; a new or empty folder gets the starter files. */
export function prepareWorkspace(given: string | undefined): string {
  const dir = resolve(given ?? defaultWorkspaceDir());
  seedWorkspace(dir);
  return dir;
}

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`web-server: --port needs a number from 0 to 65535 (got ${raw ?? 'nothing'})`);
    process.exit(2);
  }
  return port;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: web-server [--port N] [--workspace DIR]\n\nServes Kernel Workbench on http://127.0.0.1:N/ (a free port when N is 0 or absent)\nwith DIR as the workspace (default: a per-user folder with a starter driver).');
    return;
  }
  const workspace = prepareWorkspace(parseWorkspace(argv));
  const tokenFile = defaultTokenFile();
  const web = await startWebServer({ port: parsePort(argv), workspace, tokenFile });
  console.log(`Kernel Workbench is running at ${web.openUrl}`);
  console.log(`Workspace: ${workspace}`);
  console.log(`Access token (also in ${tokenFile}): every request needs it, as that address, a cookie or "Authorization: Bearer TOKEN".`);
  const stop = () => { void web.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`web-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
