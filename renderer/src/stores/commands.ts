// The command registry: every workbench action with its title and keyboard shortcut; the palette and the key handler run them.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

export interface Command {
  id: string;
  title: string;
  category: string;
  /** Shortcuts like 'Ctrl+Shift+B' ('Ctrl' is Cmd on macOS as well); the first is shown. */
  keys?: string[];
  run: () => unknown;
}

interface KeyLike { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }

const CODE_NAMES: Record<string, string> = { Backquote: '`', Backslash: '\\', Slash: '/', Comma: ',', Period: '.' };

/** The shortcut a key event means, in the registry's spelling ('Ctrl+Shift+B', 'F1', 'Ctrl+`'). */
export function shortcutOf(ev: KeyLike): string | null {
  if (['Control', 'Shift', 'Alt', 'Meta'].includes(ev.key)) return null;
  let key = ev.code && CODE_NAMES[ev.code] ? CODE_NAMES[ev.code]! : ev.code && /^Key[A-Z]$/.test(ev.code) ? ev.code.slice(3) : ev.code && /^Digit\d$/.test(ev.code) ? ev.code.slice(5) : ev.key;
  if (key.length === 1) key = key.toUpperCase();
  const parts: string[] = [];
  if (ev.ctrlKey || ev.metaKey) parts.push('Ctrl');
  if (ev.altKey) parts.push('Alt');
  if (ev.shiftKey) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** Normalises 'shift+ctrl+b' to 'Ctrl+Shift+B'. */
export function normalizeShortcut(s: string): string {
  const parts = s.split('+').map((p) => p.trim());
  const key = parts.pop()!;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const out: string[] = [];
  if (mods.has('ctrl') || mods.has('cmd') || mods.has('meta')) out.push('Ctrl');
  if (mods.has('alt')) out.push('Alt');
  if (mods.has('shift')) out.push('Shift');
  out.push(key.length === 1 ? key.toUpperCase() : key);
  return out.join('+');
}

/** A tiny subsequence matcher: every query character in order; scores favour word starts and contiguity. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const t = text.toLowerCase();
  if (!q) return 0;
  let score = 0, ti = 0, last = -2;
  for (const ch of q) {
    const i = t.indexOf(ch, ti);
    if (i < 0) return null;
    score += (i === last + 1 ? 3 : 0) + (i === 0 || /[\s:>/.-]/.test(t[i - 1]!) ? 5 : 0) - Math.min(i - ti, 5) * 0.1;
    last = i;
    ti = i + 1;
  }
  return score;
}

export const useCommandsStore = defineStore('commands', () => {
  const commands = ref<Command[]>([]);
  const paletteOpen = ref(false);
  const lastRun = ref<string | null>(null);

  function register(cmd: Command | Command[]): () => void {
    const list = Array.isArray(cmd) ? cmd : [cmd];
    const ids = new Set(list.map((c) => c.id));
    commands.value = [...commands.value.filter((c) => !ids.has(c.id)), ...list.map((c) => ({ ...c, keys: c.keys?.map(normalizeShortcut) }))];
    return () => { commands.value = commands.value.filter((c) => !ids.has(c.id) || !list.some((l) => l.id === c.id)); };
  }

  async function run(id: string): Promise<boolean> {
    const cmd = commands.value.find((c) => c.id === id);
    if (!cmd) return false;
    lastRun.value = id;
    paletteOpen.value = false;
    await cmd.run();
    return true;
  }

  const byShortcut = computed(() => {
    const map = new Map<string, Command>();
    for (const c of commands.value) for (const k of c.keys ?? []) map.set(k, c);
    return map;
  });

  /** Runs the command bound to a key event; true if one ran (the caller prevents the default). */
  function handleKey(ev: KeyLike): boolean {
    const s = shortcutOf(ev);
    if (!s) return false;
    const cmd = byShortcut.value.get(s);
    if (!cmd) return false;
    void run(cmd.id);
    return true;
  }

  function search(query: string): Command[] {
    return commands.value
      .map((c) => ({ c, s: fuzzyScore(query, `${c.category}: ${c.title}`) }))
      .filter((x): x is { c: Command; s: number } => x.s !== null)
      .sort((a, b) => b.s - a.s || a.c.category.localeCompare(b.c.category) || a.c.title.localeCompare(b.c.title))
      .map((x) => x.c);
  }

  return { commands, paletteOpen, lastRun, register, run, handleKey, search, byShortcut };
});
