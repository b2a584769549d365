// Builds the Electron bundles with scripts/build-main.js and loads them: main.cjs and preload.cjs with a fake 'electron', utility.js with a fake parentPort.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain ES module script without type declarations
import { buildMain } from '../../scripts/build-main.js';

const out = mkdtempSync(path.join(tmpdir(), 'kwb-build-'));
let files: string[] = [];

beforeAll(async () => { files = await buildMain({ outdir: out }); });
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Requires a CJS bundle with `electron` resolved to `fake`. */
function requireWithElectron(file: string, fake: unknown): unknown {
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) { return request === 'electron' ? fake : original.call(this, request, ...rest); };
  try { return createRequire(import.meta.url)(file); } finally { mod._load = original; }
}

describe('scripts/build-main.js', () => {
  it('writes the three bundles where main and electron-builder expect them', () => {
    expect(files.map((f) => path.relative(out, f).split(path.sep).join('/'))).toEqual(['main/main.cjs', 'main/preload.cjs', 'host/utility.js', 'host/package.json']);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    // utility.js is an ES module even where no package.json of the app is above it (app.asar.unpacked).
    expect(JSON.parse(readFileSync(path.join(out, 'host', 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('the preload is one CommonJS script that requires nothing but electron (a sandboxed preload cannot)', () => {
    const code = readFileSync(path.join(out, 'main', 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const exposed = new Map<string, Record<string, unknown>>();
    requireWithElectron(path.join(out, 'main', 'preload.cjs'), {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: { on: () => {}, invoke: async () => ({ ok: true, value: null }) },
    });
    expect([...exposed.keys()]).toEqual(['workbench']);
    expect(Object.values(exposed.get('workbench')!).every((v) => typeof v === 'function')).toBe(true);
  });

  it('main.cjs starts against electron: secure window, app:// handler, utility fork from dist/host', async () => {
    const log: Array<[string, unknown]> = [];
    let handler: ((r: Request) => Promise<Response>) | null = null;
    const app = Object.assign(new EventEmitter(), {
      isPackaged: false, whenReady: () => Promise.resolve(), isReady: () => true, enableSandbox: () => {},
      requestSingleInstanceLock: () => true, getPath: () => path.join(out, 'userData'), getVersion: () => '0.1.0', quit: () => {}, exit: () => {},
    });
    class WebContents extends EventEmitter { postMessage() {} send() {} setWindowOpenHandler() {} }
    class BrowserWindow extends EventEmitter {
      webContents = new WebContents();
      constructor(options: { webPreferences: unknown }) { super(); log.push(['window', options.webPreferences]); }
      loadURL(url: string) { log.push(['loadURL', url]); return Promise.resolve(); }
      isDestroyed() { return false; }
    }
    requireWithElectron(path.join(out, 'main', 'main.cjs'), {
      app, BrowserWindow,
      MessageChannelMain: class { port1 = {}; port2 = {}; },
      session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {}, webRequest: { onHeadersReceived() {} } } },
      protocol: { registerSchemesAsPrivileged: () => {}, handle: (_s: string, h: (r: Request) => Promise<Response>) => { handler = h; } },
      ipcMain: { handle: () => {} },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
      dialog: {}, shell: {},
      utilityProcess: { fork: (p: string) => { log.push(['fork', p]); return Object.assign(new EventEmitter(), { postMessage() {}, kill: () => true }); } },
    });
    await vi.waitFor(() => expect(log.find((l) => l[0] === 'loadURL')).toBeDefined());
    expect(log.find((l) => l[0] === 'window')?.[1]).toMatchObject({ preload: path.join(out, 'main', 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(log.find((l) => l[0] === 'loadURL')?.[1]).toBe('app://workbench/index.html');
    expect(log.find((l) => l[0] === 'fork')?.[1]).toBe(path.join(out, 'host', 'utility.js'));
    expect(handler).not.toBeNull();
    expect((await handler!(new Request('app://workbench/..%2f..%2fpackage.json'))).status).toBe(403);
    app.emit('before-quit');
  });

  it('utility.js serves the protocol on the port main sends over parentPort', async () => {
    const parent = new EventEmitter();
    (process as unknown as { parentPort?: unknown }).parentPort = parent;
    try {
      await import(pathToFileURL(path.join(out, 'host', 'utility.js')).href);
    } finally {
      delete (process as unknown as { parentPort?: unknown }).parentPort;
    }
    const posted: unknown[] = [];
    const port = Object.assign(new EventEmitter(), { postMessage: (m: unknown) => posted.push(m), start: () => {}, close: () => {} });
    parent.emit('message', { data: { type: 'connect' }, ports: [port] });
    port.emit('message', { data: { type: 'request', id: 7, method: 'ping' } });
    port.emit('message', { data: { type: 'bogus' } });
    expect(posted[0]).toEqual({ type: 'response', id: 7, ok: true, result: { version: 1 } });
    expect(posted[1]).toMatchObject({ type: 'response', id: null, ok: false, error: { code: 'EPROTO' } });
  });
});
