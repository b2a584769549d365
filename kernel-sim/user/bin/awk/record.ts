// Models awk's records and fields: reading records by RS (newline, one character, a regex, or "" for paragraphs), splitting by FS (" ", one character, a regex, or "" for characters), and $0 rebuilt with OFS.
import type { KGen } from '../../../include/linux/sched.ts';
import type { istream } from '../../lib/stdio.ts';
import { posix_to_js } from '../grep/grep.ts';

/** A dynamic regular expression (a string used where awk wants one), converted from POSIX ERE and cached. */
export class regex_cache {
  private readonly cache = new Map<string, RegExp>();
  get(src: string, flags = ''): RegExp | string {
    const key = flags + '/' + src;
    const have = this.cache.get(key);
    if (have) return have;
    const js = posix_to_js(src, true);
    if (typeof js !== 'string') return js.error;
    try {
      const re = new RegExp(js, flags);
      this.cache.set(key, re);
      return re;
    } catch { return `invalid regular expression /${src}/`; }
  }
}

/** Splits by FS: " " on runs of blanks and newlines (leading and trailing ignored), one other character literally, "" into characters, otherwise an ERE. */
export function split_fields(s: string, fs: string, res: regex_cache, paragraph = false): string[] {
  if (s === '') return [];
  if (fs === ' ') {
    const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
    return t === '' ? [] : t.split(/[ \t\n]+/);
  }
  if (fs === '') return [...s];
  let parts: string[];
  if (fs.length === 1 && fs !== '\\') parts = s.split(fs === '\t' ? '\t' : fs);
  else {
    const re = res.get(fs, 'g');
    if (typeof re === 'string') return [s];
    parts = split_by_regex(s, re);
  }
  // In paragraph mode a newline always separates fields too.
  return paragraph ? parts.flatMap((p) => p.split('\n')) : parts;
}

/** String.split with a regex, but without the capture groups and with empty matches never splitting. */
export function split_by_regex(s: string, re: RegExp): string[] {
  const out: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** Reads records from one input stream according to RS (read afresh for each record, as RS may change). */
export class record_reader {
  private pending = '';
  private eof = false;
  constructor(private readonly src: istream) {}

  *next(rs: string, res: regex_cache): KGen<string | null> {
    if (rs === '\n' && !this.pending) {
      const l = yield* this.src.line();
      if (l === null) return null;
      return l.endsWith('\n') ? l.slice(0, -1) : l;
    }
    for (;;) {
      const found = this.find(rs, res);
      if (found) return found;
      if (this.eof) {
        let rest = this.pending;
        this.pending = '';
        if (rs === '') rest = rest.replace(/^\n+/, '').replace(/\n+$/, '');
        return rest === '' ? null : rest;
      }
      const b = yield* this.src.chunk();
      if (b === null) this.eof = true; else this.pending += new TextDecoder().decode(b);
    }
  }

  /** The next complete record in what has been read, if its terminator has arrived. */
  private find(rs: string, res: regex_cache): string | null {
    if (rs === '') {
      this.pending = this.pending.replace(/^\n+/, '');
      const m = /\n\n+/.exec(this.pending);
      // A run of newlines at the end of what we have may continue: wait for more unless at EOF.
      if (!m || (m.index + m[0].length === this.pending.length && !this.eof)) return null;
      const r = this.pending.slice(0, m.index);
      this.pending = this.pending.slice(m.index + m[0].length);
      return r;
    }
    if (rs.length === 1) {
      const i = this.pending.indexOf(rs);
      if (i < 0) return null;
      const r = this.pending.slice(0, i);
      this.pending = this.pending.slice(i + 1);
      return r;
    }
    const re = res.get(rs);
    if (typeof re === 'string') return null;
    const m = re.exec(this.pending);
    if (!m || m[0] === '' || (m.index + m[0].length === this.pending.length && !this.eof)) return null;
    const r = this.pending.slice(0, m.index);
    this.pending = this.pending.slice(m.index + m[0].length);
    return r;
  }
}
