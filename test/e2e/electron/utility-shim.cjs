// Loaded with --require before kernel-sim's utility entry: gives the child Electron's process.parentPort and MessagePortMain over the IPC channel to the fake main.
'use strict';
const { EventEmitter } = require('node:events');

class ChildPort extends EventEmitter {
  constructor(id) { super(); this.id = id; this.started = false; this.closed = false; this.queue = []; }
  postMessage(data) { if (!this.closed && process.connected) process.send({ k: 'port', id: this.id, data }); }
  deliver(data) { if (!this.started) this.queue.push(data); else this.emit('message', { data }); }
  start() { this.started = true; for (const data of this.queue.splice(0)) this.emit('message', { data }); }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (process.connected) process.send({ k: 'close', id: this.id });
    this.emit('close');
  }
}

const ports = new Map();
const parentPort = new EventEmitter();
process.type = 'utility';
process.parentPort = parentPort;
// As Electron's parentPort, messages wait for the first listener (main may post before the entry module has loaded).
const early = [];
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => { for (const e of early.splice(0)) parentPort.emit('message', e); });
});
process.on('message', (m) => {
  if (m.k === 'parent') {
    const event = { data: m.data, ports: m.ports.map((id) => { const p = new ChildPort(id); ports.set(id, p); return p; }) };
    if (parentPort.listenerCount('message') === 0) early.push(event);
    else parentPort.emit('message', event);
  } else if (m.k === 'port') ports.get(m.id)?.deliver(m.data);
  else if (m.k === 'close') {
    const p = ports.get(m.id);
    if (p && !p.closed) { p.closed = true; p.emit('close'); }
  }
});
// The real utility process ends with its parent; so does this one.
process.on('disconnect', () => process.exit(0));
