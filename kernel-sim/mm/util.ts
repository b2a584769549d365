// Models linux/mm/util.c's __vm_enough_memory: whether the machine has room for more anonymous memory, with the OOM killer behind it.
import { ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { current } from '../kernel/sched/core.ts';
import { out_of_memory } from '../kernel/cgroup/oom.ts';
import { si_meminfo, min_free_bytes, task_memory_usage, vmstat } from './meminfo.ts';

/** show_free_areas' summary as the OOM report prints it under Mem-Info:, in pages. */
function show_free_areas(): string[] {
  const p = (bytes: number): number => Math.floor(bytes / 4096);
  const vm = vmstat(), tm = task_memory_usage(), free = si_meminfo().freeram;
  const file = p(vm.NR_FILE_PAGES_BYTES + vm.NR_BUFFERS_BYTES);
  return [
    `active_anon:${p(tm.anon)} inactive_anon:${p(vm.NR_SHMEM_BYTES)} isolated_anon:0`,
    ` active_file:${file >> 1} inactive_file:${file - (file >> 1)} isolated_file:0`,
    ` unevictable:${p(vm.NR_RAMFS_BYTES)} dirty:${p(vm.NR_FILE_DIRTY_BYTES)} writeback:${p(vm.NR_WRITEBACK_BYTES)}`,
    ' slab_reclaimable:0 slab_unreclaimable:0',
    ` mapped:0 shmem:${p(vm.NR_SHMEM_BYTES)} pagetables:${p(tm.page_tables)}`,
    ' sec_pagetables:0 bounce:0',
    ' kernel_misc_reclaimable:0',
    ` free:${p(free)} free_pcp:0 free_cma:0`,
  ];
}

/**
 * May the current task's address space grow by `bytes`? Every page a process maps is backed at once here, so the
 * check is made when memory is mapped (mmap, brk, fork's copy, exec's new image) rather than at the fault. With no
 * room above the min watermark the OOM killer runs; the allocation fails with -ENOMEM, and succeeds on a retry once
 * the victim has exited (Linux's faulting task waits for the victim instead). A task already killed gets no more.
 */
export function __vm_enough_memory(bytes: number): number {
  if (bytes <= 0) return 0;
  const room = (): number => si_meminfo().freeram - min_free_bytes();
  if (bytes <= room()) return 0;
  const victim = out_of_memory(show_free_areas);
  return victim === null || victim === current() || bytes > room() ? -ENOMEM : 0;
}
