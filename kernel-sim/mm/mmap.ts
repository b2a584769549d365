// Models linux/mm/mmap.c and kernel/fork.c's dup_mm: process address spaces backed by a growable buffer.
import type { mm_struct } from '../include/linux/mm_types.ts';
import { PAGE_SIZE, VM_READ, VM_WRITE } from '../include/linux/mm_types.ts';

/** Address space of a workbench (TypeScript) program: 1 MiB, growable to 64 MiB. */
export const TS_MM_SIZE = 1 << 20;
export const TS_MM_MAX = 64 << 20;
/** The top 64 KiB hold the stack with argv and envp, as on Linux. */
export const STACK_SIZE = 64 << 10;

export function mm_alloc(size = TS_MM_SIZE, max = TS_MM_MAX): mm_struct {
  const buffer = new ArrayBuffer(size, { maxByteLength: max });
  let view = new Uint8Array(buffer);
  const mm: mm_struct = {
    memory: () => (view.length === buffer.byteLength ? view : (view = new Uint8Array(buffer))),
    grow: (bytes: number) => {
      if (bytes <= buffer.byteLength) return true;
      if (bytes > max) return false;
      buffer.resize(Math.ceil(bytes / PAGE_SIZE) * PAGE_SIZE);
      return true;
    },
    mmap: [],
    start_code: 0, end_code: 0, start_data: 0, end_data: 0,
    start_brk: PAGE_SIZE, brk: PAGE_SIZE,
    start_stack: size, arg_start: 0, arg_end: 0, env_start: 0, env_end: 0,
    users: 1,
    kind: 'ts',
  };
  mm.mmap.push({ vm_start: size - STACK_SIZE, vm_end: size, vm_flags: VM_READ | VM_WRITE, vm_pgoff: 0, vm_name: '[stack]' });
  return mm;
}

/** Whether the page at byte `off` of `words` (a Uint32Array view of the memory) holds any nonzero byte. */
export function page_in_use(words: Uint32Array, off: number): boolean {
  for (let i = off >>> 2, end = (off + PAGE_SIZE) >>> 2; i < end; i++) if (words[i] !== 0) return true;
  return false;
}

/**
 * fork's copy of the pages that hold data. A page never written is still the zero page in both, so it is not copied:
 * the host commits memory only for pages a process wrote (what copy-on-write saves Linux, at page granularity), and a
 * fork of a 1 MiB address space with a few pages in use costs a scan, not a 1 MiB copy.
 */
function copy_pages_in_use(src: Uint8Array, dst: Uint8Array): void {
  const words = new Uint32Array(src.buffer, src.byteOffset, src.length >>> 2);
  for (let off = 0; off + PAGE_SIZE <= src.length; off += PAGE_SIZE) {
    if (page_in_use(words, off)) dst.set(src.subarray(off, off + PAGE_SIZE), off);
  }
}

/** Zeroes [start, end) without writing pages that are zero already (so they stay uncommitted in the host). */
export function clear_user_pages(mem: Uint8Array, start: number, end: number): void {
  const words = new Uint32Array(mem.buffer, mem.byteOffset, mem.length >>> 2);
  for (let off = start; off < end; off += PAGE_SIZE) {
    const stop = Math.min(end, off + PAGE_SIZE);
    if (off % PAGE_SIZE !== 0 || stop - off !== PAGE_SIZE || page_in_use(words, off)) mem.fill(0, off, stop);
  }
}

/** Pages of a memory that hold data: the resident set, as the workbench's memory is zero until written. */
export function pages_in_use(mem: Uint8Array): number {
  const words = new Uint32Array(mem.buffer, mem.byteOffset, mem.length >>> 2);
  let n = 0;
  for (let off = 0; off + PAGE_SIZE <= mem.length; off += PAGE_SIZE) if (page_in_use(words, off)) n++;
  return n;
}

/** A copy of the parent's address space for fork. */
export function dup_mm(old: mm_struct | null): mm_struct | null {
  if (!old) return null;
  const src = old.memory();
  const mm = mm_alloc(src.length, Math.max(TS_MM_MAX, src.length));
  copy_pages_in_use(src, mm.memory());
  Object.assign(mm, {
    mmap: old.mmap.map((v) => ({ ...v })),
    start_code: old.start_code, end_code: old.end_code, start_data: old.start_data, end_data: old.end_data,
    start_brk: old.start_brk, brk: old.brk, start_stack: old.start_stack,
    arg_start: old.arg_start, arg_end: old.arg_end, env_start: old.env_start, env_end: old.env_end, kind: old.kind,
  });
  return mm;
}
