// Models linux/drivers/cpuidle/Makefile: the core, then the governors in their Makefile's order (ladder, menu; Debian's 6.1 builds neither teo nor haltpoll's governor).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as cpuidle from './cpuidle.ts';
import * as ladder from './governors/ladder.ts';
import * as menu from './governors/menu.ts';

export const obj_y: kbuild_obj[] = [cpuidle, ladder, menu];
