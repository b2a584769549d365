// Models linux/mm/memblock.c: the boot allocator — memblock.memory and memblock.reserved as merged physical ranges, reservations, top-down allocations, and the free ranges memblock_free_all hands to the page allocator.
import { defineState } from '../kernel/state.ts';

/** A physical range [start, end) in bytes. */
export type phys_range = readonly [number, number];

interface memblock_t {
  memory: [number, number][];
  reserved: [number, number][];
  /** memblock_set_current_limit: allocations stay below it (the direct map's end once init_mem_mapping ran). */
  current_limit: number;
}

export const memblockState = defineState<memblock_t>('memblock', () => ({ memory: [], reserved: [], current_limit: Number.MAX_SAFE_INTEGER }));

/** memblock_add_range: inserts [s, e) into a sorted list, merging what overlaps or touches it (memblock_merge_regions). */
function add_range(list: [number, number][], s: number, e: number): void {
  if (e <= s) return;
  let i = 0;
  while (i < list.length && list[i][1] < s) i++;
  let j = i;
  while (j < list.length && list[j][0] <= e) { s = Math.min(s, list[j][0]); e = Math.max(e, list[j][1]); j++; }
  list.splice(i, j - i, [s, e]);
}

/** memblock_remove_range: cuts [s, e) out of a sorted list, splitting a range it falls inside. */
function remove_range(list: [number, number][], s: number, e: number): void {
  const out: [number, number][] = [];
  for (const [a, b] of list) {
    if (b <= s || a >= e) { out.push([a, b]); continue; }
    if (a < s) out.push([a, s]);
    if (b > e) out.push([e, b]);
  }
  list.splice(0, list.length, ...out);
}

export function memblock_add(base: number, size: number): void { add_range(memblockState().memory, base, base + size); }
export function memblock_reserve(base: number, size: number): void { add_range(memblockState().reserved, base, base + size); }
/** memblock_phys_free: gives a reservation (or part of one) back. */
export function memblock_phys_free(base: number, size: number): void { remove_range(memblockState().reserved, base, base + size); }
export function memblock_set_current_limit(limit: number): void { memblockState().current_limit = limit; }

/** __next_mem_range: memory not reserved, ascending, as [start, end) byte ranges. */
export function memblock_free_ranges(): phys_range[] {
  const mb = memblockState();
  const free = mb.memory.map(([s, e]): [number, number] => [s, e]);
  for (const [s, e] of mb.reserved) remove_range(free, s, e);
  return free;
}

/** Bytes of memory that are reserved (memblock_reserved_size counts reservations outside memory too; this does not). */
export function memblock_reserved_in_memory(): number {
  const mb = memblockState();
  const total = mb.memory.reduce((n, [s, e]) => n + e - s, 0);
  return total - memblock_free_ranges().reduce((n, [s, e]) => n + e - s, 0);
}

/**
 * memblock_phys_alloc_range: the highest free range of `size` bytes aligned to `align` within [start, end) and below
 * the current limit (memblock allocates top-down unless told otherwise), reserved. Returns 0 when nothing fits.
 */
export function memblock_phys_alloc_range(size: number, align: number, start = 0, end = Number.MAX_SAFE_INTEGER): number {
  const limit = Math.min(end, memblockState().current_limit);
  const free = memblock_free_ranges();
  for (let i = free.length - 1; i >= 0; i--) {
    const [s, e] = free[i];
    const top = Math.min(e, limit);
    const base = Math.floor((top - size) / align) * align;
    if (base >= Math.max(s, start) && base + size <= top) {
      memblock_reserve(base, size);
      return base;
    }
  }
  return 0;
}
