// Models include/asm-generic/memory_model.h's vmemmap and mm/highmem.c's page_address(): a struct page per page frame of the kernel memory, and the two-way walk between a page and its direct-map address.
//
// The kernel memory is the direct map, so a frame's physical and virtual addresses are the same. The memmap is one
// array of struct page in the kernel data area, made on first use; page + n is frame pfn + n, as bvec_iter_page steps.
import { KMEM_PAGE, KMEM_SIZE, kdata_alloc } from '../../mm/kmem.ts';
import { struct_page } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { EXPORT_KAPI } from './registry.ts';

export const PAGE_SHIFT = 12;
const NR_PFNS = KMEM_SIZE / KMEM_PAGE;

const pageState = defineState('kapi-page', () => ({ vmemmap: 0 }));

function vmemmap(): number {
  const s = pageState();
  if (!s.vmemmap) s.vmemmap = kdata_alloc(NR_PFNS * struct_page.SIZE, 8);
  return s.vmemmap;
}

/** pfn_to_page: the memmap entry of frame `pfn` (0 for a frame the memory does not have). */
export function pfn_to_page(pfn: number): number {
  return pfn >= 0 && pfn < NR_PFNS ? vmemmap() + pfn * struct_page.SIZE : 0;
}

/** page_to_pfn: the frame of a memmap entry, or -1 for a pointer that is not one. */
export function page_to_pfn(page: number): number {
  const off = page - vmemmap();
  return off >= 0 && off < NR_PFNS * struct_page.SIZE && off % struct_page.SIZE === 0 ? off / struct_page.SIZE : -1;
}

export const virt_to_page = (addr: number): number => pfn_to_page((addr >>> 0) >>> PAGE_SHIFT);

/** page_address: the frame's first byte in the direct map; NULL for a pointer outside the memmap. */
export function page_address(page: number): number {
  const pfn = page_to_pfn(page);
  return pfn < 0 ? 0 : pfn << PAGE_SHIFT;
}

export const ksymtab = EXPORT_KAPI({
  page_address,
  virt_to_page,
  pfn_to_page,
  page_to_pfn: (page: number) => Math.max(0, page_to_pfn(page)),
});
