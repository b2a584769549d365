// Models linux/drivers/cpufreq/cpufreq_governor.c's common part of ondemand and conservative: dbs_update's load (the busiest CPU's busy percentage since the last sample) and the sampling rate.
import { TICK_NSEC } from '../../kernel/time/timekeeping.ts';
import type { cpufreq_policy } from './cpufreq_types.ts';

/** CPUFREQ_DBS_MIN_SAMPLING_INTERVAL: two ticks. */
const CPUFREQ_DBS_MIN_SAMPLING_INTERVAL_NS = 2 * TICK_NSEC;
const LATENCY_MULTIPLIER = 1000;

/** cpufreq_policy_transition_delay_us(): latency x 1000, at most 10 ms. */
export function cpufreq_policy_transition_delay_us(p: cpufreq_policy): number {
  const latency = Math.floor(p.cpuinfo.transition_latency / 1000);
  return latency ? Math.min(latency * LATENCY_MULTIPLIER, 10_000) : LATENCY_MULTIPLIER;
}

/** The default sampling_rate of a dbs governor (cpufreq_dbs_governor_init), in ns. */
export const dbs_sampling_rate_ns = (p: cpufreq_policy): number => Math.max(CPUFREQ_DBS_MIN_SAMPLING_INTERVAL_NS, cpufreq_policy_transition_delay_us(p) * 1000);

/** dbs_update(): the load, in percent, of the busiest CPU of the policy. */
export const dbs_update = (busy: number[]): number => Math.round(100 * Math.max(0, ...busy));
