// Models linux/mm/Makefile: mm/'s units in link order.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as syscalls from './syscalls.ts';
import * as page_writeback from './page-writeback.ts';
import * as page_alloc from './page_alloc.ts';
import * as khugepaged from './khugepaged.ts';
import * as swapfile from './swapfile.ts';

export const obj_y: kbuild_obj[] = [syscalls, page_writeback, page_alloc, khugepaged, swapfile];
