// Models linux/drivers/regulator/Makefile: the regulator core and the dummy regulator built in (CONFIG_REGULATOR=y, as Debian's amd64 config has it).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as core from './core.ts';
import * as dummy from './dummy.ts';

export const obj_y: kbuild_obj[] = [core, dummy];
