// The view registry: a registered view gets a tab in its pane, shows when selected, and a palette command that opens it.
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { VIEWS, viewsIn } from '../../renderer/src/views.ts';
import RightPane from '../../renderer/src/components/RightPane.vue';
import BottomPane from '../../renderer/src/components/BottomPane.vue';
import { useLayoutStore } from '../../renderer/src/stores/layout.ts';
import { workbenchCommands } from '../../renderer/src/workbench.ts';

const Probe = (text: string) => defineComponent({ render: () => h('div', { 'data-testid': 'probe' }, text) });

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
});

describe('view registry', () => {
  it('lists the built-in views per area, ids unique', () => {
    expect(viewsIn('right').map((v) => v.id).slice(0, 2)).toEqual(['graph', 'irq']);
    expect(viewsIn('bottom').map((v) => v.id)).toEqual(expect.arrayContaining(['dmesg', 'problems', 'trace', 'timeline']));
    expect(new Set(VIEWS.map((v) => v.id)).size).toBe(VIEWS.length);
  });

  it('a view added with one line gets a tab in the right pane, shows when chosen, and a palette command', async () => {
    VIEWS.push({ id: 'test-right', title: 'Test view', area: 'right', component: Probe('right view') });
    try {
      const layout = useLayoutStore();
      layout.rightTab = 'test-right';
      const w = mount(RightPane);
      expect(w.find('[data-testid="right-test-right"]').text()).toBe('Test view');
      expect(w.find('[data-testid="probe"]').text()).toBe('right view');
      layout.rightTab = 'graph';
      const cmd = workbenchCommands().find((c) => c.id === 'view.show.test-right')!;
      expect(cmd.title).toBe('Show Test view');
      layout.rightVisible = false;
      cmd.run();
      expect(layout.rightTab).toBe('test-right');
      expect(layout.rightVisible).toBe(true);
      w.unmount();
    } finally { VIEWS.pop(); }
  });

  it('a bottom view gets a tab beside Terminal; an unknown saved tab falls back to the terminal', async () => {
    VIEWS.push({ id: 'test-bottom', title: 'Queues', area: 'bottom', component: Probe('bottom view') });
    try {
      const layout = useLayoutStore();
      layout.bottomTab = 'test-bottom';
      const w = mount(BottomPane, { global: { stubs: { TerminalPane: true } } });
      expect(w.find('[data-testid="tab-test-bottom"]').text()).toContain('Queues');
      expect(w.find('[data-testid="probe"]').text()).toBe('bottom view');
      layout.bottomTab = 'no-such-view';
      await w.vm.$nextTick();
      expect(w.find('[data-testid="probe"]').exists()).toBe(false);
      expect(w.find('[data-testid="tab-terminal"]').classes()).toContain('active');
      w.unmount();
    } finally { VIEWS.pop(); }
  });
});
