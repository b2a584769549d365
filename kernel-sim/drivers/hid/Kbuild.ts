// Models linux/drivers/hid/Makefile: hid.o — hid-core (with hid-input and the generic driver) and hidraw, whose init hid_init calls.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as hid_core from './hid-core.ts';

export const obj_y: kbuild_obj[] = [hid_core];
