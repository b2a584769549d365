// Models linux/kernel/power/Makefile: the system sleep units in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as main from './main.ts';
import * as history from './history.ts';
import * as debugfs from './debugfs.ts';
import * as cpu_history from './cpu_history.ts';
import * as hibernate from './hibernate.ts';

export const obj_y: kbuild_obj[] = [history, main, debugfs, cpu_history, hibernate];
