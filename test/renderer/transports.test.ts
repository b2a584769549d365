// The WebSocket and MessagePort transports: framing, parsing, reconnecting and port replacement.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KernelPort } from '../../kernel-sim/api/workbench-bridge.ts';
import type { ServerMessage } from '../../kernel-sim/api/protocol.ts';
import { kernelSocketUrl, WebSocketTransport } from '../../renderer/src/kernel/websocket-transport.ts';
import { MessagePortTransport, electronKernelPorts } from '../../renderer/src/kernel/message-port-transport.ts';
import { createTransport } from '../../renderer/src/kernel/connect.ts';
import { parseServerMessage } from '../../renderer/src/kernel/transport.ts';

class FakeSocket {
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(data); }
  close() { this.closed = true; }
}

afterEach(() => { vi.useRealTimers(); });

describe('WebSocketTransport', () => {
  it('sends JSON text, parses replies, ignores junk, and reconnects with backoff after a drop', () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const t = new WebSocketTransport('ws://127.0.0.1:9/kernel', {
      backoffMs: [100, 300],
      createSocket: (url) => { const s = new FakeSocket(url); sockets.push(s); return s as unknown as WebSocket; },
    });
    const states: string[] = [];
    const got: ServerMessage[] = [];
    t.onState((s) => states.push(s));
    t.onMessage((m) => got.push(m));
    t.start();
    expect(sockets).toHaveLength(1);
    expect(t.send({ type: 'request', id: 1, method: 'ping' })).toBe(false);
    sockets[0]!.onopen!();
    expect(t.send({ type: 'request', id: 1, method: 'ping' })).toBe(true);
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'request', id: 1, method: 'ping' });
    sockets[0]!.onmessage!({ data: '{"type":"response","id":1,"ok":true,"result":{"version":1}}' });
    sockets[0]!.onmessage!({ data: 'not json' });
    sockets[0]!.onmessage!({ data: '{"type":"bogus"}' });
    expect(got).toEqual([{ type: 'response', id: 1, ok: true, result: { version: 1 } }]);

    sockets[0]!.onclose!({ code: 1006 });
    expect(t.state).toBe('connecting');
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.onclose!({ code: 1006 });
    vi.advanceTimersByTime(299);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.onopen!();
    expect(states).toEqual(['open', 'connecting', 'connecting', 'open']);

    t.close();
    expect(sockets[2]!.closed).toBe(true);
    expect(t.state).toBe('closed');
  });

  it('derives ws://host/kernel from the page location', () => {
    expect(kernelSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe('ws://127.0.0.1:4321/kernel');
    expect(kernelSocketUrl({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/kernel');
  });
});

function fakePort() {
  const listeners = new Set<(m: ServerMessage) => void>();
  const port = {
    posted: [] as unknown[],
    closed: false,
    post(m: unknown) { this.posted.push(m); },
    onMessage(l: (m: ServerMessage) => void) { listeners.add(l); return () => { listeners.delete(l); }; },
    close() { this.closed = true; },
    emit(m: ServerMessage) { for (const l of [...listeners]) l(m); },
    listeners: () => listeners.size,
  };
  return port;
}

describe('MessagePortTransport', () => {
  it('adopts each port the bridge hands over and drops the old one', () => {
    let give: ((p: KernelPort) => void) | null = null;
    const t = new MessagePortTransport({ onKernelPort: (cb) => { give = cb; return () => { give = null; }; } });
    const states: string[] = [];
    const got: ServerMessage[] = [];
    t.onState((s) => states.push(s));
    t.onMessage((m) => got.push(m));
    t.start();
    expect(t.send({ type: 'request', id: 1, method: 'ping' })).toBe(false);

    const p1 = fakePort();
    give!(p1);
    expect(t.send({ type: 'request', id: 1, method: 'ping' })).toBe(true);
    expect(p1.posted).toEqual([{ type: 'request', id: 1, method: 'ping' }]);
    p1.emit({ type: 'response', id: 1, ok: true, result: { version: 1 } });

    const p2 = fakePort();
    give!(p2);
    expect(p1.closed).toBe(true);
    expect(p1.listeners()).toBe(0);
    p2.emit({ type: 'event', stream: 'host', data: { restarted: true, reason: 'utility process exited' } });
    expect(states).toEqual(['open', 'connecting', 'open']);
    expect(got.map((m) => m.type)).toEqual(['response', 'event']);

    t.close();
    expect(p2.closed).toBe(true);
    expect(give).toBeNull();
  });

  it('is chosen when window.workbench has onKernelPort, else the WebSocket transport is', () => {
    expect(electronKernelPorts({})).toBeNull();
    expect(electronKernelPorts({ workbench: { onKernelPort: 'nope' } })).toBeNull();
    const electron = createTransport(Object.assign(Object.create(window), { workbench: { onKernelPort: () => () => {} } }));
    expect(electron.kind).toBe('message-port');
    expect(createTransport(window).kind).toBe('websocket');
  });
});

describe('parseServerMessage', () => {
  it('accepts responses and events, as objects or JSON, and nothing else', () => {
    expect(parseServerMessage({ type: 'event', stream: 'console', data: { tty: 't', data: 'x' } })).not.toBeNull();
    expect(parseServerMessage('{"type":"response","id":null,"ok":false,"error":{"code":"EPROTO","message":"m"}}')).not.toBeNull();
    expect(parseServerMessage('{"type":"request","id":1,"method":"ping"}')).toBeNull();
    expect(parseServerMessage('{')).toBeNull();
    expect(parseServerMessage(42)).toBeNull();
    expect(parseServerMessage(null)).toBeNull();
  });
});
