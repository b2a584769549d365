// Models linux/lib/kfifo.c: the out-of-line half of the generic FIFO, working on a C struct __kfifo in kernel memory.
//
// in and out are free-running unsigned counters; an index is masked with `mask` (size - 1, a power of two) on access,
// so in - out is the fill level even across 2^32 wraps. Record fifos (recsize 1 or 2) put each record's length in
// front of it, little end first. Sizes are in elements of `esize` bytes, as in Linux.
import { EINVAL, ENOMEM, EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { kread_u32, kwrite_u32, kread_u8, kwrite_u8, kread_bytes, kwrite_bytes, kbytes } from '../mm/kmem.ts';
import { kmalloc } from '../mm/slab.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { SG, sg_next, sg_set_page } from './scatterlist.ts';
import { virt_to_page, page_to_pfn } from '../kernel/kapi/page.ts';

const PAGE_SIZE = 4096;

/** struct __kfifo on wasm32: five 4-byte fields (data is a pointer). */
const IN = 0, OUT = 4, MASK = 8, ESIZE = 12, DATA = 16;

/** The fields of a struct __kfifo, read once; `set` writes one back. */
interface kfifo_view { in: number; out: number; mask: number; esize: number; data: number }
const view = (f: number): kfifo_view => ({ in: kread_u32(f + IN), out: kread_u32(f + OUT), mask: kread_u32(f + MASK), esize: kread_u32(f + ESIZE), data: kread_u32(f + DATA) });
const set_in = (f: number, v: number): void => kwrite_u32(f + IN, v >>> 0);
const set_out = (f: number, v: number): void => kwrite_u32(f + OUT, v >>> 0);
const u32 = (v: number): number => v >>> 0;

const kfifo_unused = (k: kfifo_view): number => u32(k.mask + 1 - u32(k.in - k.out));
const roundup_pow_of_two = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));
const rounddown_pow_of_two = (n: number): number => (n <= 1 ? n : 2 ** Math.floor(Math.log2(n)));

function init_fields(f: number, esize: number, data: number, mask: number): void {
  kwrite_u32(f + IN, 0); kwrite_u32(f + OUT, 0); kwrite_u32(f + ESIZE, esize); kwrite_u32(f + DATA, data); kwrite_u32(f + MASK, mask);
}

export function __kfifo_alloc(f: number, size: number, esize: number, gfp: number): number {
  // Indices wrap by masking, which needs a power of two.
  size = roundup_pow_of_two(u32(size));
  if (size < 2) { init_fields(f, esize, 0, 0); return -EINVAL; }
  const data = esize && size <= 0xffffffff / esize ? kmalloc(esize * size, gfp) : 0;
  init_fields(f, esize, data, data ? size - 1 : 0);
  return data ? 0 : -ENOMEM;
}

export function __kfifo_init(f: number, buffer: number, size: number, esize: number): number {
  size = rounddown_pow_of_two(Math.floor(u32(size) / esize));
  init_fields(f, esize, buffer, size < 2 ? 0 : size - 1);
  return size < 2 ? -EINVAL : 0;
}

/** The byte ranges of `len` elements at index `off`: up to the buffer's end, then from its start. */
function spans(k: kfifo_view, len: number, off: number): { off: number; l: number; len: number } {
  const e = k.esize || 1;
  const o = (off & k.mask) * e, size = (k.mask + 1) * e, n = len * e;
  return { off: o, l: Math.min(n, size - o), len: n };
}

function copy_in(k: kfifo_view, src: number, len: number, off: number): void {
  const s = spans(k, len, off), b = kbytes();
  b.copyWithin(k.data + s.off, src, src + s.l);
  b.copyWithin(k.data, src + s.l, src + s.len);
}

function copy_out(k: kfifo_view, dst: number, len: number, off: number): void {
  const s = spans(k, len, off), b = kbytes();
  b.copyWithin(dst, k.data + s.off, k.data + s.off + s.l);
  b.copyWithin(dst + s.l, k.data, k.data + s.len - s.l);
}

export function __kfifo_in(f: number, buf: number, len: number): number {
  const k = view(f);
  len = Math.min(u32(len), kfifo_unused(k));
  copy_in(k, buf, len, k.in);
  set_in(f, k.in + len);
  return len;
}

export function __kfifo_out_peek(f: number, buf: number, len: number): number {
  const k = view(f);
  len = Math.min(u32(len), u32(k.in - k.out));
  copy_out(k, buf, len, k.out);
  return len;
}

export function __kfifo_out(f: number, buf: number, len: number): number {
  len = __kfifo_out_peek(f, buf, len);
  set_out(f, kread_u32(f + OUT) + len);
  return len;
}

/** Elements not copied from user memory (rounded up, as DIV_ROUND_UP does); the bytes copied go to *copied. */
function copy_from_user_at(k: kfifo_view, from: number, len: number, off: number, copied: number): number {
  const s = spans(k, len, off), e = k.esize || 1;
  let ret = 0;
  const a = copy_from_user(from, s.l);
  if (!a) ret = Math.ceil(s.len / e);
  else {
    kwrite_bytes(k.data + s.off, a);
    const b = copy_from_user(from + s.l, s.len - s.l);
    if (!b) ret = Math.ceil((s.len - s.l) / e);
    else kwrite_bytes(k.data, b);
  }
  kwrite_u32(copied, s.len - ret * e);
  return ret;
}

function copy_to_user_at(k: kfifo_view, to: number, len: number, off: number, copied: number): number {
  const s = spans(k, len, off), e = k.esize || 1;
  let ret = 0;
  if (copy_to_user(to, kread_bytes(k.data + s.off, s.l))) ret = Math.ceil(s.len / e);
  else if (copy_to_user(to + s.l, kread_bytes(k.data, s.len - s.l))) ret = Math.ceil((s.len - s.l) / e);
  kwrite_u32(copied, s.len - ret * e);
  return ret;
}

export function __kfifo_from_user(f: number, from: number, len: number, copied: number): number {
  const k = view(f);
  len = Math.min(Math.floor(u32(len) / (k.esize || 1)), kfifo_unused(k));
  const ret = copy_from_user_at(k, from, len, k.in, copied);
  set_in(f, k.in + len - ret);
  return ret ? -EFAULT : 0;
}

export function __kfifo_to_user(f: number, to: number, len: number, copied: number): number {
  const k = view(f);
  len = Math.min(Math.floor(u32(len) / (k.esize || 1)), u32(k.in - k.out));
  const ret = copy_to_user_at(k, to, len, k.out, copied);
  set_out(f, k.out + len - ret);
  return ret ? -EFAULT : 0;
}

/** setup_sgl_buf: one sg entry per physically contiguous run of `buf` (the direct map is contiguous: one entry). */
function setup_sgl_buf(sgl: number, buf: number, nents: number, len: number): number {
  if (!nents || !len || !sgl) return 0;
  let n = 0, page = virt_to_page(buf), off = buf % PAGE_SIZE, l = 0;
  while (len >= l + PAGE_SIZE - off) {
    l += PAGE_SIZE;
    buf += PAGE_SIZE;
    const npage = virt_to_page(buf);
    if (page_to_pfn(npage) - page_to_pfn(page) !== l / PAGE_SIZE) {
      sg_set_page(sgl, page, l - off, off);
      sgl = sg_next(sgl);
      if (++n === nents || !sgl) return n;
      page = npage;
      len -= l - off;
      l = off = 0;
    }
  }
  sg_set_page(sgl, page, len, off);
  return n + 1;
}

function setup_sgl(k: kfifo_view, sgl: number, nents: number, len: number, off: number): number {
  const s = spans(k, len, off);
  const n = setup_sgl_buf(sgl, k.data + s.off, nents, s.l);
  return n + setup_sgl_buf(sgl + n * SG.SIZE, k.data, nents - n, s.len - s.l);
}

export function __kfifo_dma_in_prepare(f: number, sgl: number, nents: number, len: number): number {
  const k = view(f);
  return setup_sgl(k, sgl, nents, Math.min(u32(len), kfifo_unused(k)), k.in);
}

export function __kfifo_dma_out_prepare(f: number, sgl: number, nents: number, len: number): number {
  const k = view(f);
  return setup_sgl(k, sgl, nents, Math.min(u32(len), u32(k.in - k.out)), k.out);
}

/** The largest record length a recsize-byte header can hold. */
export function __kfifo_max_r(len: number, recsize: number): number {
  const max = 2 ** (recsize * 8) - 1;
  return Math.min(u32(len), max);
}

/** The length header of the record at out. */
function peek_n(k: kfifo_view, recsize: number): number {
  let l = kread_u8(k.data + (k.out & k.mask));
  if (recsize > 1) l |= kread_u8(k.data + (u32(k.out + 1) & k.mask)) << 8;
  return l;
}

function poke_n(k: kfifo_view, n: number, recsize: number): void {
  kwrite_u8(k.data + (k.in & k.mask), n & 0xff);
  if (recsize > 1) kwrite_u8(k.data + (u32(k.in + 1) & k.mask), (n >> 8) & 0xff);
}

export const __kfifo_len_r = (f: number, recsize: number): number => peek_n(view(f), recsize);

export function __kfifo_in_r(f: number, buf: number, len: number, recsize: number): number {
  const k = view(f);
  len = u32(len);
  if (len + recsize > kfifo_unused(k)) return 0;
  poke_n(k, len, recsize);
  copy_in(k, buf, len, k.in + recsize);
  set_in(f, k.in + len + recsize);
  return len;
}

function out_copy_r(k: kfifo_view, buf: number, len: number, recsize: number): { len: number; n: number } {
  const n = peek_n(k, recsize);
  len = Math.min(u32(len), n);
  copy_out(k, buf, len, k.out + recsize);
  return { len, n };
}

export function __kfifo_out_peek_r(f: number, buf: number, len: number, recsize: number): number {
  const k = view(f);
  return k.in === k.out ? 0 : out_copy_r(k, buf, len, recsize).len;
}

export function __kfifo_out_r(f: number, buf: number, len: number, recsize: number): number {
  const k = view(f);
  if (k.in === k.out) return 0;
  const r = out_copy_r(k, buf, len, recsize);
  set_out(f, k.out + r.n + recsize);
  return r.len;
}

export function __kfifo_skip_r(f: number, recsize: number): void {
  const k = view(f);
  set_out(f, k.out + peek_n(k, recsize) + recsize);
}

export function __kfifo_from_user_r(f: number, from: number, len: number, copied: number, recsize: number): number {
  const k = view(f);
  len = __kfifo_max_r(len, recsize);
  if (len + recsize > kfifo_unused(k)) { kwrite_u32(copied, 0); return 0; }
  poke_n(k, len, recsize);
  if (copy_from_user_at(k, from, len, k.in + recsize, copied)) { kwrite_u32(copied, 0); return -EFAULT; }
  set_in(f, k.in + len + recsize);
  return 0;
}

export function __kfifo_to_user_r(f: number, to: number, len: number, copied: number, recsize: number): number {
  const k = view(f);
  if (k.in === k.out) { kwrite_u32(copied, 0); return 0; }
  const n = peek_n(k, recsize);
  if (copy_to_user_at(k, to, Math.min(u32(len), n), k.out + recsize, copied)) { kwrite_u32(copied, 0); return -EFAULT; }
  set_out(f, k.out + n + recsize);
  return 0;
}

export function __kfifo_dma_in_prepare_r(f: number, sgl: number, nents: number, len: number, recsize: number): number {
  const k = view(f);
  len = __kfifo_max_r(len, recsize);
  return len + recsize > kfifo_unused(k) ? 0 : setup_sgl(k, sgl, nents, len, k.in + recsize);
}

export function __kfifo_dma_in_finish_r(f: number, len: number, recsize: number): void {
  const k = view(f);
  len = __kfifo_max_r(len, recsize);
  poke_n(k, len, recsize);
  set_in(f, k.in + len + recsize);
}

export function __kfifo_dma_out_prepare_r(f: number, sgl: number, nents: number, len: number, recsize: number): number {
  const k = view(f);
  len = __kfifo_max_r(len, recsize);
  return len + recsize > u32(k.in - k.out) ? 0 : setup_sgl(k, sgl, nents, len, k.out + recsize);
}

export function __kfifo_dma_out_finish_r(f: number, recsize: number): void {
  const k = view(f);
  set_out(f, k.out + peek_n(k, recsize) + recsize);
}
