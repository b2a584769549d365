// Models linux/include/linux/cpufreq.h: frequency tables, policies, scaling drivers and governors.
import type { kobject } from '../../lib/kobject.ts';
import type { attribute } from '../../fs/sysfs/sysfs.ts';
import type { KGen } from '../../include/linux/sched.ts';

export const CPUFREQ_NAME_LEN = 16;
/** cpufreq_frequency_table.frequency of an entry to skip. */
export const CPUFREQ_ENTRY_INVALID = ~1 >>> 0;
/** __cpufreq_driver_target relations: lowest at or above, highest at or below, closest. */
export type cpufreq_relation = 'L' | 'H' | 'C';

export interface cpufreq_frequency_table { driver_data: number; frequency: number }

/** cpufreq_stats: per frequency, the time spent (ns) and the transitions between them. */
export interface cpufreq_stats {
  total_trans: number;
  last_time: number;
  last_index: number;
  time_in_state: number[];
  trans_table: number[][];
}

export interface cpufreq_policy {
  /** The CPU that manages the policy, and the online CPUs it covers (affected) of all it may cover (related). */
  cpu: number;
  cpus: number[];
  related_cpus: number[];
  /** kHz */
  min: number;
  max: number;
  cur: number;
  cpuinfo: { min_freq: number; max_freq: number; transition_latency: number };
  freq_table: cpufreq_frequency_table[];
  governor: cpufreq_governor | null;
  last_governor: string;
  /** policyN, with the stats/ group. */
  kobj: kobject | null;
  /** The governor's per-policy data (dbs, sugov). */
  gov_data: unknown;
  stats: cpufreq_stats | null;
  /** Load sampling: when the governor is next due, the CPUs' busy time at the last sample. */
  next_sample: number;
  last_sample: number;
  last_busy: number[];
}

export interface freq_attr extends attribute {
  show?(policy: cpufreq_policy): string | number;
  store?(policy: cpufreq_policy, buf: string): number | KGen<number>;
}

export interface cpufreq_driver {
  name: string;
  /** Fills the policy's table, limits, latency and cur. */
  init(policy: cpufreq_policy): number;
  target_index(policy: cpufreq_policy, index: number): number;
  get(cpu: number): number;
  bios_limit?(cpu: number): number | null;
  attr: freq_attr[];
}

export interface cpufreq_governor {
  name: string;
  init?(policy: cpufreq_policy): number;
  exit?(policy: cpufreq_policy): void;
  start?(policy: cpufreq_policy): number;
  stop?(policy: cpufreq_policy): void;
  /** The policy's min/max changed (cpufreq_policy_apply_limits for the fixed ones). */
  limits?(policy: cpufreq_policy): void;
  /** The scheduler's update_util hook: `busy` is each policy CPU's busy fraction since the last sample. */
  update?(policy: cpufreq_policy, now: number, busy: number[]): void;
  /** How often update wants to run (ns): sampling_rate or rate_limit_us. */
  sample_ns?(policy: cpufreq_policy): number;
  show_setspeed?(policy: cpufreq_policy): string;
  store_setspeed?(policy: cpufreq_policy, freq: number): number;
}
