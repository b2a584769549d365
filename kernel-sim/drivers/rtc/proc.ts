// Models linux/drivers/rtc/proc.c: /proc/driver/rtc for the hctosys clock (rtc0), rtc_proc_show with the driver's own lines (ops->proc).
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { proc_create_single_data, remove_proc_entry } from '../../fs/proc/generic.ts';
import { rtc_clock, rtc_date, rtc_time64_to_tm } from './lib.ts';

/** What rtc_proc_show reads of a struct rtc_device and its class ops. */
export interface rtc_device {
  id: number;
  /** rtc_read_time(), seconds since the epoch. */
  read_time(): number;
  /** rtc->aie_timer: when it expires (seconds) and whether it is armed (rtc_read_alarm's time and enabled). */
  aie_timer: { expires: number; enabled: boolean };
  uie_enabled: boolean;
  pie_enabled: boolean;
  irq_freq: number;
  max_user_freq: number;
  /** ops->proc: the driver's lines after "24hr". */
  proc?: (m: seq_file) => void;
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');

function rtc_proc_show(m: seq_file, rtc: rtc_device): void {
  const tm = rtc_time64_to_tm(rtc.read_time());
  seq_puts(m, `rtc_time\t: ${rtc_clock(tm)}\nrtc_date\t: ${rtc_date(tm)}\n`);
  // rtc_read_alarm(): the aie_timer's expiry and state; alarm->pending is never set by it.
  const alrm = rtc_time64_to_tm(rtc.aie_timer.expires);
  seq_puts(m, `alrm_time\t: ${rtc_clock(alrm)}\nalrm_date\t: ${rtc_date(alrm)}\n`);
  seq_puts(m, `alarm_IRQ\t: ${yes(rtc.aie_timer.enabled)}\nalrm_pending\t: no\n`);
  seq_puts(m, `update IRQ enabled\t: ${yes(rtc.uie_enabled)}\nperiodic IRQ enabled\t: ${yes(rtc.pie_enabled)}\n`);
  seq_puts(m, `periodic IRQ frequency\t: ${rtc.irq_freq}\nmax user IRQ frequency\t: ${rtc.max_user_freq}\n`);
  seq_puts(m, '24hr\t\t: yes\n');
  rtc.proc?.(m);
}

/** is_rtc_hctosys(): CONFIG_RTC_HCTOSYS_DEVICE is "rtc0". */
const is_rtc_hctosys = (rtc: rtc_device): boolean => rtc.id === 0;

/** rtc_proc_add_device() (from __devm_rtc_register_device). */
export function rtc_proc_add_device(rtc: rtc_device): void {
  if (is_rtc_hctosys(rtc)) proc_create_single_data('driver/rtc', 0, null, (m) => rtc_proc_show(m, rtc), rtc);
}

/** rtc_proc_del_device() (from rtc_device_unregister). */
export function rtc_proc_del_device(rtc: rtc_device): void {
  if (is_rtc_hctosys(rtc)) remove_proc_entry('driver/rtc', null);
}
