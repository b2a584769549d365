// Models linux/drivers/hwmon/Makefile: the hwmon class built in (CONFIG_HWMON=y), lm75 a module, as Debian builds them.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as hwmon from './hwmon.ts';
import * as lm75 from './lm75.ts';

export const obj_y: kbuild_obj[] = [hwmon, lm75];
