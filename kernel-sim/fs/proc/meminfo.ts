// Models linux/fs/proc/meminfo.c and arch/x86/mm/pat/set_memory.c's arch_report_meminfo: /proc/meminfo in 6.1's fields and widths.
import { meminfo_counters } from '../../mm/meminfo.ts';
import { si_swapinfo } from '../../mm/swapfile.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

/** "Label:" padded to 16 columns, the value in kB right-aligned in 8 (show_val_kb). */
const val = (label: string, kbytes: number): string => `${(label + ':').padEnd(16)}${String(Math.floor(kbytes)).padStart(8)} kB\n`;

export function meminfo_proc_show(m: seq_file): number {
  const c = meminfo_counters();
  const swap = si_swapinfo();
  const { total, free, cached, buffers, anon, shmem } = c;
  let s = '';
  s += val('MemTotal', total) + val('MemFree', free) + val('MemAvailable', c.available);
  s += val('Buffers', buffers) + val('Cached', cached) + val('SwapCached', 0);
  s += val('Active', c.active_file + c.active_anon) + val('Inactive', c.inactive_file + c.inactive_anon);
  s += val('Active(anon)', c.active_anon) + val('Inactive(anon)', c.inactive_anon) + val('Active(file)', c.active_file) + val('Inactive(file)', c.inactive_file);
  s += val('Unevictable', c.unevictable) + val('Mlocked', 0) + val('SwapTotal', swap.totalswap * 4) + val('SwapFree', swap.freeswap * 4) + val('Zswap', 0) + val('Zswapped', 0);
  s += val('Dirty', c.dirty) + val('Writeback', c.writeback) + val('AnonPages', anon) + val('Mapped', c.mapped) + val('Shmem', shmem);
  s += val('KReclaimable', c.sreclaimable) + val('Slab', c.sreclaimable + c.sunreclaim) + val('SReclaimable', c.sreclaimable) + val('SUnreclaim', c.sunreclaim);
  s += val('KernelStack', c.kernel_stack) + val('PageTables', c.page_tables) + val('SecPageTables', 0) + val('NFS_Unstable', 0) + val('Bounce', 0);
  s += val('WritebackTmp', 0) + val('CommitLimit', Math.floor(total / 2) + swap.totalswap * 4) + val('Committed_AS', anon * 2);
  s += val('VmallocTotal', 34359738367) + val('VmallocUsed', 8192) + val('VmallocChunk', 0) + val('Percpu', 768);
  s += `HardwareCorrupted: ${String(0).padStart(5)} kB\n`;
  s += val('AnonHugePages', 0) + val('ShmemHugePages', 0) + val('ShmemPmdMapped', 0) + val('FileHugePages', 0) + val('FilePmdMapped', 0);
  s += `HugePages_Total:   ${'0'.padStart(5)}\nHugePages_Free:    ${'0'.padStart(5)}\nHugePages_Rsvd:    ${'0'.padStart(5)}\nHugePages_Surp:    ${'0'.padStart(5)}\n`;
  s += val('Hugepagesize', 2048) + val('Hugetlb', 0);
  const direct4k = 100 * 1024 + 12 * 4;
  s += val('DirectMap4k', direct4k) + val('DirectMap2M', Math.max(0, Math.ceil((total + 32 * 1024) / 2048) * 2048 - direct4k + 2048));
  seq_puts(m, s);
  return 0;
}

export function proc_meminfo_init(): number {
  proc_create_single('meminfo', 0, null, meminfo_proc_show);
  return 0;
}
