// Models awk's values (POSIX awk "Expressions in awk"): numbers, strings, numeric strings from input, the uninitialized value, and the conversions and comparisons between them.
import { format_number_conv, format_string_conv, type conv_spec } from '../coreutils/printf.ts';

/** A fatal run-time error: awk prints it and exits 2. */
export class AwkFatal extends Error {}

/** A string that came from input (fields, getline, split, ARGV, -v): compares as a number when it looks like one. */
export class strnum {
  private n: number | undefined;
  constructor(readonly s: string) {}
  get num(): number { return (this.n ??= str_to_num(this.s)); }
  get numeric(): boolean { return NUMERIC.test(this.s); }
}

/** undefined is the uninitialized value: "" and 0 at once. */
export type cell = number | string | strnum | undefined;

const NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/;
const LEADING = /^[ \t\n]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/;

/** atof: the longest numeric prefix, 0 when there is none. */
export function str_to_num(s: string): number {
  const m = LEADING.exec(s);
  return m ? Number(m[1]) : 0;
}

export function to_num(v: cell): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (typeof v === 'string') return str_to_num(v);
  return v.num;
}

/** A number as a string: integers exactly, others through CONVFMT (or OFMT for output). */
export function num_to_str(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return Object.is(n, -0) ? '-0' : n.toFixed(0);
  if (Number.isNaN(n)) return n < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  return awk_sprintf(fmt, [n], fmt);
}

export function to_str(v: cell, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (typeof v === 'number') return num_to_str(v, convfmt);
  return v.s;
}

export function to_bool(v: cell): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (typeof v === 'string') return v !== '';
  return v.numeric ? v.num !== 0 : v.s !== '';
}

function numeric_for_compare(v: cell): boolean {
  return typeof v === 'number' || v === undefined || (v instanceof strnum && v.numeric);
}

/** POSIX: numeric comparison when both sides are numbers or numeric strings, else string comparison. */
export function compare(a: cell, b: cell, convfmt: string): number {
  if (numeric_for_compare(a) && numeric_for_compare(b)) {
    const x = to_num(a), y = to_num(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = to_str(a, convfmt), y = to_str(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** awk's printf/sprintf: C conversions, %c of a number is that character, missing arguments are "" or 0. */
export function awk_sprintf(fmt: string, args: cell[], convfmt: string): string {
  let out = '', ai = 0;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '%') { out += ch; continue; }
    const m = /^%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([diouxXfFeEgGcs%])/.exec(fmt.slice(i));
    if (!m) { out += ch; continue; }
    i += m[0].length - 1;
    if (m[4] === '%') { out += '%'; continue; }
    const width = m[2] === '*' ? Math.trunc(to_num(args[ai++])) : Number(m[2] || 0);
    const prec = m[3] === undefined ? undefined : m[3] === '*' ? Math.trunc(to_num(args[ai++])) : Number(m[3] || 0);
    const spec: conv_spec = { flags: m[1]! + (width < 0 ? '-' : ''), width: Math.abs(width), prec, conv: m[4]! };
    const arg = args[ai++];
    if (spec.conv === 's') out += format_string_conv(spec, to_str(arg, convfmt));
    else if (spec.conv === 'c') {
      const s = typeof arg === 'number' ? String.fromCharCode(Math.trunc(arg) & 0xffff) : to_str(arg, convfmt);
      out += format_string_conv(spec, s);
    } else out += format_number_conv(spec, to_num(arg));
  }
  return out;
}
