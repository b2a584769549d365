// Models GNU coreutils' stream tools: head, tail (with -f), wc, tee, tr, cut.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval, type parsed } from '../../lib/getopt.ts';
import { ostream, istream, usage_error, warn, open_input, quote } from '../../lib/stdio.ts';
import { S_ISREG, S_ISDIR, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } from '../../../include/uapi/stat.ts';
import { EISDIR } from '../../../include/uapi/asm-generic/errno.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Turns the obsolete "-5" / "+5" forms into -n 5 (head and tail accept them). */
function obsolete_count(argv: string[]): string[] {
  if (argv.length > 1 && /^-\d+[cbkmlf]?$/.test(argv[1])) {
    const m = /^-(\d+)([cl]?)/.exec(argv[1])!;
    return [argv[0], m[2] === 'c' ? '-c' : '-n', m[1], ...argv.slice(2)];
  }
  if (argv.length > 1 && /^\+\d+$/.test(argv[1])) return [argv[0], '-n', argv[1], ...argv.slice(2)];
  return argv;
}

/** Sizes like 10, 2K, 1M (coreutils' xstrtoumax suffixes). */
export function parse_size(s: string): number | null {
  const m = /^(\d+)([bkKmMgGtT]?)(B|iB)?$/.exec(s);
  if (!m) return null;
  const si = m[3] === 'B';
  const mult: Record<string, number> = { '': 1, b: 512, k: 1024, K: 1024, m: 1 << 20, M: 1 << 20, g: 1 << 30, G: 1 << 30, t: 2 ** 40, T: 2 ** 40 };
  const mult_si: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, m: 1e6, G: 1e9, g: 1e9, T: 1e12, t: 1e12, b: 512 };
  return Number(m[1]) * (si ? mult_si : mult)[m[2]];
}

function header_mode(p: parsed, n: number): boolean {
  if (has(p, 'q')) return false;
  if (has(p, 'v')) return true;
  return n > 1;
}

export function* head_main(c: Libc, argv0: string[]): KGen<number> {
  const argv = obsolete_count(argv0);
  const p = getopt(argv, { short: 'n:c:qvz', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v' } });
  if (p.error) return yield* usage_error(c, 'head', p.error);
  let lines = 10, bytes = -1, from_end = false;
  for (const [k, v] of p.opts) {
    if (k !== 'n' && k !== 'c') continue;
    const neg = v.startsWith('-');
    const n = parse_size(v.replace(/^[-+]/, ''));
    if (n === null) { yield* c.write(2, `head: invalid number of ${k === 'n' ? 'lines' : 'bytes'}: ${quote(v)}\n`); return 1; }
    from_end = neg;
    if (k === 'n') { lines = n; bytes = -1; } else { bytes = n; }
  }
  const files = p.args.length ? p.args : ['-'];
  const hdr = header_mode(p, files.length);
  const out = new ostream(c);
  let status = 0;
  let first = true;
  for (const f of files) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { yield* out.flush(); yield* warn(c, 'head', `cannot open ${quote(f)} for reading`, fd); status = 1; continue; }
    if (hdr) yield* out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    const inp = new istream(c, fd);
    if (from_end) {
      const all = yield* inp.all();
      if (bytes >= 0) yield* out.write(all.subarray(0, Math.max(0, all.length - bytes)));
      else {
        let ls = dec.decode(all).split(/(?<=\n)/);
        ls = ls.slice(0, Math.max(0, ls.length - lines));
        yield* out.write(ls.join(''));
      }
    } else if (bytes >= 0) {
      let left = bytes;
      while (left > 0) { const b = yield* inp.chunk(); if (!b) break; const t = b.subarray(0, left); left -= t.length; yield* out.write(t.slice()); }
    } else {
      for (let i = 0; i < lines; i++) { const l = yield* inp.line_bytes(); if (!l) break; yield* out.write(l.slice()); }
    }
    if (inp.err === -EISDIR) { yield* out.flush(); yield* warn(c, 'head', `error reading ${quote(f)}`, inp.err); status = 1; }
    if (fd) yield* c.close(fd);
  }
  yield* out.flush();
  return status;
}

export function* tail_main(c: Libc, argv0: string[]): KGen<number> {
  const argv = obsolete_count(argv0);
  const p = getopt(argv, { short: 'n:c:fFqvs:', long: { 'lines=': 'n', 'bytes=': 'c', follow: 'f', quiet: 'q', verbose: 'v', 'sleep-interval=': 's' } });
  if (p.error) return yield* usage_error(c, 'tail', p.error);
  let lines = 10, bytes = -1, from_start = false;
  for (const [k, v] of p.opts) {
    if (k !== 'n' && k !== 'c') continue;
    const n = parse_size(v.replace(/^[-+]/, ''));
    if (n === null) { yield* c.write(2, `tail: invalid number of ${k === 'n' ? 'lines' : 'bytes'}: ${quote(v)}\n`); return 1; }
    from_start = v.startsWith('+');
    if (k === 'n') { lines = n; bytes = -1; } else bytes = n;
  }
  const follow = has(p, 'f') || has(p, 'F');
  const interval = Number(optval(p, 's') ?? 1);
  const files = p.args.length ? p.args : ['-'];
  const hdr = header_mode(p, files.length);
  const out = new ostream(c);
  let status = 0;
  let first = true;
  const followed: { fd: number; name: string }[] = [];
  for (const f of files) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { yield* out.flush(); yield* warn(c, 'tail', `cannot open ${quote(f)} for reading`, fd); status = 1; continue; }
    const st = yield* c.fstat(fd);
    if (typeof st !== 'number' && S_ISDIR(st.mode)) { yield* out.flush(); yield* warn(c, 'tail', `error reading ${quote(f)}`, -EISDIR); status = 1; yield* c.close(fd); continue; }
    if (hdr) yield* out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    const all = yield* new istream(c, fd).all();
    if (bytes >= 0) yield* out.write(from_start ? all.subarray(Math.max(0, bytes - 1)) : all.subarray(Math.max(0, all.length - bytes)));
    else {
      const ls = dec.decode(all).split(/(?<=\n)/).filter((x) => x !== '');
      yield* out.write((from_start ? ls.slice(Math.max(0, lines - 1)) : ls.slice(Math.max(0, ls.length - lines))).join(''));
    }
    if (follow && f !== '-' && typeof st !== 'number' && S_ISREG(st.mode)) followed.push({ fd, name: f });
    else if (fd) yield* c.close(fd);
  }
  yield* out.flush();
  if (!follow || !followed.length) return status;
  // -f: poll the files for growth every interval (tail's polling mode without inotify).
  let last = followed[followed.length - 1].name;
  for (;;) {
    for (const f of followed) {
      const b = yield* c.read(f.fd, 65536);
      if (typeof b === 'number' || !b.length) continue;
      if (hdr && last !== f.name) yield* out.write(`\n==> ${f.name} <==\n`);
      last = f.name;
      yield* out.write(b);
    }
    if ((yield* out.flush()) < 0) return 1;
    yield* c.nanosleep(interval * 1e9);
  }
}

export function* wc_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' } });
  if (p.error) return yield* usage_error(c, 'wc', p.error);
  let want = ['l', 'w', 'm', 'c', 'L'].filter((k) => has(p, k));
  if (!want.length) want = ['l', 'w', 'c'];
  const files = p.args.length ? p.args : ['-'];
  const rows: { counts: Record<string, number>; name: string }[] = [];
  const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
  let status = 0;
  let regular_total = 0, min_width = 1;
  const errors: string[] = [];
  for (const f of files) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { rows.push({ counts: {}, name: `\0${f}\0${fd}` }); status = 1; continue; }
    const st = yield* c.fstat(fd);
    if (typeof st !== 'number') { if (S_ISREG(st.mode)) regular_total += st.size; else min_width = 7; }
    const cnt: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
    const inp = new istream(c, fd);
    let in_word = false, col = 0;
    for (;;) {
      const b = yield* inp.chunk();
      if (!b) break;
      cnt.c += b.length;
      for (const x of b) {
        if ((x & 0xc0) !== 0x80) cnt.m++;
        if (x === 10) { cnt.l++; if (col > cnt.L) cnt.L = col; col = 0; }
        else if (x === 9) col = (col + 8) & ~7; else if ((x & 0xc0) !== 0x80) col++;
        const space = x === 32 || (x >= 9 && x <= 13);
        if (space) in_word = false; else if (!in_word) { in_word = true; cnt.w++; }
      }
    }
    if (col > cnt.L) cnt.L = col;
    if (inp.err) errors.push(f);
    if (fd) yield* c.close(fd);
    for (const k of Object.keys(total)) total[k] = k === 'L' ? Math.max(total[k], cnt[k]) : total[k] + cnt[k];
    rows.push({ counts: cnt, name: f === '-' && !p.args.length ? '' : f });
  }
  let width = 1;
  for (let t = regular_total; t >= 10; t = Math.floor(t / 10)) width++;
  width = Math.max(width, min_width);
  if (want.length === 1 && files.length === 1) width = 1;
  const out = new ostream(c);
  const fmt = (cnt: Record<string, number>, name: string): string => want.map((k) => String(cnt[k]).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n';
  for (const r of rows) {
    if (r.name.startsWith('\0')) {
      const [, f, e] = r.name.split('\0');
      yield* out.flush();
      yield* warn(c, 'wc', f, Number(e));
      continue;
    }
    yield* out.write(fmt(r.counts, r.name));
  }
  if (files.length > 1) yield* out.write(fmt(total, 'total'));
  yield* out.flush();
  return status;
}

export function* tee_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'aip', long: { append: 'a', 'ignore-interrupts': 'i' } });
  if (p.error) return yield* usage_error(c, 'tee', p.error);
  if (has(p, 'i')) yield* c.signal(2, 1);
  let status = 0;
  const fds: { fd: number; name: string }[] = [{ fd: 1, name: 'standard output' }];
  for (const f of p.args) {
    const fd = yield* c.open(f, O_WRONLY | O_CREAT | (has(p, 'a') ? O_APPEND : O_TRUNC), 0o666);
    if (fd < 0) { yield* warn(c, 'tee', f, fd); status = 1; continue; }
    fds.push({ fd, name: f });
  }
  const inp = new istream(c, 0);
  for (;;) {
    const b = yield* inp.chunk();
    if (!b) break;
    const data = b.slice();
    for (const o of fds) {
      if (o.fd < 0) continue;
      const r = yield* c.write(o.fd, data);
      if (r < 0) { yield* warn(c, 'tee', o.name, r); status = 1; o.fd = -1; }
    }
  }
  for (const o of fds.slice(1)) if (o.fd >= 0) yield* c.close(o.fd);
  return status;
}

const CLASSES: Record<string, (ch: number) => boolean> = {
  upper: (x) => x >= 65 && x <= 90, lower: (x) => x >= 97 && x <= 122, digit: (x) => x >= 48 && x <= 57,
  alpha: (x) => (x >= 65 && x <= 90) || (x >= 97 && x <= 122), alnum: (x) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122),
  space: (x) => x === 32 || (x >= 9 && x <= 13), blank: (x) => x === 32 || x === 9, punct: (x) => (x >= 33 && x <= 47) || (x >= 58 && x <= 64) || (x >= 91 && x <= 96) || (x >= 123 && x <= 126),
  print: (x) => x >= 32 && x <= 126, graph: (x) => x >= 33 && x <= 126, cntrl: (x) => x < 32 || x === 127, xdigit: (x) => (x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102),
};

/** Expands a tr SET (ranges, classes, [c*n], escapes) to byte values; null with a message on error. */
export function tr_set(s: string): number[] | string {
  const chars: number[] = [];
  const units: (number | { cls: string } | { rep: number; n: number })[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '[' && s[i + 1] === ':') {
      const e = s.indexOf(':]', i + 2);
      if (e > 0) { const name = s.slice(i + 2, e); if (!CLASSES[name]) return `invalid character class ${quote(name)}`; units.push({ cls: name }); i = e + 1; continue; }
    }
    if (ch === '[' && /^\[(.|\\[0-7]{1,3}|\\.)\*(\d*)\]/.test(s.slice(i))) {
      const m = /^\[(.|\\[0-7]{1,3}|\\.)\*(\d*)\]/.exec(s.slice(i))!;
      const v = m[1].length > 1 ? esc(m[1]) : m[1].charCodeAt(0);
      units.push({ rep: v, n: m[2] ? Number(m[2]) : -1 }); i += m[0].length - 1; continue;
    }
    if (ch === '\\' && i + 1 < s.length) {
      const m = /^\\([0-7]{1,3}|.)/.exec(s.slice(i))!;
      units.push(esc(m[0])); i += m[0].length - 1; continue;
    }
    units.push(ch.charCodeAt(0));
  }
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (typeof u === 'number' && units[k + 1] === 45 && typeof units[k + 2] === 'number' && k + 2 < units.length) {
      const hi = units[k + 2] as number;
      if (hi < u) return `range-endpoints of '${String.fromCharCode(u)}-${String.fromCharCode(hi)}' are in reverse collating sequence order`;
      for (let x = u; x <= hi; x++) chars.push(x);
      k += 2; continue;
    }
    if (typeof u === 'number') chars.push(u);
    else if ('cls' in u) { for (let x = 0; x < 256; x++) if (CLASSES[u.cls](x)) chars.push(x); }
    else for (let n = 0; n < (u.n < 0 ? 1 : u.n); n++) chars.push(u.rep);
  }
  return chars;
}

function esc(e: string): number {
  const m: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92 };
  const b = e.slice(1);
  if (/^[0-7]+$/.test(b)) return parseInt(b, 8) & 0xff;
  return m[b] ?? b.charCodeAt(0);
}

export function* tr_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', truncate: 't' } });
  if (p.error) return yield* usage_error(c, 'tr', p.error);
  const del = has(p, 'd'), squeeze = has(p, 's'), comp = has(p, 'c') || has(p, 'C');
  const need = del && squeeze ? 2 : del || (squeeze && p.args.length < 2) ? 1 : 2;
  if (p.args.length < need) {
    if (!p.args.length) return yield* usage_error(c, 'tr', 'missing operand');
    return yield* usage_error(c, 'tr', del && squeeze ? `missing operand after ${quote(p.args[0])}\nTwo strings must be given when both deleting and squeezing repeats.` : `missing operand after ${quote(p.args[0])}\nTwo strings must be given when translating.`);
  }
  if (p.args.length > need && !(squeeze && !del && p.args.length === 2)) return yield* usage_error(c, 'tr', `extra operand ${quote(p.args[need])}`);
  let s1 = tr_set(p.args[0]);
  if (typeof s1 === 'string') { yield* c.write(2, `tr: ${s1}\n`); return 1; }
  if (comp) { const inset = new Set(s1); s1 = []; for (let x = 0; x < 256; x++) if (!inset.has(x)) s1.push(x); }
  let s2: number[] = [];
  if (p.args[1] !== undefined) { const r = tr_set(p.args[1]); if (typeof r === 'string') { yield* c.write(2, `tr: ${r}\n`); return 1; } s2 = r; }
  const map = new Int16Array(256).map((_, i) => i);
  const delset = new Uint8Array(256);
  const sqset = new Uint8Array(256);
  if (del) for (const x of s1) delset[x] = 1;
  const translating = !del && p.args.length >= 2;
  if (translating) {
    if (!s2.length) { yield* c.write(2, 'tr: when not truncating set1, string2 must be non-empty\n'); return 1; }
    const s1t = has(p, 't') ? s1.slice(0, s2.length) : s1;
    s1t.forEach((x, i) => { map[x] = s2[Math.min(i, s2.length - 1)]; });
  }
  for (const x of squeeze ? (del || translating ? s2 : s1) : []) sqset[x] = 1;
  const out = new ostream(c, 1, 65536);
  const inp = new istream(c, 0);
  let last = -1;
  for (;;) {
    const b = yield* inp.chunk();
    if (!b) break;
    const o: number[] = [];
    for (const x of b) {
      if (delset[x]) continue;
      const y = map[x];
      if (sqset[y] && y === last) continue;
      o.push(y); last = y;
    }
    yield* out.write(Uint8Array.from(o));
    if (out.err) return 1;
  }
  yield* out.flush();
  return 0;
}

/** Parses a cut LIST ("1,3-5,7-") into ranges (1-based, inclusive). */
function cut_list(s: string): [number, number][] | string {
  const out: [number, number][] = [];
  for (const part of s.split(/[,\s]/)) {
    const m = /^(\d*)-?(\d*)$/.exec(part);
    if (!m || part === '' || part === '-') return part === '-' ? 'invalid range with no endpoint: -' : `invalid field value ${quote(part)}`;
    const a = m[1] ? Number(m[1]) : 1;
    const b = part.includes('-') ? (m[2] ? Number(m[2]) : Infinity) : a;
    if (a === 0 || b === 0) return 'fields and positions are numbered from 1';
    if (b < a) return 'invalid decreasing range';
    out.push([a, b]);
  }
  return out;
}

export function* cut_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'b:c:d:f:sn', long: { 'bytes=': 'b', 'characters=': 'c', 'delimiter=': 'd', 'fields=': 'f', 'only-delimited': 's', 'output-delimiter=': 'O', complement: 'C' } });
  if (p.error) return yield* usage_error(c, 'cut', p.error);
  const modes = ['b', 'c', 'f'].filter((k) => has(p, k));
  if (!modes.length) return yield* usage_error(c, 'cut', 'you must specify a list of bytes, characters, or fields');
  if (modes.length > 1) return yield* usage_error(c, 'cut', 'only one type of list may be specified');
  const mode = modes[0];
  const list = cut_list(optval(p, mode)!);
  if (typeof list === 'string') return yield* usage_error(c, 'cut', list);
  const d = optval(p, 'd');
  if (d !== undefined && mode !== 'f') return yield* usage_error(c, 'cut', 'an input delimiter may be specified only when operating on fields');
  if (d !== undefined && [...d].length !== 1) return yield* usage_error(c, 'cut', 'the delimiter must be a single character');
  const delim = d ?? '\t';
  const odelim = optval(p, 'O') ?? (mode === 'f' ? delim : '');
  const complement = has(p, 'C');
  const sel = (i: number): boolean => list.some(([a, b]) => i >= a && i <= b) !== complement;
  const out = new ostream(c);
  let status = 0;
  for (const f of p.args.length ? p.args : ['-']) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { yield* out.flush(); yield* warn(c, 'cut', f, fd); status = 1; continue; }
    const inp = new istream(c, fd);
    for (;;) {
      const l = yield* inp.line();
      if (l === null) break;
      const nl = l.endsWith('\n');
      const body = nl ? l.slice(0, -1) : l;
      let r: string;
      if (mode === 'f') {
        if (!body.includes(delim)) { if (has(p, 's')) continue; r = body; }
        else r = body.split(delim).filter((_, i) => sel(i + 1)).join(odelim);
      } else if (mode === 'b') {
        const bytes = enc.encode(body);
        r = dec.decode(Uint8Array.from([...bytes].filter((_, i) => sel(i + 1))));
      } else r = [...body].filter((_, i) => sel(i + 1)).join('');
      yield* out.write(r + '\n');
    }
    if (fd) yield* c.close(fd);
  }
  yield* out.flush();
  return status;
}

