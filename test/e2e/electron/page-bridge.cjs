// The page side of the harness: what Electron's sandboxed preload environment gives dist/main/preload.cjs (require('electron') with contextBridge and ipcRenderer), and MessagePorts that the fake main reaches by id.
'use strict';
const { source: wire } = require('./wire.cjs');

/** Script text for page.addInitScript: runs the real preload bundle before any page script. */
function pageBridgeSource(preloadSource) {
  return `(() => {
${wire}
  const listeners = new Map();
  const ports = new Map();
  class PagePort {
    constructor(id) { this.id = id; this.onmessage = null; this.started = false; this.closed = false; this.queue = []; }
    postMessage(m) { if (!this.closed) window.__kwbPortPost(this.id, encode(m)); }
    start() { this.started = true; for (const d of this.queue.splice(0)) this.onmessage?.({ data: d }); }
    close() { if (this.closed) return; this.closed = true; window.__kwbPortClose(this.id); }
    deliver(d) { if (!this.started) this.queue.push(d); else this.onmessage?.({ data: d }); }
  }
  Object.defineProperty(window, '__kwbSend', { value: (channel, args, ids) => {
    const event = { ports: ids.map((id) => { const p = new PagePort(id); ports.set(id, p); return p; }) };
    for (const l of listeners.get(channel) ?? []) l(event, ...decode(args));
  } });
  Object.defineProperty(window, '__kwbPortMessage', { value: (id, d) => { ports.get(id)?.deliver(decode(d)); } });
  Object.defineProperty(window, '__kwbPortClosed', { value: (id) => { const p = ports.get(id); if (p) p.closed = true; } });
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => { Object.defineProperty(window, key, { value: Object.freeze(api) }); } },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__kwbIpcInvoke(channel, encode(args)).then(decode),
      on: (channel, listener) => { if (!listeners.has(channel)) listeners.set(channel, []); listeners.get(channel).push(listener); },
    },
  };
  const module = { exports: {} };
  const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload cannot require ' + name); };
  (function (require, module, exports, process) {
${preloadSource}
  })(require, module, module.exports, { platform: 'linux', env: {}, versions: {} });
})();`;
}

module.exports = { pageBridgeSource };
