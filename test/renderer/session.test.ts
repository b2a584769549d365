// The session store: syncing a fresh kernel-sim (machine.info, then one tty per terminal), reconnects and host events.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { useSessionStore, type TerminalSink } from '../../renderer/src/stores/session.ts';
import { FakeTransport, machineInfo, settle, syncedSession } from './fakes.ts';

function sink(): TerminalSink & { out: string[]; notices: string[] } {
  const out: string[] = []; const notices: string[] = [];
  return { out, notices, size: () => ({ cols: 80, rows: 24 }), write: (d) => out.push(d), notice: (n) => notices.push(n) };
}

beforeEach(() => setActivePinia(createPinia()));

describe('session store', () => {
  it('asks for machine info before opening a tty, then reports online with the machine', async () => {
    const t = new FakeTransport();
    const session = useSessionStore();
    const term = session.attachTerminal(sink());
    session.connect(new KernelClient(t));
    expect(t.started).toBe(1);
    expect(session.connection).toBe('connecting');
    t.setState('open');
    expect(t.sent.map((m) => m.type === 'request' && m.method)).toEqual(['machine.info']);
    t.reply('machine.info', machineInfo({ hostname: 'box' }));
    await settle();
    expect(session.connection).toBe('online');
    expect(session.machine?.hostname).toBe('box');
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    expect(term.tty).toBe('tty1');
  });

  it('on a reconnected channel that opens with a host event, opens exactly one new tty', async () => {
    const t = new FakeTransport();
    const session = useSessionStore();
    const s = sink();
    session.attachTerminal(s);
    session.connect(new KernelClient(t));
    t.setState('open');
    t.reply('machine.info', machineInfo());
    await settle();
    t.reply('tty.open', { tty: 'tty1' });
    await settle();

    t.setState('connecting', 'port replaced');
    expect(session.connection).toBe('reconnecting');
    t.setState('open');
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'utility process crashed' } });
    // The machine.info sent on open was failed by the restart notice; the re-sync's one is answered.
    t.reply('machine.info', machineInfo());
    t.reply('machine.info', machineInfo());
    await settle();
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    expect(t.requests('machine.info')).toHaveLength(3);
    expect(t.requests('tty.open')).toHaveLength(2);
    expect(session.hostRestarts).toBe(1);
    expect(s.notices).toEqual(['kernel-sim restarted (utility process crashed); a fresh machine is booting']);
  });

  it('announces a plain reconnect (no host event) once the new machine answers', async () => {
    const t = new FakeTransport();
    const session = useSessionStore();
    const s = sink();
    session.attachTerminal(s);
    session.connect(new KernelClient(t));
    t.setState('open');
    t.reply('machine.info', machineInfo());
    await settle();
    t.setState('connecting');
    t.setState('open');
    expect(s.notices).toEqual([]);
    t.reply('machine.info', machineInfo());
    await settle();
    expect(s.notices).toEqual(['reconnected to kernel-sim; a fresh machine is running']);
  });

  it('goes offline with the reason when the host gives up restarting kernel-sim', async () => {
    const { t, session } = await syncedSession();
    t.deliver({ type: 'event', stream: 'host', data: { restarted: false, reason: 'crashed 6 times in a minute' } });
    expect(session.connection).toBe('offline');
    expect(session.lastError).toContain('crashed 6 times in a minute');
  });

  it('types into the first bound terminal', async () => {
    const t = new FakeTransport();
    const session = useSessionStore();
    expect(session.typeIntoTerminal('ls\r')).toBe(false);
    session.attachTerminal(sink());
    session.connect(new KernelClient(t));
    t.setState('open');
    t.reply('machine.info', machineInfo());
    await settle();
    t.reply('tty.open', { tty: 'ttyS1' });
    await settle();
    expect(session.typeIntoTerminal('ls\r')).toBe(true);
    expect(t.requests('tty.input')[0]!.params).toEqual({ tty: 'ttyS1', data: 'ls\r' });
  });
});
