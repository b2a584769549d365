// Models linux/lib/idr.c: the IDA (small integer IDs, lowest free first) and the IDR (an ID -> pointer map on an IDA).
//
// An IDA is a sparse bitmap, as Linux's is (IDA_BITMAP_BITS chunks in an xarray): bit n set while ID n is allocated,
// so the lowest free ID at or above a minimum is a find-next-zero-bit over 32-bit words, and a word with no ID in it
// is not stored. The kernel's own allocators
// (mnt_id_ida, unnamed_dev_ida, mnt_group_ida, proc_inum_ida, gpio_ida ...) keep one in their defineState slot;
// kernel/kapi/idr.ts binds modules' C struct idr / struct ida to these.
import { EINVAL, ENOSPC } from '../include/uapi/asm-generic/errno.ts';
import { __warn } from './kobject_warn.ts';

export const INT_MAX = 0x7fffffff;

/** struct ida: the allocated IDs as 32-bit words by index (bit n % 32 of word n / 32), only the non-zero ones. */
export interface ida { bits: Map<number, number>; count: number }

/** DEFINE_IDA / ida_init. */
export const DEFINE_IDA = (): ida => ({ bits: new Map(), count: 0 });

const ctz = (v: number): number => 31 - Math.clz32(v & -v);

/** The lowest clear bit in [min, max], or -1. */
function find_next_zero(bits: ReadonlyMap<number, number>, min: number, max: number): number {
  let i = min >>> 5;
  let w = ~(bits.get(i) ?? 0) & (-1 << (min & 31));
  for (;;) {
    if (w) { const id = i * 32 + ctz(w); return id <= max ? id : -1; }
    if (++i * 32 > max) return -1;
    w = ~(bits.get(i) ?? 0);
  }
}

export function ida_exists(ida: ida, id: number): boolean {
  return id >= 0 && (((ida.bits.get(id >>> 5) ?? 0) >>> (id & 31)) & 1) === 1;
}

/** ida_alloc_range(): the lowest free ID in [min, max], or -ENOSPC. Both bounds are ints, as in Linux. */
export function ida_alloc_range(ida: ida, min: number, max: number): number {
  if ((min | 0) < 0) return -ENOSPC;
  if ((max | 0) < 0) max = INT_MAX;
  const id = find_next_zero(ida.bits, min >>> 0, max >>> 0);
  if (id < 0) return -ENOSPC;
  const w = id >>> 5;
  ida.bits.set(w, (ida.bits.get(w) ?? 0) | (1 << (id & 31)));
  ida.count++;
  return id;
}

/** include/linux/idr.h's wrappers. */
export const ida_alloc = (ida: ida): number => ida_alloc_range(ida, 0, ~0);
export const ida_alloc_min = (ida: ida, min: number): number => ida_alloc_range(ida, min, ~0);
export const ida_alloc_max = (ida: ida, max: number): number => ida_alloc_range(ida, 0, max);

/** ida_free(): an ID never allocated is a kernel bug, which lib/idr.c reports with a WARN. */
export function ida_free(ida: ida, id: number): void {
  if ((id | 0) < 0 || !ida_exists(ida, id)) {
    __warn('lib/idr.c', 527, 'ida_free', `ida_free called for id=${id | 0} which is not allocated.`);
    return;
  }
  const w = id >>> 5, left = ida.bits.get(w)! & ~(1 << (id & 31));
  if (left) ida.bits.set(w, left); else ida.bits.delete(w);
  ida.count--;
}

export const ida_is_empty = (ida: ida): boolean => ida.count === 0;

export function ida_destroy(ida: ida): void { ida.bits.clear(); ida.count = 0; }

/** struct idr: entries by ID (base idr_base, cursor idr_next for idr_alloc_cyclic) over an IDA of their indexes. */
export interface idr<T> { ida: ida; entries: Map<number, T>; idr_base: number; idr_next: number }

/** DEFINE_IDR / idr_init_base. */
export const DEFINE_IDR = <T>(base = 0): idr<T> => ({ ida: DEFINE_IDA(), entries: new Map(), idr_base: base, idr_next: 0 });

/** idr_alloc_u32's core: the lowest free ID in [start, max] (max inclusive) holds ptr; the ID, or -ENOSPC. */
export function idr_alloc_range<T>(idr: idr<T>, ptr: T, start: number, max: number): number {
  const b = idr.idr_base;
  const i = ida_alloc_range(idr.ida, start < b ? 0 : start - b, max - b);
  if (i < 0) return i;
  idr.entries.set(i, ptr);
  return i + b;
}

/** idr_alloc(): [start, end), end <= 0 meaning no limit below INT_MAX. */
export function idr_alloc<T>(idr: idr<T>, ptr: T, start: number, end: number): number {
  if (start < 0) { __warn('lib/idr.c', 84, 'idr_alloc', ''); return -EINVAL; }
  return idr_alloc_range(idr, ptr, start, end > 0 ? end - 1 : INT_MAX);
}

/** idr_alloc_cyclic(): from the cursor on, wrapping to start once. */
export function idr_alloc_cyclic<T>(idr: idr<T>, ptr: T, start: number, end: number): number {
  const max = end > 0 ? end - 1 : INT_MAX;
  const from = Math.max(idr.idr_next, start);
  let r = idr_alloc_range(idr, ptr, from, max);
  if (r === -ENOSPC && from > start) r = idr_alloc_range(idr, ptr, start, max);
  if (r < 0) return r;
  idr.idr_next = r + 1;
  return r;
}

export function idr_find<T>(idr: idr<T>, id: number): T | undefined {
  return idr.entries.get(id - idr.idr_base);
}

/** idr_remove(): the entry that was at id (undefined if none); its ID is free again. */
export function idr_remove<T>(idr: idr<T>, id: number): T | undefined {
  const i = id - idr.idr_base;
  if (!idr.entries.has(i)) return undefined;
  const p = idr.entries.get(i);
  idr.entries.delete(i);
  ida_free(idr.ida, i);
  return p;
}

/** idr_replace(): the old entry, or undefined (-ENOENT in C) if id was not allocated. */
export function idr_replace<T>(idr: idr<T>, ptr: T, id: number): T | undefined {
  const i = id - idr.idr_base;
  if (!idr.entries.has(i)) return undefined;
  const old = idr.entries.get(i);
  idr.entries.set(i, ptr);
  return old;
}

/** The entries from ID `from` on, in ID order (idr_for_each, idr_get_next). */
export function idr_entries<T>(idr: idr<T>, from = 0): [number, T][] {
  const b = idr.idr_base;
  return [...idr.entries.entries()].filter(([i]) => i + b >= from).sort((x, y) => x[0] - y[0]).map(([i, p]) => [i + b, p]);
}

export const idr_is_empty = <T>(idr: idr<T>): boolean => idr.entries.size === 0;

export function idr_destroy<T>(idr: idr<T>): void { idr.entries.clear(); ida_destroy(idr.ida); }
