// Models linux/fs/proc/task_mmu.c: /proc/PID/maps and the memory counters behind status and statm.
import type { mm_struct, vm_area_struct } from '../../include/linux/mm_types.ts';
import { PAGE_SIZE, VM_READ, VM_WRITE, VM_EXEC, VM_SHARED } from '../../include/linux/mm_types.ts';
import { pages_in_use } from '../../mm/mmap.ts';
import { seq_puts, seq_setwidth, seq_pad, type seq_file } from '../seq_file.ts';

/** Total virtual size in bytes (total_vm): the whole address space of the process. */
export function task_vsize(mm: mm_struct): number {
  return mm.memory().length;
}

/** Resident pages: those the process has written to (get_mm_rss). */
export function task_rss_pages(mm: mm_struct): number {
  return pages_in_use(mm.memory());
}

/** Page counts statm and status report. */
export function task_statm(mm: mm_struct): { text: number; data: number; stack: number; pte_kb: number } {
  const pages = (b: number): number => Math.ceil(Math.max(0, b) / PAGE_SIZE);
  const stack = mm.mmap.filter((v) => v.vm_name === '[stack]').reduce((a, v) => a + pages(v.vm_end - v.vm_start), 0);
  const other = mm.mmap.filter((v) => v.vm_name !== '[stack]' && !(v.vm_flags & VM_EXEC)).reduce((a, v) => a + pages(v.vm_end - v.vm_start), 0);
  return {
    text: pages(mm.end_code - mm.start_code),
    data: pages(mm.brk - mm.start_brk) + other,
    stack,
    pte_kb: 4 * (1 + Math.ceil(task_vsize(mm) / (512 * PAGE_SIZE))),
  };
}

const hex = (v: number, w: number): string => v.toString(16).padStart(w, '0');

/** One line of maps: "start-end perms offset dev inode   name" (show_map_vma). */
function show_map_vma(m: seq_file, v: vm_area_struct): void {
  const perms = (v.vm_flags & VM_READ ? 'r' : '-') + (v.vm_flags & VM_WRITE ? 'w' : '-') + (v.vm_flags & VM_EXEC ? 'x' : '-') + (v.vm_flags & VM_SHARED ? 's' : 'p');
  seq_setwidth(m, 25 + 8 * 6 - 1);
  seq_puts(m, `${hex(v.vm_start, 8)}-${hex(v.vm_end, 8)} ${perms} ${hex(v.vm_pgoff * PAGE_SIZE, 8)} 00:00 0 `);
  if (v.vm_name) { seq_pad(m, ' '); seq_puts(m, v.vm_name); }
  seq_puts(m, '\n');
}

/** /proc/PID/maps: the mappings in address order, with [heap] when the brk area is in use. */
export function show_maps(m: seq_file, mm: mm_struct | null): number {
  if (!mm) return 0;
  const vmas = mm.mmap.slice();
  if (mm.brk > mm.start_brk && !vmas.some((v) => v.vm_name === '[heap]')) {
    vmas.push({ vm_start: mm.start_brk, vm_end: Math.ceil(mm.brk / PAGE_SIZE) * PAGE_SIZE, vm_flags: VM_READ | VM_WRITE, vm_pgoff: 0, vm_name: '[heap]' });
  }
  for (const v of vmas.sort((a, b) => a.vm_start - b.vm_start)) show_map_vma(m, v);
  return 0;
}
