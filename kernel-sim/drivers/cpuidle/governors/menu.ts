// Models linux/drivers/cpuidle/governors/menu.c: predict the idle time from the next timer scaled by a learned correction factor (per duration bucket) and from the last eight intervals, then take the deepest state whose target residency fits.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { TICK_NSEC } from '../../../kernel/time/timekeeping.ts';
import { CPUIDLE_FLAG_POLLING, type cpuidle_device, type cpuidle_driver, type cpuidle_governor } from '../cpuidle_types.ts';
import { cpuidle_governor_latency_req, cpuidle_register_governor } from '../governor.ts';

const BUCKETS = 12;
const INTERVAL_SHIFT = 3;
const INTERVALS = 1 << INTERVAL_SHIFT;
const RESOLUTION = 1024;
const DECAY = 8;
const NSEC_PER_USEC = 1000;
const MAX_INTERESTING = 50_000 * NSEC_PER_USEC;
const UINT_MAX = 0xffff_ffff;
const INT_MAX = 0x7fff_ffff;

interface menu_device {
  needs_update: boolean;
  tick_wakeup: boolean;
  next_timer_ns: number;
  bucket: number;
  correction_factor: number[];
  intervals: number[];
  interval_ptr: number;
}

const data_of = (dev: cpuidle_device): menu_device => dev.gov_data as menu_device;

/** which_bucket(): by order of magnitude of the time to the next timer (no iowait buckets: iowaiters are not counted here). */
function which_bucket(duration_ns: number): number {
  for (let b = 0, lim = 10 * NSEC_PER_USEC; b < 5; b++, lim *= 10) if (duration_ns < lim) return b;
  return 5;
}

/** get_typical_interval(): the average of the recent intervals when they agree (small variance), dropping the largest outliers. */
function get_typical_interval(data: menu_device, predicted_us: number): number {
  let thresh = INT_MAX;
  for (;;) {
    let min = UINT_MAX, max = 0, sum = 0, divisor = 0;
    for (const value of data.intervals) {
      if (value > thresh) continue;
      sum += value;
      divisor++;
      if (value > max) max = value;
      if (value < min) min = value;
    }
    if (min >= predicted_us) return UINT_MAX;
    const avg = divisor === INTERVALS ? Math.floor(sum / INTERVALS) : Math.floor(sum / divisor);
    let variance = 0;
    for (const value of data.intervals) if (value <= thresh) variance += (value - avg) ** 2;
    variance = Math.floor(variance / divisor);
    if ((avg * avg > variance * 36 && divisor * 4 >= INTERVALS * 3) || variance <= 400) return avg;
    if (divisor * 4 <= INTERVALS * 3) return UINT_MAX;
    thresh = max - 1;
  }
}

function menu_update_intervals(data: menu_device, interval_us: number): void {
  data.intervals[data.interval_ptr++] = interval_us;
  if (data.interval_ptr >= INTERVALS) data.interval_ptr = 0;
}

/** menu_update(): learn from the last idle period how far the next timer overstated it. */
function menu_update(drv: cpuidle_driver, dev: cpuidle_device): void {
  const data = data_of(dev);
  const last_idx = dev.last_state_idx;
  const target = drv.states[last_idx]!;
  let measured_ns: number;
  if (data.tick_wakeup && data.next_timer_ns > TICK_NSEC) {
    // The tick woke the CPU well before the timer: the residency says nothing, assume a long idle.
    measured_ns = (9 * MAX_INTERESTING) / 10;
  } else if ((target.flags & CPUIDLE_FLAG_POLLING) && dev.poll_time_limit) {
    measured_ns = data.next_timer_ns;
  } else {
    measured_ns = dev.last_residency_ns;
    if (measured_ns > 2 * target.exit_latency_ns) measured_ns -= target.exit_latency_ns;
    else measured_ns = Math.floor(measured_ns / 2);
  }
  if (measured_ns > data.next_timer_ns) measured_ns = data.next_timer_ns;
  let new_factor = data.correction_factor[data.bucket]!;
  new_factor -= Math.floor(new_factor / DECAY);
  if (data.next_timer_ns > 0 && measured_ns < MAX_INTERESTING) new_factor += Math.floor((RESOLUTION * measured_ns) / data.next_timer_ns);
  else new_factor += RESOLUTION;
  data.correction_factor[data.bucket] = new_factor;
  menu_update_intervals(data, Math.floor(measured_ns / NSEC_PER_USEC));
}

/**
 * menu_select(). The tick is running at each entry (a task ran before), so a prediction under a jiffy keeps it
 * (stop_tick false) and picks a state that fits before it; no PM QoS latency limit and no iowaiters are modelled.
 */
function menu_select(drv: cpuidle_driver, dev: cpuidle_device, sleep_length_ns: number, t: { stop_tick: boolean; delta_tick: number }): number {
  const data = data_of(dev);
  const n = drv.states.length;
  if (data.needs_update) { menu_update(drv, dev); data.needs_update = false; }
  else if (!dev.last_residency_ns) menu_update_intervals(data, UINT_MAX);

  // A timer-less idle (nothing pending) is "KTIME_MAX" away: clamp to what the arithmetic below can hold.
  data.next_timer_ns = Math.min(sleep_length_ns, Number.MAX_SAFE_INTEGER / (RESOLUTION * DECAY));
  data.bucket = which_bucket(data.next_timer_ns);

  const qos_req = cpuidle_governor_latency_req();
  if (n <= 1 || qos_req === 0 || ((data.next_timer_ns < drv.states[1]!.target_residency_ns || qos_req < drv.states[1]!.exit_latency_ns) && !dev.states_usage[0]!.disable)) {
    t.stop_tick = !(drv.states[0]!.flags & CPUIDLE_FLAG_POLLING);
    return 0;
  }

  const factor = data.correction_factor[data.bucket]!;
  const predicted_us = Math.floor((data.next_timer_ns * factor + (RESOLUTION * DECAY * NSEC_PER_USEC) / 2) / (RESOLUTION * DECAY * NSEC_PER_USEC));
  let predicted_ns = Math.min(predicted_us, get_typical_interval(data, predicted_us)) * NSEC_PER_USEC;
  // With the tick running, the interactivity requirement caps the QoS limit at the predicted idle time (no iowaiters: multiplier 1).
  const latency_req = Math.min(qos_req, predicted_ns);

  let idx = -1;
  for (let i = 0; i < n; i++) {
    const s = drv.states[i]!;
    if (dev.states_usage[i]!.disable) continue;
    if (idx === -1) idx = i; // first enabled state
    if (s.target_residency_ns > predicted_ns) {
      // Use a physical idle state, not busy polling, unless a timer is going to trigger soon enough.
      if ((drv.states[idx]!.flags & CPUIDLE_FLAG_POLLING) && s.exit_latency_ns <= latency_req && s.target_residency_ns <= data.next_timer_ns) {
        predicted_ns = s.target_residency_ns;
        idx = i;
        break;
      }
      if (predicted_ns < TICK_NSEC) break;
      // The tick is running: a long wait on a shallow state is cut by it anyway.
      predicted_ns = drv.states[idx]!.target_residency_ns;
      break;
    }
    if (s.exit_latency_ns > latency_req) break;
    idx = i;
  }
  if (idx === -1) idx = 0; // no states enabled: must use 0

  // Don't stop the tick if the selected state is a polling one or the expected idle time is shorter than a tick.
  if ((drv.states[idx]!.flags & CPUIDLE_FLAG_POLLING) || predicted_ns < TICK_NSEC) {
    t.stop_tick = false;
    if (idx > 0 && drv.states[idx]!.target_residency_ns > t.delta_tick) {
      // The tick comes before the state would pay off: the deepest state that fits before it.
      for (let i = idx - 1; i >= 0; i--) {
        if (dev.states_usage[i]!.disable) continue;
        idx = i;
        if (drv.states[i]!.target_residency_ns <= t.delta_tick) break;
      }
    }
  }
  return idx;
}

/** menu_reflect(): update on the next selection; was it the tick that woke us (tick_nohz_idle_got_tick)? */
function menu_reflect(dev: cpuidle_device, index: number, tick_wakeup: boolean): void {
  const data = data_of(dev);
  dev.last_state_idx = index;
  data.needs_update = true;
  data.tick_wakeup = tick_wakeup;
}

function menu_enable_device(_drv: cpuidle_driver, dev: cpuidle_device): number {
  const data: menu_device = {
    needs_update: false, tick_wakeup: false, next_timer_ns: 0, bucket: 0,
    correction_factor: new Array<number>(BUCKETS).fill(RESOLUTION * DECAY), intervals: new Array<number>(INTERVALS).fill(0), interval_ptr: 0,
  };
  dev.gov_data = data;
  return 0;
}

// kernel-static: the governor's description; which one is current is per machine (cpuidle_curr_governor)
const menu_governor: cpuidle_governor = { name: 'menu', rating: 20, enable: menu_enable_device, select: menu_select, reflect: menu_reflect };

export const initcalls: initcall_entry[] = [['postcore', 'init_menu', () => cpuidle_register_governor(menu_governor), 2_000]];
