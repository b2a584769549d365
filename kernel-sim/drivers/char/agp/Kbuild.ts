// Models linux/drivers/char/agp/Makefile: the AGP backend, then the chipset drivers in link order.
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as backend from './backend.ts';
import * as intel_agp from './intel-agp.ts';
import * as sis_agp from './sis-agp.ts';
import * as via_agp from './via-agp.ts';

export const obj_y: kbuild_obj[] = [backend, intel_agp, sis_agp, via_agp];
