// Models linux/drivers/of/Makefile: the live tree (unflattening, sysfs) and the platform population, in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as fdt from './fdt.ts';
import * as kobj from './kobj.ts';
import * as platform from './platform.ts';

export const obj_y: kbuild_obj[] = [fdt, kobj, platform];
