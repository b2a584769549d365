// Start-up order (renderer/src/startup.ts): what waits for the shell loads once the terminal has taken the boot log and prompt in, not while xterm still parses them.
import { describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import { afterShell } from '../../renderer/src/startup.ts';
import { FakeTransport, machineInfo, settle } from './fakes.ts';

describe('afterShell', () => {
  it('resolves after the terminal says it has written the output that came before its tty opened', async () => {
    setActivePinia(createPinia());
    const t = new FakeTransport();
    const session = useSessionStore();
    session.connect(new KernelClient(t));
    t.setState('open');
    t.reply('machine.info', machineInfo());
    await settle();
    let taken: (() => void) | undefined;
    const out: string[] = [];
    session.attachTerminal({ size: () => ({ cols: 80, rows: 24 }), write: (d, written) => { out.push(d); taken = written; }, notice: () => {} });
    let loaded = false;
    void afterShell().then(() => { loaded = true; });
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty1', data: 'Linux version 6.1.0\r\nroot@kwb:~# ' } });
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    expect(out).toEqual(['Linux version 6.1.0\r\nroot@kwb:~# ']);
    await new Promise((ok) => setTimeout(ok, 600));
    expect(loaded).toBe(false);
    taken!();
    await vi.waitFor(() => expect(loaded).toBe(true), { timeout: 2000 });
  });
});
