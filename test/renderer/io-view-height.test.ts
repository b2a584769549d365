// The IO view grows the bottom panel for its four charts only while it is open: at most 55% of the window, and the height goes back when another tab shows (it stayed at 560 px, leaving the editor and lab text about 100 px at 1280x800), unless the user dragged the splitter meanwhile.
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import IoView from '../../renderer/src/components/IoView.vue';
import { useLayoutStore } from '../../renderer/src/stores/layout.ts';

const stubs = { IoChart: defineComponent({ setup: () => () => h('div') }) };
beforeEach(() => { localStorage.clear(); setActivePinia(createPinia()); });

describe('IO view and the bottom panel', () => {
  it('grows the panel to 560 px in a tall window and gives the height back when it closes', () => {
    Object.defineProperty(window, 'innerHeight', { value: 1200, configurable: true });
    const layout = useLayoutStore();
    layout.resize('bottomHeight', 300);
    const w = mount(IoView, { global: { stubs } });
    expect(layout.bottomHeight).toBe(560);
    w.unmount();
    expect(layout.bottomHeight).toBe(300);
  });

  it('takes at most 55% of an 800 px window, and keeps a height the user dragged to', () => {
    Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
    const layout = useLayoutStore();
    layout.resize('bottomHeight', 300);
    const w = mount(IoView, { global: { stubs } });
    expect(layout.bottomHeight).toBe(440);
    layout.resize('bottomHeight', 500);
    w.unmount();
    expect(layout.bottomHeight).toBe(500);
  });
});
