// Models linux/drivers/misc/eeprom/Makefile: at24 as a module (CONFIG_EEPROM_AT24=m).
import type { kbuild_obj } from '../../../init/link_vmlinux.ts';
import * as at24 from './at24.ts';

export const obj_y: kbuild_obj[] = [at24];
