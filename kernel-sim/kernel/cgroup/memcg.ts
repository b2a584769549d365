// Models the counters of linux/mm/memcontrol.c: the charge records of a memcg (address spaces, page cache pages), hierarchical usage, memory events and memory.stat.
import type { task_struct } from '../../include/linux/sched.ts';
import type { mm_struct } from '../../include/linux/mm_types.ts';
import type { page } from '../../include/linux/pagemap.ts';
import { defineState } from '../state.ts';
import { ssid, type cgroup, type memcg_event, type mem_cgroup } from './cgroup-defs.ts';
import { cgroup_subtree, css_chain } from './cgroup.ts';

// THREAD_SIZE (mm/meminfo.ts): every task's kernel stack is charged to its memcg (kernel_stack in memory.stat).
import { THREAD_SIZE } from '../../mm/meminfo.ts';
export { THREAD_SIZE };
/** PAGE_COUNTER_MAX in bytes: what "max" means, as the OOM report prints a swap limit of 9007199254740988kB. */
export const PAGE_COUNTER_MAX_BYTES = 9007199254740988 * 1024;

/** An address space's charged bytes, split by the memcg each part was faulted in (charges do not move with the task). */
export interface mm_charge { bytes: number; parts: Map<cgroup, number> }

export interface MemcgState {
  /** Anonymous memory of each address space and the memcg it is charged to (charged where it was faulted). */
  mm_charge: Map<mm_struct, mm_charge>;
  /** The address space each task was last charged for: exec replaces it. */
  task_mm: Map<task_struct, mm_struct>;
  /** The memcg each task's kernel stack is charged to (it stays there when the task moves). */
  stack_memcg: Map<task_struct, cgroup>;
  /** Page cache pages and their memcg (folio->memcg_data). */
  page_memcg: Map<page, cgroup>;
}
export const memcgState = defineState<MemcgState>('memcg', () => ({ mm_charge: new Map(), task_mm: new Map(), stack_memcg: new Map(), page_memcg: new Map() }));

/** page_counter_read: bytes charged to the memcg and everything under it, dying children included. */
export function memcg_usage(cg: cgroup): number {
  let n = 0;
  const todo = [cg];
  while (todo.length) {
    const c = todo.pop()!;
    n += c.memory.local;
    todo.push(...c.children.values(), ...c.dying_children);
  }
  return n;
}

/** memcg_memory_event: counts in memory.events of the memcg and its ancestors, and in its own memory.events.local. */
export function memcg_memory_event(cg: cgroup, ev: memcg_event): void {
  cg.memory.events_local[ev]++;
  for (const c of css_chain(cg, ssid.memory)) c.memory.events[ev]++;
}

/** Anonymous memory a task's address space has charged (its rss for the OOM report and the victim choice). */
export function task_rss_bytes(t: task_struct): number {
  return t.mm ? memcgState().mm_charge.get(t.mm)?.bytes ?? 0 : 0;
}

/** memory.stat in memory_stat_format's order (the counters the workbench does not model read 0). */
export function memory_stat_format(cg: cgroup): string {
  const sub = [...cgroup_subtree(cg), ...cg.dying_children].map((c) => c.memory.stat);
  const sum = (k: keyof mem_cgroup['stat']): number => sub.reduce((a, s) => a + s[k], 0);
  const anon = sum('anon'), file = sum('file'), stack = sum('kernel_stack');
  const rows: [string, number][] = [
    ['anon', anon], ['file', file], ['kernel', stack], ['kernel_stack', stack], ['pagetables', 0], ['sec_pagetables', 0],
    ['percpu', 0], ['sock', 0], ['vmalloc', 0], ['shmem', 0], ['zswap', 0], ['zswapped', 0], ['file_mapped', 0],
    ['file_dirty', sum('file_dirty')], ['file_writeback', 0], ['swapcached', 0], ['anon_thp', 0], ['file_thp', 0], ['shmem_thp', 0],
    ['inactive_anon', anon], ['active_anon', 0], ['inactive_file', file], ['active_file', 0], ['unevictable', 0],
    ['slab_reclaimable', 0], ['slab_unreclaimable', 0], ['slab', 0],
    ['workingset_refault_anon', 0], ['workingset_refault_file', 0], ['workingset_activate_anon', 0], ['workingset_activate_file', 0],
    ['workingset_restore_anon', 0], ['workingset_restore_file', 0], ['workingset_nodereclaim', 0],
    ['pgscan', sum('pgscan')], ['pgsteal', sum('pgsteal')], ['pgscan_kswapd', 0], ['pgscan_direct', sum('pgscan')],
    ['pgsteal_kswapd', 0], ['pgsteal_direct', sum('pgsteal')], ['pgfault', sum('pgfault')], ['pgmajfault', 0], ['pgrefill', 0],
    ['pgactivate', 0], ['pgdeactivate', 0], ['pglazyfree', 0], ['pglazyfreed', 0], ['zswpin', 0], ['zswpout', 0],
    ['thp_fault_alloc', 0], ['thp_collapse_alloc', 0],
  ];
  return rows.map(([k, v]) => `${k} ${v}\n`).join('');
}

