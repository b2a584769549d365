// Models linux/kernel/time/clocksource.c: registering clocksources (mult/shift from their frequency, the boot line with mask, max_cycles and max_idle_ns), the list by rating, selection once booting finishes, and /sys/devices/system/clocksource/clocksource0.
//
// Virtual time does not come from the clocksource (timekeeping.ts keeps it); the clocksource decides which counter
// `read()` samples and what the kernel reports, as on Linux where timekeeping switches counters without a jump.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY, ENODEV, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { bus_type, device, device_attribute } from '../../drivers/base/base.ts';
import { bus_register, system_kset } from '../../drivers/base/bus.ts';
import { dev_set_name, device_alloc, device_register } from '../../drivers/base/core.ts';
import { run_sync } from '../../drivers/base/sync.ts';
import { pr_info } from '../printk/printk.ts';
import { defineState } from '../state.ts';
import { NSEC_PER_SEC } from './timekeeping.ts';
import { tick_switch_to_oneshot } from './tick-common.ts';

export const CLOCK_SOURCE_IS_CONTINUOUS = 0x01;
export const CLOCK_SOURCE_MUST_VERIFY = 0x02;
export const CLOCK_SOURCE_VALID_FOR_HRES = 0x20;
export const CLOCK_SOURCE_UNSTABLE = 0x40;

/** CLOCKSOURCE_MASK(bits). */
export const CLOCKSOURCE_MASK = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
const ULLONG_MAX = (1n << 64n) - 1n;

/** struct clocksource: what a counter offers timekeeping; mult/shift convert its cycles to nanoseconds. */
export interface clocksource {
  name: string;
  rating: number;
  mask: bigint;
  mult: number;
  shift: number;
  maxadj: number;
  max_cycles: bigint;
  max_idle_ns: bigint;
  flags: number;
  /** The counter now, in cycles. */
  read(): bigint;
}

const csState = defineState('clocksource', () => ({
  /** clocksource_list: highest rating first; equal ratings keep registration order. */
  list: [] as clocksource[],
  curr: null as clocksource | null,
  finished_booting: false,
  /** override_name: a clocksource chosen by writing current_clocksource (or clocksource= on the command line). */
  override_name: '',
  /** tick_oneshot_mode_active(): the tick went high-resolution, which it does once a continuous clocksource is current. */
  oneshot: false,
}));

/** Whether a clocksource may serve the tick's current mode (jiffies cannot drive high-resolution timers). */
const usable = (cs: clocksource): boolean => !csState().oneshot || (cs.flags & CLOCK_SOURCE_VALID_FOR_HRES) !== 0;

/** clocks_calc_mult_shift(): the most precise mult/shift converting `from` Hz to `to` Hz over `maxsec` seconds. */
export function clocks_calc_mult_shift(from: number, to: number, maxsec: number): { mult: number; shift: number } {
  let sftacc = 32;
  let tmp = (BigInt(maxsec) * BigInt(from)) >> 32n;
  while (tmp) { tmp >>= 1n; sftacc--; }
  let sft = 32;
  for (; sft > 0; sft--) {
    tmp = ((BigInt(to) << BigInt(sft)) + BigInt(from >>> 1)) / BigInt(from);
    if ((tmp >> BigInt(sftacc)) === 0n) break;
  }
  return { mult: Number(BigInt.asUintN(32, tmp)), shift: sft };
}

/** clocksource_cyc2ns(). */
const cyc2ns = (cycles: bigint, mult: number, shift: number): bigint => BigInt.asUintN(64, cycles * BigInt(mult)) >> BigInt(shift);

/** clocks_calc_max_nsecs(): how long the clocksource may go unread (half the overflow-safe range) and the cycles it spans. */
export function clocks_calc_max_nsecs(mult: number, shift: number, maxadj: number, mask: bigint): { max_nsecs: bigint; max_cycles: bigint } {
  let max_cycles = ULLONG_MAX / BigInt(mult + maxadj);
  if (mask < max_cycles) max_cycles = mask;
  return { max_nsecs: cyc2ns(max_cycles, mult - maxadj, shift) >> 1n, max_cycles };
}

/** clocksource_max_adjustment(): NTP may correct at most 11%. */
const max_adjustment = (mult: number): number => Math.floor((mult * 11) / 100);

/** __clocksource_update_freq_scale(): mult/shift from the frequency (scale: 1 Hz or 1000 kHz), then the limits and the line. */
function __clocksource_update_freq_scale(cs: clocksource, scale: number, freq: number): void {
  if (freq) {
    let sec = Number(cs.mask / BigInt(freq) / BigInt(scale));
    if (!sec) sec = 1;
    else if (sec > 600 && cs.mask > 0xffffffffn) sec = 600;
    Object.assign(cs, clocks_calc_mult_shift(freq, NSEC_PER_SEC / scale, sec * scale));
  }
  cs.maxadj = max_adjustment(cs.mult);
  while (freq && cs.mult + cs.maxadj > 0xffffffff) {
    cs.mult >>>= 1;
    cs.shift--;
    cs.maxadj = max_adjustment(cs.mult);
  }
  const m = clocks_calc_max_nsecs(cs.mult, cs.shift, cs.maxadj, cs.mask);
  cs.max_idle_ns = m.max_nsecs;
  cs.max_cycles = m.max_cycles;
  pr_info(`clocksource: ${cs.name}: mask: 0x${cs.mask.toString(16)} max_cycles: 0x${cs.max_cycles.toString(16)}, max_idle_ns: ${cs.max_idle_ns} ns`);
}

/** clocksource_enqueue(): after every clocksource of the same or a higher rating. */
function clocksource_enqueue(cs: clocksource): void {
  // clocksource_enqueue_watchdog(): a continuous counter may drive high-resolution timers (one that must be verified,
  // acpi_pm, is once the hpet watchdog has checked it, within the first watchdog interval).
  if (cs.flags & CLOCK_SOURCE_IS_CONTINUOUS) cs.flags |= CLOCK_SOURCE_VALID_FOR_HRES;
  const list = csState().list;
  const i = list.findIndex((c) => c.rating < cs.rating);
  list.splice(i < 0 ? list.length : i, 0, cs);
}

/** __clocksource_register_scale(). `freq` 0: the clocksource set its own mult/shift (jiffies). */
export function __clocksource_register_scale(cs: clocksource, scale: number, freq: number): number {
  __clocksource_update_freq_scale(cs, scale, freq);
  clocksource_enqueue(cs);
  clocksource_select();
  return 0;
}
export const __clocksource_register = (cs: clocksource): number => __clocksource_register_scale(cs, 1, 0);
export const clocksource_register_hz = (cs: clocksource, hz: number): number => __clocksource_register_scale(cs, 1, hz);
export const clocksource_register_khz = (cs: clocksource, khz: number): number => __clocksource_register_scale(cs, 1000, khz);

/** clocksource_find_best(): the first in rating order, skipping the current one when asked. */
function clocksource_find_best(skipcur: boolean): clocksource | null {
  const st = csState();
  if (!st.finished_booting) return null;
  return st.list.find((cs) => !(skipcur && cs === st.curr) && usable(cs)) ?? null;
}

/** __clocksource_select(): the best, unless an override names another that the high-resolution tick can use. */
function __clocksource_select(skipcur: boolean): void {
  const st = csState();
  let best = clocksource_find_best(skipcur);
  if (!best) return;
  const o = st.override_name ? st.list.find((cs) => !(skipcur && cs === st.curr) && cs.name === st.override_name) : undefined;
  if (o) {
    if (usable(o)) best = o;
    else pr_info(`clocksource: Override clocksource ${o.name} is not currently HRT compatible - deferring`);
  }
  if (st.curr !== best) {
    pr_info(`clocksource: Switched to clocksource ${best.name}`);
    st.curr = best;
  }
}
export const clocksource_select = (): void => __clocksource_select(false);

/** The clocksource timekeeping reads (jiffies until booting finishes). */
export function clocksource_current(): clocksource | null { return csState().curr; }
export function clocksource_list(): readonly clocksource[] { return csState().list; }

/** clocksource_unregister(): not while it is the current one and nothing else can take over. */
export function clocksource_unregister(cs: clocksource): number {
  const st = csState();
  const i = st.list.indexOf(cs);
  if (i < 0) return 0;
  if (st.curr === cs) {
    __clocksource_select(true);
    if (st.curr === cs) return -EBUSY;
  }
  st.list.splice(i, 1);
  return 0;
}

/** clocksource_done_booting() (fs_initcall): jiffies is current, then the best registered takes over. */
function clocksource_done_booting(): number {
  const st = csState();
  st.curr = st.list.find((cs) => cs.name === 'jiffies') ?? null;
  st.finished_booting = true;
  clocksource_select();
  // The next tick sees a continuous clocksource and switches to high-resolution (tick_check_oneshot_change).
  if (st.curr && st.curr.flags & CLOCK_SOURCE_VALID_FOR_HRES) {
    st.oneshot = true;
    tick_switch_to_oneshot();
  }
  return 0;
}

/** sysfs_get_uname(): one name, at most CS_NAME_LEN - 1 characters, without the trailing newline. */
function sysfs_get_uname(buf: string): string | number {
  const s = buf.endsWith('\n') ? buf.slice(0, -1) : buf;
  return s.length >= 32 ? -EINVAL : s;
}

const dev_attr_current_clocksource: device_attribute = {
  name: 'current_clocksource', mode: 0o644,
  show: () => `${csState().curr?.name ?? ''}\n`,
  // current_clocksource_store(): the name becomes the override; selecting happens at once.
  store: (_d, _a, buf) => {
    const name = sysfs_get_uname(buf);
    if (typeof name === 'number') return name;
    csState().override_name = name;
    clocksource_select();
    return buf.length;
  },
};

const dev_attr_unbind_clocksource: device_attribute = {
  name: 'unbind_clocksource', mode: 0o200,
  // unbind_clocksource_store(): the named one leaves the list; the current one only if another can take over.
  store: (_d, _a, buf) => {
    const name = sysfs_get_uname(buf);
    if (typeof name === 'number') return name;
    const cs = csState().list.find((c) => c.name === name);
    if (!cs) return -ENODEV;
    const r = clocksource_unregister(cs);
    return r || buf.length;
  },
};

const dev_attr_available_clocksource: device_attribute = {
  name: 'available_clocksource', mode: 0o444,
  // available_clocksource_show(): in one-shot (high-resolution) tick mode, only those valid for it.
  show: () => `${csState().list.filter(usable).map((cs) => `${cs.name} `).join('')}\n`,
};

const clocksource_groups: attribute_group[] = [{ attrs: [dev_attr_current_clocksource, dev_attr_unbind_clocksource, dev_attr_available_clocksource] }];

// kernel-static: the bus description; its registration is per machine
export const clocksource_subsys: bus_type = { name: 'clocksource', dev_name: 'clocksource' };

/** subsys_system_register() without attributes of its own: the bus and its root under /sys/devices/system. */
export function* subsys_system_register(subsys: bus_type): KGen<device | number> {
  const r = bus_register(subsys);
  if (r) return r;
  const root = device_alloc();
  dev_set_name(root, subsys.name);
  root.kobj.parent = system_kset().kobj;
  const e = yield* device_register(root);
  return e || root;
}

/** init_clocksource_sysfs() (device_initcall): clocksource0 with its three files. */
function init_clocksource_sysfs(): number {
  return run_sync((function* () {
    const root = yield* subsys_system_register(clocksource_subsys);
    if (typeof root === 'number') return root;
    const dev = device_alloc();
    dev.id = 0;
    dev.bus = clocksource_subsys;
    dev.parent = root;
    dev.groups = clocksource_groups;
    return yield* device_register(dev);
  })(), 'initcall');
}

export const initcalls: initcall_entry[] = [
  ['fs', 'clocksource_done_booting', clocksource_done_booting, 20_000],
  ['device', 'init_clocksource_sysfs', init_clocksource_sysfs, 10_000],
];
