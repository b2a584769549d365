// Models awk's built-in functions (POSIX awk "String Functions" and "Arithmetic Functions", plus close, fflush and system).
import type { KGen } from '../../../include/linux/sched.ts';
import type { expr } from './ast.ts';
import type { awk_interp } from './interp.ts';
import { split_by_regex, split_fields } from './record.ts';
import { AwkFatal, awk_sprintf, strnum, to_num, type cell } from './value.ts';

/** The replacement text of sub/gsub: & is the match, \& a literal ampersand, \\ a backslash. */
function expand_replacement(repl: string, matched: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i]!;
    if (ch === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) { out += repl[++i]; continue; }
    out += ch === '&' ? matched : ch;
  }
  return out;
}

/** sub/gsub on a string: the new string and how many replacements; an empty match right after a match is skipped, as awk does. */
export function substitute(re: RegExp, repl: string, s: string, global: boolean): { text: string; count: number } {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let out = '', i = 0, count = 0, last_end = -1;
  for (;;) {
    g.lastIndex = i;
    const m = g.exec(s);
    if (!m) break;
    const start = m.index, end = start + m[0].length;
    if (start === end && start === last_end) {
      if (start >= s.length) break;
      out += s.slice(i, start + 1);
      i = start + 1;
      continue;
    }
    out += s.slice(i, start) + expand_replacement(repl, m[0]);
    count++;
    last_end = end;
    i = end;
    if (!global) break;
    if (start === end) {
      if (start >= s.length) break;
      out += s[start];
      i = start + 1;
    }
  }
  return { text: out + s.slice(i), count };
}

/** substr(s, m, n) with awk's rounding: characters from position m (1-based) for n characters, clipped to the string. */
export function substr(s: string, m: number, n?: number): string {
  if (Number.isNaN(m) || (n !== undefined && Number.isNaN(n))) return '';
  const start = Math.round(m);
  const end = n === undefined ? Infinity : start + Math.round(n);
  const a = Math.max(start, 1), b = Math.min(end, s.length + 1);
  return b > a ? s.slice(a - 1, b - 1) : '';
}

/** A small seeded generator for rand(): the same seed gives the same sequence, as awk's srand promises. */
function next_rand(i: awk_interp): number {
  let t = (i.rand_state = (i.rand_state + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const ARITY: Record<string, [number, number]> = {
  length: [0, 1], substr: [2, 3], index: [2, 2], split: [2, 3], sub: [2, 3], gsub: [2, 3], match: [2, 2], sprintf: [1, Infinity],
  sin: [1, 1], cos: [1, 1], atan2: [2, 2], exp: [1, 1], log: [1, 1], sqrt: [1, 1], int: [1, 1], rand: [0, 0], srand: [0, 1],
  tolower: [1, 1], toupper: [1, 1], system: [1, 1], close: [1, 1], fflush: [0, 1],
};

const MATH: Record<string, (x: number, y: number) => number> = {
  sin: Math.sin, cos: Math.cos, atan2: Math.atan2, exp: Math.exp, log: Math.log, sqrt: Math.sqrt, int: Math.trunc,
};

export function* builtin_call(it: awk_interp, name: string, args: expr[]): KGen<cell> {
  const [min, max] = ARITY[name]!;
  if (args.length < min || args.length > max) throw new AwkFatal(`${name}: called with ${args.length} argument${args.length === 1 ? '' : 's'}`);
  const str = function* (k: number): KGen<string> { return it.str(yield* it.eval(args[k]!)); };
  const num = function* (k: number): KGen<number> { return to_num(yield* it.eval(args[k]!)); };
  if (name in MATH) return MATH[name]!(yield* num(0), args[1] ? yield* num(1) : 0);
  switch (name) {
    case 'length': {
      const a = args[0];
      if (!a) return it.str(it.get_field(0)).length;
      if (a.t === 'var' && it.globals.get(a.name) instanceof Map) return it.get_array(a.name).size;
      return (yield* str(0)).length;
    }
    case 'substr': return substr(yield* str(0), yield* num(1), args[2] ? yield* num(2) : undefined);
    case 'index': { const s = yield* str(0), t = yield* str(1); return s.indexOf(t) + 1; }
    case 'tolower': return (yield* str(0)).toLowerCase();
    case 'toupper': return (yield* str(0)).toUpperCase();
    case 'sprintf': {
      const vals: cell[] = [];
      for (const a of args) vals.push(yield* it.eval(a));
      return awk_sprintf(it.str(vals[0]), vals.slice(1), it.str(it.get_var('CONVFMT')));
    }
    case 'split': {
      const s = yield* str(0);
      const target = args[1]!;
      if (target.t !== 'var') throw new AwkFatal('split: second argument is not an array');
      let parts: string[];
      if (args[2]?.t === 'regex') parts = s === '' ? [] : split_by_regex(s, yield* it.regex_of(args[2], 'g'));
      else parts = split_fields(s, args[2] ? yield* str(2) : it.str(it.get_var('FS')), it.res);
      const a = it.get_array(target.name);
      a.clear();
      parts.forEach((p, k) => a.set(String(k + 1), new strnum(p)));
      return parts.length;
    }
    case 'sub': case 'gsub': {
      const re = yield* it.regex_of(args[0]!);
      const repl = yield* str(1);
      const target = args[2] ?? { t: 'field' as const, index: { t: 'num' as const, v: 0 } };
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'elem') throw new AwkFatal(`${name}: third argument is not a variable`);
      const r = substitute(re, repl, it.str(yield* it.eval(target)), name === 'gsub');
      if (r.count) yield* it.assign(target, r.text);
      return r.count;
    }
    case 'match': {
      const s = yield* str(0);
      const m = (yield* it.regex_of(args[1]!)).exec(s);
      it.globals.set('RSTART', m ? m.index + 1 : 0);
      it.globals.set('RLENGTH', m ? m[0].length : -1);
      return m ? m.index + 1 : 0;
    }
    case 'rand': return next_rand(it);
    case 'srand': {
      const prev = it.rand_seed;
      it.rand_seed = args[0] ? Math.trunc(yield* num(0)) : Math.floor((yield* it.c.clock_gettime(0)) / 1e9);
      it.rand_state = it.rand_seed;
      return prev;
    }
    case 'system': return yield* it.io.system(yield* str(0));
    case 'close': return yield* it.io.close(yield* str(0));
    case 'fflush': yield* it.io.flush_all(); return 0;
  }
  throw new AwkFatal(`function \`${name}' not defined`);
}
