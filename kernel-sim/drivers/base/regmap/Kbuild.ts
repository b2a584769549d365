// Models linux/drivers/base/regmap/Makefile: the core (with its debugfs initcall) and the bus back ends.
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as regmap_debugfs from './regmap-debugfs.ts';

export const obj_y: kbuild_obj[] = [regmap_debugfs];
