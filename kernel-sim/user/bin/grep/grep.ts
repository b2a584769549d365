// Models GNU grep(1): BRE/ERE/fixed patterns, -i -v -n -c -l -L -q -s -o -w -x -h -H -r -e -E -F, exit status 0/1/2.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { ostream, istream, warn, join_path } from '../../lib/stdio.ts';
import { S_ISDIR, S_ISLNK } from '../../../include/uapi/stat.ts';
import { EISDIR } from '../../../include/uapi/asm-generic/errno.ts';

const CLASS: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f', word: 'A-Za-z0-9_',
};

/** Translates a POSIX bracket expression starting at s[i] ('['); returns [js, next index]. */
function bracket(s: string, i: number): [string, number] | null {
  let j = i + 1;
  let out = '[';
  if (s[j] === '^') { out += '^'; j++; }
  if (s[j] === ']') { out += '\\]'; j++; }
  for (; j < s.length; j++) {
    const ch = s[j];
    if (ch === ']') return [out + ']', j + 1];
    if (ch === '[' && s[j + 1] === ':') {
      const e = s.indexOf(':]', j + 2);
      if (e < 0) return null;
      const cls = CLASS[s.slice(j + 2, e)];
      if (cls === undefined) return null;
      out += cls; j = e + 1; continue;
    }
    if (ch === '\\' || ch === '[' || (ch === '^')) { out += '\\' + ch; continue; }
    out += ch;
  }
  return null;
}

/** POSIX basic or extended regular expression to a JavaScript RegExp source; a string message on error. */
export function posix_to_js(pat: string, extended: boolean): string | { error: string } {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i];
    if (ch === '[') {
      const r = bracket(pat, i);
      if (!r) return { error: pat.includes('[:') ? 'character class syntax is [[:space:]], not [:space:]' : 'Unmatched [, [^, [:, [., or [=' };
      out += r[0]; i = r[1] - 1; continue;
    }
    if (ch === '\\') {
      const n = pat[i + 1];
      if (n === undefined) return { error: 'Trailing backslash' };
      i++;
      if (!extended && '(){}|+?'.includes(n)) { out += n; continue; }
      if (/[1-9]/.test(n)) { out += '\\' + n; continue; }
      if (n === '<') { out += '\\b(?=\\w)'; continue; }
      if (n === '>') { out += '\\b(?<=\\w)'; continue; }
      if ('wWsSbB'.includes(n)) { out += '\\' + n; continue; }
      if (n === '`') { out += '^'; continue; }
      if (n === "'") { out += '$'; continue; }
      out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (!extended && '(){}|+?'.includes(ch)) { out += '\\' + ch; continue; }
    if (ch === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || (out === '^'))) { out += '\\*'; continue; }
    if (ch === '{' && extended && !/^\{\d*(,\d*)?\}/.test(pat.slice(i))) { out += '\\{'; continue; }
    if (ch === '/') { out += '\\/'; continue; }
    out += ch;
  }
  return out;
}

interface gopts { invert: boolean; count: boolean; number: boolean; list: boolean; list_non: boolean; quiet: boolean; only: boolean; names: boolean; silent: boolean; max: number }

export function* grep_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'EFGPivwxcnlLqsohHrRe:f:m:aIZA:B:C:y',
    long: { 'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v', 'word-regexp': 'w', 'line-regexp': 'x', count: 'c', 'line-number': 'n', 'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q', 'no-messages': 's', 'only-matching': 'o', 'no-filename': 'h', 'with-filename': 'H', recursive: 'r', 'dereference-recursive': 'R', 'regexp=': 'e', 'file=': 'f', 'max-count=': 'm', 'color=': '\x01', colour: '\x01', color: '\x01', 'colour=': '\x01', text: 'a' },
  });
  if (p.error) { yield* c.write(2, `grep: ${p.error}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`); return 2; }
  let mode: 'E' | 'F' | 'G' = 'G';
  for (const [k] of p.opts) if (k === 'E' || k === 'F' || k === 'G') mode = k; else if (k === 'P') mode = 'E';
  const pats: string[] = [];
  for (const [k, v] of p.opts) {
    if (k === 'e') pats.push(...v.split('\n'));
    if (k === 'f') {
      const t = yield* c.read_text(v);
      if (typeof t === 'number') { yield* warn(c, 'grep', v, t); return 2; }
      pats.push(...t.replace(/\n$/, '').split('\n'));
    }
  }
  const args = p.args.slice();
  if (!has(p, 'e') && !has(p, 'f')) {
    if (!args.length) { yield* c.write(2, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"); return 2; }
    pats.push(...args.shift()!.split('\n'));
  }
  const icase = has(p, 'i') || has(p, 'y');
  const srcs: string[] = [];
  for (const pat of pats) {
    let s: string;
    if (mode === 'F') s = pat.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else {
      const r = posix_to_js(pat, mode === 'E');
      if (typeof r !== 'string') { yield* c.write(2, `grep: ${r.error}\n`); return 2; }
      s = r;
    }
    if (has(p, 'x')) s = `^(?:${s})$`;
    else if (has(p, 'w')) s = `(?<![A-Za-z0-9_])(?:${s})(?![A-Za-z0-9_])`;
    srcs.push(s);
  }
  let re: RegExp;
  try { re = new RegExp(srcs.map((s) => `(?:${s})`).join('|'), icase ? 'gi' : 'g'); }
  catch { yield* c.write(2, `grep: Invalid regular expression\n`); return 2; }
  const recursive = has(p, 'r') || has(p, 'R');
  if (!args.length) args.push(recursive ? '.' : '-');
  const o: gopts = {
    invert: has(p, 'v'), count: has(p, 'c'), number: has(p, 'n'), list: has(p, 'l'), list_non: has(p, 'L'), quiet: has(p, 'q'),
    only: has(p, 'o'), silent: has(p, 's'), max: p.opts.some(([k]) => k === 'm') ? Number(p.opts.filter(([k]) => k === 'm').pop()![1]) : Infinity,
    names: args.length > 1 || recursive,
  };
  for (const [k] of p.opts) { if (k === 'h') o.names = false; if (k === 'H') o.names = true; }
  const out = new ostream(c);
  let matched = false, error = false;
  const implicit_dot = !p.args.length || (p.args.length === 1 && !has(p, 'e') && !has(p, 'f'));
  const search = function* (path: string, shown: string, top: boolean): KGen<void> {
    if (path !== '-') {
      const st = yield* c.stat(path, top || has(p, 'R'));
      if (typeof st === 'number') {
        if (!top && st === -2) { const l = yield* c.stat(path, false); if (typeof l !== 'number' && S_ISLNK(l.mode)) return; }
        if (!o.silent) { yield* out.flush(); yield* warn(c, 'grep', shown, st); }
        error = true; return;
      }
      if (!top && S_ISLNK(st.mode)) return;
      if (S_ISDIR(st.mode)) {
        if (!recursive) { if (!o.silent) { yield* out.flush(); yield* warn(c, 'grep', shown, -EISDIR); } return; }
        const ents = yield* c.readdir(path);
        if (typeof ents === 'number') { if (!o.silent) { yield* out.flush(); yield* warn(c, 'grep', shown, ents); } error = true; return; }
        for (const e of ents.map((x) => x.name).filter((n) => n !== '.' && n !== '..').sort()) {
          const child = join_path(path, e);
          yield* search(child, top && implicit_dot && path === '.' ? e : join_path(shown, e), false);
          if (matched && o.quiet) return;
        }
        return;
      }
    }
    const fd = path === '-' ? 0 : yield* c.open(path, 0);
    if (fd < 0) { if (!o.silent) { yield* out.flush(); yield* warn(c, 'grep', shown, fd); } error = true; return; }
    const name = path === '-' ? '(standard input)' : shown;
    const inp = new istream(c, fd);
    let count = 0, lineno = 0;
    let binary = false;
    for (;;) {
      if (count >= o.max) break;
      const lb = yield* inp.line_bytes();
      if (!lb) break;
      lineno++;
      if (!has(p, 'a') && lb.includes(0)) binary = true;
      let line = new TextDecoder().decode(lb);
      if (line.endsWith('\n')) line = line.slice(0, -1);
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === o.invert) continue;
      count++;
      matched = true;
      if (o.quiet) break;
      if (o.count || o.list || o.list_non) continue;
      if (binary) continue;
      const prefix = (o.names ? `${name}:` : '') + (o.number ? `${lineno}:` : '');
      if (o.only && !o.invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) yield* out.write(prefix + m[0] + '\n');
      } else yield* out.write(prefix + line + '\n');
    }
    if (fd > 0) yield* c.close(fd);
    if (inp.err === -EISDIR) { if (!o.silent) { yield* out.flush(); yield* warn(c, 'grep', shown, inp.err); } return; }
    if (o.quiet) return;
    if (o.count) yield* out.write((o.names ? `${name}:` : '') + `${count}\n`);
    if (o.list && count) yield* out.write(name + '\n');
    if (o.list_non && !count) yield* out.write(name + '\n');
    if (binary && count && !o.count && !o.list && !o.list_non) yield* out.write(`grep: ${name}: binary file matches\n`);
  };
  for (const a of args) {
    yield* search(a, a, true);
    if (matched && o.quiet) break;
  }
  yield* out.flush();
  if (o.quiet && matched) return 0;
  return error ? 2 : matched ? 0 : 1;
}
