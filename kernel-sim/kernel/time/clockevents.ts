// Models linux/kernel/time/clockevents.c: configuring a clock event device from its frequency (mult/shift, the shortest and longest programmable delta in ns), registering it with the tick layer, and /sys/devices/system/clockevents.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY, ENODEV, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { bus_type, device_attribute } from '../../drivers/base/base.ts';
import { device_alloc, device_register, dev_set_name } from '../../drivers/base/core.ts';
import { run_sync } from '../../drivers/base/sync.ts';
import { nr_cpu_ids } from '../softirq.ts';
import { clocks_calc_mult_shift, subsys_system_register } from './clocksource.ts';
import { NSEC_PER_SEC } from './timekeeping.ts';
import { tickState, tick_check_new_device, tick_get_device, CLOCK_EVT_FEAT_ONESHOT, type clock_event_device } from './tick-common.ts';

/** cev_delta2ns(): `latch` device ticks in ns, rounded up (except a maximum above 1 GHz), at least 1 us. */
function cev_delta2ns(latch: number, evt: clock_event_device, ismax: boolean): bigint {
  const U64 = (1n << 64n) - 1n;
  let clc = BigInt(latch) << BigInt(evt.shift);
  if (clc >> BigInt(evt.shift) !== BigInt(latch) || clc > U64) clc = U64;
  const rnd = BigInt(evt.mult - 1);
  if (U64 - clc > rnd && (!ismax || BigInt(evt.mult) <= 1n << BigInt(evt.shift))) clc += rnd;
  clc /= BigInt(evt.mult);
  return clc > 1000n ? clc : 1000n;
}
export const clockevent_delta2ns = (latch: number, evt: clock_event_device): bigint => cev_delta2ns(latch, evt, false);

/** clockevents_config(): mult/shift for `freq` over the longest delta (at most 600 s), then the deltas in ns. */
function clockevents_config(dev: clock_event_device, freq: number): void {
  if (!(dev.features & CLOCK_EVT_FEAT_ONESHOT)) return;
  let sec = Math.floor(dev.max_delta_ticks / freq);
  if (!sec) sec = 1;
  else if (sec > 600 && dev.max_delta_ticks > 0xffffffff) sec = 600;
  Object.assign(dev, clocks_calc_mult_shift(NSEC_PER_SEC, freq, sec));
  dev.min_delta_ns = cev_delta2ns(dev.min_delta_ticks, dev, false);
  dev.max_delta_ns = cev_delta2ns(dev.max_delta_ticks, dev, true);
}

/** clockevents_register_device(): detached until the tick layer on `this_cpu` takes it (or the broadcast does). */
export function clockevents_register_device(dev: clock_event_device, this_cpu: number): void {
  tick_check_new_device(dev, this_cpu);
}

/** clockevents_config_and_register(). */
export function clockevents_config_and_register(dev: clock_event_device, freq: number, min_delta: number, max_delta: number, this_cpu: number): void {
  dev.min_delta_ticks = min_delta;
  dev.max_delta_ticks = max_delta;
  clockevents_config(dev, freq);
  clockevents_register_device(dev, this_cpu);
}

// kernel-static: the bus description; its registration is per machine
const clockevents_subsys: bus_type = { name: 'clockevents', dev_name: 'clockevent' };

/** sysfs_show_current_tick_dev(): the device serving this CPU's tick (or the broadcast one). */
const current_device = (cpu: number): device_attribute => ({
  name: 'current_device', mode: 0o444,
  show: () => `${(cpu < 0 ? tickState().broadcast : tick_get_device(cpu)).evtdev?.name ?? ''}\n`,
});

/** unbind_device_store(): a released device goes; one serving a tick has no replacement here, so it stays (EBUSY). */
const dev_attr_unbind_device: device_attribute = {
  name: 'unbind_device', mode: 0o200,
  store: (_d, _a, buf) => {
    const name = buf.endsWith('\n') ? buf.slice(0, -1) : buf;
    if (!name || name.length >= 32) return -EINVAL;
    const st = tickState();
    const i = st.released.findIndex((d) => d.name === name);
    if (i >= 0) { st.released.splice(i, 1); return buf.length; }
    const used = st.broadcast.evtdev?.name === name || st.cpu.some((td) => td?.evtdev?.name === name);
    return used ? -EBUSY : -ENODEV;
  },
};

/** clockevents_init_sysfs() (device_initcall): broadcast, then clockeventN for each possible CPU. */
function clockevents_init_sysfs(): number {
  return run_sync((function* () {
    const root = yield* subsys_system_register(clockevents_subsys);
    if (typeof root === 'number') return root;
    // tick_broadcast_init_sysfs(): the device named "broadcast".
    const bc = device_alloc();
    dev_set_name(bc, 'broadcast');
    bc.bus = clockevents_subsys;
    bc.parent = root;
    bc.groups = [{ attrs: [current_device(-1)] }];
    let r = yield* device_register(bc);
    for (let cpu = 0; !r && cpu < nr_cpu_ids(); cpu++) {
      const dev = device_alloc();
      dev.id = cpu;
      dev.bus = clockevents_subsys;
      dev.parent = root;
      dev.groups = [{ attrs: [current_device(cpu), dev_attr_unbind_device] }];
      r = yield* device_register(dev);
    }
    return r;
  })(), 'initcall');
}

export const initcalls: initcall_entry[] = [['device', 'clockevents_init_sysfs', clockevents_init_sysfs, 10_000]];
