// Models the exports of linux/lib/idr.c for modules: a C struct idr / struct ida in kernel memory, allocated by lib/idr.ts.
//
// Each C struct's IDs live in this boot's state under its address; the struct's xa_head is set non-NULL while an ID
// is allocated and NULL when none is, so the header's idr_is_empty()/ida_is_empty() read it as in Linux, and
// idr_base/idr_next are read from and written back to the struct as the C code sees them.
import { kread_u32, kwrite_u32 } from '../../mm/kmem.ts';
import { sizeOf } from '../../toolchain/layouts/access.ts';
import { defineState } from '../state.ts';
import { ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { DEFINE_IDR, idr_alloc, idr_alloc_range, idr_alloc_cyclic, idr_remove, idr_find, idr_replace, idr_entries, ida_alloc_range, ida_free, type idr } from '../../lib/idr.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct xarray on wasm32: the spinlock, xa_flags, xa_head; struct idr adds idr_base and idr_next. */
const XA_HEAD = (): number => sizeOf('spinlock') + 4;
const IDR_BASE = (): number => sizeOf('spinlock') + 8;
const IDR_NEXT = (): number => sizeOf('spinlock') + 12;
/** What xa_head holds while the tree is not empty (any non-NULL value; C never follows it). */
const XA_NONEMPTY = 1;

/** The IDs of each C struct idr/ida by its address (an ida is an idr whose entries are all XA_NONEMPTY). */
const trees = defineState('kapi_idr', () => new Map<number, idr<number>>());

/** The struct at `root`, with the base its C code set (idr_init_base). */
function tree(root: number, is_idr: boolean): idr<number> {
  let t = trees().get(root);
  if (!t) { t = DEFINE_IDR<number>(); trees().set(root, t); }
  if (is_idr) { t.idr_base = kread_u32(root + IDR_BASE()); t.idr_next = kread_u32(root + IDR_NEXT()); }
  return t;
}

function sync(root: number, t: idr<number>, is_idr: boolean): void {
  kwrite_u32(root + XA_HEAD(), t.entries.size ? XA_NONEMPTY : 0);
  if (is_idr) kwrite_u32(root + IDR_NEXT(), t.idr_next);
  if (!t.entries.size) trees().delete(root);
}

function with_idr<R>(root: number, fn: (t: idr<number>) => R): R {
  const t = tree(root, true);
  const r = fn(t);
  sync(root, t, true);
  return r;
}

/** idr_alloc_u32: *nextid in, the allocated ID out; max inclusive. */
function c_idr_alloc_u32(root: number, ptr: number, nextid: number, max: number): number {
  const id = with_idr(root, (t) => idr_alloc_range(t, ptr, kread_u32(nextid), max >>> 0));
  if (id < 0) return id;
  kwrite_u32(nextid, id);
  return 0;
}

/** idr_get_next(_ul): the first entry at or after *nextid, whose ID goes back in *nextid; NULL past the last. */
function idr_get_next(root: number, nextid: number): number {
  const e = c_idr_entries(root, kread_u32(nextid))[0];
  if (!e) return 0;
  kwrite_u32(nextid, e[0]);
  return e[1];
}

/** The entries in ID order, skipping reserved (NULL) ones, as radix_tree_for_each_slot does. */
const c_idr_entries = (root: number, from = 0): [number, number][] =>
  (trees().has(root) ? idr_entries(tree(root, true), from).filter(([, p]) => p) : []);

/** idr_for_each: fn(id, p, data) for each entry in ID order until one returns non-zero, which is returned. */
function idr_for_each(root: number, fn: number, data: number): number {
  for (const [id, p] of c_idr_entries(root)) {
    const r = call_slot_atomic(fn, [id, p, data], 'idr_for_each') as number;
    if (r) return r;
  }
  return 0;
}

function c_idr_destroy(root: number): void {
  trees().delete(root);
  kwrite_u32(root + XA_HEAD(), 0);
}

function c_ida_alloc_range(root: number, min: number, max: number): number {
  const t = tree(root, false);
  const id = ida_alloc_range(t.ida, min, max);
  if (id >= 0) t.entries.set(id, XA_NONEMPTY);
  sync(root, t, false);
  return id;
}

function c_ida_free(root: number, id: number): void {
  const t = tree(root, false);
  ida_free(t.ida, id);
  if ((id | 0) >= 0) t.entries.delete(id);
  sync(root, t, false);
}

export const ksymtab = EXPORT_KAPI({
  idr_alloc: (root: number, ptr: number, start: number, end: number) => with_idr(root, (t) => idr_alloc(t, ptr, start, end)),
  idr_alloc_u32: c_idr_alloc_u32,
  idr_alloc_cyclic: (root: number, ptr: number, start: number, end: number) => with_idr(root, (t) => idr_alloc_cyclic(t, ptr, start, end)),
  idr_remove: (root: number, id: number) => (trees().has(root) ? with_idr(root, (t) => idr_remove(t, id >>> 0) ?? 0) : 0),
  idr_find: (root: number, id: number) => (trees().has(root) ? idr_find(tree(root, true), id >>> 0) ?? 0 : 0),
  idr_replace: (root: number, ptr: number, id: number) => (trees().has(root) ? idr_replace(tree(root, true), ptr, id >>> 0) : undefined) ?? -ENOENT >>> 0,
  idr_for_each, idr_get_next, idr_get_next_ul: idr_get_next, idr_destroy: c_idr_destroy,
  // Preloading fills a per-CPU node cache before a lock is taken; allocations here do not fail that way.
  idr_preload: () => undefined,
  ida_alloc_range: c_ida_alloc_range,
  ida_free: c_ida_free, ida_destroy: c_idr_destroy,
});
