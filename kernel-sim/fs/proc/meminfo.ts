// Models linux/fs/proc/meminfo.c and arch/x86/mm/pat/set_memory.c's arch_report_meminfo: /proc/meminfo in 6.1's fields and widths.
import { si_meminfo, vmstat, task_memory_usage, guest_used_bytes } from '../../mm/meminfo.ts';
import { si_swapinfo } from '../../mm/swapfile.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

/** "Label:" padded to 16 columns, the value in kB right-aligned in 8 (show_val_kb). */
const val = (label: string, kbytes: number): string => `${(label + ':').padEnd(16)}${String(Math.floor(kbytes)).padStart(8)} kB\n`;

export function meminfo_proc_show(m: seq_file): number {
  const i = si_meminfo();
  const swap = si_swapinfo();
  const K = (b: number): number => Math.floor(b / 1024);
  // What tasks, RAM-backed files, the page cache and buffers hold is counted (mm/meminfo.ts) and comes out of MemFree;
  // the boot's own share (the kernel's caches and slabs at idle) is split between the fields as a fresh guest shows it.
  const vm = vmstat();
  const tm = task_memory_usage();
  const pagecache = K(vm.NR_FILE_PAGES_BYTES), bufs = K(vm.NR_BUFFERS_BYTES), shmem = K(vm.NR_SHMEM_BYTES), ramfs = K(vm.NR_RAMFS_BYTES);
  const total = K(i.totalram), free = K(i.freeram);
  const base_used = Math.max(0, total - free - K(guest_used_bytes(tm)));
  const cached = Math.floor(base_used * 0.45) + pagecache + shmem + ramfs;
  const buffers = 1024 + bufs;
  const slab = Math.min(Math.max(0, base_used - Math.floor(base_used * 0.45) - 1024), Math.floor(total / 30));
  const sreclaim = Math.floor(slab / 3);
  const anon = K(tm.anon);
  const file = cached + buffers - shmem;
  let s = '';
  s += val('MemTotal', total) + val('MemFree', free) + val('MemAvailable', free + Math.floor((file - ramfs) / 2) + sreclaim);
  s += val('Buffers', buffers) + val('Cached', cached) + val('SwapCached', 0);
  s += val('Active', Math.floor(file / 2) + anon) + val('Inactive', file - Math.floor(file / 2) + shmem);
  s += val('Active(anon)', anon) + val('Inactive(anon)', shmem) + val('Active(file)', Math.floor(file / 2)) + val('Inactive(file)', file - Math.floor(file / 2));
  s += val('Unevictable', ramfs) + val('Mlocked', 0) + val('SwapTotal', swap.totalswap * 4) + val('SwapFree', swap.freeswap * 4) + val('Zswap', 0) + val('Zswapped', 0);
  s += val('Dirty', K(vm.NR_FILE_DIRTY_BYTES + vm.NR_FILE_DIRTY_BUFFERS)) + val('Writeback', K(vm.NR_WRITEBACK_BYTES)) + val('AnonPages', anon) + val('Mapped', Math.floor(file / 4)) + val('Shmem', shmem);
  s += val('KReclaimable', sreclaim) + val('Slab', slab) + val('SReclaimable', sreclaim) + val('SUnreclaim', slab - sreclaim);
  s += val('KernelStack', K(tm.kernel_stack)) + val('PageTables', K(tm.page_tables)) + val('SecPageTables', 0) + val('NFS_Unstable', 0) + val('Bounce', 0);
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
