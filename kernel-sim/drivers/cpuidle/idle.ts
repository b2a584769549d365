// Models linux/kernel/sched/idle.c's cpuidle_idle_call and drivers/cpuidle/cpuidle.c's cpuidle_enter_state in virtual time: when no task can run, each online CPU's governor picks a state from the time to the next timer, and the state's usage, time, above and below follow what the idle period turned out to be.
import { online_cpus } from '../../kernel/cpu.ts';
import { TICK_NSEC } from '../../kernel/time/timekeeping.ts';
import { cpuidleCore } from './core_state.ts';
import { CPUIDLE_FLAG_POLLING, type cpuidle_device, type cpuidle_driver, type cpuidle_governor } from './cpuidle_types.ts';

/** Idle periods one scheduler gap may split into (tick and poll wake-ups) before the rest is taken as one. */
const MAX_REENTRIES = 4096;

/**
 * cpuidle_poll_time(): POLL spins until the target residency of the first enabled deeper state (a tick at most),
 * then gives the governor another go (poll_time_limit).
 */
function cpuidle_poll_time(drv: cpuidle_driver, dev: cpuidle_device): number {
  if (dev.poll_limit_ns) return dev.poll_limit_ns;
  let limit_ns = TICK_NSEC;
  for (let i = 1; i < drv.states.length; i++) {
    if (dev.states_usage[i]!.disable) continue;
    limit_ns = drv.states[i]!.target_residency_ns;
    break;
  }
  dev.poll_limit_ns = limit_ns;
  return limit_ns;
}

/** cpuidle_select() and the entry of cpuidle_enter_state(): the governor's choice, and when the CPU will be woken regardless. */
function enter(drv: cpuidle_driver, gov: cpuidle_governor, dev: cpuidle_device, now: number, next_timer: number | null): void {
  const sleep_length = next_timer === null ? Infinity : Math.max(0, next_timer - now);
  const next_tick = (Math.floor(now / TICK_NSEC) + 1) * TICK_NSEC;
  const out = { stop_tick: true, delta_tick: Math.min(sleep_length, next_tick - now) };
  const idx = gov.select(drv, dev, sleep_length, out);
  dev.entered = idx;
  dev.entered_at = now;
  dev.poll_time_limit = false;
  dev.tick_retained = !out.stop_tick;
  let end = Infinity;
  let tick = false;
  if (drv.states[idx]!.flags & CPUIDLE_FLAG_POLLING) end = now + cpuidle_poll_time(drv, dev);
  if (dev.tick_retained) {
    if (next_tick < end) { end = next_tick; tick = true; }
  }
  dev.wake_at = end;
  dev.wake_by_tick = tick;
}

/** The exit half of cpuidle_enter_state(): usage and time, then above (too deep for what came) or below (a deeper state would have paid off). */
function leave(drv: cpuidle_driver, gov: cpuidle_governor, dev: cpuidle_device, now: number, tick_wakeup: boolean): void {
  const i = dev.entered;
  if (!dev.wake_by_tick && now >= dev.wake_at) dev.poll_time_limit = true;
  const diff = now - dev.entered_at;
  const u = dev.states_usage[i]!;
  dev.last_residency_ns = diff;
  u.time_ns += diff;
  u.usage++;
  const s = drv.states[i]!;
  if (diff < s.target_residency_ns) {
    for (let k = i - 1; k >= 0; k--) {
      if (dev.states_usage[k]!.disable) continue;
      u.above++; // shallower states are enabled: this one was too deep
      break;
    }
  } else if (diff > s.exit_latency_ns) {
    for (let k = i + 1; k < drv.states.length; k++) {
      if (dev.states_usage[k]!.disable) continue;
      if (diff - s.exit_latency_ns >= drv.states[k]!.target_residency_ns) u.below++;
      break;
    }
  }
  dev.entered = -1;
  gov.reflect?.(dev, i, tick_wakeup);
}

/** One CPU idle over [from, to): entered (again after every forced wake-up), left at `to` if something woke it there. */
function idle_period(drv: cpuidle_driver, gov: cpuidle_governor, dev: cpuidle_device, from: number, to: number, next_timer: number | null, woke: boolean): void {
  let t = from;
  for (let n = 0; n < MAX_REENTRIES; n++) {
    if (dev.entered < 0) enter(drv, gov, dev, t, next_timer);
    const end = dev.wake_at;
    if (end < to) {
      leave(drv, gov, dev, end, dev.wake_by_tick);
      t = end;
      continue;
    }
    break;
  }
  if (woke && dev.entered >= 0) leave(drv, gov, dev, to, false);
}

/**
 * The scheduler's idle hook: the clock moved from `from` to `to` with nothing to run. `next_timer` is the next
 * timer known at `from`; `woke` tells whether something (that timer) ended the idle at `to`, or the host only
 * stopped the clock there and idle goes on.
 */
export function cpuidle_idle(from: number, to: number, next_timer: number | null, woke: boolean): void {
  const st = cpuidleCore();
  const drv = st.driver;
  const gov = st.curr_governor;
  if (!drv || !gov || to < from) return;
  for (const cpu of online_cpus()) {
    const dev = st.devices[cpu];
    if (dev?.enabled) idle_period(drv, gov, dev, from, to, next_timer, woke);
  }
}

/** A task became runnable or a timer is due: every CPU still in a state leaves it now. */
export function cpuidle_wake(now: number): void {
  const st = cpuidleCore();
  if (!st.driver || !st.curr_governor) return;
  for (const dev of st.devices) if (dev?.enabled && dev.entered >= 0) leave(st.driver, st.curr_governor, dev, now, false);
}
