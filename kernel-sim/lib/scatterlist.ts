// Models linux/lib/scatterlist.c's list walkers on C struct scatterlist arrays in kernel memory (sg_next, sg_init_table, ...).
//
// page_link holds the struct page pointer with SG_CHAIN (bit 0: the entry points at the next array) and SG_END
// (bit 1: the list's last entry) in its low bits, as include/linux/scatterlist.h defines them.
import { EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { kread_u32, kwrite_u32, kbytes } from '../mm/kmem.ts';
import { virt_to_page } from '../kernel/kapi/page.ts';

/** struct scatterlist on wasm32: page_link, offset, length, then the 8-aligned dma_address and dma_length (32 bytes). */
export const SG = { page_link: 0, offset: 4, length: 8, dma_address: 16, dma_length: 24, SIZE: 32 } as const;
const SG_CHAIN = 1, SG_END = 2;

const link = (sg: number): number => kread_u32(sg + SG.page_link);

export function sg_next(sg: number): number {
  if (link(sg) & SG_END) return 0;
  sg += SG.SIZE;
  return link(sg) & SG_CHAIN ? link(sg) & ~3 : sg;
}

export function sg_set_page(sg: number, page: number, len: number, offset: number): void {
  kwrite_u32(sg + SG.page_link, (link(sg) & (SG_CHAIN | SG_END)) | page);
  kwrite_u32(sg + SG.offset, offset);
  kwrite_u32(sg + SG.length, len);
}

export function sg_nents(sg: number): number {
  let n = 0;
  for (; sg; sg = sg_next(sg)) n++;
  return n;
}

export function sg_nents_for_len(sg: number, len: bigint): number {
  if (!len) return 0;
  let n = 0, total = 0n;
  for (; sg; sg = sg_next(sg)) {
    n++;
    total += BigInt(kread_u32(sg + SG.length));
    if (total >= len) return n;
  }
  return -EINVAL;
}

export function sg_last(sgl: number, nents: number): number {
  let ret = 0;
  for (let i = 0, sg = sgl; i < nents && sg; i++, sg = sg_next(sg)) ret = sg;
  return ret;
}

export function sg_init_table(sgl: number, nents: number): void {
  kbytes().fill(0, sgl, sgl + SG.SIZE * nents);
  if (nents) kwrite_u32(sgl + SG.SIZE * (nents - 1) + SG.page_link, SG_END);
}

export function sg_init_one(sg: number, buf: number, buflen: number): void {
  sg_init_table(sg, 1);
  sg_set_page(sg, virt_to_page(buf), buflen, buf % 4096);
}
