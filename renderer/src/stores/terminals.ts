// The terminals store: which terminal views exist (several shells in the guest), which one shows, and focusing it.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface TerminalTab { id: number; title: string }

export const useTerminalsStore = defineStore('terminals', () => {
  let next = 1;
  const tabs = ref<TerminalTab[]>([{ id: next++, title: 'ttyS0' }]);
  const active = ref(1);
  const focusers = new Map<number, () => void>();

  function add(): number {
    const id = next++;
    tabs.value.push({ id, title: `shell ${id}` });
    active.value = id;
    return id;
  }

  function close(id: number): void {
    if (tabs.value.length <= 1) return;
    const i = tabs.value.findIndex((t) => t.id === id);
    if (i < 0) return;
    tabs.value.splice(i, 1);
    if (active.value === id) active.value = tabs.value[Math.max(0, i - 1)]!.id;
  }

  function rename(id: number, title: string): void {
    const t = tabs.value.find((x) => x.id === id);
    if (t) t.title = title;
  }

  function registerFocus(id: number, fn: () => void): () => void {
    focusers.set(id, fn);
    return () => { if (focusers.get(id) === fn) focusers.delete(id); };
  }

  function focusActive(): void { focusers.get(active.value)?.(); }

  return { tabs, active, add, close, rename, registerFocus, focusActive };
});
