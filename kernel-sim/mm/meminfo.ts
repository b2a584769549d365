// Models linux/mm/show_mem.c's si_meminfo and fs/proc/meminfo.c's inputs: memory totals of the simulated machine.
import { defineState } from '../kernel/state.ts';
import { runqueue } from '../kernel/sched/core.ts';
import type { mm_struct } from '../include/linux/mm_types.ts';
import { totalram_pages, PAGE_SIZE } from './page_alloc.ts';

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
 * The kernel's own memory once booted (slabs, caches, vmalloc, percpu chunks) is not modelled piece by piece: it is
 * taken as a share of RAM, half of what a 512 MiB q35 guest had not made available at "Memory: 226044K/523752K"
 * (a figure fitted long ago; that line is computed from memblock now). What kernel code allocates is added on top.
 */
const BOOT_RESERVED_SHARE = (523752 - 226044) / 523752;

/** The memory the booted kernel keeps for itself (reservations, kernel allocations) before anything runs. */
function boot_used_bytes(totalram: number): number {
  const m = memState();
  return Math.min(totalram, m.total_bytes * BOOT_RESERVED_SHARE / 2 + m.kernel_used_bytes);
}

/** MemTotal: totalram_pages, what memblock handed to the page allocator and the boot freed since. */
function totalram_bytes(): number {
  return totalram_pages() * PAGE_SIZE;
}

export function si_meminfo(): { totalram: number; freeram: number; sharedram: number; bufferram: number } {
  const totalram = totalram_bytes();
  const vm = vmstat();
  // Free memory is whole pages, as the buddy allocator counts it.
  const free = Math.floor(Math.max(0, totalram - boot_used_bytes(totalram) - guest_used_bytes()) / PAGE_SIZE) * PAGE_SIZE;
  return { totalram, freeram: free, sharedram: vm.NR_SHMEM_BYTES, bufferram: vm.NR_BUFFERS_BYTES };
}

/** /proc/meminfo's memory fields in kB, as meminfo_proc_show and the vmstat counters both read them. */
export interface meminfo_kb {
  total: number; free: number; available: number; buffers: number; cached: number;
  active_anon: number; inactive_anon: number; active_file: number; inactive_file: number; unevictable: number;
  dirty: number; writeback: number; anon: number; mapped: number; shmem: number;
  sreclaimable: number; sunreclaim: number; kernel_stack: number; page_tables: number;
}

/** The kernel's own share of used memory when /proc/meminfo was first read this boot (see meminfo_counters). */
const kernelShare = defineState('meminfo_kernel_share', () => ({ base_kb: -1 }));

/**
 * The split of used memory: what tasks, RAM-backed files, the page cache and buffers hold is counted; the boot's own
 * share is divided between page cache (45%), 1 MiB of buffers and slabs (a third reclaimable) as a fresh guest shows.
 * The cache's part of that share is fixed at the first reading, so Cached moves only with the page cache, shmem and
 * ramfs; later changes of the kernel's own share (its allocations for IO, workers, ...) go to the slabs, as Linux's do.
 */
export function meminfo_counters(): meminfo_kb {
  const i = si_meminfo();
  const K = (b: number): number => Math.floor(b / 1024);
  const vm = vmstat();
  const tm = task_memory_usage();
  const pagecache = K(vm.NR_FILE_PAGES_BYTES), bufs = K(vm.NR_BUFFERS_BYTES), shmem = K(vm.NR_SHMEM_BYTES), ramfs = K(vm.NR_RAMFS_BYTES);
  const total = K(i.totalram), free = K(i.freeram);
  const base_used = Math.max(0, total - free - K(guest_used_bytes(tm)));
  const share = kernelShare();
  if (share.base_kb < 0) share.base_kb = base_used;
  const base_cached = Math.floor(share.base_kb * 0.45);
  const cached = base_cached + pagecache + shmem + ramfs;
  const buffers = 1024 + bufs;
  const slab = Math.min(Math.max(0, base_used - base_cached - 1024), Math.floor(total / 30));
  const sreclaimable = Math.floor(slab / 3);
  const anon = K(tm.anon);
  const file = cached + buffers - shmem;
  return {
    total, free, available: free + Math.floor((file - ramfs) / 2) + sreclaimable, buffers, cached,
    active_anon: anon, inactive_anon: shmem, active_file: Math.floor(file / 2), inactive_file: file - Math.floor(file / 2), unevictable: ramfs,
    dirty: K(vm.NR_FILE_DIRTY_BYTES + vm.NR_FILE_DIRTY_BUFFERS), writeback: K(vm.NR_WRITEBACK_BYTES), anon, mapped: Math.floor(file / 4), shmem,
    sreclaimable, sunreclaim: slab - sreclaimable, kernel_stack: K(tm.kernel_stack), page_tables: K(tm.page_tables),
  };
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
