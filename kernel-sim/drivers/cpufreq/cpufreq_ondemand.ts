// Models linux/drivers/cpufreq/cpufreq_ondemand.c: over 80% load jump to the maximum, else a frequency proportional to the load (cpufreq_ondemand.ko, CONFIG_CPU_FREQ_GOV_ONDEMAND=m).
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import type { cpufreq_governor, cpufreq_policy } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor, cpufreq_unregister_governor } from './cpufreq.ts';
import { dbs_sampling_rate_ns, dbs_update } from './cpufreq_governor.ts';

const DEF_FREQUENCY_UP_THRESHOLD = 80;
const DEF_SAMPLING_DOWN_FACTOR = 1;

interface od_policy { rate_mult: number }
const od_of = (p: cpufreq_policy): od_policy => p.gov_data as od_policy;

/** od_update(). */
function od_update(p: cpufreq_policy, _now: number, busy: number[]): void {
  const load = dbs_update(busy);
  if (load > DEF_FREQUENCY_UP_THRESHOLD) {
    // Switching to max speed: apply sampling_down_factor.
    if (p.cur < p.max) od_of(p).rate_mult = DEF_SAMPLING_DOWN_FACTOR;
    __cpufreq_driver_target(p, p.max, 'H');
  } else {
    const { min_freq: min_f, max_freq: max_f } = p.cpuinfo;
    od_of(p).rate_mult = 1;
    __cpufreq_driver_target(p, min_f + Math.floor((load * (max_f - min_f)) / 100), 'C');
  }
}

// kernel-static: the governor's description; which policies use it is per machine
const cpufreq_gov_ondemand: cpufreq_governor = {
  name: 'ondemand',
  init: (p) => { p.gov_data = { rate_mult: 1 }; return 0; },
  update: od_update,
  sample_ns: (p) => dbs_sampling_rate_ns(p) * od_of(p).rate_mult,
  limits: (p) => { if (p.cur > p.max || p.cur < p.min) __cpufreq_driver_target(p, p.cur, 'C'); },
};

export const obj_m: readonly ts_module_def[] = [{
  name: 'cpufreq_ondemand', path: 'kernel/drivers/cpufreq/cpufreq_ondemand.ko',
  description: '\'cpufreq_ondemand\' - A dynamic cpufreq governor for Low Latency Frequency Transition capable processors', license: 'GPL',
  author: 'Venkatesh Pallipadi <venkatesh.pallipadi@intel.com>, Alexey Starikovskiy <alexey.y.starikovskiy@intel.com>',
  init: () => cpufreq_register_governor(cpufreq_gov_ondemand),
  exit: () => cpufreq_unregister_governor(cpufreq_gov_ondemand),
}];
