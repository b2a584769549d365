// Models the allocation API modules import (include/linux/slab.h, vmalloc.h): kmalloc/kfree/krealloc/kmem_cache_*, vmalloc, kmemdup/kstrdup.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import {
  kmalloc, kfree, krealloc, ksize, kmem_cache_create, kmem_cache_alloc, kmem_cache_destroy, kmem_cache_by_handle, check_redzone,
  slabState, __GFP_ZERO, type free_result, type slab_object,
} from '../../mm/slab.ts';
import { kread_cstr, kbytes, kwrite_cstr, ksymbol } from '../../mm/kmem.ts';
import { kasan_report } from '../../mm/kasan_report.ts';
import { stack_frames } from '../module/faults.ts';
import { printk, KERN_ERR } from '../printk/printk.ts';
import { kaddr } from '../../lib/vsprintf.ts';
import { add_taint, TAINT_BAD_PAGE, print_tainted } from '../panic.ts';
import { calling_module } from '../module/runtime.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';
import { defineState } from '../state.ts';

/** slub_debug's report for an overwritten right redzone, found when the object is freed. */
function redzone_report(addr: number, first: number, obj: slab_object): void {
  const b = kbytes();
  add_taint(TAINT_BAD_PAGE);
  const at = stack_frames(obj.trace).find((f) => f.module);
  printk(`${KERN_ERR}=============================================================================`);
  printk(`${KERN_ERR}BUG ${obj.cache!.name} (${print_tainted()}): Right Redzone overwritten`);
  printk(`${KERN_ERR}-----------------------------------------------------------------------------`);
  printk(`${KERN_ERR}`);
  printk(`${KERN_ERR}0x${kaddr(first)}-0x${kaddr(first)} @offset=${first - addr}. First byte 0x${b[first]!.toString(16)} instead of 0xcc`);
  if (at) printk(`${KERN_ERR}Allocated in ${at.text} age=0 cpu=0 pid=${obj.pid}`);
}

/** kfree with KASAN's checks: double and invalid frees are reported and skipped. */
export function checked_kfree(addr: number): void {
  const obj = slabState().objects.get(addr);
  if (obj && !obj.freed) {
    const rz = check_redzone(obj);
    if (rz >= 0 && !obj.reported) redzone_report(addr, rz, obj);
  }
  const r: free_result | null = kfree(addr);
  if (!r || r.ok) return;
  kasan_report(r.kind, addr, 0, 'Free', new Error('kfree'), r.obj);
}

/** The kmem_cache handles C code holds, per machine. */
const caches = defineState('kapi-kmem-caches', () => new Map<number, number>());

const slab_syms = EXPORT_KAPI({
  kmalloc: (size: number, flags: number) => kmalloc(size, flags),
  __kmalloc: (size: number, flags: number) => kmalloc(size, flags),
  kmalloc_node: (size: number, flags: number) => kmalloc(size, flags),
  __kmalloc_node: (size: number, flags: number) => kmalloc(size, flags),
  kvmalloc_node: (size: number, flags: number) => kmalloc(size, flags),
  kfree: (p: number) => { checked_kfree(p); },
  kvfree: (p: number) => { checked_kfree(p); },
  kfree_sensitive: (p: number) => { const n = ksize(p); if (n) kbytes().fill(0, p, p + n); checked_kfree(p); },
  krealloc: (p: number, size: number, flags: number) => krealloc(p, size, flags),
  kvrealloc: (p: number, _old: number, size: number, flags: number) => krealloc(p, size, flags),
  ksize: (p: number) => ksize(p),
  kmemdup: (src: number, len: number, flags: number) => { const p = kmalloc(len, flags); if (p) kbytes().copyWithin(p, src, src + len); return p; },
  kstrdup: (s: number, flags: number) => { if (!s) return 0; const t = kread_cstr(s, 1 << 20); const p = kmalloc(new TextEncoder().encode(t).length + 1, flags); if (p) kwrite_cstr(p, t); return p; },
  kstrndup: (s: number, max: number, flags: number) => { if (!s) return 0; const t = kread_cstr(s, max); const p = kmalloc(new TextEncoder().encode(t).length + 1, flags); if (p) kwrite_cstr(p, t); return p; },
  vmalloc: (size: number) => kmalloc(size, 0),
  vzalloc: (size: number) => kmalloc(size, __GFP_ZERO),
  vfree: (p: number) => { checked_kfree(p); },
  kmem_cache_create: (name: number, size: number, align: number, _flags: number, ctor: number) => {
    const c = kmem_cache_create(kread_cstr(name), size, align, ctor, calling_module()?.name ?? null);
    caches().set(c.handle, c.handle);
    return ksymbol(`__kmem_cache_${c.handle}`, 8) ;
  },
  kmem_cache_alloc: (h: number, flags: number) => { const c = cache_of(h); return c ? kmem_cache_alloc(c, flags) : 0; },
  kmem_cache_free: (_h: number, p: number) => { checked_kfree(p); },
  kmem_cache_destroy: (h: number) => {
    const c = cache_of(h);
    if (!c) return;
    const live = kmem_cache_destroy(c);
    if (live.length) printk(`${KERN_ERR}kmem_cache_destroy ${c.name}: Slab cache still has objects when called from ${calling_module()?.name ?? 'kernel'}`);
  },
});

/** A struct kmem_cache * handed to C is the address of a small kernel object; find the cache behind it. */
function cache_of(addr: number): ReturnType<typeof kmem_cache_by_handle> {
  for (const h of caches().keys()) if (ksymbol(`__kmem_cache_${h}`, 8) === addr) return kmem_cache_by_handle(h);
  return undefined;
}

export const ksymtab = [...slab_syms, EXPORT_KDATA('ZERO_SIZE_PTR_unused', () => EINVAL)];
