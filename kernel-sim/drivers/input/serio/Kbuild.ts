// Models linux/drivers/input/serio/Makefile: the serio bus, then the i8042 controller (libps2 is a library).
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as serio from './serio.ts';
import * as i8042 from './i8042.ts';

export const obj_y: kbuild_obj[] = [serio, i8042];
