// Models linux/lib/scatterlist.c's page iterator and mapping iterator (__sg_page_iter_*, sg_miter_*) over C structs.
//
// The iterators live in the caller's memory, as Linux's do; the fields are read and written at their wasm32 offsets.
// Every page is in the direct map here (no highmem), so mapping a page is page_address(), and SG_MITER_ATOMIC's
// kmap_atomic is the preemption it disables until sg_miter_stop.
import { kread_u32, kwrite_u32, kbytes } from '../mm/kmem.ts';
import { page_address, page_to_pfn, pfn_to_page } from '../kernel/kapi/page.ts';
import { preempt_disable, preempt_enable } from '../kernel/sched/core.ts';
import { SG, sg_next } from './scatterlist.ts';
import { __warn } from './kobject_warn.ts';

const PAGE_SHIFT = 12, PAGE_SIZE = 1 << PAGE_SHIFT;

/** struct sg_page_iter: sg, sg_pgoffset, __nents, __pg_advance. */
export const PITER = { sg: 0, sg_pgoffset: 4, nents: 8, pg_advance: 12, SIZE: 16 } as const;
/** struct sg_mapping_iter: page, addr, length, consumed, piter, __offset, __remaining, __flags. */
export const MITER = { page: 0, addr: 4, length: 8, consumed: 12, piter: 16, offset: 32, remaining: 36, flags: 40, SIZE: 44 } as const;
export const SG_MITER_ATOMIC = 1 << 0, SG_MITER_TO_SG = 1 << 1, SG_MITER_FROM_SG = 1 << 2;

const rd = (a: number, o: number): number => kread_u32(a + o);
const wr = (a: number, o: number, v: number): void => kwrite_u32(a + o, v);

const sg_page_count = (sg: number): number => (rd(sg, SG.offset) + rd(sg, SG.length) + PAGE_SIZE - 1) >>> PAGE_SHIFT;

export function __sg_page_iter_start(piter: number, sglist: number, nents: number, pgoffset: number): void {
  wr(piter, PITER.pg_advance, 0);
  wr(piter, PITER.nents, nents);
  wr(piter, PITER.sg, sglist);
  wr(piter, PITER.sg_pgoffset, pgoffset);
}

/** Steps to the next page of the list: false at its end (nents entries, or the entry marked last). */
export function __sg_page_iter_next(piter: number): boolean {
  if (!rd(piter, PITER.nents) || !rd(piter, PITER.sg)) return false;
  let pgoff = rd(piter, PITER.sg_pgoffset) + rd(piter, PITER.pg_advance);
  wr(piter, PITER.pg_advance, 1);
  while (pgoff >= sg_page_count(rd(piter, PITER.sg))) {
    pgoff -= sg_page_count(rd(piter, PITER.sg));
    const next = sg_next(rd(piter, PITER.sg));
    wr(piter, PITER.sg, next);
    const left = rd(piter, PITER.nents) - 1;
    wr(piter, PITER.nents, left);
    if (!left || !next) { wr(piter, PITER.sg_pgoffset, pgoff); return false; }
  }
  wr(piter, PITER.sg_pgoffset, pgoff);
  return true;
}

/** sg_page_iter_page: nth_page(sg_page(sg), sg_pgoffset). */
const sg_page_iter_page = (piter: number): number => pfn_to_page(page_to_pfn(rd(rd(piter, PITER.sg), SG.page_link) & ~3) + rd(piter, PITER.sg_pgoffset));

export function sg_miter_start(miter: number, sgl: number, nents: number, flags: number): void {
  kbytes().fill(0, miter, miter + MITER.SIZE);
  __sg_page_iter_start(miter + MITER.piter, sgl, nents, 0);
  if (!(flags & (SG_MITER_TO_SG | SG_MITER_FROM_SG))) __warn('lib/scatterlist.c', 903, 'sg_miter_start', '');
  wr(miter, MITER.flags, flags);
}

/** When the current page is used up, the next one: its offset and the bytes left on it within the entry. */
function sg_miter_get_next_page(miter: number): boolean {
  if (rd(miter, MITER.remaining)) return true;
  const piter = miter + MITER.piter;
  if (!__sg_page_iter_next(piter)) return false;
  const sg = rd(piter, PITER.sg);
  let offset = rd(piter, PITER.sg_pgoffset) ? 0 : rd(sg, SG.offset);
  const pgoff = rd(piter, PITER.sg_pgoffset) + (offset >>> PAGE_SHIFT);
  wr(piter, PITER.sg_pgoffset, pgoff);
  offset &= PAGE_SIZE - 1;
  const remaining = rd(sg, SG.offset) + rd(sg, SG.length) - pgoff * PAGE_SIZE - offset;
  wr(miter, MITER.offset, offset);
  wr(miter, MITER.remaining, Math.min(remaining, PAGE_SIZE - offset));
  return true;
}

/** Drops the current mapping, counting what the caller consumed of it. */
export function sg_miter_stop(miter: number): void {
  if (rd(miter, MITER.consumed) > rd(miter, MITER.length)) __warn('lib/scatterlist.c', 1009, 'sg_miter_stop', '');
  if (!rd(miter, MITER.addr)) return;
  wr(miter, MITER.offset, rd(miter, MITER.offset) + rd(miter, MITER.consumed));
  wr(miter, MITER.remaining, rd(miter, MITER.remaining) - rd(miter, MITER.consumed));
  if (rd(miter, MITER.flags) & SG_MITER_ATOMIC) preempt_enable();
  for (const f of [MITER.page, MITER.addr, MITER.length, MITER.consumed]) wr(miter, f, 0);
}

/** Skips offset bytes without mapping: false when the list ends first. */
export function sg_miter_skip(miter: number, offset: number): boolean {
  sg_miter_stop(miter);
  while (offset) {
    if (!sg_miter_get_next_page(miter)) return false;
    const consumed = Math.min(offset, rd(miter, MITER.remaining));
    wr(miter, MITER.offset, rd(miter, MITER.offset) + consumed);
    wr(miter, MITER.remaining, rd(miter, MITER.remaining) - consumed);
    offset -= consumed;
  }
  return true;
}

/** Maps the next stretch of the list (at most to the page's end): page, addr and length; consumed starts at all of it. */
export function sg_miter_next(miter: number): boolean {
  sg_miter_stop(miter);
  if (!sg_miter_get_next_page(miter)) return false;
  const page = sg_page_iter_page(miter + MITER.piter);
  wr(miter, MITER.page, page);
  wr(miter, MITER.length, rd(miter, MITER.remaining));
  wr(miter, MITER.consumed, rd(miter, MITER.remaining));
  if (rd(miter, MITER.flags) & SG_MITER_ATOMIC) preempt_disable();
  wr(miter, MITER.addr, page_address(page) + rd(miter, MITER.offset));
  return true;
}
