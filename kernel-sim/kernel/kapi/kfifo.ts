// Models the exports of linux/lib/kfifo.c and lib/scatterlist.c (EXPORT_SYMBOL): the FIFO helpers linux/kfifo.h's macros call, and the sg list walkers.
import * as kfifo from '../../lib/kfifo.ts';
import { sg_next, sg_nents, sg_nents_for_len, sg_last, sg_init_table, sg_init_one } from '../../lib/scatterlist.ts';
import { kread_u32, kwrite_u32 } from '../../mm/kmem.ts';
import { checked_kfree } from './slab.ts';
import { EXPORT_KAPI } from './registry.ts';

/** __kfifo_free: the buffer goes back to the slab and the fifo reads as uninitialized (mask 0). */
function __kfifo_free(f: number): void {
  checked_kfree(kread_u32(f + 16));
  for (let o = 0; o < 20; o += 4) kwrite_u32(f + o, 0);
}

export const ksymtab = EXPORT_KAPI({
  __kfifo_alloc: kfifo.__kfifo_alloc, __kfifo_free, __kfifo_init: kfifo.__kfifo_init,
  __kfifo_in: kfifo.__kfifo_in, __kfifo_out: kfifo.__kfifo_out, __kfifo_out_peek: kfifo.__kfifo_out_peek,
  __kfifo_from_user: kfifo.__kfifo_from_user, __kfifo_to_user: kfifo.__kfifo_to_user,
  __kfifo_dma_in_prepare: kfifo.__kfifo_dma_in_prepare, __kfifo_dma_out_prepare: kfifo.__kfifo_dma_out_prepare,
  __kfifo_max_r: kfifo.__kfifo_max_r, __kfifo_len_r: kfifo.__kfifo_len_r, __kfifo_in_r: kfifo.__kfifo_in_r,
  __kfifo_out_r: kfifo.__kfifo_out_r, __kfifo_out_peek_r: kfifo.__kfifo_out_peek_r, __kfifo_skip_r: kfifo.__kfifo_skip_r,
  __kfifo_from_user_r: kfifo.__kfifo_from_user_r, __kfifo_to_user_r: kfifo.__kfifo_to_user_r,
  __kfifo_dma_in_prepare_r: kfifo.__kfifo_dma_in_prepare_r, __kfifo_dma_in_finish_r: kfifo.__kfifo_dma_in_finish_r,
  __kfifo_dma_out_prepare_r: kfifo.__kfifo_dma_out_prepare_r, __kfifo_dma_out_finish_r: kfifo.__kfifo_dma_out_finish_r,
  sg_next, sg_nents, sg_nents_for_len, sg_last, sg_init_table, sg_init_one,
});
