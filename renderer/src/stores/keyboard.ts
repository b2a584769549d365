// Keyboard mode: while on, the host's key presses go to the machine's PS/2 keyboard (input.keys) instead of the workbench;
// the terminal, by contrast, types into the serial console. Ctrl+Alt+K turns it off again.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useSessionStore } from './session.ts';
import { linuxKeyOf } from '../input/keycodes.ts';

/** The shortcut that toggles keyboard mode; it is never forwarded. */
export const KEYBOARD_TOGGLE = 'Ctrl+Alt+K';

interface KeyEventLike { code: string; type: string; repeat: boolean; ctrlKey: boolean; altKey: boolean; preventDefault(): void; stopPropagation(): void }

export const useKeyboardStore = defineStore('keyboard', () => {
  const active = ref(false);
  const sent = ref(0);
  const lastError = ref<string | null>(null);
  /** Keys down on the guest: released when the mode ends so none stays stuck. */
  const down = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  function send(key: string, isDown: boolean): void {
    const session = useSessionStore();
    const client = session.client;
    if (!client) return;
    // One request at a time, in order: a release never overtakes its press.
    queue = queue.then(() => client.request('input.keys', { keys: [{ key, down: isDown }] }))
      .then(() => { sent.value++; lastError.value = null; }, (e: unknown) => { lastError.value = e instanceof Error ? e.message : String(e); });
  }

  /** The capture-phase key handler: forwards a PC key (the host's auto-repeat excluded) and keeps it from the workbench. */
  function onKey(ev: KeyEventLike): void {
    if (!active.value) return;
    if (ev.ctrlKey && ev.altKey && ev.code === 'KeyK') return; // the toggle itself
    const key = linuxKeyOf(ev.code);
    if (!key) return;
    ev.preventDefault();
    ev.stopPropagation();
    if (ev.repeat) return;
    const isDown = ev.type === 'keydown';
    if (isDown === down.has(key)) return;
    if (isDown) down.add(key); else down.delete(key);
    send(key, isDown);
  }

  function setActive(on: boolean): void {
    if (!on) for (const k of [...down]) { down.delete(k); send(k, false); }
    active.value = on;
  }

  const toggle = (): void => setActive(!active.value);
  /** Resolves once every forwarded key has been answered (tests, and before a reconnect). */
  const settled = (): Promise<unknown> => queue;

  return { active, sent, lastError, onKey, setActive, toggle, settled };
});
