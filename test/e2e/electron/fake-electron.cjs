// A stand-in for the parts of Electron's main-process API the built main bundle uses, so dist/main/main.cjs runs in Node:
// BrowserWindow is a headless Chromium page (playwright), app:// is served through the bundle's own protocol handler
// with the session's header hook applied, ipcMain/ipcRenderer travel over page bindings, utilityProcess.fork is a
// child process with process.parentPort, and MessagePortMain pairs cross into the child and the page by id.
'use strict';
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { encode, decode } = require('./wire.cjs');

/** Set by the test before it requires main.cjs: { browser, userData, preloadSource, viewport }. */
const H = globalThis.__kwbElectronHarness;
if (!H) throw new Error('fake-electron: globalThis.__kwbElectronHarness is not set');
Object.assign(H, { windows: [], children: [], menu: null, errors: [], external: [], protocolHandler: null, onHeadersReceived: null, ipc: new Map(), log: [] });

let portSeq = 0;
const portsById = new Map();

/** Electron's MessagePortMain: queued until start(); a port handed to another process forwards to it instead. */
class MessagePortMain extends EventEmitter {
  constructor() {
    super();
    this.id = ++portSeq;
    this.peer = null;
    /** Set when the port was transferred: where messages sent to it go ({ send, close }). */
    this.remote = null;
    this.started = false;
    this.closed = false;
    this.queue = [];
    portsById.set(this.id, this);
  }
  postMessage(data) { if (!this.closed && this.peer && !this.peer.closed) this.peer.receive(data); }
  receive(data) {
    if (this.remote) { this.remote.send(data); return; }
    if (!this.started) { this.queue.push(data); return; }
    setImmediate(() => this.emit('message', { data }));
  }
  start() {
    this.started = true;
    for (const data of this.queue.splice(0)) setImmediate(() => this.emit('message', { data }));
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.remote?.close();
    this.emit('close');
    if (this.peer && !this.peer.closed) this.peer.close();
  }
}

class MessageChannelMain {
  constructor() {
    this.port1 = new MessagePortMain();
    this.port2 = new MessagePortMain();
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  whenReady: () => new Promise((resolve) => setImmediate(resolve)),
  isReady: () => true,
  enableSandbox: () => { H.log.push('app.enableSandbox'); },
  requestSingleInstanceLock: () => true,
  getPath: (name) => { if (name !== 'userData') throw new Error(`fake app.getPath(${name})`); return H.userData; },
  getVersion: () => '0.1.0',
  quit: () => { app.emit('before-quit'); H.log.push('app.quit'); },
  exit: (code) => { H.log.push(`app.exit ${code}`); },
});

/** utilityProcess.fork: a Node child with the utility shim, messages with the structured clone ("advanced"). */
const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    const child = fork(modulePath, args, {
      execArgv: ['--require', path.join(__dirname, 'utility-shim.cjs')],
      env: options.env ?? process.env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // A message to a child that just died is lost, as with a real utility process (no EPIPE reaches main).
    const send = (m) => { if (child.connected) child.send(m, () => {}); };
    child.on('error', () => {});
    const up = Object.assign(new EventEmitter(), {
      pid: child.pid,
      kill: () => child.kill('SIGKILL'),
      postMessage(message, transfer = []) {
        const ids = transfer.map((p) => {
          p.remote = {
            send: (data) => send({ k: 'port', id: p.id, data }),
            close: () => send({ k: 'close', id: p.id }),
          };
          return p.id;
        });
        send({ k: 'parent', data: message, ports: ids });
      },
    });
    child.on('message', (m) => {
      const p = portsById.get(m.id);
      if (!p) return;
      if (m.k === 'port') p.postMessage(m.data);
      else if (m.k === 'close') p.close();
    });
    child.on('spawn', () => up.emit('spawn'));
    child.on('exit', (code, signal) => up.emit('exit', code ?? (signal ? 1 : 0)));
    H.children.push(up);
    return up;
  },
};

/** Serves app://workbench/* on a loopback port through the handler main registered with protocol.handle. */
function appServer() {
  if (H.server) return H.server;
  H.server = new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
      try {
        const url = `app://workbench${req.url}`;
        const r = await H.protocolHandler(new Request(url, { method: req.method }));
        let headers = {};
        r.headers.forEach((v, k) => { headers[k] = [v]; });
        if (H.onHeadersReceived) await new Promise((done) => H.onHeadersReceived({ url, responseHeaders: headers }, (out) => { headers = out.responseHeaders ?? headers; done(); }));
        res.writeHead(r.status, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])));
        res.end(Buffer.from(await r.arrayBuffer()));
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      }
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` }));
  });
  return H.server;
}

/** The page's address as main's checks expect it (app://workbench/...). */
const appUrl = (pageUrl) => pageUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'app://workbench');

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.windowOpenHandler = null;
    /** page.evaluate calls in order: a message never overtakes an earlier one. */
    this.chain = Promise.resolve();
  }
  setWindowOpenHandler(h) { this.windowOpenHandler = h; }
  toPage(fn, arg) {
    this.chain = this.chain.then(() => this.win.page?.evaluate(fn, arg)).catch((err) => { H.log.push(`page: ${err.message}`); });
    return this.chain;
  }
  send(channel, ...args) { return this.toPage(([c, a]) => window.__kwbSend(c, a, []), [channel, encode(args)]); }
  postMessage(channel, message, ports = []) {
    const ids = ports.map((p) => {
      p.remote = {
        send: (data) => this.toPage(([id, d]) => window.__kwbPortMessage(id, d), [p.id, encode(data)]),
        close: () => this.toPage((id) => window.__kwbPortClosed(id), p.id),
      };
      return p.id;
    });
    return this.toPage(([c, a, i]) => window.__kwbSend(c, a, i), [channel, encode([message]), ids]);
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.page = null;
    this.destroyed = false;
    this.webContents = new WebContents(this);
    app.emit('web-contents-created', {}, this.webContents);
    H.windows.push(this);
  }
  async loadURL(url) {
    const { base } = await appServer();
    const page = await H.browser.newPage({ viewport: H.viewport ?? { width: 1440, height: 900 } });
    this.page = page;
    await page.exposeBinding('__kwbIpcInvoke', async (source, channel, args) => {
      const handler = H.ipc.get(channel);
      if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
      const event = { sender: this.webContents, senderFrame: { url: appUrl(source.frame.url()), parent: null } };
      return encode(await handler(event, ...decode(args)));
    });
    await page.exposeBinding('__kwbPortPost', (_s, id, data) => { portsById.get(id)?.postMessage(decode(data)); });
    await page.exposeBinding('__kwbPortClose', (_s, id) => { portsById.get(id)?.close(); });
    await page.addInitScript({ content: H.pageBridgeSource });
    page.on('load', () => this.webContents.emit('did-finish-load'));
    page.on('close', () => { this.destroyed = true; this.emit('closed'); });
    await page.goto(url.replace(/^app:\/\/workbench/, base));
    this.emit('ready-to-show');
  }
  show() { H.log.push('window.show'); }
  isDestroyed() { return this.destroyed; }
  isMinimized() { return false; }
  restore() {}
  focus() {}
}

const ipcMain = {
  handle(channel, fn) { H.ipc.set(channel, fn); },
  removeHandler(channel) { H.ipc.delete(channel); },
  on() {},
};

module.exports = {
  app, BrowserWindow, MessageChannelMain, utilityProcess, ipcMain,
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showErrorBox: (title, content) => { H.errors.push(`${title}: ${content}`); },
    showMessageBox: async () => ({ response: 0 }),
  },
  Menu: { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => { H.menu = menu; } },
  protocol: { registerSchemesAsPrivileged: (s) => { H.log.push(`schemes ${JSON.stringify(s)}`); }, handle: (_scheme, handler) => { H.protocolHandler = handler; } },
  session: {
    defaultSession: {
      setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {},
      webRequest: { onHeadersReceived: (cb) => { H.onHeadersReceived = cb; } },
    },
  },
  shell: { openExternal: async (url) => { H.external.push(url); } },
};
