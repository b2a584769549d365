// Models the kernel's direct map (arch/x86/mm/init_64.c) and mm/page_alloc.c: one WebAssembly.Memory every module shares, with a page allocator.
//
// Layout (wasm32 addresses):
//   [0, KMEM_NULL_GUARD)            never mapped: the NULL guard (KASAN-poisoned)
//   [KMEM_DATA, KMEM_PAGES)         kernel objects modules link against (param_ops_int, jiffies, kernel_kobj ...)
//   [KMEM_PAGES, KMEM_SHADOW)       pages: module images, kernel stacks, slab pages, vmalloc
//   [KMEM_SHADOW, KMEM_SIZE)        KASAN shadow, one byte per 8 bytes of the whole memory
import { defineState } from '../kernel/state.ts';

export const KMEM_PAGE = 4096;
export const KMEM_SIZE = 32 << 20;
export const KMEM_NULL_GUARD = 0x10000;
export const KMEM_DATA = KMEM_NULL_GUARD;
export const KMEM_PAGES = 0x100000;
export const KMEM_SHADOW = KMEM_SIZE - (KMEM_SIZE >>> 3);
const NPAGES = (KMEM_SHADOW - KMEM_PAGES) / KMEM_PAGE;

/** KASAN shadow values (mm/kasan/kasan.h, generic mode) plus the workbench's NULL guard and stack guard. */
export const KASAN_PAGE_FREE = 0xff, KASAN_PAGE_REDZONE = 0xfe, KASAN_SLAB_REDZONE = 0xfc, KASAN_SLAB_FREE = 0xfb;
export const KASAN_GLOBAL_REDZONE = 0xf9, KASAN_STACK_GUARD = 0xf8, KASAN_NULL_GUARD = 0xf0;

interface KmemState {
  memory: WebAssembly.Memory;
  /** Next free byte of the kernel data area. */
  data_next: number;
  /** Page owner tags (0 = free), for leak reports and /proc/meminfo-like accounting. */
  pages: Uint8Array;
  /** Allocation size in pages at the first page of each allocation. */
  runs: Map<number, number>;
  /** Named kernel data symbols modules may import through GOT.mem. */
  symbols: Map<string, number>;
  /** Views of the memory, made once: it never grows (initial == maximum), so its buffer never detaches. */
  u8: Uint8Array;
  dv: DataView;
}

export const kmemState = defineState<KmemState>('kmem', () => {
  const memory = new WebAssembly.Memory({ initial: KMEM_SIZE / 65536, maximum: KMEM_SIZE / 65536 });
  const b = new Uint8Array(memory.buffer);
  const s: KmemState = { memory, data_next: KMEM_DATA, pages: new Uint8Array(NPAGES), runs: new Map(), symbols: new Map(), u8: b, dv: new DataView(memory.buffer) };
  b.fill(KASAN_NULL_GUARD, KMEM_SHADOW, KMEM_SHADOW + (KMEM_NULL_GUARD >>> 3));
  b.fill(KASAN_PAGE_FREE, KMEM_SHADOW + (KMEM_PAGES >>> 3), KMEM_SHADOW + (KMEM_SHADOW >>> 3));
  return s;
});

export function kmem(): WebAssembly.Memory { return kmemState().memory; }
export function kbytes(): Uint8Array { return kmemState().u8; }
function dv(): DataView { return kmemState().dv; }

export function kread_u8(a: number): number { return kbytes()[a >>> 0]!; }
export function kread_u16(a: number): number { return dv().getUint16(a >>> 0, true); }
export function kread_u32(a: number): number { return dv().getUint32(a >>> 0, true); }
export function kread_i32(a: number): number { return dv().getInt32(a >>> 0, true); }
export function kread_u64(a: number): bigint { return dv().getBigUint64(a >>> 0, true); }
export function kread_i64(a: number): bigint { return dv().getBigInt64(a >>> 0, true); }
export function kwrite_u8(a: number, v: number): void { kbytes()[a >>> 0] = v; }
export function kwrite_u16(a: number, v: number): void { dv().setUint16(a >>> 0, v, true); }
export function kwrite_u32(a: number, v: number): void { dv().setUint32(a >>> 0, v >>> 0, true); }
export function kwrite_i32(a: number, v: number): void { dv().setInt32(a >>> 0, v | 0, true); }
export function kwrite_u64(a: number, v: bigint | number): void { dv().setBigUint64(a >>> 0, BigInt.asUintN(64, BigInt(v)), true); }
export function kread_i8(a: number): number { return (kbytes()[a >>> 0]! << 24) >> 24; }
export function kread_i16(a: number): number { return dv().getInt16(a >>> 0, true); }
export function kread_bool(a: number): boolean { return kbytes()[a >>> 0] !== 0; }
export function kwrite_bool(a: number, v: boolean): void { kbytes()[a >>> 0] = v ? 1 : 0; }

// 64-bit fields as JS numbers (loff_t, resource_size_t, dma_addr_t are numbers in kernel-sim): exact below 2^53, no BigInt on the way.
const TWO32 = 0x1_0000_0000;
export function kread_i64_num(a: number): number { const d = dv(); return d.getInt32((a >>> 0) + 4, true) * TWO32 + d.getUint32(a >>> 0, true); }
export function kread_u64_num(a: number): number { const d = dv(); return d.getUint32((a >>> 0) + 4, true) * TWO32 + d.getUint32(a >>> 0, true); }
/** Writes a two's-complement 64-bit value (negative numbers too). */
export function kwrite_i64_num(a: number, v: number): void {
  const d = dv();
  d.setUint32(a >>> 0, v >>> 0, true);
  d.setUint32((a >>> 0) + 4, Math.floor(v / TWO32) >>> 0, true);
}

const dec = new TextDecoder();
const enc = new TextEncoder();

/** A NUL-terminated string at `a` (at most `max` bytes); "(null)" for NULL as printk prints it. */
export function kread_cstr(a: number, max = 4096): string {
  if (a === 0) return '(null)';
  const b = kbytes();
  let e = a >>> 0;
  const lim = Math.min(b.length, e + max);
  while (e < lim && b[e] !== 0) e++;
  return dec.decode(b.subarray(a >>> 0, e));
}

export function kwrite_bytes(a: number, bytes: Uint8Array): void { kbytes().set(bytes, a >>> 0); }
export function kread_bytes(a: number, n: number): Uint8Array { return kbytes().slice(a >>> 0, (a >>> 0) + n); }

/** Writes `s` NUL-terminated; returns the number of bytes written without the NUL. */
export function kwrite_cstr(a: number, s: string): number {
  const e = enc.encode(s);
  kwrite_bytes(a, e);
  kwrite_u8(a + e.length, 0);
  return e.length;
}

export function valid_kernel_range(a: number, n: number): boolean {
  return Number.isSafeInteger(a) && a >= KMEM_NULL_GUARD && a + n <= KMEM_SHADOW && n >= 0;
}

/** Allocates `size` zeroed bytes of permanent kernel data (symbols modules import), aligned. */
export function kdata_alloc(size: number, align = 8): number {
  const s = kmemState();
  const a = Math.ceil(s.data_next / align) * align;
  if (a + size > KMEM_PAGES) throw new Error('kernel data area exhausted');
  s.data_next = a + size;
  kbytes().fill(0, a, a + size);
  return a;
}

/** The address of a named kernel data symbol, created zeroed on first use. */
export function ksymbol(name: string, size = 64, init?: (addr: number) => void): number {
  const s = kmemState();
  let a = s.symbols.get(name);
  if (a === undefined) {
    a = kdata_alloc(size);
    s.symbols.set(name, a);
    init?.(a);
  }
  return a;
}

export function ksymbol_lookup(name: string): number | undefined { return kmemState().symbols.get(name); }

/** alloc_pages_exact(): `size` bytes of whole pages, zeroed, tagged with `owner`. Returns 0 when out of memory. */
export function alloc_pages_exact(size: number, owner = 1): number {
  const s = kmemState();
  const n = Math.max(1, Math.ceil(size / KMEM_PAGE));
  let run = 0;
  for (let i = 0; i < NPAGES; i++) {
    run = s.pages[i] ? 0 : run + 1;
    if (run === n) {
      const first = i - n + 1;
      s.pages.fill(owner, first, i + 1);
      s.runs.set(first, n);
      const a = KMEM_PAGES + first * KMEM_PAGE;
      kbytes().fill(0, a, a + n * KMEM_PAGE);
      kasan_unpoison(a, n * KMEM_PAGE);
      return a;
    }
  }
  return 0;
}

export function free_pages_exact(addr: number): void {
  const s = kmemState();
  const first = (addr - KMEM_PAGES) / KMEM_PAGE;
  const n = s.runs.get(first);
  if (n === undefined) return;
  s.runs.delete(first);
  s.pages.fill(0, first, first + n);
  kasan_poison(addr, n * KMEM_PAGE, KASAN_PAGE_FREE);
}

export function pages_in_use(): number {
  let n = 0;
  for (const p of kmemState().pages) if (p) n++;
  return n;
}

/** Marks [a, a+n) accessible (a 8-aligned; a partial last granule records how many bytes are valid). */
export function kasan_unpoison(a: number, n: number): void {
  const b = kbytes();
  const full = n >>> 3;
  b.fill(0, KMEM_SHADOW + (a >>> 3), KMEM_SHADOW + (a >>> 3) + full);
  if (n & 7) b[KMEM_SHADOW + ((a + n) >>> 3)] = n & 7;
}

/** Poisons [a, a+n) with a KASAN shadow value (a and n 8-aligned). */
export function kasan_poison(a: number, n: number, value: number): void {
  kbytes().fill(value, KMEM_SHADOW + (a >>> 3), KMEM_SHADOW + ((a + n + 7) >>> 3));
}

/** The first bad byte of an access [a, a+n), or -1 when the shadow allows all of it. */
export function kasan_first_bad(a: number, n: number): number {
  if (a < 0 || a + n > KMEM_SIZE) return a;
  const b = kbytes();
  for (let p = a; p < a + n; p++) {
    const sh = b[KMEM_SHADOW + (p >>> 3)]!;
    if (sh === 0) continue;
    if (sh >= 0x80 || (p & 7) >= sh) return p;
  }
  return -1;
}

export function kasan_shadow(a: number): number { return kbytes()[KMEM_SHADOW + (a >>> 3)]!; }
