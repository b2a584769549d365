// Models linux/lib/idr.c: IDR (small integer -> pointer) and IDA (small integer) allocators over C struct idr / struct ida.
//
// The tree is a sorted map per C struct, kept in this boot's state; the C struct's xa_head is set non-NULL while
// an ID is allocated and NULL when none is, so the header's idr_is_empty()/ida_is_empty() read it as in Linux.
// IDs are allocated lowest-free-first within [start, end), as idr_alloc_u32 and ida_alloc_range do.
import { EINVAL, ENOSPC, ENOENT } from '../include/uapi/asm-generic/errno.ts';
import { kread_u32, kwrite_u32 } from '../mm/kmem.ts';
import { sizeOf } from '../toolchain/layouts/access.ts';
import { defineState } from '../kernel/state.ts';
import { __warn } from './kobject_warn.ts';

const INT_MAX = 0x7fffffff;

/** struct xarray on wasm32: the spinlock, xa_flags, xa_head; struct idr adds idr_base and idr_next. */
const XA_HEAD = (): number => sizeOf('spinlock') + 4;
const IDR_BASE = (): number => sizeOf('spinlock') + 8;
const IDR_NEXT = (): number => sizeOf('spinlock') + 12;
/** What xa_head holds while the tree is not empty (any non-NULL value; C never follows it). */
const XA_NONEMPTY = 1;

const trees = defineState('idr', () => new Map<number, Map<number, number>>());

function tree(root: number): Map<number, number> {
  let t = trees().get(root);
  if (!t) { t = new Map(); trees().set(root, t); }
  return t;
}

function sync_head(root: number, t: Map<number, number>): void {
  kwrite_u32(root + XA_HEAD(), t.size ? XA_NONEMPTY : 0);
  if (!t.size) trees().delete(root);
}

/** The lowest ID in [min, max] with no entry, or -1. */
function lowest_free(t: Map<number, number>, min: number, max: number): number {
  for (let id = min; id <= max; id++) if (!t.has(id)) return id;
  return -1;
}

function store(root: number, id: number, ptr: number): void {
  const t = tree(root);
  t.set(id, ptr);
  sync_head(root, t);
}

/** idr_alloc_u32: *id in, the allocated ID out; max inclusive. */
export function idr_alloc_u32(idr: number, ptr: number, nextid: number, max: number): number {
  const base = kread_u32(idr + IDR_BASE());
  const start = kread_u32(nextid);
  const id = lowest_free(tree(idr), start < base ? 0 : start - base, max - base);
  sync_head(idr, tree(idr));
  if (id < 0) return -ENOSPC;
  store(idr, id, ptr);
  kwrite_u32(nextid, id + base);
  return 0;
}

function alloc_in(idr: number, ptr: number, start: number, max: number): number {
  const base = kread_u32(idr + IDR_BASE());
  const id = lowest_free(tree(idr), start < base ? 0 : start - base, max - base);
  sync_head(idr, tree(idr));
  if (id < 0) return -ENOSPC;
  store(idr, id, ptr);
  return id + base;
}

export function idr_alloc(idr: number, ptr: number, start: number, end: number): number {
  if (start < 0) { __warn('lib/idr.c', 84, 'idr_alloc', ''); return -EINVAL; }
  return alloc_in(idr, ptr, start, end > 0 ? end - 1 : INT_MAX);
}

/** idr_alloc_cyclic: from the cursor on, wrapping to start once. */
export function idr_alloc_cyclic(idr: number, ptr: number, start: number, end: number): number {
  const max = end > 0 ? end - 1 : INT_MAX;
  let id = Math.max(kread_u32(idr + IDR_NEXT()), start);
  let r = alloc_in(idr, ptr, id, max);
  if (r === -ENOSPC && id > start) { id = start; r = alloc_in(idr, ptr, id, max); }
  if (r < 0) return r;
  kwrite_u32(idr + IDR_NEXT(), r + 1);
  return r;
}

const index_of = (idr: number, id: number): number => id - kread_u32(idr + IDR_BASE());

export function idr_remove(idr: number, id: number): number {
  const t = trees().get(idr);
  const i = index_of(idr, id >>> 0);
  if (!t || !t.has(i)) return 0;
  const p = t.get(i)!;
  t.delete(i);
  sync_head(idr, t);
  return p;
}

export function idr_find(idr: number, id: number): number {
  return trees().get(idr)?.get(index_of(idr, id >>> 0)) ?? 0;
}

export function idr_replace(idr: number, ptr: number, id: number): number {
  const t = trees().get(idr);
  const i = index_of(idr, id >>> 0);
  if (!t || !t.has(i)) return -ENOENT >>> 0;
  const old = t.get(i)!;
  t.set(i, ptr);
  return old;
}

/** The entries from ID `from` on in ID order, skipping reserved (NULL) ones, as radix_tree_for_each_slot does. */
export function idr_entries(idr: number, from = 0): [number, number][] {
  const t = trees().get(idr);
  if (!t) return [];
  const base = kread_u32(idr + IDR_BASE());
  return [...t.entries()].filter(([i, p]) => p && i + base >= from).sort((a, b) => a[0] - b[0]).map(([i, p]) => [i + base, p]);
}

export function idr_destroy(root: number): void {
  trees().delete(root);
  kwrite_u32(root + XA_HEAD(), 0);
}

export function ida_alloc_range(ida: number, min: number, max: number): number {
  if ((min | 0) < 0) return -ENOSPC;
  if ((max | 0) < 0) max = INT_MAX;
  const t = tree(ida);
  const id = lowest_free(t, min >>> 0, max >>> 0);
  sync_head(ida, t);
  if (id < 0) return -ENOSPC;
  store(ida, id, XA_NONEMPTY);
  return id;
}

export function ida_free(ida: number, id: number): void {
  const t = trees().get(ida);
  if ((id | 0) < 0 || !t?.has(id)) {
    __warn('lib/idr.c', 527, 'ida_free', `ida_free called for id=${id | 0} which is not allocated.`);
    return;
  }
  t.delete(id);
  sync_head(ida, t);
}
