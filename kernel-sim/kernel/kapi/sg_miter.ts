// Models the exports of linux/lib/scatterlist.c's iterators (EXPORT_SYMBOL): the page iterator for_each_sg_page runs on and the mapping iterator PIO drivers copy through.
import { __sg_page_iter_start, __sg_page_iter_next, sg_miter_start, sg_miter_skip, sg_miter_next, sg_miter_stop } from '../../lib/sg_miter.ts';
import { EXPORT_KAPI } from './registry.ts';

export const ksymtab = EXPORT_KAPI({
  __sg_page_iter_start, __sg_page_iter_next: (piter: number) => (__sg_page_iter_next(piter) ? 1 : 0),
  sg_miter_start, sg_miter_skip: (miter: number, offset: number) => (sg_miter_skip(miter, offset) ? 1 : 0),
  sg_miter_next: (miter: number) => (sg_miter_next(miter) ? 1 : 0), sg_miter_stop,
});
