// Models the exports of linux/lib/bitmap.c and lib/find_bit.c for modules (lib/bitmap.ts does the bit work).
import { kmalloc, __GFP_ZERO } from '../../mm/slab.ts';
import {
  _find_next_bit, _find_next_zero_bit, _find_next_and_bit, _find_first_bit, _find_first_zero_bit, _find_last_bit, __bitmap_set,
  __bitmap_clear, __bitmap_weight, __bitmap_equal, __bitmap_intersects, __bitmap_subset, __bitmap_complement, __bitmap_or,
  __bitmap_xor, __bitmap_and, __bitmap_andnot, bitmap_find_next_zero_area_off, BITS_PER_LONG,
} from '../../lib/bitmap.ts';
import { checked_kfree } from './slab.ts';
import { EXPORT_KAPI } from './registry.ts';

const longs = (nbits: number): number => Math.ceil((nbits >>> 0) / BITS_PER_LONG) * 4;
const u = (n: number): number => n >>> 0;

export const ksymtab = EXPORT_KAPI({
  _find_next_bit: (m: number, n: number, s: number) => _find_next_bit(m, u(n), u(s)),
  _find_next_zero_bit: (m: number, n: number, s: number) => _find_next_zero_bit(m, u(n), u(s)),
  _find_next_and_bit: (a: number, b: number, n: number, s: number) => _find_next_and_bit(a, b, u(n), u(s)),
  _find_first_bit: (m: number, n: number) => _find_first_bit(m, u(n)),
  _find_first_zero_bit: (m: number, n: number) => _find_first_zero_bit(m, u(n)),
  _find_last_bit: (m: number, n: number) => _find_last_bit(m, u(n)),
  __bitmap_set, __bitmap_clear,
  __bitmap_weight: (m: number, n: number) => __bitmap_weight(m, u(n)),
  __bitmap_equal: (a: number, b: number, n: number) => (__bitmap_equal(a, b, u(n)) ? 1 : 0),
  __bitmap_intersects: (a: number, b: number, n: number) => (__bitmap_intersects(a, b, u(n)) ? 1 : 0),
  __bitmap_subset: (a: number, b: number, n: number) => (__bitmap_subset(a, b, u(n)) ? 1 : 0),
  __bitmap_complement: (d: number, s: number, n: number) => { __bitmap_complement(d, s, u(n)); },
  __bitmap_or: (d: number, a: number, b: number, n: number) => { __bitmap_or(d, a, b, u(n)); },
  __bitmap_xor: (d: number, a: number, b: number, n: number) => { __bitmap_xor(d, a, b, u(n)); },
  __bitmap_and: (d: number, a: number, b: number, n: number) => (__bitmap_and(d, a, b, u(n)) ? 1 : 0),
  __bitmap_andnot: (d: number, a: number, b: number, n: number) => (__bitmap_andnot(d, a, b, u(n)) ? 1 : 0),
  bitmap_find_next_zero_area_off: (m: number, size: number, start: number, nr: number, mask: number, off: number) =>
    bitmap_find_next_zero_area_off(m, u(size), u(start), u(nr), u(mask), u(off)),
  bitmap_alloc: (nbits: number, flags: number) => kmalloc(longs(nbits), flags),
  bitmap_zalloc: (nbits: number, flags: number) => kmalloc(longs(nbits), flags | __GFP_ZERO),
  bitmap_free: (p: number) => { checked_kfree(p); },
});
