// Models linux/drivers/hid/Makefile: hid-core (with hid-input and the generic driver) and hidraw.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as hid_core from './hid-core.ts';
import * as hidraw from './hidraw.ts';

export const obj_y: kbuild_obj[] = [hid_core, hidraw];
