// Models linux/include/linux/cpuidle.h: idle states, their per-CPU usage, the per-CPU cpuidle_device, drivers and governors.
import type { kobject } from '../../lib/kobject.ts';

export const CPUIDLE_STATE_MAX = 10;
export const CPUIDLE_NAME_LEN = 16;
export const CPUIDLE_DESC_LEN = 32;
/** cpuidle_state.flags */
export const CPUIDLE_FLAG_POLLING = 1 << 0, CPUIDLE_FLAG_TIMER_STOP = 1 << 2, CPUIDLE_FLAG_OFF = 1 << 4;
/** cpuidle_state_usage.disable bits */
export const CPUIDLE_STATE_DISABLED_BY_USER = 1 << 0, CPUIDLE_STATE_DISABLED_BY_DRIVER = 1 << 1;

/** struct cpuidle_state: what a driver declares (latency and residency in us, the core's ns copies). */
export interface cpuidle_state {
  name: string;
  desc: string;
  flags: number;
  /** exit_latency / target_residency in us, as the driver gives them; _ns as __cpuidle_driver_init derives them. */
  exit_latency: number;
  target_residency: number;
  exit_latency_ns: number;
  target_residency_ns: number;
  /** power_usage in mW, printed with %u (POLL's -1 prints as 4294967295). */
  power_usage: number;
  /** Whether the state has an ->enter_s2idle (the s2idle/ group of its sysfs directory). */
  enter_s2idle: boolean;
}

/** struct cpuidle_state_usage: per CPU and state, what the sysfs files count. */
export interface cpuidle_state_usage {
  disable: number;
  usage: number;
  time_ns: number;
  above: number;
  below: number;
  rejected: number;
  s2idle_usage: number;
  s2idle_time: number;
}

export interface cpuidle_driver {
  name: string;
  states: cpuidle_state[];
  /** The state used when another cannot be (safe_state_index: not C3 on acpi_idle). */
  safe_state_index: number;
}

/** struct cpuidle_device, with the idle period the scheduler is in (the sim's half of do_idle). */
export interface cpuidle_device {
  cpu: number;
  registered: boolean;
  enabled: boolean;
  last_state_idx: number;
  last_residency_ns: number;
  poll_limit_ns: number;
  poll_time_limit: boolean;
  states_usage: cpuidle_state_usage[];
  /** cpuN/cpuidle and its stateK directories (cpuidle_device_kobj, cpuidle_state_kobj). */
  kobj: kobject | null;
  state_kobjs: kobject[];
  /** The state entered and when, while the CPU sits in it; -1 when running. */
  entered: number;
  entered_at: number;
  /** The tick was left running for this idle period (the governor's stop_tick = false): it wakes the CPU at the next jiffy. */
  tick_retained: boolean;
  /** When the CPU is woken regardless of timers: the kept tick (wake_by_tick) or POLL's time limit; Infinity if neither. */
  wake_at: number;
  wake_by_tick: boolean;
  /** Per-CPU private data of the current governor (menu_device, ladder_device). */
  gov_data: unknown;
}

export interface cpuidle_governor {
  name: string;
  rating: number;
  enable?(drv: cpuidle_driver, dev: cpuidle_device): number;
  disable?(drv: cpuidle_driver, dev: cpuidle_device): void;
  /**
   * Picks a state for an idle period that the next timer ends after `sleep_length_ns` (tick_nohz_get_sleep_length;
   * `t.delta_tick` is the time to the next tick); clears `t.stop_tick` to keep the tick running.
   */
  select(drv: cpuidle_driver, dev: cpuidle_device, sleep_length_ns: number, t: { stop_tick: boolean; delta_tick: number }): number;
  reflect?(dev: cpuidle_device, index: number, tick_wakeup: boolean): void;
}

export const new_state_usage = (): cpuidle_state_usage => ({ disable: 0, usage: 0, time_ns: 0, above: 0, below: 0, rejected: 0, s2idle_usage: 0, s2idle_time: 0 });
