// Test doubles for renderer tests: a Transport whose traffic the test drives, and a MachineInfo factory.
import type { ClientMessage, MachineInfo, ServerMessage } from '../../kernel-sim/api/protocol.ts';
import type { Transport, TransportState } from '../../renderer/src/kernel/transport.ts';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';

type Request = Extract<ClientMessage, { type: 'request' }>;

export class FakeTransport implements Transport {
  readonly kind = 'websocket' as const;
  state: TransportState = 'connecting';
  readonly sent: ClientMessage[] = [];
  started = 0;
  private messageListeners = new Set<(m: ServerMessage) => void>();
  private stateListeners = new Set<(s: TransportState, d: string) => void>();

  start(): void { this.started++; }
  send(message: ClientMessage): boolean {
    if (this.state !== 'open') return false;
    this.sent.push(structuredClone(message));
    return true;
  }
  onMessage(l: (m: ServerMessage) => void) { this.messageListeners.add(l); return () => { this.messageListeners.delete(l); }; }
  onState(l: (s: TransportState, d: string) => void) { this.stateListeners.add(l); return () => { this.stateListeners.delete(l); }; }
  close(): void { this.setState('closed'); }

  setState(state: TransportState, detail = 'test'): void {
    this.state = state;
    for (const l of [...this.stateListeners]) l(state, detail);
  }
  deliver(message: ServerMessage): void {
    for (const l of [...this.messageListeners]) l(message);
  }
  requests(method?: string): Request[] {
    return this.sent.filter((m): m is Request => m.type === 'request' && (!method || m.method === method));
  }
  /** Answers the oldest unanswered request of `method` with a result. */
  reply(method: string, result: unknown): Request {
    const req = this.requests(method).find((r) => !this.answered.has(r.id));
    if (!req) throw new Error(`no unanswered ${method} request; sent: ${JSON.stringify(this.sent)}`);
    this.answered.add(req.id);
    this.deliver({ type: 'response', id: req.id, ok: true, result });
    return req;
  }
  readonly answered = new Set<number>();
}

export function machineInfo(over: Partial<MachineInfo> = {}): MachineInfo {
  return {
    state: 'running', uptimeNs: 1_500_000_000, release: '6.1.0-kwb', hostname: 'kwb', taint: '', modules: [],
    bootCount: 1, cmdline: 'console=ttyS0', ...over,
  };
}

/** Lets queued promise callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** The session store connected over a fresh FakeTransport, synced with one machine.info answer. */
export async function syncedSession(): Promise<{ t: FakeTransport; session: ReturnType<typeof useSessionStore> }> {
  const t = new FakeTransport();
  const session = useSessionStore();
  session.connect(new KernelClient(t));
  t.setState('open');
  t.reply('machine.info', machineInfo());
  await settle();
  return { t, session };
}

/** A KernelClient over an open FakeTransport, set as the session's client (no sync). */
export function onlineClient(): { t: FakeTransport; c: KernelClient } {
  const t = new FakeTransport();
  const c = new KernelClient(t);
  t.setState('open');
  useSessionStore().client = c as never;
  return { t, c };
}
