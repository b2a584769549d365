// Models linux/mm/show_mem.c's si_meminfo and fs/proc/meminfo.c's inputs: memory totals of the simulated machine.
import { defineState } from '../kernel/state.ts';

interface MemState { total_bytes: number; reserved_bytes: number; kernel_used_bytes: number }

export const memState = defineState<MemState>('meminfo', () => ({
  total_bytes: 512 * 1024 * 1024,
  // What Linux reserves on a 512 MiB q35 guest: "Memory: 226044K/523752K available".
  reserved_bytes: (523752 - 226044) * 1024 - 0,
  kernel_used_bytes: 0,
}));

export function set_total_ram(bytes: number): void { memState().total_bytes = bytes; }

export function si_meminfo(): { totalram: number; freeram: number; sharedram: number; bufferram: number } {
  const m = memState();
  const totalram = m.total_bytes - 16 * 1024 * 1024 - 8 * 4096; // MemTotal excludes kernel image and firmware holes
  return { totalram, freeram: Math.max(0, totalram - m.reserved_bytes / 2 - m.kernel_used_bytes), sharedram: 0, bufferram: 0 };
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
  /** Dirty buffers (metadata) count as Dirty too. */
  NR_FILE_DIRTY_BUFFERS: 0,
}));
