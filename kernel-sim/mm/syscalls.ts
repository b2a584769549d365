// Models the SYSCALL_DEFINEs of linux/mm/mmap.c and mprotect.c: brk, anonymous mmap and munmap over the process's memory.
import { RLIMIT_AS } from '../include/uapi/resource.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EINVAL, ENOMEM, ENODEV, EBADF } from '../include/uapi/asm-generic/errno.ts';
import { PAGE_SIZE, VM_READ, VM_WRITE, VM_EXEC, VM_SHARED } from '../include/linux/mm_types.ts';
import { current } from '../kernel/sched/core.ts';
import { fget } from '../fs/file.ts';
import { STACK_SIZE, clear_user_pages } from './mmap.ts';
import { __vm_enough_memory } from './util.ts';
import { mem_cgroup_charge_mm } from '../kernel/cgroup/memcontrol.ts';

const PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
const MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;

const page_align = (n: number): number => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;

/** may_expand_vm(): growing the address space by `bytes` must stay within RLIMIT_AS. */
function may_expand_vm(mm: NonNullable<ReturnType<typeof current>['mm']>, bytes: number): boolean {
  const total = mm.mmap.reduce((n, v) => n + (v.vm_end - v.vm_start), 0);
  return bytes <= 0 || total + bytes <= current().signal.rlim[RLIMIT_AS].rlim_cur;
}

function sys_brk(brk: number): number {
  const mm = current().mm;
  if (!mm) return 0;
  if (brk === 0 || brk < mm.start_brk) return mm.brk;
  const stack_bottom = mm.memory().length - STACK_SIZE;
  const mmap_low = Math.min(stack_bottom, ...mm.mmap.filter((v) => v.vm_name !== '[stack]' && v.vm_name !== '[heap]').map((v) => v.vm_start));
  if (brk > mmap_low) return mm.brk;
  if (!may_expand_vm(mm, page_align(brk) - page_align(mm.brk))) return mm.brk;
  mm.brk = brk;
  const heap = mm.mmap.find((v) => v.vm_name === '[heap]');
  if (heap) heap.vm_end = page_align(brk);
  else mm.mmap.push({ vm_start: mm.start_brk, vm_end: page_align(brk), vm_flags: VM_READ | VM_WRITE, vm_pgoff: 0, vm_name: '[heap]' });
  return brk;
}

/** Anonymous mappings are carved top-down below the stack; file mappings need the driver's mmap. */
function sys_mmap(addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
  const mm = current().mm;
  if (!mm) return -ENOMEM;
  if (len <= 0 || off % PAGE_SIZE) return -EINVAL;
  if (!(flags & (MAP_SHARED | MAP_PRIVATE))) return -EINVAL;
  if (!(flags & MAP_ANONYMOUS)) {
    const f = fget(fd | 0);
    if (!f) return -EBADF;
    if (!f.f_op.mmap) return -ENODEV;
    return -ENODEV; // device mmap arrives with the driver API
  }
  len = page_align(len);
  if (!may_expand_vm(mm, len)) return -ENOMEM;
  let start: number;
  let fresh = false; // memory the address space just grew by is zero already
  if (flags & MAP_FIXED) {
    if (addr % PAGE_SIZE || addr < PAGE_SIZE) return -EINVAL;
    start = addr;
  } else {
    const top = Math.min(mm.memory().length - STACK_SIZE, ...mm.mmap.filter((v) => v.vm_name !== '[stack]' && v.vm_name !== '[heap]').map((v) => v.vm_start));
    start = top - len;
    if (start < page_align(mm.brk)) {
      // No room below the stack: the address space grows and the mapping takes the new top.
      start = mm.memory().length;
      const e = __vm_enough_memory(len);
      if (e) return e;
      if (!mm.grow(start + len)) return -ENOMEM;
      fresh = true;
    }
  }
  if (start + len > mm.memory().length) return -ENOMEM;
  // The pages are touched now (zeroed): their memcg charge happens here, and may OOM-kill the caller.
  if (mem_cgroup_charge_mm(current()) < 0) return -ENOMEM;
  if (!fresh) clear_user_pages(mm.memory(), start, start + len);
  const flagsv = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_SHARED ? VM_SHARED : 0);
  mm.mmap.push({ vm_start: start, vm_end: start + len, vm_flags: flagsv, vm_pgoff: 0, vm_name: '' });
  mm.mmap.sort((a, b) => a.vm_start - b.vm_start);
  return start;
}

function sys_munmap(addr: number, len: number): number {
  const mm = current().mm;
  if (!mm || addr % PAGE_SIZE || len <= 0) return -EINVAL;
  const end = addr + page_align(len);
  mm.mmap = mm.mmap.filter((v) => v.vm_name !== '' || v.vm_end <= addr || v.vm_start >= end);
  return 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('brk', ['hex'], sys_brk),
  SYSCALL_DEFINE('mmap', ['hex', 'size', 'hex', 'hex', 'fd', 'hex'], sys_mmap),
  SYSCALL_DEFINE('munmap', ['hex', 'size'], sys_munmap),
  SYSCALL_DEFINE('mprotect', ['hex', 'size', 'hex'], (addr: number) => (addr % PAGE_SIZE ? -EINVAL : 0)),
  SYSCALL_DEFINE('madvise', ['hex', 'size', 'int'], (addr: number) => (addr % PAGE_SIZE ? -EINVAL : 0)),
];
