// Models linux/drivers/cpufreq/cpufreq_conservative.c: step 5% of the maximum up over 80% load, down under 20% (cpufreq_conservative.ko, CONFIG_CPU_FREQ_GOV_CONSERVATIVE=m).
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import type { cpufreq_governor, cpufreq_policy } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor, cpufreq_unregister_governor } from './cpufreq.ts';
import { dbs_sampling_rate_ns, dbs_update } from './cpufreq_governor.ts';

const DEF_FREQUENCY_UP_THRESHOLD = 80, DEF_FREQUENCY_DOWN_THRESHOLD = 20, DEF_FREQUENCY_STEP = 5;

interface cs_policy { requested_freq: number }
const cs_of = (p: cpufreq_policy): cs_policy => p.gov_data as cs_policy;

/** cs_dbs_update(): a step of freq_step percent of policy->max each sample. */
function cs_dbs_update(p: cpufreq_policy, _now: number, busy: number[]): void {
  const load = dbs_update(busy);
  const cs = cs_of(p);
  if (cs.requested_freq > p.max || cs.requested_freq < p.min) cs.requested_freq = p.cur;
  const step = Math.floor((DEF_FREQUENCY_STEP * p.max) / 100) || DEF_FREQUENCY_STEP;
  if (load > DEF_FREQUENCY_UP_THRESHOLD) {
    if (cs.requested_freq === p.max) return;
    cs.requested_freq = Math.min(p.max, cs.requested_freq + step);
    __cpufreq_driver_target(p, cs.requested_freq, 'H');
  } else if (load < DEF_FREQUENCY_DOWN_THRESHOLD) {
    if (cs.requested_freq === p.min) return;
    cs.requested_freq = Math.max(p.min, cs.requested_freq - step);
    __cpufreq_driver_target(p, cs.requested_freq, 'L');
  }
}

// kernel-static: the governor's description; which policies use it is per machine
const cpufreq_gov_conservative: cpufreq_governor = {
  name: 'conservative',
  init: (p) => { p.gov_data = { requested_freq: p.cur }; return 0; },
  start: (p) => { cs_of(p).requested_freq = p.cur; return 0; },
  update: cs_dbs_update,
  sample_ns: dbs_sampling_rate_ns,
  limits: (p) => { if (p.cur > p.max || p.cur < p.min) __cpufreq_driver_target(p, p.cur, 'C'); },
};

export const obj_m: readonly ts_module_def[] = [{
  name: 'cpufreq_conservative', path: 'kernel/drivers/cpufreq/cpufreq_conservative.ko',
  description: '\'cpufreq_conservative\' - A dynamic cpufreq governor for Low Latency Frequency Transition capable processors optimised for use in a battery environment',
  license: 'GPL', author: 'Alexander Clouter <alex@digriz.org.uk>',
  init: () => cpufreq_register_governor(cpufreq_gov_conservative),
  exit: () => cpufreq_unregister_governor(cpufreq_gov_conservative),
}];
