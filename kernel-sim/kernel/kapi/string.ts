// Models lib/string.c for modules: mem* and str* over the kernel memory (NUL-terminated byte strings).
import { kbytes } from '../../mm/kmem.ts';
import { EXPORT_KAPI } from './registry.ts';

const E2BIG = 7;
const b = kbytes;
function strlen(s: number): number { const m = b(); let e = s; while (m[e] !== 0) e++; return e - s; }
function strnlen(s: number, n: number): number { const m = b(); let e = s; while (e - s < n && m[e] !== 0) e++; return e - s; }
function cmp(a: number, c: number, n: number): number {
  const m = b();
  for (let i = 0; i < n; i++) {
    const x = m[a + i]!, y = m[c + i]!;
    if (x !== y) return x < y ? -1 : 1;
    if (x === 0) return 0;
  }
  return 0;
}
function strchr(s: number, c: number): number { const m = b(); c &= 0xff; for (let p = s; ; p++) { if (m[p] === c) return p; if (m[p] === 0) return 0; } }
/** sysfs_streq: equal, or equal but for one trailing newline on either side (1 or 0, C's bool). */
function sysfs_streq(a: number, c: number): number {
  const m = b();
  let i = 0;
  for (; m[a + i] && m[a + i] === m[c + i]; i++);
  const x = m[a + i], y = m[c + i];
  if (x === y) return 1;
  if (!x && y === 10 && !m[c + i + 1]) return 1;
  if (!y && x === 10 && !m[a + i + 1]) return 1;
  return 0;
}

export const ksymtab = EXPORT_KAPI({
  memset: (d: number, c: number, n: number) => { b().fill(c & 0xff, d, d + n); return d; },
  memcpy: (d: number, s: number, n: number) => { b().copyWithin(d, s, s + n); return d; },
  memmove: (d: number, s: number, n: number) => { b().copyWithin(d, s, s + n); return d; },
  memcmp: (a: number, c: number, n: number) => { const m = b(); for (let i = 0; i < n; i++) if (m[a + i] !== m[c + i]) return m[a + i]! - m[c + i]!; return 0; },
  memchr: (s: number, c: number, n: number) => { const i = b().subarray(s, s + n).indexOf(c & 0xff); return i < 0 ? 0 : s + i; },
  strlen, strnlen,
  strcmp: (a: number, c: number) => cmp(a, c, Infinity),
  strncmp: (a: number, c: number, n: number) => cmp(a, c, n),
  strcpy: (d: number, s: number) => { const n = strlen(s); b().copyWithin(d, s, s + n + 1); return d; },
  strncpy: (d: number, s: number, n: number) => { const l = strnlen(s, n); const m = b(); m.copyWithin(d, s, s + l); m.fill(0, d + l, d + n); return d; },
  strscpy: (d: number, s: number, n: number) => {
    if (n === 0) return -E2BIG;
    const l = strnlen(s, n);
    const m = b();
    if (l >= n) { m.copyWithin(d, s, s + n - 1); m[d + n - 1] = 0; return -E2BIG; }
    m.copyWithin(d, s, s + l + 1);
    return l;
  },
  strlcpy: (d: number, s: number, n: number) => { const l = strlen(s); if (n) { const c = Math.min(l, n - 1); b().copyWithin(d, s, s + c); b()[d + c] = 0; } return l; },
  strcat: (d: number, s: number) => { const dl = strlen(d); const l = strlen(s); b().copyWithin(d + dl, s, s + l + 1); return d; },
  strncat: (d: number, s: number, n: number) => { const dl = strlen(d); const l = strnlen(s, n); b().copyWithin(d + dl, s, s + l); b()[d + dl + l] = 0; return d; },
  strchr, strrchr: (s: number, c: number) => { const m = b(); let r = 0; c &= 0xff; for (let p = s; ; p++) { if (m[p] === c) r = p; if (m[p] === 0) return c === 0 ? p : r; } },
  strstr: (h: number, n: number) => { const nl = strlen(n); if (!nl) return h; const hl = strlen(h); const m = b(); for (let i = 0; i + nl <= hl; i++) if (cmp(h + i, n, nl) === 0 && m[h + i + nl - 1] === m[n + nl - 1]) return h + i; return 0; },
  skip_spaces: (s: number) => { const m = b(); while (m[s] === 0x20 || (m[s]! >= 9 && m[s]! <= 13)) s++; return s; },
  strim: (s: number) => {
    const m = b();
    let e = s + strlen(s);
    while (e > s && (m[e - 1] === 0x20 || (m[e - 1]! >= 9 && m[e - 1]! <= 13))) e--;
    m[e] = 0;
    while (m[s] === 0x20 || (m[s]! >= 9 && m[s]! <= 13)) s++;
    return s;
  },
  sysfs_streq,
});

export { strlen, strnlen, sysfs_streq };
