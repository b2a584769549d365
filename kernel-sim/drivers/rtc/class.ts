// Models linux/drivers/rtc/class.c's rtc_init (subsys_initcall) with dev.c's rtc_dev_init: the rtc class that RTC drivers register their clocks into, and the "rtc" character region their /dev/rtcN minors come from.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { alloc_chrdev_region } from '../../fs/char_dev.ts';
import type { class_ } from '../base/base.ts';
import { class_register } from '../base/class.ts';

/** RTC_DEV_MAX (rtc-core.h): minors of the region. */
export const RTC_DEV_MAX = 16;

// kernel-static: the class description; its registration is per machine
export const rtc_class: class_ = { name: 'rtc' };

/** rtc_dev_init: only the region; a clock's minor is its id. The rtc0 device of rtc-cmos has no character device yet (/dev/rtc0's ioctls are not modelled). */
function rtc_dev_init(): void {
  if (alloc_chrdev_region(0, RTC_DEV_MAX, 'rtc') < 0) pr_err('failed to allocate char dev region');
}

function rtc_init(): number {
  const r = class_register(rtc_class);
  if (r) { pr_err('couldn\'t create class'); return r; }
  rtc_dev_init();
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'rtc_init', rtc_init, 5_000]];
