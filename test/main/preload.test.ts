// The preload bridge with a mocked electron: functions only, the kernel port relay (queueing, host event, replacement), menu commands, error codes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { KernelPort, MenuCommand, WorkbenchBridge } from '../../kernel-sim/api/workbench-bridge.ts';
import type { ServerMessage } from '../../kernel-sim/api/protocol.ts';

type Listener = (event: { ports: unknown[] }, payload: unknown) => void;
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Listener[]>(),
  invoke: null as unknown as (channel: string, ...args: unknown[]) => Promise<unknown>,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { electron.exposed.set(key, api); } },
  ipcRenderer: {
    on: (channel: string, l: Listener) => { electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), l]); },
    invoke: (channel: string, ...args: unknown[]) => electron.invoke(channel, ...args),
  },
}));

const emit = (channel: string, payload: unknown, ports: unknown[] = []) => {
  for (const l of electron.listeners.get(channel) ?? []) l({ ports }, payload);
};
const tick = () => new Promise((r) => setTimeout(r, 0));
/** Collects what arrives on the utility side of a channel. */
const received = (port: MessagePort) => { const got: unknown[] = []; port.on('message', (m) => got.push(m)); return got; };

let bridge: WorkbenchBridge;
const open: MessagePort[] = [];

beforeEach(async () => {
  vi.resetModules();
  electron.exposed.clear();
  electron.listeners.clear();
  electron.invoke = async () => ({ ok: true, value: null });
  await import('../../main/preload.ts');
  bridge = electron.exposed.get('workbench') as WorkbenchBridge;
});
afterEach(() => { for (const p of open.splice(0)) p.close(); });

function channel() {
  const ch = new MessageChannel();
  open.push(ch.port1, ch.port2);
  return ch;
}

describe('preload', () => {
  it('exposes exactly one API, window.workbench, made only of functions', () => {
    expect([...electron.exposed.keys()]).toEqual(['workbench']);
    const entries = Object.entries(bridge);
    expect(entries.map(([k]) => k).sort()).toEqual([
      'currentWorkspace', 'listWorkspace', 'onKernelPort', 'onMenuCommand', 'openWorkspaceFolder', 'platform', 'readWorkspaceFile', 'writeWorkspaceFile',
    ]);
    for (const [k, v] of entries) expect(typeof v, k).toBe('function');
    expect(bridge.platform()).toBe(process.platform);
  });

  it('hands the renderer a working kernel port, also to late subscribers', async () => {
    const { port1: utility, port2 } = channel();
    const fromRenderer = received(utility);
    emit('kernel-port', null, [port2]);
    const ports: KernelPort[] = [];
    bridge.onKernelPort((p) => ports.push(p));
    await tick();
    expect(ports).toHaveLength(1);
    const messages: ServerMessage[] = [];
    ports[0]!.onMessage((m) => messages.push(m));
    ports[0]!.post({ type: 'request', id: 1, method: 'ping' });
    utility.postMessage({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(messages[0]).toEqual({ type: 'response', id: 1, ok: true, result: { version: 1 } });
    await vi.waitFor(() => expect(fromRenderer).toEqual([{ type: 'request', id: 1, method: 'ping' }]));
  });

  it('after a restart: a fresh port whose first message is the host event; the old port is closed', async () => {
    const first = channel();
    const ports: KernelPort[] = [];
    bridge.onKernelPort((p) => ports.push(p));
    emit('kernel-port', null, [first.port2]);
    const oldMessages: ServerMessage[] = [];
    ports[0]!.onMessage((m) => oldMessages.push(m));

    const second = channel();
    const event = { type: 'event', stream: 'host', data: { restarted: true, reason: 'kernel-sim host exited unexpectedly (code 134)' } };
    emit('kernel-port', event, [second.port2]);
    expect(ports).toHaveLength(2);
    second.port1.postMessage({ type: 'event', stream: 'machine', data: { state: 'running' } });
    await tick();
    const messages: ServerMessage[] = [];
    ports[1]!.onMessage((m) => messages.push(m));
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    expect(messages[0]).toEqual(event);
    expect(messages[1]).toMatchObject({ stream: 'machine' });

    // The old relay is dead: nothing more arrives on it, posts go nowhere.
    first.port1.postMessage({ type: 'event', stream: 'console', data: { tty: 'ttyS0', data: 'late' } });
    await tick();
    expect(oldMessages).toEqual([]);
  });

  it('a give-up event without a port reaches the current port', async () => {
    const { port2 } = channel();
    const ports: KernelPort[] = [];
    bridge.onKernelPort((p) => ports.push(p));
    emit('kernel-port', null, [port2]);
    const messages: ServerMessage[] = [];
    ports[0]!.onMessage((m) => messages.push(m));
    emit('kernel-port', { type: 'event', stream: 'host', data: { restarted: false, reason: 'gave up' } });
    emit('kernel-port', { type: 'event', stream: 'host', data: { restarted: 'yes' } }); // malformed: ignored
    await tick();
    expect(messages).toEqual([{ type: 'event', stream: 'host', data: { restarted: false, reason: 'gave up' } }]);
  });

  it('passes on well-formed menu commands only', () => {
    const commands: MenuCommand[] = [];
    const off = bridge.onMenuCommand((c) => commands.push(c));
    emit('workbench:menu-command', { type: 'machine.reboot' });
    emit('workbench:menu-command', { type: 'rm -rf' });
    emit('workbench:menu-command', { type: 'workspace.opened', workspace: { name: 'ws' } });
    emit('workbench:menu-command', { type: 'workspace.opened', workspace: { name: 'ws', path: '/home/u/ws' } });
    off();
    emit('workbench:menu-command', { type: 'machine.reboot' });
    expect(commands).toEqual([{ type: 'machine.reboot' }, { type: 'workspace.opened', workspace: { name: 'ws', path: '/home/u/ws' } }]);
  });

  it('workspace calls go to main by invoke; errors carry their code', async () => {
    const calls: unknown[][] = [];
    electron.invoke = async (channel, ...args) => {
      calls.push([channel, ...args]);
      if (channel === 'workbench:read-file') return { ok: false, error: { code: 'EACCES', message: "path may not contain '..'" } };
      return { ok: true, value: channel === 'workbench:list-workspace' ? [] : null };
    };
    await expect(bridge.readWorkspaceFile('../x')).rejects.toThrow("EACCES: path may not contain '..'");
    await expect(bridge.writeWorkspaceFile('a.c', 'int x;')).resolves.toBeNull();
    await expect(bridge.listWorkspace()).resolves.toEqual([]);
    expect(calls).toEqual([['workbench:read-file', '../x'], ['workbench:write-file', 'a.c', 'int x;'], ['workbench:list-workspace']]);
    electron.invoke = async () => undefined;
    await expect(bridge.currentWorkspace()).rejects.toThrow(/^EIO/);
  });
});
