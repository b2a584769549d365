// The shell's word expansions (POSIX sh 2.6): parameters, command substitution, field splitting, pathname globbing and quote removal.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import type { Word } from './parse.ts';

export interface ExpandEnv {
  vars: Map<string, string>;
  positional: string[];
  last_status: number;
  pid: number;
  last_bg: number;
  /** Runs a command and returns its standard output ($(...)). */
  command_subst(src: string): KGen<string>;
}

/** A character of an expanded word and whether it may still be split/globbed. */
type Field = { chars: string[]; literal: boolean[] };

function* expand_params(text: string, quoted: boolean, env: ExpandEnv): KGen<string> {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted && text[i + 1] === '$') { out += '$'; i++; continue; }
    if (c !== '$' || i + 1 >= text.length) { out += c; continue; }
    const n = text[i + 1];
    if (n === '(') {
      let depth = 0, j = i + 1;
      for (; j < text.length; j++) { if (text[j] === '(') depth++; else if (text[j] === ')' && --depth === 0) break; }
      const inner = text.slice(i + 2, j);
      const r = yield* env.command_subst(inner);
      out += r.replace(/\n+$/, '');
      i = j;
      continue;
    }
    if (n === '{') {
      const j = text.indexOf('}', i + 2);
      if (j < 0) { out += c; continue; }
      const expr = text.slice(i + 2, j);
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?$!#@*])(:?[-=+?])?(.*)$/.exec(expr);
      if (!m) { out += '${' + expr + '}'; i = j; continue; }
      if (expr.startsWith('#') && expr.length > 1) { out += String(lookup(expr.slice(1), env).length); i = j; continue; }
      const v = lookup(m[1], env);
      const op = m[2], word = m[3];
      const unset = op?.startsWith(':') ? v === '' : !isset(m[1], env);
      if (op?.endsWith('-')) out += unset ? word : v;
      else if (op?.endsWith('=')) { if (unset) env.vars.set(m[1], word); out += unset ? word : v; }
      else if (op?.endsWith('+')) out += unset ? '' : word;
      else out += v;
      i = j;
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\d|[?$!#@*0-])/.exec(text.slice(i + 1));
    if (!m) { out += c; continue; }
    out += lookup(m[1], env);
    i += m[1].length;
  }
  return out;
}

function isset(name: string, env: ExpandEnv): boolean {
  if (/^\d+$/.test(name)) return Number(name) <= env.positional.length - 1;
  if ('?$!#@*'.includes(name)) return true;
  return env.vars.has(name);
}

function lookup(name: string, env: ExpandEnv): string {
  switch (name) {
    case '?': return String(env.last_status);
    case '$': return String(env.pid);
    case '!': return env.last_bg ? String(env.last_bg) : '';
    case '#': return String(Math.max(0, env.positional.length - 1));
    case '@': case '*': return env.positional.slice(1).join(' ');
    case '-': return '';
  }
  if (/^\d+$/.test(name)) return env.positional[Number(name)] ?? '';
  return env.vars.get(name) ?? '';
}

const IFS_WS = /[ \t\n]/;

/** Expands one word into fields (several after splitting or globbing, none for an empty unquoted result). */
export function* expand_word(c: Libc, w: Word, env: ExpandEnv, opts: { split: boolean; glob: boolean } = { split: true, glob: true }): KGen<string[]> {
  const fields: Field[] = [{ chars: [], literal: [] }];
  let any_quoted = false;
  for (const part of w) {
    if (part.quoted === 'single') { any_quoted = true; push(fields, part.text, true); continue; }
    if (part.quoted === 'double') {
      any_quoted = true;
      if (part.text === '$@') {
        const args = env.positional.slice(1);
        args.forEach((a, k) => { if (k > 0) fields.push({ chars: [], literal: [] }); push(fields, a, true); });
        continue;
      }
      push(fields, yield* expand_params(part.text, true, env), true);
      continue;
    }
    const v = yield* expand_params(part.text, false, env);
    const expanded = v !== part.text || part.text.includes('$');
    if (opts.split && expanded) {
      // Field splitting on IFS whitespace for the results of expansion only.
      let cur = '';
      let started = false;
      for (const ch of v) {
        if (IFS_WS.test(ch)) {
          if (cur || started) { push(fields, cur, false, true); fields.push({ chars: [], literal: [] }); cur = ''; started = false; }
        } else { cur += ch; started = true; }
      }
      push(fields, cur, false, true);
      if (v.length && IFS_WS.test(v[v.length - 1])) { /* trailing whitespace closes the field */ }
    } else push(fields, v, false, true);
  }
  const result: string[] = [];
  for (const f of fields) {
    if (f.chars.length === 0 && !any_quoted) continue;
    const s = f.chars.join('');
    const globbable = opts.glob && f.chars.some((ch, k) => !f.literal[k] && (ch === '*' || ch === '?' || ch === '['));
    if (globbable) {
      const matches = yield* glob(c, f);
      if (matches.length) { result.push(...matches); continue; }
    }
    result.push(s);
  }
  return result;
}

function push(fields: Field[], s: string, literal: boolean, _unquoted = false): void {
  const f = fields[fields.length - 1];
  for (const ch of s) { f.chars.push(ch); f.literal.push(literal); }
}

/** Compiles one path component of a glob to a RegExp. */
function component_regex(chars: string[], literal: boolean[]): RegExp {
  let re = '^';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (literal[i]) { re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); continue; }
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = chars.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      let cls = chars.slice(i + 1, end).join('');
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

/** Pathname expansion: walks directories component by component; sorted results, dotfiles only when asked. */
function* glob(c: Libc, f: Field): KGen<string[]> {
  // Split the field into components on '/'.
  const comps: { chars: string[]; literal: boolean[] }[] = [{ chars: [], literal: [] }];
  f.chars.forEach((ch, k) => {
    if (ch === '/') comps.push({ chars: [], literal: [] });
    else { comps[comps.length - 1].chars.push(ch); comps[comps.length - 1].literal.push(f.literal[k]); }
  });
  const absolute = f.chars[0] === '/';
  let bases: string[] = [absolute ? '/' : ''];
  for (let k = absolute ? 1 : 0; k < comps.length; k++) {
    const comp = comps[k];
    if (comp.chars.length === 0) continue;
    const magic = comp.chars.some((ch, j) => !comp.literal[j] && (ch === '*' || ch === '?' || ch === '['));
    const next: string[] = [];
    for (const base of bases) {
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!magic) {
        const p = join(comp.chars.join(''));
        if (k === comps.length - 1 || typeof (yield* c.stat(p)) !== 'number') next.push(p);
        continue;
      }
      const entries = yield* c.readdir(base === '' ? '.' : base);
      if (typeof entries === 'number') continue;
      const re = component_regex(comp.chars, comp.literal);
      const dot = comp.chars[0] === '.';
      for (const e of entries.map((x) => x.name).sort()) {
        if (e === '.' || e === '..') continue;
        if (e.startsWith('.') && !dot) continue;
        if (re.test(e)) next.push(join(e));
      }
    }
    bases = next;
    if (!bases.length) return [];
  }
  const lastExists = [] as string[];
  for (const b of bases) if (typeof (yield* c.stat(b, false)) !== 'number') lastExists.push(b);
  return lastExists.sort();
}
