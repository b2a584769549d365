// Models GNU coreutils printf(1): the format reused until the arguments run out, C conversions, %b and %q, backslash escapes.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { usage_error } from '../../lib/stdio.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';

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

/** One parsed C conversion: %[flags][width][.prec]conv. */
export interface conv_spec { flags: string; width: number; prec: number | undefined; conv: string }

/** Pads a converted value to the field width: '-' left-justifies, '0' zero-fills numbers after their sign. */
export function pad_conv(spec: conv_spec, s: string): string {
  const { flags, width, prec, conv } = spec;
  if (!width || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  const zero = flags.includes('0') && (/[fFeEgG]/.test(conv) || (/[diouxX]/.test(conv) && prec === undefined));
  if (!zero) return s.padStart(width);
  const sign = /^[-+ ]/.test(s) ? s[0] : '';
  const radix = /^[-+ ]?0[xX]/.test(s) ? 2 : 0;
  return s.slice(0, sign.length + radix) + s.slice(sign.length + radix).padStart(width - sign.length - radix, '0');
}

/** %s and %c (precision cuts a string), padded. */
export function format_string_conv(spec: conv_spec, v: string): string {
  const s = spec.conv === 'c' ? v.slice(0, 1) : spec.prec !== undefined ? v.slice(0, spec.prec) : v;
  return pad_conv(spec, s);
}

/** The numeric conversions d i o u x X f F e E g G of a value, as C's printf formats them, padded. */
export function format_number_conv(spec: conv_spec, v: number): string {
  const { flags, prec, conv } = spec;
  let s: string;
  switch (conv) {
    case 'd': case 'i': {
      const n = Math.trunc(v);
      s = String(Math.abs(n));
      if (prec !== undefined) s = s.padStart(prec, '0');
      s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
      break;
    }
    case 'o': case 'u': case 'x': case 'X': {
      let n = Math.trunc(v);
      if (n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
      s = conv === 'o' ? n.toString(8) : conv === 'u' ? String(n) : n.toString(16);
      if (conv === 'X') s = s.toUpperCase();
      if (prec !== undefined) s = s.padStart(prec, '0');
      if (flags.includes('#') && n) s = conv === 'o' ? '0' + s : conv === 'x' ? '0x' + s : conv === 'X' ? '0X' + s : s;
      break;
    }
    default: {
      const p = prec ?? 6;
      if (!Number.isFinite(v)) s = Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
      else if (conv === 'f' || conv === 'F') s = v.toFixed(p);
      else if (conv === 'e' || conv === 'E') s = v.toExponential(p).replace(/e([-+])(\d)$/, 'e$10$2');
      else s = format_g(v, p, flags.includes('#'));
      if (conv === 'E' || conv === 'G' || conv === 'F') s = s.toUpperCase();
      if (v >= 0 && flags.includes('+')) s = '+' + s; else if (v >= 0 && flags.includes(' ')) s = ' ' + s;
    }
  }
  return pad_conv(spec, s);
}

/** %g: the shorter of %e and %f at P significant digits, trailing zeros removed (kept with '#'). */
export function format_g(v: number, prec: number, keep_zeros = false): string {
  const p = prec || 1;
  if (v === 0) return keep_zeros ? (0).toFixed(p - 1) : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(p)))));
  let s = exp < -4 || exp >= p ? v.toExponential(p - 1) : v.toFixed(Math.max(0, p - 1 - exp));
  if (!keep_zeros) s = s.replace(/\.?0+(e|$)/, '$1').replace(/(\.\d*?)0+(e|$)/, '$1$2');
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
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
      const arg = next();
      const spec: conv_spec = { flags, width, prec, conv };
      let s: string;
      if (conv === 'b') { const r = unescape(arg ?? '', true); s = pad_conv(spec, r.text); if (r.stop) stop = true; }
      else if (conv === 'q') s = pad_conv(spec, shell_quote(arg ?? ''));
      else if (conv === 'c' || conv === 's') s = format_string_conv(spec, arg ?? '');
      else s = format_number_conv(spec, num(arg, /[diouxXc]/.test(conv)));
      out += s;
    }
    if (stop || ai >= args.length || ai === start_ai) break;
  }
  const w = yield* c.write(1, out);
  if (errs.length) yield* c.write(2, errs.join('\n') + '\n');
  // gnulib's close_stdout(): stdout's one write happens at exit, and its failure is the program's (a sysfs store's EINVAL)
  if (w < 0) { yield* c.write(2, `printf: write error: ${strerror(-w)}\n`); return 1; }
  return status;
}
