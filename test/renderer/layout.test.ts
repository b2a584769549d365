// The layout store: activity toggling, pane size limits, theme, and persistence that survives corrupt storage.
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { defaultLayout, LAYOUT_KEY, loadLayout, useLayoutStore } from '../../renderer/src/stores/layout.ts';

beforeEach(() => { localStorage.clear(); setActivePinia(createPinia()); });

describe('layout store', () => {
  it('hides the side pane when the shown activity is clicked again and shows another one', () => {
    const layout = useLayoutStore();
    layout.selectActivity('labs');
    expect(layout.sideVisible).toBe(false);
    layout.selectActivity('devices');
    expect(layout.sideVisible).toBe(true);
    expect(layout.activity).toBe('devices');
  });

  it('clamps pane sizes and persists the layout', async () => {
    const layout = useLayoutStore();
    layout.resize('sideWidth', 5);
    layout.resize('bottomHeight', 10_000);
    layout.toggleTheme();
    await nextTick();
    const saved = JSON.parse(localStorage.getItem(LAYOUT_KEY)!);
    expect(saved).toMatchObject({ sideWidth: 160, bottomHeight: 900, theme: 'light' });
    setActivePinia(createPinia());
    expect(useLayoutStore().theme).toBe('light');
  });

  it('falls back to defaults for corrupt or ill-typed saved values', () => {
    expect(loadLayout({ getItem: () => '{not json' })).toEqual(defaultLayout());
    const odd = loadLayout({ getItem: () => JSON.stringify({ theme: 'neon', activity: 'x', sideWidth: '300', rightWidth: 9999 }) });
    expect(odd.theme).toBe('dark');
    expect(odd.activity).toBe('labs');
    expect(odd.sideWidth).toBe(240);
    expect(odd.rightWidth).toBe(800);
  });
});
