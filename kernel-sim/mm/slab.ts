// Models linux/mm/slub.c with slub_debug and KASAN: kmalloc caches over the kernel memory, redzones, poisoning, a free quarantine.
//
// Every object slot is the object plus a right redzone filled with SLUB_RED_ACTIVE and KASAN-poisoned; freed objects
// are filled with POISON_FREE, poisoned as KASAN_SLAB_FREE and held in a quarantine before reuse, so a late access or
// a second kfree is caught. Each object remembers who allocated it (module and caller) for leak reports.
import { pr_info } from '../kernel/printk/printk.ts';
import { defineState } from '../kernel/state.ts';
import {
  alloc_pages_exact, free_pages_exact, kasan_poison, kasan_unpoison, kbytes, KMEM_PAGE, KASAN_SLAB_FREE, KASAN_SLAB_REDZONE,
} from './kmem.ts';

export const ZERO_SIZE_PTR = 16;
export const KMALLOC_MAX_SIZE = 4 << 20;
export const POISON_INUSE = 0x5a, POISON_FREE = 0x6b, POISON_END = 0xa5, SLUB_RED_ACTIVE = 0xcc;
const REDZONE = 16;
const QUARANTINE = 256;
/** __GFP_ZERO as include/linux/gfp_types.h defines it. */
export const __GFP_ZERO = 0x100;

/** kmem_cache_init's report: the cache-line alignment, the slab page orders (slub_min_order..slub_max_order), the CPUs and nodes. */
export function kmem_cache_init(nr_cpus: number): void {
  pr_info(`SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=${nr_cpus}, Nodes=1`);
}

const KMALLOC_SIZES = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192];

export interface kmem_cache {
  name: string;
  /** Object size as created; `slot` adds the redzone and alignment. */
  size: number;
  align: number;
  slot: number;
  ctor: number;
  free: number[];
  pages: number[];
  active: number;
  /** Set for caches a module created (kmem_cache_create), for leak reports. */
  owner: string | null;
  /** Address of the C handle (struct kmem_cache *) modules hold. */
  handle: number;
}

export interface slab_object {
  addr: number;
  size: number;
  cache: kmem_cache | null;
  /** Module (or "kernel") that allocated it and the allocating function's symbol. */
  owner: string;
  caller: string;
  pid: number;
  comm: string;
  freed: boolean;
  free_caller?: string;
  free_pid?: number;
  free_comm?: string;
  /** Whole pages (kmalloc_large). */
  large: boolean;
  /** The host stack at allocation and at free (symbolized only when a report needs it). */
  trace?: unknown;
  free_trace?: unknown;
  /** KASAN already reported a bad access to it (slub_debug does not report the same redzone again). */
  reported?: boolean;
}

interface SlabState {
  kmalloc: kmem_cache[];
  caches: kmem_cache[];
  objects: Map<number, slab_object>;
  quarantine: slab_object[];
  next_handle: number;
}

export const slabState = defineState<SlabState>('slab', () => ({
  kmalloc: KMALLOC_SIZES.map((s) => new_cache(`kmalloc-${s >= 1024 ? `${s / 1024}k` : s}`, s, 8, null)),
  caches: [], objects: new Map(), quarantine: [], next_handle: 1,
}));

function new_cache(name: string, size: number, align: number, owner: string | null): kmem_cache {
  const a = Math.max(8, align);
  const slot = Math.ceil((size + REDZONE) / a) * a;
  return { name, size, align: a, slot, ctor: 0, free: [], pages: [], active: 0, owner, handle: 0 };
}

/** Who is allocating: set by the module runtime around calls into a module. */
export interface alloc_context { owner: string; caller: string; pid: number; comm: string; trace?: unknown }
// kernel-static: a hook the module runtime sets when it loads; it reads the running machine's current
let context_fn: () => alloc_context = () => ({ owner: 'kernel', caller: '', pid: 0, comm: '' });
export function set_alloc_context(fn: () => alloc_context): void { context_fn = fn; }

function grow(c: kmem_cache): boolean {
  const bytes = Math.max(KMEM_PAGE, c.slot * 8);
  const p = alloc_pages_exact(bytes, 2);
  if (!p) return false;
  c.pages.push(p);
  const n = Math.floor(bytes / c.slot);
  for (let i = n - 1; i >= 0; i--) c.free.push(p + i * c.slot);
  kasan_poison(p, Math.ceil(bytes / KMEM_PAGE) * KMEM_PAGE, KASAN_SLAB_REDZONE);
  return true;
}

function place(addr: number, size: number, cache: kmem_cache | null, large: boolean, zero: boolean): number {
  const b = kbytes();
  const ctx = context_fn();
  const slot = cache ? cache.slot : size;
  b.fill(zero ? 0 : POISON_INUSE, addr, addr + size);
  if (cache) b.fill(SLUB_RED_ACTIVE, addr + size, addr + slot);
  if (cache) kasan_poison(addr, slot, KASAN_SLAB_REDZONE);
  kasan_unpoison(addr, size);
  slabState().objects.set(addr, { addr, size, cache, owner: ctx.owner, caller: ctx.caller, pid: ctx.pid, comm: ctx.comm, freed: false, large, trace: ctx.trace });
  return addr;
}

function cache_alloc(c: kmem_cache, size: number, zero: boolean): number {
  if (c.free.length === 0 && !grow(c)) return 0;
  const a = c.free.pop()!;
  c.active++;
  return place(a, size, c, false, zero);
}

export function kmalloc_cache_for(size: number): kmem_cache | null {
  return slabState().kmalloc.find((c) => c.size >= size) ?? null;
}

/** kmalloc(): returns the object's address, ZERO_SIZE_PTR for 0 bytes, 0 on failure. */
export function kmalloc(size: number, flags: number): number {
  size >>>= 0;
  if (size === 0) return ZERO_SIZE_PTR;
  if (size > KMALLOC_MAX_SIZE) return 0;
  const zero = (flags & __GFP_ZERO) !== 0;
  const c = kmalloc_cache_for(size);
  if (c) return cache_alloc(c, size, zero);
  const p = alloc_pages_exact(size, 3);
  return p ? place(p, size, null, true, zero) : 0;
}

export type free_result = { ok: true; obj: slab_object } | { ok: false; kind: 'double-free' | 'invalid-free'; obj?: slab_object };

/** kfree(): frees an object; reports what was wrong instead of freeing when the pointer is not a live object. */
export function kfree(addr: number): free_result | null {
  if (addr === 0 || addr === ZERO_SIZE_PTR) return null;
  const s = slabState();
  const obj = s.objects.get(addr);
  if (!obj) return { ok: false, kind: 'invalid-free' };
  if (obj.freed) return { ok: false, kind: 'double-free', obj };
  const ctx = context_fn();
  obj.freed = true;
  obj.free_caller = ctx.caller;
  obj.free_pid = ctx.pid;
  obj.free_comm = ctx.comm;
  obj.free_trace = ctx.trace;
  const b = kbytes();
  b.fill(POISON_FREE, addr, addr + obj.size);
  if (obj.size > 0) b[addr + obj.size - 1] = POISON_END;
  if (obj.large) {
    s.objects.delete(addr);
    free_pages_exact(addr);
    return { ok: true, obj };
  }
  kasan_poison(addr, obj.cache!.slot, KASAN_SLAB_FREE);
  obj.cache!.active--;
  s.quarantine.push(obj);
  while (s.quarantine.length > QUARANTINE) {
    const old = s.quarantine.shift()!;
    if (s.objects.get(old.addr) === old) s.objects.delete(old.addr);
    old.cache!.free.push(old.addr);
  }
  return { ok: true, obj };
}

/** The live or quarantined object containing `addr` (for KASAN reports), with the nearest object for redzone hits. */
export function find_object(addr: number): slab_object | undefined {
  for (const o of slabState().objects.values()) {
    const end = o.cache ? o.addr + o.cache.slot : o.addr + o.size;
    if (addr >= o.addr && addr < end) return o;
  }
  return undefined;
}

/** slub_debug's check of the right redzone; returns the first overwritten byte or -1. */
export function check_redzone(obj: slab_object): number {
  if (!obj.cache || obj.freed) return -1;
  const b = kbytes();
  for (let p = obj.addr + obj.size; p < obj.addr + obj.cache.slot; p++) if (b[p] !== SLUB_RED_ACTIVE) return p;
  return -1;
}

export function ksize(addr: number): number {
  const o = slabState().objects.get(addr);
  return o && !o.freed ? (o.cache ? o.cache.size : o.size) : 0;
}

/** krealloc(): a new object with the old contents (the old one freed), or the same one when it still fits. */
export function krealloc(addr: number, size: number, flags: number): number {
  if (addr === 0 || addr === ZERO_SIZE_PTR) return kmalloc(size, flags);
  if (size === 0) { kfree(addr); return ZERO_SIZE_PTR; }
  const o = slabState().objects.get(addr);
  if (!o || o.freed) return 0;
  const n = kmalloc(size, flags);
  if (!n) return 0;
  kbytes().copyWithin(n, addr, addr + Math.min(o.size, size));
  kfree(addr);
  return n;
}

export function kmem_cache_create(name: string, size: number, align: number, ctor: number, owner: string | null): kmem_cache {
  const c = new_cache(name, size, align, owner);
  c.ctor = ctor;
  c.handle = slabState().next_handle++;
  slabState().caches.push(c);
  return c;
}

export function kmem_cache_by_handle(h: number): kmem_cache | undefined {
  return slabState().caches.find((c) => c.handle === h);
}

export function kmem_cache_alloc(c: kmem_cache, flags: number): number {
  return cache_alloc(c, c.size, (flags & __GFP_ZERO) !== 0);
}

/** kmem_cache_destroy(): returns the objects still allocated from it (Linux complains about them). */
export function kmem_cache_destroy(c: kmem_cache): slab_object[] {
  const s = slabState();
  const live = [...s.objects.values()].filter((o) => o.cache === c && !o.freed);
  for (const o of [...s.objects.values()]) if (o.cache === c) s.objects.delete(o.addr);
  s.quarantine = s.quarantine.filter((o) => o.cache !== c);
  for (const p of c.pages) free_pages_exact(p);
  s.caches = s.caches.filter((x) => x !== c);
  return live;
}

/** Live objects allocated by `owner` (a module name), for the leak report at rmmod. */
export function objects_owned_by(owner: string): slab_object[] {
  return [...slabState().objects.values()].filter((o) => !o.freed && o.owner === owner);
}

/** Forgets ownership of objects handed to the kernel (they stay allocated but no longer count as the module's leak). */
export function disown(addr: number): void {
  const o = slabState().objects.get(addr);
  if (o) o.owner = 'kernel';
}
