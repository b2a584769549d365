// Models linux/drivers/rtc/Makefile: the RTC class core (class.o, dev.o) before the PC's CMOS clock.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as rtc_core from './class.ts';
import * as rtc_cmos from './rtc-cmos.ts';

export const obj_y: kbuild_obj[] = [rtc_core, rtc_cmos];
