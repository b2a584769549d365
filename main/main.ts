// Electron main process: one hardened window on app://, the application menu, workspace IPC and the supervised kernel-sim utility process.
import {
  app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, session, shell, utilityProcess,
  type MessagePortMain,
} from 'electron';
import path from 'node:path';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { IPC } from './channels.ts';
import { registerWorkspaceIpc, openWorkspaceFolder, type IpcMainLike, type WorkspaceHolder } from './ipc.ts';
import { KernelHost } from './kernel-host.ts';
import { buildMenuTemplate } from './menu.ts';
import { appPaths } from './paths.ts';
import { APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, secureWebPreferences } from './security.ts';
import { readSettings, writeSettings } from './settings.ts';
import { Workspace } from '../kernel-sim/host/workspace.ts';
import type { MenuCommand } from '../kernel-sim/api/workbench-bridge.ts';

const paths = appPaths(__dirname, app.isPackaged, process.resourcesPath);
const settingsFile = () => path.join(app.getPath('userData'), 'settings.json');
let win: BrowserWindow | null = null;
let workspace: Workspace | null = null;

const openExternal = (url: string) => shell.openExternal(url);

const kernel = new KernelHost<MessagePortMain>({
  fork: () => utilityProcess.fork(paths.utility, [], {
    serviceName: 'Kernel Workbench kernel-sim',
    env: { ...process.env, KWB_RESOURCES_DIR: paths.resources },
  }),
  createChannel: () => new MessageChannelMain(),
  deliver: (port, event) => {
    if (!win || win.isDestroyed()) { port?.close(); return; }
    win.webContents.postMessage(IPC.kernelPort, event, port ? [port] : []);
  },
  schedule: (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); },
  now: () => Date.now(),
  log: (message) => console.error(`[kernel-host] ${message}`),
});

const sendMenuCommand = (command: MenuCommand) => { if (win && !win.isDestroyed()) win.webContents.send(IPC.menuCommand, command); };

const holder: WorkspaceHolder = {
  get: () => workspace,
  chooseFolder: async () => {
    const options = { title: 'Open Workspace Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
  },
  set: async (ws) => {
    workspace = ws;
    await writeSettings(settingsFile(), { workspace: ws.root }).catch((err) => console.error('cannot save settings:', err));
  },
};

function showAbout(): void {
  const detail = [
    `Version ${app.getVersion()}`,
    'A lab for the insides of Linux: a simulated Linux 6.1 kernel and hardware.',
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
  ].join('\n');
  const options = { type: 'info' as const, title: 'About Kernel Workbench', message: 'Kernel Workbench', detail, buttons: ['OK'] };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Kernel Workbench',
    backgroundColor: '#11151c',
    icon: paths.icon,
    webPreferences: secureWebPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('did-finish-load', () => kernel.connectRenderer());
  win.on('closed', () => { win = null; });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

async function onReady(): Promise<void> {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));
  hardenSession(session.defaultSession);
  registerWorkspaceIpc(ipcMain as unknown as IpcMainLike, holder);
  const saved = (await readSettings(settingsFile())).workspace;
  if (saved) workspace = await Workspace.open(saved).catch(() => null);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
    openWorkspaceFolder: () => {
      openWorkspaceFolder(holder)
        .then((info) => { if (info) sendMenuCommand({ type: 'workspace.opened', workspace: info }); })
        .catch((err) => dialog.showErrorBox('Cannot open workspace', err instanceof Error ? err.message : String(err)));
    },
    rebootMachine: () => sendMenuCommand({ type: 'machine.reboot' }),
    restartKernelHost: () => kernel.restart('restarted from the Machine menu'),
    about: showAbout,
    showWelcome: () => sendMenuCommand({ type: 'help.welcome' }),
  }, process.platform, !app.isPackaged)));
  kernel.start();
  createWindow();
}

/** Runs in the first instance only; a second launch focuses its window instead. */
function boot(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.on('second-instance', () => { if (win) { if (win.isMinimized()) win.restore(); win.focus(); } });
  app.on('activate', () => { if (!win && app.isReady()) createWindow(); });
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  app.on('before-quit', () => kernel.stop());
  app.whenReady().then(onReady).catch((err) => {
    dialog.showErrorBox('Kernel Workbench failed to start', err instanceof Error ? err.stack ?? err.message : String(err));
    app.exit(1);
  });
}

if (app.requestSingleInstanceLock()) boot();
else app.quit();
