// Models linux/drivers/base/Makefile: the driver core's units in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as dd from './dd.ts';
import * as devtmpfs from './devtmpfs.ts';
import * as init from './init.ts';
import * as cpu from './cpu.ts';
import { obj_y as power_y } from './power/Kbuild.ts';
import { obj_y as regmap_y } from './regmap/Kbuild.ts';

export const obj_y: kbuild_obj[] = [dd, devtmpfs, init, cpu, power_y, regmap_y];
