// Models linux/include/linux/uaccess.h and lib/usercopy.c: copying between kernel and the current process's memory, checking the range.
//
// User memory below PAGE_SIZE is never mapped (NULL dereferences fault) and
// nothing past the end of the process's memory is; either gives -EFAULT.
import type { mm_struct } from '../include/linux/mm_types.ts';
import { PAGE_SIZE } from '../include/linux/mm_types.ts';
import { EFAULT, ENAMETOOLONG } from '../include/uapi/asm-generic/errno.ts';
import { current } from '../kernel/sched/core.ts';
import { account_ns } from '../kernel/time/timekeeping.ts';
import { defineState } from '../kernel/state.ts';

export const PATH_MAX = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The address space uaccess works on: current's, or a kernel buffer while kernel_read/kernel_write run. */
const uaccessState = defineState('uaccess', () => ({ override: null as mm_struct | null }));

function target_mm(): mm_struct | null {
  return uaccessState().override ?? current().mm;
}

/** Runs fn with user accesses redirected to `mm` (the kernel's own buffers). */
export function with_uaccess<R>(mm: mm_struct, fn: () => R): R {
  const st = uaccessState();
  const prev = st.override;
  st.override = mm;
  try { return fn(); } finally { st.override = prev; }
}

export function access_ok(addr: number, size: number): boolean {
  const mm = target_mm();
  if (!mm) return false;
  if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(size) || size < 0) return false;
  return addr >= PAGE_SIZE && addr + size <= mm.memory().length;
}

/** Copies `src` to user address `to`; returns the number of bytes NOT copied (0 on success). */
export function copy_to_user(to: number, src: Uint8Array): number {
  if (src.length === 0) return 0;
  if (!access_ok(to, src.length)) return src.length;
  target_mm()!.memory().set(src, to);
  account_ns(src.length >> 4);
  return 0;
}

/** Copies `n` bytes from user address `from`; null on a bad range. */
export function copy_from_user(from: number, n: number): Uint8Array | null {
  if (n === 0) return new Uint8Array(0);
  if (!access_ok(from, n)) return null;
  account_ns(n >> 4);
  return target_mm()!.memory().slice(from, from + n);
}

/** Reads a NUL-terminated string of at most `max` bytes; -EFAULT or -ENAMETOOLONG on failure. */
export function strncpy_from_user(from: number, max = PATH_MAX): string | number {
  const mm = target_mm();
  if (!mm || !access_ok(from, 1)) return -EFAULT;
  const mem = mm.memory();
  const end = Math.min(mem.length, from + max);
  const nul = mem.indexOf(0, from);
  if (nul < 0 || nul >= end) return nul < 0 && end === mem.length ? -EFAULT : -ENAMETOOLONG;
  return decoder.decode(mem.subarray(from, nul));
}

export function copy_string_to_user(to: number, s: string): number {
  return copy_to_user(to, encoder.encode(s));
}

export function get_user_u32(addr: number): number | null {
  if (!access_ok(addr, 4)) return null;
  const m = target_mm()!.memory();
  return new DataView(m.buffer, m.byteOffset).getUint32(addr, true);
}

export function get_user_u64(addr: number): number | null {
  if (!access_ok(addr, 8)) return null;
  const m = target_mm()!.memory();
  return Number(new DataView(m.buffer, m.byteOffset).getBigUint64(addr, true));
}

export function put_user_u32(addr: number, v: number): number {
  if (!access_ok(addr, 4)) return -EFAULT;
  const m = target_mm()!.memory();
  new DataView(m.buffer, m.byteOffset).setUint32(addr, v >>> 0, true);
  return 0;
}

export function put_user_i32(addr: number, v: number): number {
  if (!access_ok(addr, 4)) return -EFAULT;
  const m = target_mm()!.memory();
  new DataView(m.buffer, m.byteOffset).setInt32(addr, v | 0, true);
  return 0;
}

export function put_user_u64(addr: number, v: number | bigint): number {
  if (!access_ok(addr, 8)) return -EFAULT;
  const m = target_mm()!.memory();
  new DataView(m.buffer, m.byteOffset).setBigUint64(addr, BigInt.asUintN(64, BigInt(v)), true);
  return 0;
}

/** Reads a NULL-terminated array of user string pointers (argv/envp). */
export function copy_strings_from_user(ptr: number, max_count = 4096): string[] | number {
  if (ptr === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < max_count; i++) {
    const p = get_user_u64(ptr + i * 8);
    if (p === null) return -EFAULT;
    if (p === 0) return out;
    // copy_strings(): a string longer than MAX_ARG_STRLEN (128 KiB with its NUL) is E2BIG, as valid_arg_len() says.
    const s = strncpy_from_user(p, 131072);
    if (typeof s === 'number') return s === -ENAMETOOLONG ? -7 : s;
    out.push(s);
  }
  return -7; // -E2BIG
}
