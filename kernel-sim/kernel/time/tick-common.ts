// Models linux/kernel/time/tick-common.c and tick-broadcast.c: each CPU's tick device takes the best clock event device that can serve it; the one it displaces, if it can wake any CPU, becomes the broadcast device.
//
// The tick itself runs in virtual time (timekeeping.ts): these are the devices and modes Linux would have chosen,
// which /proc/timer_list and /sys/devices/system/clockevents show.
import { defineState } from '../state.ts';

/** Clock event states (enum clock_event_state), as timer_list prints them. */
export const CLOCK_EVT_STATE_DETACHED = 0, CLOCK_EVT_STATE_SHUTDOWN = 1, CLOCK_EVT_STATE_PERIODIC = 2, CLOCK_EVT_STATE_ONESHOT = 3;
export const CLOCK_EVT_FEAT_PERIODIC = 0x01, CLOCK_EVT_FEAT_ONESHOT = 0x02, CLOCK_EVT_FEAT_C3STOP = 0x08, CLOCK_EVT_FEAT_DUMMY = 0x10, CLOCK_EVT_FEAT_PERCPU = 0x40;
/** enum tick_device_mode. */
export const TICKDEV_MODE_PERIODIC = 0, TICKDEV_MODE_ONESHOT = 1;
export const KTIME_MAX = 2n ** 63n - 1n;

/** struct clock_event_device: the fields timer_list prints; the callbacks are the functions' names (%ps). */
export interface clock_event_device {
  name: string;
  features: number;
  rating: number;
  /** cpumask_of(cpu), or every CPU (-1). */
  cpu: number;
  irq: number;
  mult: number;
  shift: number;
  min_delta_ticks: number;
  max_delta_ticks: number;
  min_delta_ns: bigint;
  max_delta_ns: bigint;
  state: number;
  next_event: bigint;
  retries: number;
  ops: {
    set_next_event: string; shutdown?: string; periodic?: string; oneshot?: string; oneshot_stopped?: string; resume?: string;
  };
  event_handler: string;
}

export interface tick_device { evtdev: clock_event_device | null; mode: number }

export const tickState = defineState('tick', () => ({
  /** tick_cpu_device, per CPU. */
  cpu: [] as tick_device[],
  broadcast: { evtdev: null, mode: TICKDEV_MODE_PERIODIC } as tick_device,
  broadcast_mask: 0,
  broadcast_oneshot_mask: 0,
  /** Devices registered but serving nothing (clockevents_released). */
  released: [] as clock_event_device[],
}));

export function tick_get_device(cpu: number): tick_device {
  const st = tickState();
  return (st.cpu[cpu] ??= { evtdev: null, mode: TICKDEV_MODE_PERIODIC });
}

/** tick_check_preferred(): a one-shot capable device wins, then the higher rating. */
function tick_check_preferred(cur: clock_event_device | null, dev: clock_event_device): boolean {
  if (!(dev.features & CLOCK_EVT_FEAT_ONESHOT) && cur && cur.features & CLOCK_EVT_FEAT_ONESHOT) return false;
  return !cur || dev.rating > cur.rating;
}

/** tick_check_broadcast_device(): a broadcast device must keep running in deep idle and serve any CPU. */
function tick_install_broadcast_device(dev: clock_event_device): boolean {
  const st = tickState();
  if (dev.features & (CLOCK_EVT_FEAT_DUMMY | CLOCK_EVT_FEAT_PERCPU | CLOCK_EVT_FEAT_C3STOP)) return false;
  const cur = st.broadcast.evtdev;
  if (cur && dev.rating <= cur.rating) return false;
  st.broadcast.evtdev = dev;
  dev.state = CLOCK_EVT_STATE_SHUTDOWN;
  dev.event_handler = 'tick_handle_periodic_broadcast';
  return true;
}

/** tick_check_new_device(): the device takes over the CPU's tick if it is better; the one it replaces may become the broadcast device. */
export function tick_check_new_device(dev: clock_event_device, this_cpu: number): void {
  const td = tick_get_device(this_cpu);
  const served = (dev.cpu === -1 || dev.cpu === this_cpu) && tick_check_preferred(td.evtdev, dev);
  if (!served) {
    if (!tick_install_broadcast_device(dev)) tickState().released.push(dev);
    return;
  }
  const old = td.evtdev;
  td.evtdev = dev;
  // tick_setup_device(): a new CPU's tick starts periodic; after the switch to high resolution it is one-shot.
  dev.state = td.mode === TICKDEV_MODE_ONESHOT ? CLOCK_EVT_STATE_ONESHOT : CLOCK_EVT_STATE_PERIODIC;
  dev.event_handler = td.mode === TICKDEV_MODE_ONESHOT ? 'hrtimer_interrupt' : 'tick_handle_periodic';
  if (old) {
    // clockevents_exchange_device(): the old one is shut down, then offered as the broadcast device.
    old.state = CLOCK_EVT_STATE_SHUTDOWN;
    old.next_event = KTIME_MAX;
    if (!tick_install_broadcast_device(old)) tickState().released.push(old);
  }
}

/**
 * hrtimer_switch_to_hres() on each CPU, tick_broadcast_switch_to_oneshot() for the broadcast device: the per-CPU
 * devices go one-shot and drive hrtimer_interrupt. No CPU waits in a deep C-state (the idle loop halts), so the
 * broadcast masks stay empty and the broadcast device stays shut down with no event.
 */
export function tick_switch_to_oneshot(): void {
  const st = tickState();
  for (const td of st.cpu) {
    if (!td?.evtdev) continue;
    td.mode = TICKDEV_MODE_ONESHOT;
    td.evtdev.state = CLOCK_EVT_STATE_ONESHOT;
    td.evtdev.event_handler = 'hrtimer_interrupt';
  }
  if (st.broadcast.evtdev) {
    st.broadcast.mode = TICKDEV_MODE_ONESHOT;
    st.broadcast.evtdev.event_handler = 'tick_handle_oneshot_broadcast';
    st.broadcast.evtdev.next_event = KTIME_MAX;
  }
}
