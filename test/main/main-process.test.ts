// Electron main as a whole, with electron mocked: the window's effective webPreferences, app:// serving, hardening, menu, kernel-sim restart.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const userData = mkdtempSync(path.join(tmpdir(), 'kwb-main-'));

type MenuItem = { id?: string; label?: string; role?: string; click?: () => void };

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const calls: Array<[string, ...unknown[]]> = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    ready: null as null | (() => void),
    whenReady: () => new Promise<void>((resolve) => { app.ready = resolve; }),
    isReady: () => true,
    enableSandbox: () => calls.push(['app.enableSandbox']),
    requestSingleInstanceLock: () => true,
    getPath: (_name: string): string => '',
    getVersion: () => '0.1.0',
    quit: () => calls.push(['app.quit']),
    exit: (code: number) => calls.push(['app.exit', code]),
  });
  class FakeWebContents extends Emitter {
    postMessages: Array<{ channel: string; message: unknown; ports: unknown[] }> = [];
    sent: Array<{ channel: string; args: unknown[] }> = [];
    windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
    postMessage(channel: string, message: unknown, ports: unknown[] = []) { this.postMessages.push({ channel, message, ports }); }
    send(channel: string, ...args: unknown[]) { this.sent.push({ channel, args }); }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) { this.windowOpenHandler = h; }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) { super(); windows.push(this); }
    loadURL(url: string) { this.loaded.push(url); return Promise.resolve(); }
    isDestroyed() { return false; }
    show() {}
  }
  class FakeUtility extends Emitter {
    posted: Array<{ message: unknown; transfer: unknown[] }> = [];
    killed = false;
    constructor(readonly modulePath: string, readonly options: Record<string, unknown>) { super(); }
    postMessage(message: unknown, transfer: unknown[] = []) { this.posted.push({ message, transfer }); }
    kill() { this.killed = true; return true; }
  }
  const utilities: FakeUtility[] = [];
  let portId = 0;
  class MessageChannelMain { port1 = { id: ++portId, close() {} }; port2 = { id: ++portId, close() {} }; }
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  const protocolHandlers = new Map<string, (r: Request) => Promise<Response>>();
  const ipcHandlers = new Map<string, unknown>();
  let template: Array<{ label?: string; submenu?: MenuItem[] }> = [];
  return {
    calls, app, windows, utilities, session, protocolHandlers, ipcHandlers, FakeWebContents,
    template: () => template,
    electron: {
      app,
      BrowserWindow: FakeWindow,
      MessageChannelMain,
      session: { defaultSession: session },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['protocol.registerSchemesAsPrivileged', schemes]),
        handle: (scheme: string, h: (r: Request) => Promise<Response>) => protocolHandlers.set(scheme, h),
      },
      ipcMain: { handle: (channel: string, h: unknown) => ipcHandlers.set(channel, h) },
      Menu: { buildFromTemplate: (t: typeof template) => { template = t; return t; }, setApplicationMenu: () => {} },
      dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() },
      shell: { openExternal: vi.fn(async () => {}) },
      utilityProcess: {
        fork: (modulePath: string, _args: string[], options: Record<string, unknown>) => {
          const u = new FakeUtility(modulePath, options);
          utilities.push(u);
          return u;
        },
      },
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

beforeAll(async () => {
  fake.app.getPath = () => userData;
  vi.useFakeTimers();
  await import('../../main/main.ts');
  expect(fake.app.ready, 'main waits for app ready').not.toBeNull();
  fake.app.ready!();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});
afterAll(() => {
  vi.useRealTimers();
  rmSync(userData, { recursive: true, force: true });
});

const win = () => fake.windows[0]!;

describe('Electron main', () => {
  it('registers app:// as privileged and enables the sandbox before ready', () => {
    const reg = fake.calls.find((c) => c[0] === 'protocol.registerSchemesAsPrivileged');
    expect(reg?.[1]).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.calls.some((c) => c[0] === 'app.enableSandbox')).toBe(true);
  });

  it('opens one window with the effective secure webPreferences, loading app://', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual({
      preload: expect.stringMatching(/[\\/]preload\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
    expect(win().loaded).toEqual(['app://workbench/index.html']);
  });

  it('serves app:// with the CSP and refuses traversal', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    expect(handler).toBeTypeOf('function');
    const res = await handler(new Request('app://workbench/..%2f..%2f..%2fpackage.json'));
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('hardens the session and every web contents', () => {
    const cb = vi.fn();
    fake.session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(fake.session.setPermissionCheckHandler.mock.calls[0]![0]()).toBe(false);
    expect(fake.session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const nav = { preventDefault: vi.fn(), url: 'https://example.com/' };
    contents.emit('will-navigate', nav, nav.url);
    expect(nav.preventDefault).toHaveBeenCalled();
  });

  it('registers the workspace IPC handlers', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([
      'workbench:current-workspace', 'workbench:list-workspace', 'workbench:open-workspace', 'workbench:read-file', 'workbench:write-file',
    ]);
  });

  it('builds the application menu', () => {
    const menus: Record<string, MenuItem[]> = Object.fromEntries(fake.template().map((m) => [m.label?.replace('&', ''), m.submenu ?? []]));
    expect(Object.keys(menus)).toEqual(expect.arrayContaining(['File', 'Edit', 'Machine', 'View', 'Help']));
    expect(menus.File!.map((i) => i.label ?? i.role)).toEqual(expect.arrayContaining(['Open Workspace Folder...']));
    expect(menus.File!.some((i) => i.role === 'quit' || i.role === 'close')).toBe(true);
    expect(menus.Machine!.map((i) => i.label)).toEqual(['Reboot', 'Restart Kernel Host']);
    expect(menus.View!.map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(menus.Help!.map((i) => i.label)).toEqual(['Welcome', undefined, 'About Kernel Workbench']);
    menus.Machine![0]!.click!();
    menus.Help![0]!.click!();
    expect(win().webContents.sent).toEqual([
      { channel: 'workbench:menu-command', args: [{ type: 'machine.reboot' }] },
      { channel: 'workbench:menu-command', args: [{ type: 'help.welcome' }] },
    ]);
  });

  it('forks kernel-sim and gives the renderer a port once the page has loaded', () => {
    expect(fake.utilities).toHaveLength(1);
    expect(fake.utilities[0]!.modulePath).toMatch(/[\\/]host[\\/]utility\.js$/); // dist/host next to dist/main (see paths.test.ts)
    win().webContents.emit('did-finish-load');
    const [toUtility] = fake.utilities[0]!.posted;
    expect(toUtility!.message).toEqual({ type: 'connect' });
    expect(toUtility!.transfer).toHaveLength(1);
    const [toRenderer] = win().webContents.postMessages;
    expect(toRenderer).toMatchObject({ channel: 'kernel-port', message: null });
    expect(toRenderer!.ports).toHaveLength(1);
    expect(toRenderer!.ports[0]).not.toBe(toUtility!.transfer[0]);
  });

  it('restarts a crashed kernel-sim and sends the renderer a fresh port with a host event', async () => {
    fake.utilities[0]!.emit('exit', 139);
    expect(fake.utilities).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.utilities).toHaveLength(2);
    const last = win().webContents.postMessages.at(-1)!;
    expect(last.channel).toBe('kernel-port');
    expect(last.message).toEqual({ type: 'event', stream: 'host', data: { restarted: true, reason: expect.stringContaining('code 139') } });
    expect(last.ports).toHaveLength(1);
    expect(fake.utilities[1]!.posted[0]!.message).toEqual({ type: 'connect' });
  });

  it('stops kernel-sim on quit without restarting it', async () => {
    fake.app.emit('before-quit');
    expect(fake.utilities[1]!.killed).toBe(true);
    fake.utilities[1]!.emit('exit', 0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.utilities).toHaveLength(2);
  });
});
