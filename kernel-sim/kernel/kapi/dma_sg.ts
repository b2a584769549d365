// Models linux/kernel/dma/mapping.c's scatterlist calls for modules (dma_map_sg_attrs, dma_unmap_sg_attrs, dma_sync_sg_for_cpu/_device): each entry of a C struct scatterlist list is a streaming mapping of its own, bounced as swiotlb does.
//
// Without an IOMMU Linux maps entry by entry and merges none (dma_direct_map_sg), so the count mapped is nents; a
// failure part-way unmaps what was mapped and returns 0, as dma_map_sg's callers expect. The kernel memory never
// grows, so a view of an entry's bytes stays valid for the mapping's life.
import { kbytes, kread_u32, kread_u64, kwrite_u32, kwrite_u64 } from '../../mm/kmem.ts';
import type { device } from '../../drivers/base/base.ts';
import {
  DMA_MAPPING_ERROR, dma_map_single, dma_unmap_single, dma_sync_single_for_cpu, dma_sync_single_for_device, type dma_data_direction,
} from '../dma/mapping.ts';
import { SG, sg_next } from '../../lib/scatterlist.ts';
import { c_device } from './device.ts';
import { page_address } from './page.ts';
import { EXPORT_KAPI } from './registry.ts';

/** The first `nents` entries of the list at `sg`, as for_each_sg walks them (chain links followed). */
function entries(sg: number, nents: number): number[] {
  const out: number[] = [];
  for (let s = sg; s && out.length < nents; s = sg_next(s)) out.push(s);
  return out;
}

/** sg_virt: the entry's page in the direct map plus its offset. */
const sg_virt = (s: number): number => page_address(kread_u32(s + SG.page_link) & ~3) + kread_u32(s + SG.offset);

const dma_addr = (s: number): number => Number(kread_u64(s + SG.dma_address));

function unmap(d: device, list: number[], dir: dma_data_direction): void {
  for (const s of list) dma_unmap_single(d, dma_addr(s), kread_u32(s + SG.dma_length), dir);
}

function dma_map_sg_attrs(dev: number, sg: number, nents: number, dir: number, attrs: number): number {
  void attrs;
  const d = c_device(dev);
  if (!d || nents <= 0) return 0;
  const done: number[] = [];
  for (const s of entries(sg, nents)) {
    const len = kread_u32(s + SG.length), va = sg_virt(s);
    const a = va ? dma_map_single(d, kbytes().subarray(va, va + len), len, dir as dma_data_direction) : DMA_MAPPING_ERROR;
    if (a === DMA_MAPPING_ERROR) { unmap(d, done, dir as dma_data_direction); return 0; }
    kwrite_u64(s + SG.dma_address, a);
    kwrite_u32(s + SG.dma_length, len);
    done.push(s);
  }
  return done.length;
}

export const ksymtab = EXPORT_KAPI({
  dma_map_sg_attrs,
  dma_unmap_sg_attrs: (dev: number, sg: number, nents: number, dir: number, attrs: number) => {
    void attrs;
    const d = c_device(dev);
    if (d) unmap(d, entries(sg, nents), dir as dma_data_direction);
  },
  dma_sync_sg_for_cpu: (dev: number, sg: number, nelems: number, dir: number) => {
    const d = c_device(dev);
    if (d) for (const s of entries(sg, nelems)) dma_sync_single_for_cpu(d, dma_addr(s), kread_u32(s + SG.dma_length), dir as dma_data_direction);
  },
  dma_sync_sg_for_device: (dev: number, sg: number, nelems: number, dir: number) => {
    const d = c_device(dev);
    if (d) for (const s of entries(sg, nelems)) dma_sync_single_for_device(d, dma_addr(s), kread_u32(s + SG.dma_length), dir as dma_data_direction);
  },
});
