// Models linux/mm/Makefile: mm/'s units in link order.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as syscalls from './syscalls.ts';
import * as page_writeback from './page-writeback.ts';
import * as slab_common from './slab_common.ts';
import * as vmalloc from './vmalloc.ts';
import * as page_alloc from './page_alloc.ts';
import * as khugepaged from './khugepaged.ts';
import * as swapfile from './swapfile.ts';

// mm/Makefile: slab_common.o in the first obj-y line, vmalloc.o in its mmu-y tail, page_alloc.o on a later line.
export const obj_y: kbuild_obj[] = [syscalls, page_writeback, slab_common, vmalloc, page_alloc, khugepaged, swapfile];
