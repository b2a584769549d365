// Models linux/include/linux/memcontrol.h: the charge calls the page cache makes (mem_cgroup_charge, mem_cgroup_uncharge), installed by the memory controller at cgroup_init.
import type { page } from './pagemap.ts';
import { defineState } from '../../kernel/state.ts';

export interface memcg_page_ops {
  /** A page entered the page cache: charge it to the current task's memcg. */
  charge(p: page): void;
  /** A page left the page cache: its memcg gets the bytes back. */
  uncharge(p: page): void;
}

export const memcgPageOps = defineState('memcg_page_ops', () => ({ ops: null as memcg_page_ops | null }));

export function mem_cgroup_charge(p: page): void { memcgPageOps().ops?.charge(p); }
export function mem_cgroup_uncharge(p: page): void { memcgPageOps().ops?.uncharge(p); }
