// Models linux/drivers/block/null_blk/Makefile: obj-$(CONFIG_BLK_DEV_NULL_BLK) += null_blk.o, a module (=m) as Debian builds it.
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as main from './main.ts';

export const obj_m: kbuild_obj[] = [main];
