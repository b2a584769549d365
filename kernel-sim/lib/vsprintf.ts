// Models linux/lib/vsprintf.c: printk's format engine over a wasm32 va_list in the kernel memory (%d %u %x %s %c %p, %pS, %pI4, %pM, %pU, %*ph, %pe ...).
import { kbytes, kread_cstr, kread_i32, kread_u32, kread_i64, kread_u64, kread_u8 } from '../mm/kmem.ts';
import { errname } from './errname.ts';

/** Where the arguments come from: a wasm32 va_list (4-byte slots; 8-byte ones aligned to 8). */
export class va_list {
  constructor(public p: number) {}
  private take(n: number): number {
    this.p = Math.ceil(this.p / n) * n;
    const a = this.p;
    this.p += n;
    return a;
  }
  i32(): number { return kread_i32(this.take(4)); }
  u32(): number { return kread_u32(this.take(4)); }
  i64(): bigint { return kread_i64(this.take(8)); }
  u64(): bigint { return kread_u64(this.take(8)); }
  f64(): number { return new DataView(kbytes().buffer).getFloat64(this.take(8), true); }
}

/** Resolves a code address (a function-table index) to "name+0xoff/0xsize [module]" for %pS. */
// kernel-static: a hook the module loader sets when it loads; it reads the running machine's modules
let symbolize_fn: (addr: number) => string | null = () => null;
export function set_vsprintf_symbolizer(fn: (addr: number) => string | null): void { symbolize_fn = fn; }

/** %pR/%pr: a C struct resource as "[mem 0x...-0x...]" (set by the driver model's bridge). */
// kernel-static: a hook the driver model's bridge sets when it loads, the same for every boot
let resource_fn: ((addr: number) => string) | null = null;
export function set_vsprintf_resource(fn: (addr: number) => string): void { resource_fn = fn; }

/**
 * ptr_to_id(): Linux prints siphash(ptr, ptr_key) masked to 32 bits, zero-padded to a 64-bit pointer's 16 digits, so
 * the same pointer prints the same id all boot long. Here a fixed 32-bit mix stands for the keyed hash (unsigned: the
 * `>>> 0` keeps JavaScript's signed xor from printing a minus sign). NULL and ERR_PTR values print as they are.
 */
export function ptr_hash(a: number): string {
  const err = a | 0;
  if (a === 0) return '0000000000000000';
  if (err < 0 && err >= -4095) return `ffffffff${(a >>> 0).toString(16).padStart(8, '0')}`;
  let h = (a ^ 0x5bd1e995) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0).toString(16).padStart(16, '0');
}

/** The 64-bit kernel virtual address a wasm kernel address is shown as (the direct map). */
export function kaddr(a: number): string {
  return (0xffff888000000000n + BigInt(a >>> 0)).toString(16);
}

interface spec { flags: string; width: number; prec: number; len: string; conv: string }

function pad(s: string, sp: spec, numeric: boolean): string {
  if (sp.width <= s.length) return s;
  if (sp.flags.includes('-')) return s.padEnd(sp.width);
  if (numeric && sp.flags.includes('0') && sp.prec < 0) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    const pre = /^[-+ ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : '';
    const body = s.slice(sign.length + pre.length);
    return sign + pre + body.padStart(sp.width - sign.length - pre.length, '0');
  }
  return s.padStart(sp.width);
}

function integer(v: bigint, sp: spec): string {
  const c = sp.conv;
  const signed = c === 'd' || c === 'i';
  let digits: string;
  let neg = false;
  if (signed && v < 0n) { neg = true; v = -v; }
  if (c === 'x' || c === 'X') digits = v.toString(16);
  else if (c === 'o') digits = v.toString(8);
  else digits = v.toString(10);
  if (c === 'X') digits = digits.toUpperCase();
  if (sp.prec >= 0) digits = sp.prec === 0 && v === 0n ? '' : digits.padStart(sp.prec, '0');
  let pre = '';
  if (sp.flags.includes('#') && v !== 0n) pre = c === 'x' ? '0x' : c === 'X' ? '0X' : c === 'o' ? '0' : '';
  const sign = neg ? '-' : signed && sp.flags.includes('+') ? '+' : signed && sp.flags.includes(' ') ? ' ' : '';
  return pad(sign + pre + digits, sp, true);
}

function read_int(ap: va_list, sp: spec): bigint {
  const signed = sp.conv === 'd' || sp.conv === 'i';
  const wide = sp.len === 'll' || sp.len === 'L' || sp.len === 'q' || sp.len === 'j';
  if (wide) return signed ? ap.i64() : ap.u64();
  let v = signed ? ap.i32() : ap.u32();
  if (sp.len === 'hh') v = signed ? (v << 24) >> 24 : v & 0xff;
  else if (sp.len === 'h') v = signed ? (v << 16) >> 16 : v & 0xffff;
  return BigInt(v);
}

function pointer(ext: string, p: number, sp: spec, ap: va_list): [string, number] {
  const e = ext[0];
  if (e === 'S' || e === 's' || e === 'B') {
    const sym = symbolize_fn(p);
    const out = sym === null ? `0x${p.toString(16)}` : e === 's' ? sym.replace(/\+.*$/, '') : sym;
    return [pad(out, sp, false), ext[1] === 'R' ? 2 : 1];
  }
  if (e === 'I' && ext[1] === '4') return [pad(p ? [0, 1, 2, 3].map((i) => kread_u8(p + i)).join('.') : '(null)', sp, false), 2];
  if (e === 'M' || e === 'm') {
    const sep = e === 'M' ? ':' : '';
    return [pad([0, 1, 2, 3, 4, 5].map((i) => kread_u8(p + i).toString(16).padStart(2, '0')).join(sep), sp, false), ext[1] === 'R' || ext[1] === 'F' ? 2 : 1];
  }
  if (e === 'h') {
    const n = sp.width > 0 ? Math.min(sp.width, 64) : 1;
    const sep = ext[1] === 'C' ? ':' : ext[1] === 'D' ? '-' : ext[1] === 'N' ? '' : ' ';
    const used = ext[1] === 'C' || ext[1] === 'D' || ext[1] === 'N' ? 2 : 1;
    if (p === 0) return ['(null)', used];
    return [Array.from({ length: n }, (_, i) => kread_u8(p + i).toString(16).padStart(2, '0')).join(sep), used];
  }
  if (e === 'e') {
    const err = p | 0;
    return [pad(err < 0 && err >= -4095 ? (errname(-err) ?? String(err)) : `0x${p.toString(16)}`, sp, false), 1];
  }
  if (e === 'a') {
    const wide = ext[1] === 'd' || ext[1] === 'p';
    const v = kread_u64(p);
    return [`0x${v.toString(16).padStart(wide ? 16 : 16, '0')}`, wide ? 2 : 1];
  }
  // %pU[bBlL] (uuid_string): 16 bytes as 8-4-4-4-12 hex, l/L in guid_t's little-endian field order, B/L upper case.
  if (e === 'U') {
    if (p === 0) return [pad('(null)', sp, false), 1];
    const f = 'bBlL'.includes(ext[1] ?? '') ? ext[1]! : 'b';
    const index = f === 'l' || f === 'L' ? [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15] : [...Array(16).keys()];
    const hex = index.map((i, n) => kread_u8(p + i).toString(16).padStart(2, '0') + ([3, 5, 7, 9].includes(n) ? '-' : '')).join('');
    return [pad(f === 'B' || f === 'L' ? hex.toUpperCase() : hex, sp, false), f === ext[1] ? 2 : 1];
  }
  if ((e === 'R' || e === 'r') && resource_fn) return [pad(p ? resource_fn(p) : '(null)', sp, false), 1];
  // %px: the address itself; %pK with kptr_restrict=0 (Linux's default) is hashed like %p (restricted_pointer).
  if (e === 'x') return [pad(p === 0 ? '0000000000000000' : kaddr(p).padStart(16, '0'), sp, false), 1];
  void ap;
  return [pad(ptr_hash(p), sp, false), e === 'K' ? 1 : 0];
}

/** vsnprintf() without the size: the formatted string. */
export function vsprintf(fmt: string, ap: va_list): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pc = fmt.indexOf('%', i);
    if (pc < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pc);
    i = pc + 1;
    const sp: spec = { flags: '', width: 0, prec: -1, len: '', conv: '' };
    while (i < fmt.length && '-+ #0'.includes(fmt[i]!)) sp.flags += fmt[i++];
    if (fmt[i] === '*') { sp.width = ap.i32(); i++; if (sp.width < 0) { sp.flags += '-'; sp.width = -sp.width; } } else {
      while (i < fmt.length && fmt[i]! >= '0' && fmt[i]! <= '9') sp.width = sp.width * 10 + Number(fmt[i++]);
    }
    if (fmt[i] === '.') {
      i++;
      sp.prec = 0;
      if (fmt[i] === '*') { sp.prec = ap.i32(); i++; } else while (i < fmt.length && fmt[i]! >= '0' && fmt[i]! <= '9') sp.prec = sp.prec * 10 + Number(fmt[i++]);
    }
    const lm = /^(hh|h|ll|l|L|q|j|z|Z|t)/.exec(fmt.slice(i));
    if (lm) { sp.len = lm[1]!; i += sp.len.length; }
    sp.conv = fmt[i++] ?? '';
    switch (sp.conv) {
      case '%': out += '%'; break;
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': out += integer(read_int(ap, sp), sp); break;
      case 'c': out += pad(String.fromCharCode(ap.i32() & 0xff), sp, false); break;
      case 's': {
        const p = ap.u32();
        let s = p === 0 ? '(null)' : kread_cstr(p, sp.prec >= 0 ? sp.prec : 4096);
        if (sp.prec >= 0) s = s.slice(0, sp.prec);
        out += pad(s, sp, false);
        break;
      }
      case 'p': {
        const p = ap.u32();
        const ext = /^[A-Za-z0-9]*/.exec(fmt.slice(i))![0];
        const [s, used] = pointer(ext, p, sp, ap);
        i += used;
        out += s;
        break;
      }
      case 'f': case 'e': case 'g': out += pad(ap.f64().toFixed(sp.prec >= 0 ? sp.prec : 6), sp, true); break;
      case 'n': ap.u32(); break;
      default: out += `%${sp.conv}`;
    }
  }
  return out;
}
