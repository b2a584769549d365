// Models the printing half of the kernel API modules import: _printk, the *printf family (lib/vsprintf.c), kstrto* (lib/kstrtox.c), BUG/WARN entry points.
import { EINVAL, ERANGE, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { printk } from '../printk/printk.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { kread_cstr, kwrite_bytes, kwrite_u8, kwrite_u32, kwrite_i32, kwrite_u64 } from '../../mm/kmem.ts';
import { kmalloc, kfree } from '../../mm/slab.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { EXPORT_KAPI } from './registry.ts';
import { ModuleFault, report_warn } from '../module/faults.ts';
import { add_taint, test_taint, panicState } from '../panic.ts';
import { dump_stack_report } from '../module/dump_stack.ts';

const enc = new TextEncoder();

/** Writes at most size-1 bytes of s plus a NUL; returns the bytes written (without the NUL). */
function put_string(buf: number, size: number, s: string): number {
  if (size === 0) return 0;
  const b = enc.encode(s);
  const n = Math.min(b.length, size - 1);
  kwrite_bytes(buf, b.subarray(0, n));
  kwrite_u8(buf + n, 0);
  return n;
}

const fmt = (f: number, va: number): string => vsprintf(kread_cstr(f, 8192), new va_list(va));

/** kstrto*'s parser: base 0 auto-detects 0x/0; a trailing newline is allowed; returns a bigint or -errno. */
export function kstrto(s: string, base: number, signed: boolean, bits: number): bigint | number {
  let t = s.endsWith('\n') ? s.slice(0, -1) : s;
  let neg = false;
  if (t.startsWith('+')) t = t.slice(1);
  else if (t.startsWith('-')) { if (!signed) return -EINVAL; neg = true; t = t.slice(1); }
  if (base === 0) base = /^0[xX]/.test(t) ? 16 : t.startsWith('0') && t.length > 1 ? 8 : 10;
  if (base === 16) t = t.replace(/^0[xX]/, '');
  if (!t) return -EINVAL;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  for (const ch of t.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return -EINVAL;
    v = v * BigInt(base) + BigInt(d);
  }
  if (neg) v = -v;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  if (v > max || v < min) return -ERANGE;
  return v;
}

function kstrto_store(bits: number, signed: boolean) {
  return (s: number, base: number, res: number): number => {
    const v = kstrto(kread_cstr(s), base, signed, bits);
    if (typeof v === 'number') return v;
    if (bits === 64) kwrite_u64(res, v);
    else if (bits === 32) kwrite_u32(res, Number(BigInt.asUintN(32, v)));
    else if (bits === 16) { kwrite_u8(res, Number(v & 0xffn)); kwrite_u8(res + 1, Number((BigInt.asUintN(16, v) >> 8n) & 0xffn)); }
    else kwrite_u8(res, Number(BigInt.asUintN(8, v)));
    return 0;
  };
}

function from_user(inner: (s: number, base: number, res: number) => number) {
  return (us: number, count: number, base: number, res: number): number => {
    if (count > 63) return -EINVAL;
    const b = copy_from_user(us, count);
    if (!b) return -EFAULT;
    const tmp = kmalloc(count + 1, 0);
    kwrite_bytes(tmp, b);
    kwrite_u8(tmp + count, 0);
    try { return inner(tmp, base, res); } finally { kfree(tmp); }
  };
}

const kstrtoint = kstrto_store(32, true), kstrtouint = kstrto_store(32, false);
const kstrtoll = kstrto_store(64, true), kstrtoull = kstrto_store(64, false);

export const ksymtab = EXPORT_KAPI({
  _printk: (f: number, va: number) => printk(fmt(f, va)),
  vprintk: (f: number, va: number) => printk(fmt(f, va)),
  sprintf: (buf: number, f: number, va: number) => put_string(buf, 1 << 20, fmt(f, va)),
  vsprintf: (buf: number, f: number, va: number) => put_string(buf, 1 << 20, fmt(f, va)),
  snprintf: (buf: number, size: number, f: number, va: number) => { const s = fmt(f, va); put_string(buf, size, s); return enc.encode(s).length; },
  vsnprintf: (buf: number, size: number, f: number, va: number) => { const s = fmt(f, va); put_string(buf, size, s); return enc.encode(s).length; },
  scnprintf: (buf: number, size: number, f: number, va: number) => put_string(buf, size, fmt(f, va)),
  vscnprintf: (buf: number, size: number, f: number, va: number) => put_string(buf, size, fmt(f, va)),
  kasprintf: (_gfp: number, f: number, va: number) => { const s = fmt(f, va); const p = kmalloc(enc.encode(s).length + 1, 0); if (p) put_string(p, 1 << 20, s); return p; },
  kvasprintf: (_gfp: number, f: number, va: number) => { const s = fmt(f, va); const p = kmalloc(enc.encode(s).length + 1, 0); if (p) put_string(p, 1 << 20, s); return p; },
  kstrtoint, kstrtouint, kstrtoll, kstrtoull,
  kstrtol: kstrtoint, kstrtoul: kstrtouint,
  _kstrtol: kstrtoint, _kstrtoul: kstrtouint,
  kstrtou16: kstrto_store(16, false), kstrtos16: kstrto_store(16, true), kstrtou8: kstrto_store(8, false), kstrtos8: kstrto_store(8, true),
  kstrtobool: (s: number, res: number) => {
    const t = kread_cstr(s, 8);
    const c = t[0];
    if (c && 'yY1'.includes(c)) { kwrite_u8(res, 1); return 0; }
    if (c && 'nN0'.includes(c)) { kwrite_u8(res, 0); return 0; }
    if (/^on/i.test(t)) { kwrite_u8(res, 1); return 0; }
    if (/^of/i.test(t)) { kwrite_u8(res, 0); return 0; }
    return -EINVAL;
  },
  kstrtoint_from_user: from_user(kstrtoint), kstrtouint_from_user: from_user(kstrtouint),
  kstrtol_from_user: from_user(kstrtoint), kstrtoul_from_user: from_user(kstrtouint),
  kstrtoll_from_user: from_user(kstrtoll), kstrtoull_from_user: from_user(kstrtoull),
  simple_strtoul: (s: number, endp: number, base: number) => {
    const t = kread_cstr(s);
    const m = (base === 16 || base === 0 ? /^\s*(0[xX])?[0-9a-fA-F]+/ : /^\s*[0-9]+/).exec(t);
    const txt = m ? m[0].trim() : '';
    if (endp) kwrite_u32(endp, s + (m ? m[0].length : 0));
    return txt ? Number(BigInt.asUintN(32, BigInt(base === 16 && !/^0x/i.test(txt) ? `0x${txt}` : txt))) : 0;
  },
  __kwb_bug: (file: number, line: number) => { throw new ModuleFault('bug', `kernel BUG at ${kread_cstr(file)}:${line}!`); },
  warn_slowpath_fmt: (file: number, line: number, taint: number, f: number, va: number) => { report_warn(kread_cstr(file), line, f ? fmt(f, va).replace(/\n$/, '') : '', taint); },
  dump_stack: () => { dump_stack_report(); },
  add_taint: (flag: number) => { add_taint(flag); },
  test_taint: (flag: number) => (test_taint(flag) ? 1 : 0),
  get_taint: () => panicState().tainted_mask,
});

export { kwrite_i32 };
