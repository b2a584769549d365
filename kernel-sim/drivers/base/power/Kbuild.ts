// Models linux/drivers/base/power/Makefile: the PM core's units with initcalls, in link order.
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as wakeup_stats from './wakeup_stats.ts';
import * as wakeup_debugfs from './wakeup_debugfs.ts';

export const obj_y: kbuild_obj[] = [wakeup_stats, wakeup_debugfs];
