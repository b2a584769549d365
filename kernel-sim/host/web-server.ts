// Web-mode host: serves the built renderer on 127.0.0.1 and bridges each WebSocket on /kernel to its own kernel-sim worker thread.
//
// One worker per connection: every browser tab gets its own machine (as each
// Electron window gets its own utility process), request ids of two tabs can
// never collide, a crash in one tab's kernel cannot touch another's, and the
// machine's life is the connection's: closing the tab frees its memory. If a
// worker dies while its socket is open, a new one is started and the client
// is told with a `host` restarted event, exactly as Electron main does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServiceOptions } from './service.ts';
import { MAX_FILE_BYTES, Workspace, WorkbenchError } from './workspace.ts';
import { defaultWorkspaceDir, seedWorkspace } from './workspace-seed.ts';
import { mimeType } from './mime.ts';

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
}

export interface WebServer {
  port: number;
  url: string;
  /** Number of live kernel-sim workers (one per open connection). */
  workers(): number;
  close(): Promise<void>;
}

const fromSource = import.meta.url.endsWith('.ts');
export interface RestartPolicy { baseDelayMs: number; maxDelayMs: number; maxRestarts: number; windowMs: number }
/** A crashed worker is restarted after 250 ms, doubling up to 8 s; more than 5 crashes in a minute and the connection gives up. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 8_000, maxRestarts: 5, windowMs: 60_000 };
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

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const root = options.root ?? (fromSource ? resolve(here, '../../dist/renderer') : resolve(here, '../renderer'));
  const workerUrl = options.workerUrl ?? new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
  const execArgv = options.workerExecArgv ?? [];
  const workers = new Set<Worker>();
  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
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
    const workerData = { defaultBoot: options.defaultBoot };
    const worker = fromSource && !options.workerUrl
      // From source (tests, tsx): worker.ts loads through tsx's loader, registered inside the new thread.
      ? new Worker(`import(${JSON.stringify(tsxApi())}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true, workerData })
      : new Worker(workerUrl, { execArgv, workerData });
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
    return worker;
  };

  const bridge = (ws: WebSocket) => {
    let closing = false;
    let worker: Worker | null = null;
    let lastError = '';
    const crashes: number[] = [];
    const send = (msg: unknown) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg)); };
    const attach = (reason: string | null) => {
      const w = spawnWorker();
      worker = w;
      w.on('message', send);
      w.on('error', (err) => { lastError = err.message; console.error(`kernel-sim worker error: ${err.message}`); });
      w.once('exit', (code) => {
        if (worker === w) worker = null;
        if (closing || ws.readyState !== ws.OPEN) return;
        const why = `kernel-sim worker exited with code ${code}${lastError ? `: ${lastError}` : ''}`;
        lastError = '';
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0]! > policy.windowMs) crashes.shift();
        if (crashes.length > policy.maxRestarts) {
          console.error(`${why}; gave up after ${policy.maxRestarts} restarts in ${policy.windowMs / 1000} s`);
          send({ type: 'event', stream: 'host', data: { restarted: false, reason: `${why} (gave up after ${policy.maxRestarts} restarts)` } });
          ws.close(1011, 'kernel-sim keeps crashing');
          return;
        }
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (crashes.length - 1));
        setTimeout(() => { if (!closing && ws.readyState === ws.OPEN) attach(why); }, delay).unref();
      });
      // The restart notice goes out before anything the new kernel says.
      if (reason) send({ type: 'event', stream: 'host', data: { restarted: true, reason } });
    };
    attach(null);
    ws.on('message', (data, isBinary) => {
      // While kernel-sim restarts, messages are dropped; the host event tells the client its requests are gone.
      worker?.postMessage(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    });
    const stop = () => { closing = true; void worker?.terminate(); };
    ws.on('close', stop);
    ws.on('error', stop);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 16 * 1024 * 1024 });
  const server = createServer(serveStatic);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = req.headers.origin;
    const path = (req.url ?? '').split('?')[0];
    const refuse = (status: string) => { socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`); };
    if (path !== '/kernel') return refuse('404 Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse('421 Misdirected Request');
    // Browsers always send Origin; only pages served from here may drive the kernel.
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', fail); ok(); });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    workers: () => workers.size,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await Promise.all([...workers].map((w) => w.terminate()));
      await new Promise<void>((ok) => wss.close(() => ok()));
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
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
  const web = await startWebServer({ port: parsePort(argv), workspace });
  console.log(`Kernel Workbench is running at ${web.url}`);
  console.log(`Workspace: ${workspace}`);
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
