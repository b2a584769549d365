// Models linux/include/linux/mm_types.h: a process's address space.

export interface vm_area_struct {
  vm_start: number;
  vm_end: number;
  /** VM_READ | VM_WRITE | VM_EXEC | VM_SHARED as r/w/x/p in /proc/PID/maps. */
  vm_flags: number;
  vm_pgoff: number;
  /** What /proc/PID/maps names the mapping: a path, [stack], [heap] ... */
  vm_name: string;
  /** What the mapping's owner keeps with it (vma->vm_private_data; a System V shm attach keeps its segment); fork's copy shares it. */
  vm_private_data?: unknown;
}

export interface mm_struct {
  /** The process's memory; a fresh view after growth. */
  memory: () => Uint8Array;
  /** Grows the memory (brk, mmap) to at least `bytes`; false when refused. */
  grow: (bytes: number) => boolean;
  mmap: vm_area_struct[];
  start_code: number; end_code: number;
  start_data: number; end_data: number;
  start_brk: number; brk: number;
  start_stack: number;
  arg_start: number; arg_end: number;
  env_start: number; env_end: number;
  users: number;
  /** Kind of image: a TypeScript program of the workbench or a wasm user program. */
  kind: 'ts' | 'wasm';
}

export const VM_READ = 0x1;
export const VM_WRITE = 0x2;
export const VM_EXEC = 0x4;
export const VM_SHARED = 0x8;
export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
