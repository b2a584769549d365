// Models linux/drivers/rtc/rtc-cmos.c with class.c, hctosys.c and sysfs.c: the PnP driver bound to the CMOS clock (00:04, PNP0b00) with its boot lines, the clock as /sys/class/rtc/rtc0 under it (name, date, time, since_epoch, wakealarm ...), its alarm interrupt (IRQ 8) in virtual time, and the alarm as the platform's wake event while the machine sleeps. The alarm and control registers are the chip's (hw/rtc/mc146818rtc.ts, through CMOS_READ/CMOS_WRITE).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { INIT_WORK, queue_work, system_unbound_wq } from '../../kernel/workqueue.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, ktime_get_real, NSEC_PER_SEC, type hrtimer } from '../../kernel/time/timekeeping.ts';
import { irq_to_desc } from '../../kernel/irq/irqdesc.ts';
import { generic_handle_irq_desc } from '../../kernel/irq/handle.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { device, device_attribute } from '../base/base.ts';
import { device_create_with_groups, dev_info } from '../base/core.ts';
import { driver_register } from '../base/driver.ts';
import { run_sync } from '../base/sync.ts';
import { pnp_bus_type, pnp_devices, pnp_id_match, type pnp_driver } from '../pnp/pnpacpi.ts';
import { is_hpet_enabled } from '../../arch/x86/kernel/hpet.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { device_init_wakeup } from '../base/power/wakeup.ts';
import { pm_system_irq_wakeup, pm_wakeup_dev_event } from '../base/power/wakeup_source.ts';
import { acpi_arm_wake } from '../acpi/sleep.ts';
import { rtc_clock, rtc_date, rtc_time64_to_tm } from './lib.ts';
import { rtc_class } from './class.ts';
import { rtc_proc_add_device, type rtc_device } from './proc.ts';
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { rtc_cmos_read, rtc_cmos_write } from '../../arch/x86/kernel/rtc.ts';

/** The RTC's alarm line on the PC: IRQ 8. */
export const RTC_IRQ = 8;

const rtcState = defineState('rtc_cmos', () => ({
  dev: null as device | null,
  /** The alarm (seconds since the epoch) while enabled, else null. */
  alarm: null as number | null,
  timer: null as hrtimer | null,
  /** Alarm interrupts taken (RTC_AF). */
  irq_count: 0,
  /** rtc->aie_timer: the alarm rtc_read_alarm reports (armed or not). */
  aie_timer: { expires: 0, enabled: false },
}));

/** rtc_read_time(): the CMOS clock follows CLOCK_REALTIME (set from it at boot: hctosys). */
const now_s = (): number => Math.floor(ktime_get_real() / NSEC_PER_SEC);
const alarm_ns = (alarm: number): number => ktime_get() + (alarm - ktime_get_real() / NSEC_PER_SEC) * NSEC_PER_SEC;

/** Register numbers and bits of include/linux/mc146818rtc.h this driver uses. */
const RTC_SECONDS_ALARM = 1, RTC_MINUTES_ALARM = 3, RTC_HOURS_ALARM = 5, RTC_CONTROL = 11, RTC_VALID = 13;
const RTC_PIE = 0x40, RTC_AIE = 0x20, RTC_UIE = 0x10, RTC_DM_BINARY = 0x04, RTC_DST_EN = 0x01, RTC_VRT = 0x80;

/** cmos_irq_enable()/cmos_irq_disable(): RTC_AIE in the chip's control register. */
function cmos_aie(on: boolean): void {
  const c = rtc_cmos_read(RTC_CONTROL);
  rtc_cmos_write(on ? c | RTC_AIE : c & ~RTC_AIE, RTC_CONTROL);
}

/** cmos_set_alarm(): the alarm's time of day into the chip's alarm registers (BCD unless the chip counts in binary). */
function cmos_write_alarm(alarm: number): void {
  const tm = rtc_time64_to_tm(alarm);
  const bcd = !(rtc_cmos_read(RTC_CONTROL) & RTC_DM_BINARY);
  const enc = (v: number): number => (bcd ? ((Math.floor(v / 10) << 4) | (v % 10)) : v);
  rtc_cmos_write(enc(tm.tm_hour), RTC_HOURS_ALARM);
  rtc_cmos_write(enc(tm.tm_min), RTC_MINUTES_ALARM);
  rtc_cmos_write(enc(tm.tm_sec), RTC_SECONDS_ALARM);
}

/** cmos_interrupt(): the alarm fired; it is one-shot (AIE off), and a wakeup event of the RTC. */
function cmos_alarm_irq(s2idle_wake: boolean): void {
  const st = rtcState();
  st.alarm = null;
  cmos_aie(false);
  st.aie_timer.enabled = false;
  st.irq_count++;
  if (st.timer) hrtimer_cancel(st.timer);
  acpi_arm_wake(null, 'rtc0');
  const desc = irq_to_desc(RTC_IRQ);
  if (desc) generic_handle_irq_desc(desc);
  if (st.dev) pm_wakeup_dev_event(st.dev, 0, true);
  if (s2idle_wake) pm_system_irq_wakeup(RTC_IRQ); // an armed wake IRQ in suspend-to-idle
}

/** rtc_set_alarm() / cmos_set_alarm(): program the alarm (or clear it with null) for both the running and the sleeping machine. */
export function rtc_set_alarm(alarm: number | null): void {
  const st = rtcState();
  st.alarm = alarm;
  st.aie_timer.enabled = alarm !== null;
  if (alarm !== null) st.aie_timer.expires = alarm;
  st.timer ??= hrtimer_create('rtc_alarm', () => { if (rtcState().alarm !== null) cmos_alarm_irq(false); });
  hrtimer_cancel(st.timer);
  if (alarm === null) {
    cmos_aie(false);
    acpi_arm_wake(null, 'rtc0');
    return;
  }
  cmos_write_alarm(alarm);
  cmos_aie(true);
  const at = alarm_ns(alarm);
  hrtimer_start(st.timer, at);
  acpi_arm_wake({ name: 'rtc0', at_ns: at, fire: cmos_alarm_irq }, 'rtc0');
}

export const rtc_alarm = (): number | null => rtcState().alarm;

/** wakealarm_store(): "+N" from now, "+=N" pushes an enabled alarm, an absolute time; a past time (0) disables it. */
function wakealarm_store(buf: string): number {
  const st = rtcState();
  const m = /^(\+=?)?(\d+)\s*$/.exec(buf);
  if (!m) return -EINVAL;
  const now = now_s();
  const push = m[1] === '+=';
  let alarm = Number(m[2]) + (m[1] === '+' ? now : 0);
  if (alarm > now || push) {
    if (st.alarm !== null) {
      if (!push) return -EBUSY;
      alarm += st.alarm;
    } else if (push) {
      return -EINVAL;
    }
    rtc_set_alarm(alarm);
  } else {
    // alm.enabled = 0 with the time written (0: the epoch) as the aie_timer's expiry.
    rtc_set_alarm(null);
    st.aie_timer.expires = alarm;
  }
  return buf.length;
}

const ro = (name: string, show: () => string | number): device_attribute => ({ name, mode: 0o444, show: () => `${show()}\n` });
const rtc_attrs: device_attribute[] = [
  ro('name', () => 'rtc_cmos'),
  ro('date', () => rtc_date(rtc_time64_to_tm(now_s()))),
  ro('time', () => rtc_clock(rtc_time64_to_tm(now_s()))),
  ro('since_epoch', now_s),
  { name: 'max_user_freq', mode: 0o644, show: () => `${RTC_DEF_MAX_USER_FREQ}\n` },
  ro('hctosys', () => 1),
  {
    name: 'wakealarm', mode: 0o644,
    show: () => (rtcState().alarm === null ? '' : `${rtcState().alarm}\n`),
    store: (_d, _a, buf) => wakealarm_store(buf),
  },
];
const rtc_groups: attribute_group[] = [{ attrs: rtc_attrs }];

/** cmos_procfs(): the chip's RTC_CONTROL bits (PIE, UIE, binary mode, DST), HPET emulation ("hpet irqs"), RTC_VALID's VRT. */
function cmos_procfs(m: seq_file): void {
  const rtc_control = rtc_cmos_read(RTC_CONTROL), valid = rtc_cmos_read(RTC_VALID);
  const yn = (b: number): string => (b ? 'yes' : 'no');
  seq_puts(m, `periodic_IRQ\t: ${yn(rtc_control & RTC_PIE)}\nupdate_IRQ\t: ${yn(rtc_control & RTC_UIE)}\nHPET_emulated\t: yes\n`
    + `BCD\t\t: ${yn(~rtc_control & RTC_DM_BINARY)}\nDST_enable\t: ${yn(rtc_control & RTC_DST_EN)}\n`
    + `periodic_freq\t: ${CMOS_IRQ_FREQ}\nbatt_status\t: ${valid & RTC_VRT ? 'okay' : 'dead'}\n`);
}

/** cmos_do_probe(): rtc->irq_freq = 1024 (the periodic rate the CMOS divider gives); RTC_DEF_MAX_USER_FREQ 64. */
const CMOS_IRQ_FREQ = 1024;
const RTC_DEF_MAX_USER_FREQ = 64;

/**
 * rtc_initialize_alarm() at registration: the CMOS alarm registers hold 00:00:00 with no day or month alarm
 * (QEMU's FADT has none), so __rtc_read_alarm fills the date from now and rolls it to the next midnight.
 */
const next_midnight = (now: number): number => Math.floor(now / 86400) * 86400 + 86400;

function cmos_rtc_device(): rtc_device {
  const st = rtcState();
  st.aie_timer.expires = next_midnight(now_s());
  return {
    id: 0, read_time: now_s, aie_timer: st.aie_timer, uie_enabled: false, pie_enabled: false,
    irq_freq: CMOS_IRQ_FREQ, max_user_freq: RTC_DEF_MAX_USER_FREQ, proc: cmos_procfs,
  };
}

/**
 * The CMOS bank cmos_do_probe sizes its NVRAM from: ICH9's 256 bytes (two banks, ports 0x70-0x73), less the clock's
 * registers before NVRAM_OFFSET (RTC_REG_D + 1).
 */
const CMOS_ADDRESS_SPACE = 256, NVRAM_OFFSET = RTC_VALID + 1;
/** The FADT's RTC fields on QEMU: a century register (0x32), no day or month alarm, RTC wake from S4 (ACPI_FADT_S4_RTC_WAKE). */
const FADT_RTC = { century: 0x32, day_alrm: 0, mon_alrm: 0, s4_rtc_wake: true };

/** rtc_hctosys(): the system clock from rtc0, as the line after its registration says (CLOCK_REALTIME already follows the chip here). */
function rtc_hctosys(parent: device): void {
  const t = now_s();
  const tm = rtc_time64_to_tm(t);
  dev_info(parent, `setting system clock to ${rtc_date(tm)}T${rtc_clock(tm)} UTC (${t})`);
}

/** cmos_do_probe() for the PnP device: wake setup, rtc0 under it (registered, then hctosys), then what the chip offers. */
function* cmos_pnp_probe(pnp: device): KGen<number> {
  if (FADT_RTC.s4_rtc_wake) dev_info(pnp, 'RTC can wake from S4');
  const dev = yield* device_create_with_groups(rtc_class, pnp, 0, null, rtc_groups, 'rtc0');
  if (typeof dev === 'number') return dev;
  rtcState().dev = dev;
  rtc_proc_add_device(cmos_rtc_device());
  device_init_wakeup(dev, true);
  dev_info(pnp, 'registered as rtc0');
  rtc_hctosys(pnp);
  const alarms = FADT_RTC.mon_alrm ? 'alarms up to one year' : FADT_RTC.day_alrm ? 'alarms up to one month' : 'alarms up to one day';
  dev_info(pnp, `${alarms}${FADT_RTC.century ? ', y3k' : ''}, ${CMOS_ADDRESS_SPACE - NVRAM_OFFSET} bytes nvram${is_hpet_enabled() ? ', hpet irqs' : ''}`);
  return 0;
}

// kernel-static: the driver description; its registration is per machine
const cmos_pnp_driver: pnp_driver = { name: 'rtc_cmos', bus: pnp_bus_type, id_table: ['PNP0B00', 'PNP0B01', 'PNP0B02'], probe: cmos_pnp_probe };

/**
 * cmos_init(): the PnP driver, which binds to the ACPI-enumerated clock; without ACPI (no PnP device), the platform
 * fallback: rtc0 in the class with no parent (added by the workqueue: device_add may sleep).
 */
function cmos_init(): number {
  if (pnp_devices().some((p) => p.ids.some((id) => cmos_pnp_driver.id_table.some((t) => pnp_id_match(id, t))))) {
    return run_sync(driver_register(cmos_pnp_driver), 'initcall');
  }
  queue_work(system_unbound_wq(), INIT_WORK(function* () {
    const dev = yield* device_create_with_groups(rtc_class, null, 0, null, rtc_groups, 'rtc0');
    if (typeof dev === 'number') return;
    rtcState().dev = dev;
    rtc_proc_add_device(cmos_rtc_device());
    device_init_wakeup(dev, true);
  }));
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'cmos_init', cmos_init, 3_000]];
