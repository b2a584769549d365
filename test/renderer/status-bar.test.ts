// StatusBar: renders the machine's state, release, virtual time, taint flags and modules from the session store.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import StatusBar from '../../renderer/src/components/StatusBar.vue';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import { formatUptime } from '../../renderer/src/format.ts';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { FakeTransport, machineInfo, settle } from './fakes.ts';
import { shellShown } from '../../renderer/src/startup.ts';

function setup() {
  setActivePinia(createPinia());
  const session = useSessionStore();
  const wrapper = mount(StatusBar);
  return { session, wrapper };
}

describe('StatusBar', () => {
  it('shows the machine info when online', async () => {
    const { session, wrapper } = setup();
    session.connection = 'online';
    session.transportKind = 'websocket';
    session.machine = machineInfo({ state: 'running', uptimeNs: 12_345_678_901, release: '6.1.0-kwb', taint: 'OE', modules: ['edu', 'dummy'] });
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="machine-state"]').text()).toBe('running');
    expect(wrapper.get('[data-testid="release"]').text()).toBe('Linux 6.1.0-kwb');
    expect(wrapper.get('[data-testid="uptime"]').text()).toContain('12.346 s');
    expect(wrapper.get('[data-testid="taint"]').text()).toBe('tainted: OE');
    expect(wrapper.get('[data-testid="modules"]').text()).toBe('2 modules');
    expect(wrapper.get('[data-testid="modules"]').attributes('title')).toBe('edu\ndummy');
    expect(wrapper.text()).toContain('WebSocket');
  });

  it('shows a clean kernel as not tainted and a panicked one as panicked', async () => {
    const { session, wrapper } = setup();
    session.connection = 'online';
    session.machine = machineInfo({ state: 'panicked', taint: '' });
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="taint"]').text()).toBe('not tainted');
    expect(wrapper.get('[data-testid="machine-state"]').text()).toBe('panicked');
    expect(wrapper.get('[data-testid="machine-state"]').classes()).toContain('bad');
  });

  it('shows the connection state instead of the machine state while kernel-sim is unreachable', async () => {
    const { session, wrapper } = setup();
    session.connection = 'reconnecting';
    session.machine = machineInfo({ state: 'running' });
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="machine-state"]').text()).toBe('reconnecting');
  });
});

describe('StatusBar compiler warm-up', () => {
  it('builds a small module once per connection, after the shell is shown, and says so until it is built', async () => {
    const { session, wrapper } = setup();
    const t = new FakeTransport();
    session.connect(new KernelClient(t));
    t.setState('open');
    await settle();
    // Not before the shell's prompt is on a terminal (startup.ts): LLVM's compile would take the CPU from the boot.
    expect(t.requests('build')).toHaveLength(0);
    shellShown();
    await new Promise((ok) => setTimeout(ok, 500));
    await settle();
    await wrapper.vm.$nextTick();
    const builds = t.requests('build');
    expect(builds).toHaveLength(1);
    const params = builds[0]!.params as { files: { path: string; text: string }[] };
    expect(params.files[0]!.path).toMatch(/\.c$/);
    expect(params.files[0]!.text).toContain('module_init(');
    expect(wrapper.get('[data-testid="compiler"]').text()).toContain('Warming up the compiler');
    t.reply('build', { ok: true, modname: 'kwb_warm', diagnostics: [], log: '', ms: 900, ko: '' });
    await settle();
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid="compiler"]').exists()).toBe(false);
    // Reconnecting the same client does not warm again.
    t.setState('connecting');
    t.setState('open');
    await settle();
    expect(t.requests('build')).toHaveLength(1);
  });
});

describe('formatUptime', () => {
  it('formats virtual nanoseconds as seconds, minutes or hours', () => {
    expect(formatUptime(0)).toBe('0.000 s');
    expect(formatUptime(61_500_000_000)).toBe('1m 01.5s');
    expect(formatUptime(3_723_000_000_000)).toBe('1h 02m');
    expect(formatUptime(-1)).toBe('—');
  });
});
