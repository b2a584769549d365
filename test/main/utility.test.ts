// The utilityProcess entry: bridges the port main sends over parentPort to one paced KernelService; a new port replaces the old one.
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';

const created = vi.hoisted(() => [] as Array<{ send: (m: unknown) => void; options: unknown; received: unknown[] }>);
vi.mock('../../kernel-sim/host/service.ts', () => ({
  KernelService: class {
    received: unknown[] = [];
    constructor(send: (m: unknown) => void, options: unknown) { created.push(Object.assign(this, { send, options })); }
    receive(raw: unknown) { this.received.push(raw); }
    dispose() {}
  },
}));

/** Electron's MessagePortMain, faked. */
class FakePortMain extends EventEmitter {
  posted: unknown[] = [];
  started = false;
  closed = false;
  postMessage(m: unknown) { this.posted.push(m); }
  start() { this.started = true; }
  close() { this.closed = true; this.emit('close'); }
  deliver(data: unknown) { this.emit('message', { data }); }
}

describe('kernel-sim/host/utility', () => {
  it('does nothing on import outside a utility process', async () => {
    await import('../../kernel-sim/host/utility.ts');
    expect(created).toEqual([]);
  });

  it('creates a paced KernelService on the parentPort and bridges each connect port to it', async () => {
    const parent = new EventEmitter();
    (process as unknown as { parentPort?: unknown }).parentPort = parent;
    try {
      vi.resetModules();
      await import('../../kernel-sim/host/utility.ts');
    } finally {
      delete (process as unknown as { parentPort?: unknown }).parentPort;
    }
    expect(created).toHaveLength(1);
    const service = created[0]!;
    expect(service.options).toEqual({ pace: true });

    const a = new FakePortMain();
    parent.emit('message', { data: { type: 'connect' }, ports: [a] });
    expect(a.started).toBe(true);
    a.deliver({ type: 'request', id: 1, method: 'ping' });
    expect(service.received).toEqual([{ type: 'request', id: 1, method: 'ping' }]);
    service.send({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    expect(a.posted).toEqual([{ type: 'response', id: 1, ok: true, result: { version: 1 } }]);

    // A reload: the new port replaces the old one, the same service (machine) goes on.
    const b = new FakePortMain();
    parent.emit('message', { data: { type: 'connect' }, ports: [b] });
    expect(a.closed).toBe(true);
    a.deliver({ type: 'request', id: 2, method: 'ping' });
    b.deliver({ type: 'request', id: 3, method: 'ping' });
    expect(service.received).toEqual([{ type: 'request', id: 1, method: 'ping' }, { type: 'request', id: 3, method: 'ping' }]);
    service.send({ type: 'event', stream: 'machine', data: {} });
    expect(b.posted).toHaveLength(1);
    expect(a.posted).toHaveLength(1);

    // Anything else on parentPort is ignored.
    const c = new FakePortMain();
    parent.emit('message', { data: { type: 'exec', cmd: 'rm' }, ports: [c] });
    parent.emit('message', { data: { type: 'connect' }, ports: [] });
    expect(c.started).toBe(false);
    expect(b.closed).toBe(false);
    expect(created).toHaveLength(1);
  });
});
