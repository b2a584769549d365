// Models linux/drivers/i2c/Makefile: the I2C core built in (CONFIG_I2C=y); i2c-dev and the i801 bus driver are modules (=m), as Debian builds them.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as i2c_core_base from './i2c-core-base.ts';
import * as i2c_core_dummy from './i2c-core-dummy.ts';
import * as i2c_core_detect from './i2c-core-detect.ts';
import * as i2c_dev from './i2c-dev.ts';
import * as i2c_i801 from './busses/i2c-i801.ts';

export const obj_y: kbuild_obj[] = [i2c_core_base, i2c_core_detect, i2c_core_dummy, i2c_dev, i2c_i801];
