// Models GNU coreutils sort(1) (-n -r -u -k -t -f -b -h -V -o -s, C locale) and uniq(1) (-c -d -u -i -f -s).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, istream, usage_error, warn, open_input, quote } from '../../lib/stdio.ts';
import { O_WRONLY, O_CREAT, O_TRUNC } from '../../../include/uapi/stat.ts';

interface key { sf: number; sc: number; ef: number; ec: number; flags: string }

function parse_key(s: string, global: string): key | null {
  const m = /^(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*))?$/.exec(s);
  if (!m || Number(m[1]) === 0) return null;
  const flags = (m[3] ?? '') + (m[6] ?? '');
  return { sf: Number(m[1]), sc: Number(m[2] ?? 1), ef: m[4] ? Number(m[4]) : Infinity, ec: m[5] ? Number(m[5]) : 0, flags: flags || global };
}

const blank = (ch: string): boolean => ch === ' ' || ch === '\t';

/** Field starts: with -t at the separator, else where blanks begin (leading blanks belong to the field). */
function fields(line: string, sep: string | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (sep !== undefined) {
    let start = 0;
    for (;;) { const i = line.indexOf(sep, start); if (i < 0) { out.push([start, line.length]); break; } out.push([start, i]); start = i + sep.length; }
    return out;
  }
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && blank(line[i])) i++;
    while (i < line.length && !blank(line[i])) i++;
    out.push([s, i]);
  }
  if (!out.length) out.push([0, 0]);
  return out;
}

function extract(line: string, k: key, sep: string | undefined): string {
  const fs = fields(line, sep);
  const f0 = fs[k.sf - 1];
  if (!f0) return '';
  let start = f0[0];
  if (k.flags.includes('b')) while (start < f0[1] && blank(line[start])) start++;
  start = Math.min(start + k.sc - 1, f0[1]);
  let end: number;
  if (k.ef === Infinity) end = line.length;
  else {
    const f1 = fs[k.ef - 1];
    if (!f1) end = line.length;
    else if (k.ec === 0) end = f1[1];
    else { let s = f1[0]; if (k.flags.includes('b')) while (s < f1[1] && blank(line[s])) s++; end = Math.min(s + k.ec, f1[1]); }
  }
  return end > start ? line.slice(start, end) : '';
}

function num_prefix(s: string): number {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?/.exec(s);
  if (!m || (!m[2] && !m[3])) return 0;
  return Number(`${m[1]}${m[2] || '0'}.${m[3] || '0'}`);
}

function human_num(s: string): number {
  const m = /^\s*(-?\d*\.?\d*)([KMGTPEZY]?)/.exec(s);
  if (!m || !m[1] || m[1] === '-') return 0;
  return Number(m[1]) * 1024 ** ' KMGTPEZY'.indexOf(m[2] || ' ');
}

function version_cmp(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [], pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '', y = pb[i] ?? '';
    if (/^\d/.test(x) && /^\d/.test(y)) { const d = Number(x) - Number(y); if (d) return d; }
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compare_by(a: string, b: string, flags: string): number {
  let x = a, y = b;
  if (flags.includes('b')) { x = x.replace(/^[ \t]+/, ''); y = y.replace(/^[ \t]+/, ''); }
  if (flags.includes('d')) { x = x.replace(/[^A-Za-z0-9 \t]/g, ''); y = y.replace(/[^A-Za-z0-9 \t]/g, ''); }
  if (flags.includes('i')) { x = x.replace(/[^\x20-\x7e]/g, ''); y = y.replace(/[^\x20-\x7e]/g, ''); }
  let r: number;
  if (flags.includes('n')) r = num_prefix(x) - num_prefix(y);
  else if (flags.includes('g')) { const nx = parseFloat(x), ny = parseFloat(y); r = (Number.isNaN(nx) ? -Infinity : nx) - (Number.isNaN(ny) ? -Infinity : ny); if (Number.isNaN(r)) r = 0; }
  else if (flags.includes('h')) r = human_num(x) - human_num(y);
  else if (flags.includes('V')) r = version_cmp(x, y);
  else {
    if (flags.includes('f')) { x = x.toUpperCase(); y = y.toUpperCase(); }
    r = x < y ? -1 : x > y ? 1 : 0;
  }
  return flags.includes('r') ? -r : r;
}

export function* sort_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'bcdfghik:MnmorRsS:t:T:uVz', long: { 'key=': 'k', 'field-separator=': 't', numeric_sort: 'n', 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'output=': 'o', 'ignore-case': 'f', 'human-numeric-sort': 'h', 'version-sort': 'V', stable: 's', check: 'c', 'ignore-leading-blanks': 'b', 'general-numeric-sort': 'g' } });
  if (p.error) return yield* usage_error(c, 'sort', p.error, 2);
  let global = '';
  for (const f of 'bdfghinrV') if (has(p, f)) global += f;
  const keys: key[] = [];
  for (const [k, v] of p.opts) if (k === 'k') {
    const kk = parse_key(v, global);
    if (!kk) { yield* c.write(2, `sort: invalid number at field start: invalid count at start of ${quote(v)}\n`); return 2; }
    keys.push(kk);
  }
  const t = optval(p, 't');
  if (t !== undefined && t.length !== 1) { yield* c.write(2, `sort: multi-character tab ${quote(t)}\n`); return 2; }
  const lines: string[] = [];
  const status = 0;
  for (const f of p.args.length ? p.args : ['-']) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { yield* warn(c, 'sort', `cannot read: ${f}`, fd); return 2; }
    const data = new TextDecoder().decode(yield* new istream(c, fd).all());
    if (fd) yield* c.close(fd);
    const ls = data.split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    lines.push(...ls);
  }
  const stable = has(p, 's');
  const reverse_last = global.includes('r');
  const cmp = (a: string, b: string): number => {
    let r = 0;
    if (keys.length) {
      for (const k of keys) { r = compare_by(extract(a, k, t), extract(b, k, t), k.flags); if (r) return r; }
    } else if (global.replace('r', '')) {
      r = compare_by(a, b, global); if (r) return r;
    } else {
      r = a < b ? -1 : a > b ? 1 : 0;
      return reverse_last ? -r : r;
    }
    if (stable || has(p, 'u')) return 0;
    // Last resort: the whole line, byte by byte.
    r = a < b ? -1 : a > b ? 1 : 0;
    return reverse_last ? -r : r;
  };
  if (has(p, 'c')) {
    for (let i = 1; i < lines.length; i++) {
      const r = cmp(lines[i - 1], lines[i]);
      if (r > 0 || (r === 0 && has(p, 'u'))) { yield* c.write(2, `sort: ${p.args[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`); return 1; }
    }
    return 0;
  }
  const sorted = lines.map((l, i) => [l, i] as [string, number]).sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1]).map((x) => x[0]);
  let result = sorted;
  if (has(p, 'u')) result = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1], l) !== 0);
  const o = optval(p, 'o');
  let fd = 1;
  if (o !== undefined) {
    fd = yield* c.open(o, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) { yield* warn(c, 'sort', `open failed: ${o}`, fd); return 2; }
  }
  const out = new ostream(c, fd);
  for (const l of result) yield* out.write(l + '\n');
  yield* out.flush();
  if (fd !== 1) yield* c.close(fd);
  return status;
}

export function* uniq_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'cdDuif:s:w:z', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields=': 'f', 'skip-chars=': 's', 'check-chars=': 'w', 'all-repeated': 'D' } });
  if (p.error) return yield* usage_error(c, 'uniq', p.error);
  if (p.args.length > 2) return yield* usage_error(c, 'uniq', `extra operand ${quote(p.args[2])}`);
  const skipf = Number(optval(p, 'f') ?? 0), skipc = Number(optval(p, 's') ?? 0);
  const w = optval(p, 'w') !== undefined ? Number(optval(p, 'w')) : Infinity;
  const key = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipf; i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipc).slice(0, w === Infinity ? undefined : w);
    return has(p, 'i') ? s.toLowerCase() : s;
  };
  const inname = p.args[0] ?? '-';
  const fd = yield* open_input(c, inname);
  if (fd < 0) { yield* warn(c, 'uniq', inname, fd); return 1; }
  let ofd = 1;
  if (p.args[1]) { ofd = yield* c.open(p.args[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666); if (ofd < 0) { yield* warn(c, 'uniq', p.args[1], ofd); return 1; } }
  const out = new ostream(c, ofd);
  const inp = new istream(c, fd);
  let prev: string | null = null;
  let group: string[] = [];
  const flush = function* (): KGen<void> {
    if (prev === null) return;
    const n = group.length;
    if (has(p, 'D')) { if (n > 1) for (const g of group) yield* out.write(g + '\n'); return; }
    if (has(p, 'd') && n < 2) return;
    if (has(p, 'u') && n > 1) return;
    yield* out.write((has(p, 'c') ? `${String(n).padStart(7)} ` : '') + group[0] + '\n');
  };
  for (;;) {
    const l = yield* inp.line();
    if (l === null) break;
    const line = l.endsWith('\n') ? l.slice(0, -1) : l;
    if (prev !== null && key(line) === key(prev)) { group.push(line); continue; }
    yield* flush();
    prev = line; group = [line];
  }
  yield* flush();
  yield* out.flush();
  return 0;
}
