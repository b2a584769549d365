// Models linux/drivers/mfd/Makefile: the MFD core (mfd-core.o, built in: Debian's CONFIG_MFD_CORE=y).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as mfd_core from './mfd-core.ts';

export const obj_y: kbuild_obj[] = [mfd_core];
