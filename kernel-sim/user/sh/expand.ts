// The shell's word expansions (POSIX sh 2.6): tilde, parameters, command substitution, arithmetic, field splitting, pathname globbing and quote removal.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { match_paren, type Word } from './parse.ts';
import { arith_eval, ArithError } from './arith.ts';

export interface ExpandEnv {
  vars: Map<string, string>;
  positional: string[];
  last_status: number;
  pid: number;
  last_bg: number;
  /** Runs a command and returns its standard output ($(...)). */
  command_subst(src: string): KGen<string>;
}

/** An expansion error (bad substitution, ${x?}, arithmetic): the command fails with this message. */
export class ExpandError extends Error {}

/** A character of an expanded word and whether it may still be split/globbed. */
type Field = { chars: string[]; literal: boolean[] };

/** Index of the '}' closing the '{' at `open` (nested braces and quotes skipped). */
function close_brace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') { j++; continue; }
    if (ch === '{') depth++;
    else if (ch === '}') { if (--depth === 0) return j; }
    else if (ch === "'") { const e = text.indexOf("'", j + 1); if (e > 0) j = e; }
  }
  return -1;
}

/** A shell pattern (for case and ${x#pat}) as a RegExp source. */
export function pattern_source(pat: string): string {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i];
    if (ch === '\\' && i + 1 < pat.length) { re += pat[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); continue; }
    if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else if (ch === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      let cls = pat.slice(i + 1, end);
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\').replace(/\[:(\w+):\]/g, (_m, n: string) => ({ alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n' } as Record<string, string>)[n] ?? '')}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

/** Whether `s` matches the shell pattern; `quoted` marks pattern characters that are literal. */
export function pattern_match(pat: string, s: string): boolean {
  try { return new RegExp(`^${pattern_source(pat)}$`).test(s); } catch { return pat === s; }
}

function* expand_params(text: string, quoted: boolean, env: ExpandEnv): KGen<string> {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted && i + 1 < text.length) { out += text[i + 1]; i++; continue; }
    if (c !== '$' || i + 1 >= text.length) { out += c; continue; }
    const n = text[i + 1];
    if (n === '(') {
      const j = match_paren(text, i + 1);
      if (text[i + 2] === '(' && text[j - 1] === ')') {
        // $((expr)): arithmetic; the inner text is expanded first, as double-quoted.
        const inner = yield* expand_params(text.slice(i + 3, j - 1), true, env);
        try { out += String(arith_eval(inner, { get: (k) => lookup(k, env), set: (k, v) => env.vars.set(k, v) })); }
        catch (e) { if (e instanceof ArithError) throw new ExpandError(`arithmetic expression: ${e.message}: "${inner.trim()}"`); throw e; }
        i = j;
        continue;
      }
      const r = yield* env.command_subst(text.slice(i + 2, j));
      out += r.replace(/\n+$/, '');
      i = j;
      continue;
    }
    if (n === '{') {
      const j = close_brace(text, i + 1);
      if (j < 0) throw new ExpandError('bad substitution');
      out += yield* brace_param(text.slice(i + 2, j), env);
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

/** ${...}: ${#x}, ${x:-w} ${x-w} ${x:=w} ${x:+w} ${x:?w}, ${x#p} ${x##p} ${x%p} ${x%%p}. */
function* brace_param(expr: string, env: ExpandEnv): KGen<string> {
  if (/^#([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!])$/.test(expr)) {
    const name = expr.slice(1);
    if (name === '@' || name === '*') return String(Math.max(0, env.positional.length - 1));
    return String([...lookup(name, env)].length);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?$!#@*-])(?:(:?[-=+?])|(##?|%%?))?([\s\S]*)$/.exec(expr);
  if (!m || (m[2] === undefined && m[3] === undefined && m[4] !== '')) throw new ExpandError(`\${${expr}}: bad substitution`);
  const name = m[1];
  const v = lookup(name, env);
  const word = async_word(m[4]);
  if (m[3]) {
    const pat = yield* expand_params(word, true, env);
    const src = pattern_source(pat);
    const greedy = m[3].length === 2;
    if (m[3][0] === '#') {
      for (let k = greedy ? v.length : 0; greedy ? k >= 0 : k <= v.length; k += greedy ? -1 : 1) if (new RegExp(`^(?:${src})$`).test(v.slice(0, k))) return v.slice(k);
      return v;
    }
    for (let k = greedy ? 0 : v.length; greedy ? k <= v.length : k >= 0; k += greedy ? 1 : -1) if (new RegExp(`^(?:${src})$`).test(v.slice(k))) return v.slice(0, k);
    return v;
  }
  const op = m[2];
  if (!op) return v;
  const unset = op.startsWith(':') ? v === '' : !isset(name, env);
  const kind = op[op.length - 1];
  if (kind === '-') return unset ? yield* expand_params(word, true, env) : v;
  if (kind === '=') {
    if (!unset) return v;
    const w = yield* expand_params(word, true, env);
    if (!/^[A-Za-z_]/.test(name)) throw new ExpandError(`${name}: cannot assign in this way`);
    env.vars.set(name, w);
    return w;
  }
  if (kind === '+') return unset ? '' : yield* expand_params(word, true, env);
  if (unset) throw new ExpandError(`${name}: ${word ? yield* expand_params(word, true, env) : 'parameter not set'}`);
  return v;
}

/** The word inside ${x:-word} keeps its own quotes: strip them for expansion (double-quote context). */
function async_word(w: string): string {
  return w.replace(/'([^']*)'/g, (_m, s: string) => s.replace(/[\\$`]/g, '\\$&')).replace(/"([^"]*)"/g, '$1');
}

function isset(name: string, env: ExpandEnv): boolean {
  if (/^\d+$/.test(name)) return Number(name) <= env.positional.length - 1;
  if ('?$!#@*-'.includes(name)) return true;
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

/** Expands parameters, command substitutions and arithmetic in a string (PS1, here-documents, case patterns); no splitting. */
export function* expand_string(text: string, env: ExpandEnv, quoted = true): KGen<string> {
  return yield* expand_params(text, quoted, env);
}

/** Evaluates $((...)) text for the arithmetic command and tests. */
export function* expand_arith(text: string, env: ExpandEnv): KGen<bigint> {
  const inner = yield* expand_params(text, true, env);
  return arith_eval(inner, { get: (k) => lookup(k, env), set: (k, v) => env.vars.set(k, v) });
}

/** Expands one word into fields (several after splitting or globbing, none for an empty unquoted result). */
export function* expand_word(c: Libc, w: Word, env: ExpandEnv, opts: { split: boolean; glob: boolean } = { split: true, glob: true }): KGen<string[]> {
  const fields: Field[] = [{ chars: [], literal: [] }];
  let any_quoted = false;
  const ifs = env.vars.has('IFS') ? env.vars.get('IFS')! : ' \t\n';
  for (let k = 0; k < w.length; k++) {
    const part = w[k];
    if (part.quoted === 'single') { any_quoted = true; push(fields, part.text, true); continue; }
    if (part.quoted === 'double') {
      any_quoted = true;
      if (part.text === '$@' || part.text === '${@}') {
        const args = env.positional.slice(1);
        if (!args.length && w.length === 1) any_quoted = false;
        args.forEach((a, i) => { if (i > 0) fields.push({ chars: [], literal: [] }); push(fields, a, true); });
        continue;
      }
      push(fields, yield* expand_params(part.text, true, env), true);
      continue;
    }
    let text = part.text;
    // Tilde expansion at the start of a word.
    if (k === 0 && text.startsWith('~')) {
      const m = /^~([A-Za-z0-9_]*)(?=\/|$)/.exec(text);
      if (m && (m[1] === '' || m[1] === 'root')) {
        push(fields, m[1] === '' ? env.vars.get('HOME') ?? '/root' : '/root', true);
        text = text.slice(m[0].length);
      }
    }
    // Literal text and expansions alternate: only the results of expansions are split.
    let lit = '';
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '$' && i + 1 < text.length && /[({A-Za-z_0-9?$!#@*-]/.test(text[i + 1])) {
        if (lit) { push(fields, lit, false); lit = ''; }
        let end: number;
        if (text[i + 1] === '(') end = match_paren(text, i + 1);
        else if (text[i + 1] === '{') { end = close_brace(text, i + 1); if (end < 0) throw new ExpandError('bad substitution'); }
        else { const m = /^([A-Za-z_][A-Za-z0-9_]*|\d|[?$!#@*-])/.exec(text.slice(i + 1))!; end = i + m[0].length; }
        const seg = text.slice(i, end + 1);
        if ((seg === '$@' || seg === '${@}' || seg === '$*' || seg === '${*}') && opts.split) {
          const args = env.positional.slice(1);
          args.forEach((a, n) => { if (n > 0) fields.push({ chars: [], literal: [] }); split_into(fields, a, ifs, false); });
        } else {
          const v = yield* expand_params(seg, false, env);
          if (opts.split) split_into(fields, v, ifs, true); else push(fields, v, false);
        }
        i = end;
        continue;
      }
      lit += text[i];
    }
    if (lit) push(fields, lit, false);
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

/** Field splitting of an expansion's result on IFS: whitespace runs collapse, other IFS characters delimit. */
function split_into(fields: Field[], v: string, ifs: string, _from_expansion: boolean): void {
  if (ifs === '') { push(fields, v, false); return; }
  let i = 0;
  const isws = (ch: string): boolean => ifs.includes(ch) && ' \t\n'.includes(ch);
  const isdelim = (ch: string): boolean => ifs.includes(ch) && !' \t\n'.includes(ch);
  let cur = '';
  let pending_break = false;
  while (i < v.length) {
    const ch = v[i];
    if (isws(ch) || isdelim(ch)) {
      // A run of IFS whitespace with at most one non-whitespace delimiter is one separator.
      let j = i, hard = false;
      while (j < v.length && (isws(v[j]) || (isdelim(v[j]) && !hard))) { if (isdelim(v[j])) hard = true; j++; }
      if (cur || pending_break || hard || fields[fields.length - 1].chars.length) {
        push(fields, cur, false);
        fields.push({ chars: [], literal: [] });
        cur = '';
      }
      pending_break = false;
      i = j;
      continue;
    }
    cur += ch; i++;
  }
  push(fields, cur, false);
}

function push(fields: Field[], s: string, literal: boolean): void {
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
  const comps: { chars: string[]; literal: boolean[] }[] = [{ chars: [], literal: [] }];
  f.chars.forEach((ch, k) => {
    if (ch === '/') comps.push({ chars: [], literal: [] });
    else { comps[comps.length - 1].chars.push(ch); comps[comps.length - 1].literal.push(f.literal[k]); }
  });
  const absolute = f.chars[0] === '/';
  let bases: string[] = [absolute ? '/' : ''];
  for (let k = absolute ? 1 : 0; k < comps.length; k++) {
    const comp = comps[k];
    if (comp.chars.length === 0) { if (k === comps.length - 1) bases = bases.map((b) => b + '/'); continue; }
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
  const exists: string[] = [];
  for (const b of bases) if (typeof (yield* c.stat(b, false)) !== 'number') exists.push(b);
  return exists.sort();
}
