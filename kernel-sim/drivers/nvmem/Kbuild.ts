// Models linux/drivers/nvmem/Makefile: the nvmem core built in (CONFIG_NVMEM=y).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as core from './core.ts';

export const obj_y: kbuild_obj[] = [core];
