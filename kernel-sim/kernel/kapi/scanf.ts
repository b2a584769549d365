// Models lib/vsprintf.c's vsscanf and lib/kstrtox.c / lib/hexdump.c helpers for modules: sscanf, simple_strto*, hex2bin.
import { kread_cstr, kread_u32, kwrite_u8, kwrite_u16, kwrite_u32, kwrite_u64, kwrite_bytes, kread_bytes, ksymbol, kwrite_cstr } from '../../mm/kmem.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { EINVAL, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const isspace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);

/** _parse_integer with base detection (lib/kstrtox.c): the digits' value and how many characters they took. */
export function parse_integer(s: string, base: number, maxChars = Infinity): { value: bigint; used: number } {
  let i = 0;
  let neg = false;
  if (s[i] === '-' || s[i] === '+') { neg = s[i] === '-'; i++; }
  if (base === 0) base = /^0[xX][0-9a-fA-F]/.test(s.slice(i)) ? 16 : s[i] === '0' ? 8 : 10;
  if (base === 16 && /^0[xX][0-9a-fA-F]/.test(s.slice(i)) && maxChars - i > 2) i += 2;
  const start = i;
  let v = 0n;
  while (i < s.length && i < maxChars) {
    const d = DIGITS.indexOf(s[i]!.toLowerCase());
    if (d < 0 || d >= base) break;
    v = v * BigInt(base) + BigInt(d);
    i++;
  }
  if (i === start) return { value: 0n, used: 0 };
  return { value: neg ? -v : v, used: i };
}

/** Stores a converted integer through the pointer with the qualifier's width (hh, h, none/l/z, ll). */
function store_int(p: number, v: bigint, qual: string): void {
  if (qual === 'hh') kwrite_u8(p, Number(BigInt.asUintN(8, v)));
  else if (qual === 'h') kwrite_u16(p, Number(BigInt.asUintN(16, v)));
  else if (qual === 'll' || qual === 'L') kwrite_u64(p, BigInt.asUintN(64, v));
  else kwrite_u32(p, Number(BigInt.asUintN(32, v)));
}

/** vsscanf(): conversions %d %i %u %x %X %o %s %c %n %% with widths, h/hh/l/ll/z and `*`; returns how many were stored. */
export function vsscanf(input: string, format: string, va: number): number {
  let s = 0, f = 0, num = 0;
  const next = (): number => { const p = kread_u32(va); va += 4; return p; };
  while (f < format.length) {
    const fc = format[f]!;
    if (isspace(fc)) { while (isspace(format[f])) f++; while (isspace(input[s])) s++; continue; }
    if (fc !== '%' || format[f + 1] === '%') {
      if (fc === '%') f++;
      if (input[s] !== format[f]) break;
      s++; f++;
      continue;
    }
    f++;
    const suppress = format[f] === '*';
    if (suppress) f++;
    let width = 0;
    while (/[0-9]/.test(format[f] ?? '')) width = width * 10 + Number(format[f++]);
    let qual = '';
    const q = /^(hh|ll|h|l|L|z|Z|j|t)/.exec(format.slice(f));
    if (q) { qual = q[1]!; f += qual.length; }
    const conv = format[f++];
    if (conv === undefined) break;
    if (conv === 'n') { if (!suppress) store_int(next(), BigInt(s), qual); continue; }
    if (s >= input.length) break;
    if (conv === 'c') {
      const n = width || 1;
      if (s + n > input.length) break;
      if (!suppress) { kwrite_bytes(next(), new TextEncoder().encode(input.slice(s, s + n))); num++; }
      s += n;
      continue;
    }
    while (isspace(input[s])) s++;
    if (conv === 's') {
      const start = s;
      while (s < input.length && !isspace(input[s]) && (!width || s - start < width)) s++;
      if (!suppress) { kwrite_cstr(next(), input.slice(start, s)); num++; }
      continue;
    }
    const base = ({ d: 10, u: 10, i: 0, x: 16, X: 16, o: 8 } as Record<string, number>)[conv];
    if (base === undefined) break;
    const r = parse_integer(input.slice(s), base, width || Infinity);
    if (!r.used) break;
    s += r.used;
    if (!suppress) { store_int(next(), r.value, qual === 'l' || qual === 'z' || qual === 'Z' || qual === 't' ? '' : qual === 'j' ? 'll' : qual); num++; }
  }
  return num;
}

/** simple_strto*(): the value of the leading integer, *endp past it (lib/kstrtox.c, obsolete but common). */
function simple_strto(bits: 32 | 64, signed: boolean) {
  return (s: number, endp: number, base: number): number | bigint => {
    const t = kread_cstr(s, 4096);
    const r = parse_integer(t, base);
    if (endp) kwrite_u32(endp, s + r.used);
    const v = signed ? BigInt.asIntN(bits, r.value) : BigInt.asUintN(bits, r.value);
    return bits === 64 ? v : Number(v);
  };
}

const hex_val = (c: number): number => { const ch = String.fromCharCode(c).toLowerCase(); const d = DIGITS.indexOf(ch); return d >= 0 && d < 16 ? d : -1; };

export const ksymtab = [
  ...EXPORT_KAPI({
    sscanf: (buf: number, f: number, va: number) => vsscanf(kread_cstr(buf, 1 << 16), kread_cstr(f, 4096), va),
    vsscanf: (buf: number, f: number, va: number) => vsscanf(kread_cstr(buf, 1 << 16), kread_cstr(f, 4096), va),
    simple_strtol: simple_strto(32, true), simple_strtoll: simple_strto(64, true), simple_strtoull: simple_strto(64, false),
    kstrtobool_from_user: (us: number, count: number, res: number) => {
      const b = copy_from_user(us, Math.min(count, 4));
      if (!b) return -EFAULT;
      const t = new TextDecoder().decode(b);
      const v = /^[yY1]|^[oO][nN]/.test(t) ? 1 : /^[nN0]|^[oO][fF]/.test(t) ? 0 : -1;
      if (v < 0) return -EINVAL;
      kwrite_u8(res, v);
      return 0;
    },
    hex_to_bin: (ch: number) => hex_val(ch & 0xff),
    hex2bin: (dst: number, src: number, count: number) => {
      const b = kread_bytes(src, count * 2);
      for (let i = 0; i < count; i++) {
        const hi = hex_val(b[2 * i]!), lo = hex_val(b[2 * i + 1]!);
        if (hi < 0 || lo < 0) return -EINVAL;
        kwrite_u8(dst + i, (hi << 4) | lo);
      }
      return 0;
    },
    bin2hex: (dst: number, src: number, count: number) => {
      const hex = [...kread_bytes(src, count)].map((x) => x.toString(16).padStart(2, '0')).join('');
      kwrite_bytes(dst, new TextEncoder().encode(hex));
      return dst + hex.length;
    },
    num_to_str: (buf: number, size: number, num: bigint, width: number) => {
      const t = BigInt.asUintN(64, num).toString().padStart(width, ' ');
      if (t.length > size) return 0;
      kwrite_bytes(buf, new TextEncoder().encode(t));
      return t.length;
    },
  }),
  EXPORT_KDATA('hex_asc', () => ksymbol('hex_asc', 17, (a) => kwrite_cstr(a, '0123456789abcdef'))),
];
