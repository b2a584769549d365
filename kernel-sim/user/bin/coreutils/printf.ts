// Models GNU coreutils printf(1): the format reused until the arguments run out, C conversions, %b and %q, backslash escapes.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { usage_error } from '../../lib/stdio.ts';

/** Backslash escapes of printf formats (and %b, where \c stops output and octal is \0NNN). */
export function unescape(s: string, b_mode: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\' || i + 1 >= s.length) { out += ch; continue; }
    const n = s[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\', '"': '"', "'": "'" };
    if (n in simple) { out += simple[n]; continue; }
    if (n === 'c') return { text: out, stop: true };
    if (/[0-7]/.test(n)) {
      const max = b_mode && n === '0' ? 4 : 3;
      let j = i, v = '';
      while (j < s.length && v.length < max && /[0-7]/.test(s[j])) v += s[j++];
      if (b_mode && n === '0') v = v.slice(1) || '0';
      out += String.fromCharCode(parseInt(v, 8) & 0xff); i = j - 1; continue;
    }
    if (n === 'x') {
      let j = i + 1, v = '';
      while (j < s.length && v.length < 2 && /[0-9a-fA-F]/.test(s[j])) v += s[j++];
      if (!v) { out += '\\x'; continue; }
      out += String.fromCharCode(parseInt(v, 16)); i = j - 1; continue;
    }
    if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const v = s.slice(i + 1, i + 1 + len);
      if (/^[0-9a-fA-F]+$/.test(v) && v.length === len) { out += String.fromCodePoint(parseInt(v, 16)); i += len; continue; }
    }
    out += '\\' + n;
  }
  return { text: out, stop: false };
}

function shell_quote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_\-./,:=+@%^]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export function* printf_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (!args.length) return yield* usage_error(c, 'printf', 'missing operand');
  const fmt = args.shift()!;
  let status = 0;
  const errs: string[] = [];
  let out = '';
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  const num = (s: string | undefined, int: boolean): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]./.test(s)) return s.codePointAt(1)!;
    const t = s.trim();
    const v = int ? (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[-+]?0[0-7]+$/.test(t) ? parseInt(t, 8) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN) : Number(t);
    if (Number.isNaN(v)) {
      const lead = int ? /^[-+]?\d+/.exec(t) : /^[-+]?\d*\.?\d+/.exec(t);
      errs.push(lead ? `printf: ${quoteq(s)}: value not completely converted` : `printf: ${quoteq(s)}: expected a numeric value`);
      status = 1;
      return lead ? Number(lead[0]) : 0;
    }
    return v;
  };
  const quoteq = (s: string): string => `'${s}'`;
  for (;;) {
    const start_ai = ai;
    let stop = false;
    for (let i = 0; i < fmt.length && !stop; i++) {
      const ch = fmt[i];
      if (ch === '\\') {
        let j = i + 1;
        if (fmt[j] === 'x') { j++; while (j < fmt.length && j < i + 4 && /[0-9a-fA-F]/.test(fmt[j])) j++; }
        else if (/[0-7]/.test(fmt[j] ?? '')) { while (j < fmt.length && j < i + 4 && /[0-7]/.test(fmt[j])) j++; }
        else if (fmt[j] === 'u') j += 5; else if (fmt[j] === 'U') j += 9;
        else j++;
        const r = unescape(fmt.slice(i, j), false);
        out += r.text;
        if (fmt[i + 1] === 'c') { stop = true; break; }
        i = j - 1;
        continue;
      }
      if (ch !== '%') { out += ch; continue; }
      const m = /^%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([diouxXfFeEgGcsbq%])/.exec(fmt.slice(i));
      if (!m) {
        const bad = fmt[i + 1] ?? '';
        yield* c.write(1, out);
        yield* c.write(2, bad ? `printf: %${bad}: invalid conversion specification\n` : 'printf: %: invalid conversion specification\n');
        return 1;
      }
      i += m[0].length - 1;
      const conv = m[4];
      if (conv === '%') { out += '%'; continue; }
      const flags = m[1];
      const width = m[2] === '*' ? num(next(), true) : Number(m[2] || 0);
      const prec = m[3] === undefined ? undefined : m[3] === '*' ? num(next(), true) : Number(m[3] || 0);
      let s: string;
      const arg = next();
      switch (conv) {
        case 'd': case 'i': { const v = Math.trunc(num(arg, true)); s = String(Math.abs(v)); if (prec !== undefined) s = s.padStart(prec, '0'); s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s; break; }
        case 'o': case 'u': case 'x': case 'X': {
          let v = Math.trunc(num(arg, true));
          if (v < 0) v = Number(BigInt.asUintN(64, BigInt(v)));
          s = conv === 'o' ? v.toString(8) : conv === 'u' ? String(v) : v.toString(16);
          if (conv === 'X') s = s.toUpperCase();
          if (prec !== undefined) s = s.padStart(prec, '0');
          if (flags.includes('#') && v) s = conv === 'o' ? '0' + s : conv === 'x' ? '0x' + s : conv === 'X' ? '0X' + s : s;
          break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
          const v = num(arg, false);
          const p = prec ?? 6;
          if (conv === 'f' || conv === 'F') s = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') s = v.toExponential(p).replace(/e([-+])(\d)$/, 'e$10$2');
          else { s = v === 0 ? '0' : Number(v.toPrecision(p || 1)).toString(); if (/e/.test(s)) s = Number(v).toExponential(Math.max(0, (p || 1) - 1)).replace(/\.?0+e/, 'e').replace(/e([-+])(\d)$/, 'e$10$2'); }
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (v >= 0 && flags.includes('+')) s = '+' + s; else if (v >= 0 && flags.includes(' ')) s = ' ' + s;
          break;
        }
        case 'c': s = (arg ?? '').slice(0, 1); break;
        case 'b': { const r = unescape(arg ?? '', true); s = r.text; if (r.stop) stop = true; break; }
        case 'q': s = shell_quote(arg ?? ''); break;
        default: s = arg ?? ''; if (prec !== undefined) s = s.slice(0, prec);
      }
      if (width && s.length < width) {
        if (flags.includes('-')) s = s.padEnd(width);
        else if (flags.includes('0') && /[diouxXfFeEgG]/.test(conv) && prec === undefined || (flags.includes('0') && /[fFeEgG]/.test(conv))) {
          const sign = /^[-+ ]/.test(s) ? s[0] : '';
          s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
        } else s = s.padStart(width);
      }
      out += s;
    }
    if (stop || ai >= args.length || ai === start_ai) break;
  }
  yield* c.write(1, out);
  if (errs.length) yield* c.write(2, errs.join('\n') + '\n');
  return status;
}
