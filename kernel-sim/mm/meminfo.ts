// Models linux/mm/show_mem.c's si_meminfo and fs/proc/meminfo.c's inputs: memory totals of the simulated machine.
import { defineState } from '../kernel/state.ts';
import { runqueue } from '../kernel/sched/core.ts';
import type { mm_struct } from '../include/linux/mm_types.ts';

interface MemState { total_bytes: number; kernel_used_bytes: number }

export const memState = defineState<MemState>('meminfo', () => ({
  total_bytes: 512 * 1024 * 1024,
  kernel_used_bytes: 0,
}));

export function set_total_ram(bytes: number): void { memState().total_bytes = bytes; }

/** THREAD_SIZE on x86-64: every task's kernel stack. */
export const THREAD_SIZE = 16384;

/** Page tables of an address space of `bytes`, as the OOM report and PageTables count them: a page per 2 MiB mapped, at least two. */
export function mm_pgtables_bytes(bytes: number): number {
  return Math.max(2, Math.ceil(bytes / (2 << 20)) + 1) * 4096;
}

/** What the machine's tasks hold (mm/vmstat.c's NR_ANON_MAPPED, NR_KERNEL_STACK_KB, NR_PAGETABLE), in bytes. */
export interface task_memory { anon: number; kernel_stack: number; page_tables: number }

/**
 * Walks the tasks: each one's kernel stack, each address space once (its pages, as the memcg charges them) and its
 * page tables.
 */
export function task_memory_usage(): task_memory {
  const seen = new Set<mm_struct>();
  let anon = 0, page_tables = 0, tasks = 0;
  for (const t of runqueue().tasks.values()) {
    tasks++;
    const mm = t.mm;
    if (!mm || seen.has(mm)) continue;
    seen.add(mm);
    const bytes = mm.memory().length;
    anon += bytes;
    page_tables += mm_pgtables_bytes(bytes);
  }
  return { anon, kernel_stack: tasks * THREAD_SIZE, page_tables };
}

/** The guest memory in use besides the boot's own (task memory, RAM-backed files, page cache, buffers), in bytes. */
export function guest_used_bytes(tm: task_memory = task_memory_usage()): number {
  const vm = vmstat();
  return tm.anon + tm.kernel_stack + tm.page_tables + vm.NR_SHMEM_BYTES + vm.NR_RAMFS_BYTES + vm.NR_FILE_PAGES_BYTES + vm.NR_BUFFERS_BYTES;
}

/**
 * The share of RAM a 512 MiB q35 guest has not made available at "Memory: 226044K/523752K available"; half of it is
 * still the kernel's (memmap, caches, slabs) once the boot is done, so it scales with the machine's RAM.
 */
const BOOT_RESERVED_SHARE = (523752 - 226044) / 523752;

/** The memory the booted kernel keeps for itself (reservations, kernel allocations) before anything runs. */
function boot_used_bytes(totalram: number): number {
  const m = memState();
  return Math.min(totalram, m.total_bytes * BOOT_RESERVED_SHARE / 2 + m.kernel_used_bytes);
}

/** MemTotal: the machine's RAM less the kernel image and firmware holes. */
function totalram_bytes(): number {
  return memState().total_bytes - 16 * 1024 * 1024 - 8 * 4096;
}

export function si_meminfo(): { totalram: number; freeram: number; sharedram: number; bufferram: number } {
  const totalram = totalram_bytes();
  const vm = vmstat();
  return { totalram, freeram: Math.max(0, totalram - boot_used_bytes(totalram) - guest_used_bytes()), sharedram: vm.NR_SHMEM_BYTES, bufferram: vm.NR_BUFFERS_BYTES };
}

/**
 * The low watermark (min_free_kbytes' share): an allocation that would take free memory below it needs the OOM
 * killer (anonymous memory) or fails (tmpfs: ENOSPC). Linux computes min_free_kbytes as sqrt(lowmem_kbytes * 16).
 */
export function min_free_bytes(): number {
  return Math.floor(Math.sqrt(totalram_bytes() / 1024 * 16)) * 1024;
}

/**
 * The page cache's node counters as /proc/meminfo and /proc/vmstat read them (global_node_page_state):
 * file pages cached, dirty and under writeback, and the block device buffers (Buffers:), in bytes.
 */
export const vmstat = defineState('vmstat', () => ({
  NR_FILE_PAGES_BYTES: 0,
  NR_FILE_DIRTY_BYTES: 0,
  NR_WRITEBACK_BYTES: 0,
  NR_BUFFERS_BYTES: 0,
  /** tmpfs pages (Shmem:), and ramfs pages: both in Cached, neither reclaimable without swap. */
  NR_SHMEM_BYTES: 0,
  NR_RAMFS_BYTES: 0,
  /** Dirty buffers (metadata) count as Dirty too. */
  NR_FILE_DIRTY_BUFFERS: 0,
}));
