// Models linux/lib/bitmap.c and lib/find_bit.c: bit sets as arrays of unsigned long in kernel memory (32-bit words on wasm32).
//
// Bit n is bit n % 32 of word n / 32, as BIT_WORD/BIT_MASK place it. A find returns the size when nothing matches;
// the operations that take nbits leave the bits of the last word past nbits alone (and, for a result, ignore them).
import { kread_u32, kwrite_u32 } from '../mm/kmem.ts';

export const BITS_PER_LONG = 32;
const word = (map: number, i: number): number => kread_u32(map + 4 * i);
const put = (map: number, i: number, v: number): void => { kwrite_u32(map + 4 * i, v >>> 0); };
/** BITMAP_LAST_WORD_MASK(nbits): the bits of the last word that belong to an nbits bitmap. */
const last_mask = (nbits: number): number => (nbits % BITS_PER_LONG ? (0xffffffff >>> (BITS_PER_LONG - (nbits % BITS_PER_LONG))) : 0xffffffff);
const nwords = (nbits: number): number => Math.ceil(nbits / BITS_PER_LONG);
const popcount = (v: number): number => { let n = 0; for (let x = v >>> 0; x; x &= x - 1) n++; return n; };
const ctz = (v: number): number => 31 - Math.clz32(v & -v);

export function test_bit(map: number, n: number): boolean { return ((word(map, n >>> 5) >>> (n & 31)) & 1) === 1; }

/** _find_next_bit / _find_next_zero_bit: the first set (or clear, with invert) bit at or after start, else nbits. */
function find_next(map: number, nbits: number, start: number, invert: number, and = 0): number {
  if (start >= nbits) return nbits;
  let i = start >>> 5;
  let tmp = ((word(map, i) ^ invert) & (and ? word(and, i) : 0xffffffff)) & (0xffffffff << (start & 31));
  while (!tmp) {
    if (++i * BITS_PER_LONG >= nbits) return nbits;
    tmp = (word(map, i) ^ invert) & (and ? word(and, i) : 0xffffffff);
  }
  return Math.min(i * BITS_PER_LONG + ctz(tmp), nbits);
}

export const _find_next_bit = (map: number, nbits: number, start: number): number => find_next(map, nbits, start, 0);
export const _find_next_zero_bit = (map: number, nbits: number, start: number): number => find_next(map, nbits, start, 0xffffffff);
export const _find_next_and_bit = (m1: number, m2: number, nbits: number, start: number): number => find_next(m1, nbits, start, 0, m2);
export const _find_first_bit = (map: number, size: number): number => find_next(map, size, 0, 0);
export const _find_first_zero_bit = (map: number, size: number): number => find_next(map, size, 0, 0xffffffff);

/** _find_last_bit: the highest set bit below size, else size. */
export function _find_last_bit(map: number, size: number): number {
  if (!size) return size;
  let i = nwords(size) - 1;
  let v = word(map, i) & last_mask(size);
  for (;;) {
    if (v) return i * BITS_PER_LONG + 31 - Math.clz32(v);
    if (i-- === 0) return size;
    v = word(map, i);
  }
}

/** __bitmap_set / __bitmap_clear: len bits from start. */
function bitmap_fill_range(map: number, start: number, len: number, set: boolean): void {
  let i = start >>> 5;
  const end = start + len;
  let mask = 0xffffffff << (start & 31);
  let left = len, bits = BITS_PER_LONG - (start & 31);
  while (left - bits >= 0) {
    put(map, i, set ? word(map, i) | mask : word(map, i) & ~mask);
    left -= bits;
    bits = BITS_PER_LONG;
    mask = 0xffffffff;
    i++;
  }
  if (left > 0) {
    mask &= last_mask(end);
    put(map, i, set ? word(map, i) | mask : word(map, i) & ~mask);
  }
}
export const __bitmap_set = (map: number, start: number, len: number): void => { bitmap_fill_range(map, start >>> 0, len | 0, true); };
export const __bitmap_clear = (map: number, start: number, len: number): void => { bitmap_fill_range(map, start >>> 0, len | 0, false); };

export function __bitmap_weight(map: number, nbits: number): number {
  let n = 0;
  const k = Math.floor(nbits / BITS_PER_LONG);
  for (let i = 0; i < k; i++) n += popcount(word(map, i));
  if (nbits % BITS_PER_LONG) n += popcount(word(map, k) & last_mask(nbits));
  return n;
}

/** Word by word over nbits: f(a, b) of each whole word, the last one masked; the results' OR (for and/andnot's "non-empty"). */
function each_word(nbits: number, f: (i: number, mask: number) => number): number {
  let any = 0;
  for (let i = 0; i < nwords(nbits); i++) any |= f(i, i === nwords(nbits) - 1 ? last_mask(nbits) : 0xffffffff);
  return any;
}

export const __bitmap_equal = (a: number, b: number, nbits: number): boolean => each_word(nbits, (i, m) => (word(a, i) ^ word(b, i)) & m) === 0;
export const __bitmap_intersects = (a: number, b: number, nbits: number): boolean => each_word(nbits, (i, m) => word(a, i) & word(b, i) & m) !== 0;
export const __bitmap_subset = (a: number, b: number, nbits: number): boolean => each_word(nbits, (i, m) => word(a, i) & ~word(b, i) & m) === 0;
/** __bitmap_complement, __bitmap_or, __bitmap_xor write whole words, as Linux's do. */
export const __bitmap_complement = (dst: number, src: number, nbits: number): void => { each_word(nbits, (i) => { put(dst, i, ~word(src, i)); return 0; }); };
export const __bitmap_or = (dst: number, a: number, b: number, nbits: number): void => { each_word(nbits, (i) => { put(dst, i, word(a, i) | word(b, i)); return 0; }); };
export const __bitmap_xor = (dst: number, a: number, b: number, nbits: number): void => { each_word(nbits, (i) => { put(dst, i, word(a, i) ^ word(b, i)); return 0; }); };
/** __bitmap_and / __bitmap_andnot: true when the result has a bit set within nbits. */
export const __bitmap_and = (dst: number, a: number, b: number, nbits: number): boolean =>
  each_word(nbits, (i, m) => { const v = word(a, i) & word(b, i); put(dst, i, v); return v & m; }) !== 0;
export const __bitmap_andnot = (dst: number, a: number, b: number, nbits: number): boolean =>
  each_word(nbits, (i, m) => { const v = word(a, i) & ~word(b, i); put(dst, i, v); return v & m; }) !== 0;

/**
 * bitmap_find_next_zero_area_off: the first index at or after start of nr clear bits whose (index + align_offset) has
 * no bit of align_mask set; a value past size (index + nr > size) when there is none, as Linux returns it.
 */
export function bitmap_find_next_zero_area_off(map: number, size: number, start: number, nr: number, align_mask: number, align_offset: number): number {
  for (;;) {
    let index = _find_next_zero_bit(map, size, start);
    index = (((index + align_offset) + align_mask) & ~align_mask) - align_offset;
    const end = index + nr;
    if (end > size) return end;
    const i = _find_next_bit(map, end, index);
    if (i < end) { start = i + 1; continue; }
    return index;
  }
}
