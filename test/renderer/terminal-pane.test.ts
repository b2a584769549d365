// TerminalPane: binds an xterm view to a guest tty — opens it at the view's size, writes console output, forwards keystrokes and resizes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import TerminalPane from '../../renderer/src/components/TerminalPane.vue';
import { FakeTransport, machineInfo, settle } from './fakes.ts';

// xterm.js needs a real layout engine; a stand-in records what the pane does with it.
const { terminals, FakeTerminal } = vi.hoisted(() => {
  const terminals: any[] = [];
  class FakeTerminal {
    cols = 100; rows = 30;
    written: string[] = [];
    options: Record<string, unknown>;
    dataListener: ((d: string) => void) | null = null;
    resizeListener: ((s: { cols: number; rows: number }) => void) | null = null;
    disposed = false;
    constructor(options: Record<string, unknown>) { this.options = options; terminals.push(this); }
    loadAddon() {}
    open() {}
    focus() {}
    write(d: string) { this.written.push(d); }
    onData(l: (d: string) => void) { this.dataListener = l; return { dispose() {} }; }
    onResize(l: (s: { cols: number; rows: number }) => void) { this.resizeListener = l; return { dispose() {} }; }
    linkProviders: unknown[] = [];
    registerLinkProvider(p: unknown) { this.linkProviders.push(p); return { dispose() {} }; }
    dispose() { this.disposed = true; }
  }
  return { terminals: terminals as FakeTerminal[], FakeTerminal };
});
vi.mock('@xterm/xterm', () => ({ Terminal: FakeTerminal }));
vi.mock('@xterm/addon-fit', () => ({ FitAddon: class { fit() {} } }));

async function booted() {
  setActivePinia(createPinia());
  const t = new FakeTransport();
  const session = useSessionStore();
  session.connect(new KernelClient(t));
  t.setState('open');
  t.reply('machine.info', machineInfo());
  await settle();
  const wrapper = mount(TerminalPane, { props: { visible: true } });
  await settle();
  const term = terminals.at(-1)!;
  return { t, session, wrapper, term };
}

beforeEach(() => { terminals.length = 0; });

describe('TerminalPane', () => {
  it('opens a guest tty with the terminal size and shows its output, including output sent before tty.open answered', async () => {
    const { t, term } = await booted();
    expect(t.requests('tty.open')[0]!.params).toEqual({ cols: 100, rows: 30 });
    // The pids in ps output become links (renderer/src/terminal/ps-links.ts).
    expect(term.linkProviders).toHaveLength(1);
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty1', data: 'root@kwb:~# ' } });
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty1', data: 'more' } });
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty9', data: 'someone else' } });
    expect(term.written).toEqual(['root@kwb:~# ', 'more']);
  });

  it('sends keystrokes to its tty with tty.input and size changes with tty.resize', async () => {
    const { t, term } = await booted();
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    term.dataListener!('uname -a\r');
    term.resizeListener!({ cols: 120, rows: 40 });
    expect(t.requests('tty.input').map((r) => r.params)).toEqual([{ tty: 'tty1', data: 'uname -a\r' }]);
    expect(t.requests('tty.resize').map((r) => r.params)).toEqual([{ tty: 'tty1', cols: 120, rows: 40 }]);
  });

  it('keeps the terminal and its scrollback across a kernel-sim restart and binds a new tty', async () => {
    const { t, term, wrapper } = await booted();
    t.reply('tty.open', { tty: 'tty1' });
    await settle();
    t.deliver({ type: 'event', stream: 'console', data: { tty: 'tty1', data: 'before' } });
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'worker exited' } });
    await settle();
    t.reply('machine.info', machineInfo({ bootCount: 1 }));
    await settle();
    t.reply('tty.open', { tty: 'tty2' });
    await settle();
    term.dataListener!('x');
    expect(t.requests('tty.input').at(-1)!.params).toEqual({ tty: 'tty2', data: 'x' });
    expect(terminals).toHaveLength(1);
    expect(term.written[0]).toBe('before');
    expect(term.written.join('')).toContain('kernel-sim restarted (worker exited)');
    wrapper.unmount();
    expect(term.disposed).toBe(true);
    expect(t.requests('tty.close').at(-1)!.params).toEqual({ tty: 'tty2' });
  });

  it('shows a banner while kernel-sim is unreachable', async () => {
    const { t, wrapper } = await booted();
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
    t.setState('connecting', 'socket closed');
    await settle();
    expect(wrapper.find('[role="status"]').text()).toContain('reconnecting');
  });
});
