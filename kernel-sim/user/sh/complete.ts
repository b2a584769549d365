// The shell's TAB completion (like bash's programmable-completion defaults): command names from builtins, functions and PATH in command position, file names elsewhere.
import type { KGen } from '../../include/linux/sched.ts';
import type { Shell } from './sh.ts';
import type { completion } from './readline.ts';
import { DT_DIR, DT_LNK, S_ISDIR } from '../../include/uapi/stat.ts';

/** Where the word being completed starts: after the last unquoted blank or operator character. */
function word_start(line: string): number {
  let start = 0, quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === '\\') { i++; continue; }
    if (ch === '"' || ch === "'") { quote = ch; continue; }
    if (' \t;|&()<>`'.includes(ch) || (ch === '=' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(line.slice(start, i)))) start = i + 1;
  }
  return start;
}

/** Whether a word starting at `start` is in command position. */
function command_position(line: string, start: number): boolean {
  const before = line.slice(0, start).replace(/\s+$/, '');
  if (before === '') return true;
  if (/(^|[;|&(`]|\$\(|\b(then|do|else|elif|if|while|until|!|time))$/.test(before)) return true;
  return /(^|[;|&(])\s*([A-Za-z_][A-Za-z0-9_]*=\S*\s*)+$/.test(before + ' ');
}

const unescape = (w: string): string => w.replace(/\\(.)/g, '$1').replace(/^["']/, '');

export function* complete_line(sh: Shell, line: string, cursor: number): KGen<completion> {
  const c = sh.c;
  const text = line.slice(0, cursor);
  const start = word_start(text);
  const word = unescape(text.slice(start));
  if (command_position(text, start) && !word.includes('/') && !word.startsWith('~') && !word.startsWith('.')) {
    const names = new Set<string>();
    for (const n of [...sh.builtin_names(), ...sh.functions.keys(), 'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done']) if (n.startsWith(word)) names.add(n);
    for (const dir of (sh.vars.get('PATH') ?? '').split(':')) {
      const ents = yield* c.readdir(dir || '.');
      if (typeof ents === 'number') continue;
      for (const e of ents) if (e.name.startsWith(word) && e.name !== '.' && e.name !== '..' && e.type !== DT_DIR) names.add(e.name);
    }
    const list = [...names].sort();
    return { start, candidates: list };
  }
  // File names: the directory part as typed, the entries of that directory matching the rest.
  const slash = word.lastIndexOf('/');
  const dir_typed = slash >= 0 ? word.slice(0, slash + 1) : '';
  const prefix = word.slice(slash + 1);
  let dir = dir_typed;
  if (dir.startsWith('~')) dir = (sh.vars.get('HOME') ?? '/root') + dir.slice(1);
  const ents = yield* c.readdir(dir === '' ? '.' : dir);
  if (typeof ents === 'number') return { start, candidates: [] };
  const out: string[] = [];
  const display: string[] = [];
  for (const e of ents.map((x) => x) .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name === '.' || e.name === '..') continue;
    if (!e.name.startsWith(prefix)) continue;
    if (e.name.startsWith('.') && !prefix.startsWith('.')) continue;
    let is_dir = e.type === DT_DIR;
    if (e.type === DT_LNK || e.type === 0) { const st = yield* c.stat((dir || './') + e.name); is_dir = typeof st !== 'number' && S_ISDIR(st.mode); }
    out.push(dir_typed + e.name + (is_dir ? '/' : ''));
    display.push(e.name + (is_dir ? '/' : ''));
  }
  return { start, candidates: out, display };
}
