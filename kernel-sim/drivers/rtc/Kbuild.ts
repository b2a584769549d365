// Models linux/drivers/rtc/Makefile: the RTC class with the PC's CMOS clock.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as rtc_cmos from './rtc-cmos.ts';

export const obj_y: kbuild_obj[] = [rtc_cmos];
