// Models linux/mm/vmalloc.c's /proc/vmallocinfo (s_show): the vmap areas in address order — ioremap()s and the module areas module_alloc makes — with size, caller, pages, phys and kind.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { proc_create_seq } from '../fs/proc/generic.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { S_IRUSR } from '../include/uapi/stat.ts';
import { ptr_hash } from '../lib/vsprintf.ts';
import { ioremap_areas } from '../arch/x86/io.ts';
import { module_list } from '../kernel/module/list.ts';

const PAGE_SIZE = 4096;
export const VM_IOREMAP = 0x1, VM_ALLOC = 0x2;

/** struct vm_struct as s_show reads it; addr is the kernel's handle for the area (printed hashed, %pK). */
export interface vm_struct { addr: number; size: number; caller: string; nr_pages: number; phys_addr: number; flags: number }

/**
 * The areas the model maps: each ioremap (get_vm_area_caller with VM_IOREMAP; the size includes the guard page) and
 * each live module's memory (module_alloc's __vmalloc_node_range: VM_ALLOC, its pages, called from move_module).
 */
export function vmap_areas(): vm_struct[] {
  const io = ioremap_areas().map((a): vm_struct => ({ addr: a.virt, size: a.size + PAGE_SIZE, caller: a.caller, nr_pages: 0, phys_addr: a.phys, flags: VM_IOREMAP }));
  const mods = module_list().filter((m) => m.memory_base).map((m): vm_struct => {
    const pages = Math.ceil(m.core_size / PAGE_SIZE);
    return { addr: m.memory_base, size: (pages + 1) * PAGE_SIZE, caller: 'move_module', nr_pages: pages, phys_addr: 0, flags: VM_ALLOC };
  });
  return [...io, ...mods].sort((a, b) => a.addr - b.addr);
}

/** s_show: "0x%pK-0x%pK %7ld caller[ pages=N][ phys=%pa] kind"; the addresses hashed as %pK prints them for kptr_restrict 0. */
function s_show(v: vm_struct): string {
  let s = `0x${ptr_hash(v.addr)}-0x${ptr_hash(v.addr + v.size)} ${String(v.size).padStart(7)} ${v.caller}`;
  if (v.nr_pages) s += ` pages=${v.nr_pages}`;
  if (v.phys_addr) s += ` phys=0x${v.phys_addr.toString(16).padStart(16, '0')}`;
  if (v.flags & VM_IOREMAP) s += ' ioremap';
  if (v.flags & VM_ALLOC) s += ' vmalloc';
  // show_numa_info: one node, all pages on N0.
  if (v.nr_pages) s += ` N0=${v.nr_pages}`;
  return s + '\n';
}

/** proc_vmalloc_init (module_init): 0400. */
function proc_vmalloc_init(): number {
  proc_create_seq('vmallocinfo', S_IRUSR, null, {
    start: (m, pos) => { const a = vmap_areas(); m.private = a; return a[pos.pos] ?? null; },
    next: (m, _v, pos) => (m.private as vm_struct[])[++pos.pos] ?? null,
    show: (m, v) => { seq_puts(m, s_show(v as vm_struct)); },
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'proc_vmalloc_init', proc_vmalloc_init, 2_000]];
