// Models linux/mm/slab_common.c's /proc/slabinfo (slabinfo_show, cache_show, SLUB's get_slabinfo): one line per cache, newest first, from the slab model's caches.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { proc_create_seq } from '../fs/proc/generic.ts';
import { seq_puts, type seq_file } from '../fs/seq_file.ts';
import { S_IRUSR } from '../include/uapi/stat.ts';
import { KMEM_PAGE } from './kmem.ts';
import { slabState, type kmem_cache } from './slab.ts';

/** What SLUB's get_slabinfo reports for a cache: objects per slab and pages per slab as the model grows it. */
export interface slabinfo { active_objs: number; num_objs: number; objsize: number; objects_per_slab: number; pages_per_slab: number; num_slabs: number }

/** The model grows a cache by one slab of max(a page, eight slots) (slab.ts grow): that is SLUB's oo. */
export function get_slabinfo(c: kmem_cache): slabinfo {
  const bytes = Math.max(KMEM_PAGE, c.slot * 8);
  const per = Math.floor(bytes / c.slot);
  // alloc_pages_exact takes whole pages, not a power-of-two order.
  const pages = Math.ceil(bytes / KMEM_PAGE);
  return { active_objs: c.active, num_objs: c.pages.length * per, objsize: c.slot, objects_per_slab: per, pages_per_slab: pages, num_slabs: c.pages.length };
}

/** slab_caches in list order: caches are list_add()ed, so the newest first; the kmalloc caches were made first, smallest first. */
export function slab_caches(): kmem_cache[] {
  const s = slabState();
  return [...s.kmalloc, ...s.caches].reverse();
}

const pad = (v: number | string, w: number, left = false): string => (left ? String(v).padEnd(w) : String(v).padStart(w));

function print_slabinfo_header(m: seq_file): void {
  seq_puts(m, 'slabinfo - version: 2.1\n');
  seq_puts(m, '# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>');
  seq_puts(m, ' : tunables <limit> <batchcount> <sharedfactor>');
  seq_puts(m, ' : slabdata <active_slabs> <num_slabs> <sharedavail>\n');
}

/** cache_show: SLUB has no tunables (0 0 0) and every slab counts as active. */
function cache_show(m: seq_file, c: kmem_cache): void {
  const i = get_slabinfo(c);
  seq_puts(m, `${pad(c.name, 17, true)} ${pad(i.active_objs, 6)} ${pad(i.num_objs, 6)} ${pad(i.objsize, 6)} ${pad(i.objects_per_slab, 4)} ${pad(i.pages_per_slab, 4)}`);
  seq_puts(m, ` : tunables ${pad(0, 4)} ${pad(0, 4)} ${pad(0, 4)}`);
  seq_puts(m, ` : slabdata ${pad(i.num_slabs, 6)} ${pad(i.num_slabs, 6)} ${pad(0, 6)}\n`);
}

/** slab_proc_init (module_init): 0400, SLUB takes no writes. */
function slab_proc_init(): number {
  proc_create_seq('slabinfo', S_IRUSR, null, {
    start: (_m, pos) => slab_caches()[pos.pos] ?? null,
    next: (_m, _v, pos) => slab_caches()[++pos.pos] ?? null,
    show: (m, v) => {
      if (v === slab_caches()[0]) print_slabinfo_header(m);
      cache_show(m, v as kmem_cache);
      return 0;
    },
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'slab_proc_init', slab_proc_init, 2_000]];
