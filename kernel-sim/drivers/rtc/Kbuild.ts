// Models linux/drivers/rtc/Makefile: the RTC class core (class.o, dev.o) before the PC's CMOS clock.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as rtc_core from './class.ts';
import * as rtc_cmos from './rtc-cmos.ts';
import * as x86_rtc from '../../arch/x86/kernel/rtc.ts';
import * as bcd from '../../kernel/kapi/bcd.ts';

// arch/x86/kernel/rtc.o (CMOS_READ/CMOS_WRITE, rtc_lock) and lib/bcd.o have no initcall: only their exports matter, so
// they are listed with the CMOS clock that uses them rather than in arch/x86's and lib's lists.
export const obj_y: kbuild_obj[] = [x86_rtc, bcd, rtc_core, rtc_cmos];
