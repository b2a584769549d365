// Models the rest of lib/string.c and mm/util.c's string helpers for modules: strlcat, strcasecmp, strsep, strspn, memchr_inv, kstrdup_const, memdup_user, and lib/string_helpers.c's match_string and __sysfs_match_string.
import { kbytes, kread_u32, kwrite_bytes, kwrite_u32 } from '../../mm/kmem.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { ERR_PTR } from './device.ts';
import { kmalloc, kfree } from '../../mm/slab.ts';
import { EFAULT, EINVAL, ENOMEM, E2BIG } from '../../include/uapi/asm-generic/errno.ts';
import { strlen, strnlen, sysfs_streq } from './string.ts';
import { EXPORT_KAPI } from './registry.ts';

const b = kbytes;
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
/** Whether byte `c` occurs in the NUL-terminated set at `set`. */
const in_set = (set: number, c: number): boolean => { const m = b(); for (let p = set; m[p]; p++) if (m[p] === c) return true; return false; };

function strncasecmp(s1: number, s2: number, n: number): number {
  const m = b();
  for (let i = 0; i < n; i++) {
    const x = lower(m[s1 + i]!), y = lower(m[s2 + i]!);
    if (x !== y) return x - y;
    if (!x) return 0;
  }
  return 0;
}

function kmemdup_nul(s: number, len: number, gfp: number): number {
  if (!s) return 0;
  const p = kmalloc(len + 1, gfp);
  if (!p) return 0;
  b().copyWithin(p, s, s + len);
  b()[p + len] = 0;
  return p;
}

/** memdup_user() (nul: memdup_user_nul, one more byte, zero): a kmalloc'd copy of user memory, or ERR_PTR(-EFAULT/-ENOMEM). */
function memdup_user_n(src: number, len: number, nul: boolean): number {
  const n = len >>> 0;
  const p = kmalloc(n + (nul ? 1 : 0), 0);
  if (!p) return ERR_PTR(-ENOMEM);
  const bytes = copy_from_user(src, n);
  if (!bytes) { kfree(p); return ERR_PTR(-EFAULT); }
  kwrite_bytes(p, bytes);
  if (nul) b()[p + n] = 0;
  return p;
}

const strcmp_eq = (x: number, y: number): boolean => { const m = b(); let j = 0; while (m[x + j] === m[y + j] && m[y + j]) j++; return m[x + j] === m[y + j]; };

/**
 * The index of the first of the array's n strings (stopping at a NULL) that `eq` matches with s, or -EINVAL.
 * n is a size_t: the (size_t)-1 of NULL-terminated arrays arrives as -1 and must read as "no bound".
 */
function match_in(array: number, n: number, s: number, eq: (item: number, s: number) => boolean): number {
  for (let i = 0; i < n >>> 0; i++) {
    const item = kread_u32(array + 4 * i);
    if (!item) break;
    if (eq(item, s)) return i;
  }
  return -EINVAL;
}

export const ksymtab = EXPORT_KAPI({
  strlcat: (d: number, s: number, n: number) => {
    const dl = strlen(d), sl = strlen(s);
    if (dl >= n) return dl + sl; // Linux BUGs here; the sum is what the caller would see otherwise
    const c = Math.min(sl, n - dl - 1);
    b().copyWithin(d + dl, s, s + c);
    b()[d + dl + c] = 0;
    return dl + sl;
  },
  strscpy_pad: (d: number, s: number, n: number) => {
    if (!n) return -E2BIG;
    const l = strnlen(s, n);
    const m = b();
    const c = Math.min(l, n - 1);
    m.copyWithin(d, s, s + c);
    m.fill(0, d + c, d + n);
    return l >= n ? -E2BIG : l;
  },
  strcasecmp: (s1: number, s2: number) => strncasecmp(s1, s2, Infinity),
  strncasecmp,
  strchrnul: (s: number, c: number) => { const m = b(); let p = s; while (m[p] && m[p] !== (c & 0xff)) p++; return p; },
  strnchr: (s: number, n: number, c: number) => { const m = b(); for (let p = s; p < s + n && m[p]; p++) if (m[p] === (c & 0xff)) return p; return 0; },
  strnstr: (h: number, n: number, len: number) => {
    const nl = strlen(n);
    if (!nl) return h;
    const m = b();
    for (let i = 0; i + nl <= len && m[h + i]; i++) if (m.subarray(h + i, h + i + nl).every((x, j) => x === m[n + j])) return h + i;
    return 0;
  },
  strpbrk: (s: number, set: number) => { const m = b(); for (let p = s; m[p]; p++) if (in_set(set, m[p]!)) return p; return 0; },
  strspn: (s: number, set: number) => { const m = b(); let p = s; while (m[p] && in_set(set, m[p]!)) p++; return p - s; },
  strcspn: (s: number, set: number) => { const m = b(); let p = s; while (m[p] && !in_set(set, m[p]!)) p++; return p - s; },
  strsep: (sp: number, ct: number) => {
    const s = kread_u32(sp);
    if (!s) return 0;
    const m = b();
    let p = s;
    while (m[p] && !in_set(ct, m[p]!)) p++;
    if (m[p]) { m[p] = 0; kwrite_u32(sp, p + 1); } else kwrite_u32(sp, 0);
    return s;
  },
  memscan: (a: number, c: number, n: number) => { const i = b().subarray(a, a + n).indexOf(c & 0xff); return i < 0 ? a + n : a + i; },
  bcmp: (a: number, c: number, n: number) => { const m = b(); for (let i = 0; i < n; i++) if (m[a + i] !== m[c + i]) return 1; return 0; },
  memchr_inv: (a: number, c: number, n: number) => { const m = b(); for (let i = 0; i < n; i++) if (m[a + i] !== (c & 0xff)) return a + i; return 0; },
  // kstrdup_const: Linux returns .rodata strings as they are; every module string is copied here, so kfree_const frees.
  kstrdup_const: (s: number, gfp: number) => kmemdup_nul(s, s ? strlen(s) : 0, gfp),
  kmemdup_nul,
  memdup_user: (src: number, len: number) => memdup_user_n(src, len, false),
  memdup_user_nul: (src: number, len: number) => memdup_user_n(src, len, true),
  kfree_const: (p: number) => { if (p) kfree(p); },
  match_string: (array: number, n: number, s: number) => match_in(array, n, s, (item, str) => strcmp_eq(item, str)),
  // sysfs_match_string(a, s) is __sysfs_match_string(a, ARRAY_SIZE(a), s): a written value with its newline matches.
  __sysfs_match_string: (array: number, n: number, s: number) => match_in(array, n, s, (item, str) => sysfs_streq(item, str) === 1),
});
