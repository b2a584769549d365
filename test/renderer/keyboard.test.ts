// Keyboard mode: KeyboardEvent.code to Linux keys, forwarding presses and releases as input.keys requests in order,
// the host's auto-repeat and unknown keys left alone, keys still down released when the mode ends, the status bar item.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import StatusBar from '../../renderer/src/components/StatusBar.vue';
import { linuxKeyOf } from '../../renderer/src/input/keycodes.ts';
import { useKeyboardStore } from '../../renderer/src/stores/keyboard.ts';
import { onlineClient, settle } from './fakes.ts';

const key = (type: 'keydown' | 'keyup', code: string, over: Partial<{ repeat: boolean; ctrlKey: boolean; altKey: boolean }> = {}) => {
  const ev = { type, code, repeat: false, ctrlKey: false, altKey: false, prevented: false, preventDefault() { this.prevented = true; }, stopPropagation() {}, ...over };
  return ev;
};

describe('keyboard mode', () => {
  it('maps physical keys to Linux KEY_ names', () => {
    expect(['KeyA', 'Digit0', 'F12', 'Enter', 'ShiftLeft', 'ArrowUp', 'ControlRight', 'Numpad7', 'Slash'].map(linuxKeyOf))
      .toEqual(['KEY_A', 'KEY_0', 'KEY_F12', 'KEY_ENTER', 'KEY_LEFTSHIFT', 'KEY_UP', 'KEY_RIGHTCTRL', 'KEY_KP7', 'KEY_SLASH']);
    expect(linuxKeyOf('F13')).toBeNull();
    expect(linuxKeyOf('MediaPlayPause')).toBeNull();
  });

  it('forwards presses and releases one request at a time, and releases held keys when turned off', async () => {
    setActivePinia(createPinia());
    const { t } = onlineClient();
    const kb = useKeyboardStore();
    const off = key('keydown', 'KeyA');
    kb.onKey(off);
    expect(off.prevented).toBe(false); // not active: the workbench keeps its keys
    kb.setActive(true);
    const down = key('keydown', 'KeyA');
    kb.onKey(down);
    kb.onKey(key('keydown', 'KeyA', { repeat: true }));
    kb.onKey(key('keydown', 'KeyB'));
    kb.onKey(key('keyup', 'KeyA'));
    kb.onKey(key('keydown', 'MediaPlayPause'));
    expect(down.prevented).toBe(true);
    await settle();
    const sent = (): unknown[] => t.requests('input.keys').map((r) => (r as { params: unknown }).params);
    expect(sent()).toEqual([{ keys: [{ key: 'KEY_A', down: true }] }]);
    t.reply('input.keys', { sent: 1 });
    await settle(10);
    t.reply('input.keys', { sent: 1 });
    await settle(10);
    t.reply('input.keys', { sent: 1 });
    await settle(10);
    expect(sent()).toEqual([
      { keys: [{ key: 'KEY_A', down: true }] }, { keys: [{ key: 'KEY_B', down: true }] }, { keys: [{ key: 'KEY_A', down: false }] },
    ]);
    kb.setActive(false);
    await settle(10);
    expect(sent().at(-1)).toEqual({ keys: [{ key: 'KEY_B', down: false }] });
    t.reply('input.keys', { sent: 1 });
    await settle(10);
    expect(kb.sent).toBe(4);
  });

  it('shows the mode in the status bar', async () => {
    setActivePinia(createPinia());
    const wrapper = mount(StatusBar);
    expect(wrapper.find('[data-testid="keyboard-mode"]').exists()).toBe(false);
    useKeyboardStore().setActive(true);
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="keyboard-mode"]').text()).toBe('Keyboard → guest');
  });
});
