// Models linux/kernel/sched/cpufreq_schedutil.c (kept with cpufreq here): the frequency from the CPU's utilization, 1.25 x cur x util/capacity on a CPU without frequency invariance, at most every rate_limit_us; utilization as PELT's decaying average (32 ms half-life).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { cpufreq_governor, cpufreq_policy } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor } from './cpufreq.ts';
import { cpufreq_policy_transition_delay_us } from './cpufreq_governor.ts';

const SCHED_CAPACITY_SCALE = 1024;
/** PELT: y^32 = 1/2 per 1024 us period. */
const PELT_PERIOD_NS = 1_024_000;
const PELT_Y = 0.5 ** (1 / 32);

interface sugov_policy { util: number[]; rate_limit_ns: number; last: number }
const sg_of = (p: cpufreq_policy): sugov_policy => p.gov_data as sugov_policy;

/** The running average of each CPU's busy share, scaled to SCHED_CAPACITY_SCALE (util_avg). */
function pelt_update(util: number, busy: number, dt: number): number {
  const decay = PELT_Y ** (dt / PELT_PERIOD_NS);
  return util * decay + SCHED_CAPACITY_SCALE * busy * (1 - decay);
}

/** sugov_update_single_freq()/sugov_next_freq_shared(): get_next_freq() of the busiest CPU, resolved to the lowest entry at or above. */
function sugov_update(p: cpufreq_policy, now: number, busy: number[]): void {
  const sg = sg_of(p);
  const dt = now - sg.last;
  sg.last = now;
  sg.util = busy.map((b, i) => pelt_update(sg.util[i] ?? 0, b, dt));
  const util = Math.max(0, ...sg.util);
  // Not frequency invariant (no APERF/MPERF): scale from the current frequency.
  const freq = p.cur;
  const next_f = Math.floor(((freq + (freq >> 2)) * util) / SCHED_CAPACITY_SCALE);
  __cpufreq_driver_target(p, next_f, 'L');
}

// kernel-static: the governor's description; which policies use it is per machine
export const schedutil_gov: cpufreq_governor = {
  name: 'schedutil',
  init: (p) => { p.gov_data = { util: [], rate_limit_ns: cpufreq_policy_transition_delay_us(p) * 1000, last: 0 } satisfies sugov_policy; return 0; },
  start: (p) => { sg_of(p).last = p.last_sample; return 0; },
  update: sugov_update,
  sample_ns: (p) => sg_of(p).rate_limit_ns,
  limits: (p) => { if (p.cur > p.max || p.cur < p.min) __cpufreq_driver_target(p, p.cur, 'C'); },
};

export const initcalls: initcall_entry[] = [['core', 'schedutil_gov_init', () => cpufreq_register_governor(schedutil_gov), 1_000]];
