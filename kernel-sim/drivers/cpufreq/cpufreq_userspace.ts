// Models linux/drivers/cpufreq/cpufreq_userspace.c: the frequency written to scaling_setspeed (cpufreq_userspace.ko, CONFIG_CPU_FREQ_GOV_USERSPACE=m).
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import type { cpufreq_governor, cpufreq_policy } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor, cpufreq_unregister_governor } from './cpufreq.ts';

interface userspace_data { setspeed: number }
const data_of = (p: cpufreq_policy): userspace_data => p.gov_data as userspace_data;

// kernel-static: the governor's description; which policies use it is per machine
const cpufreq_gov_userspace: cpufreq_governor = {
  name: 'userspace',
  init: (p) => { p.gov_data = { setspeed: 0 }; return 0; },
  start: (p) => { data_of(p).setspeed = p.cur; return 0; },
  /** cpufreq_userspace_policy_limits(): keep the set speed inside the new limits. */
  limits: (p) => { __cpufreq_driver_target(p, data_of(p).setspeed, 'L'); },
  show_setspeed: (p) => `${data_of(p).setspeed}\n`,
  store_setspeed: (p, freq) => { data_of(p).setspeed = freq; return __cpufreq_driver_target(p, freq, 'L'); },
};

export const obj_m: readonly ts_module_def[] = [{
  name: 'cpufreq_userspace', path: 'kernel/drivers/cpufreq/cpufreq_userspace.ko',
  description: 'CPUfreq policy governor \'userspace\'', license: 'GPL', author: 'Dominik Brodowski <linux@brodo.de>, Russell King <rmk@arm.linux.org.uk>',
  init: () => cpufreq_register_governor(cpufreq_gov_userspace),
  exit: () => cpufreq_unregister_governor(cpufreq_gov_userspace),
}];
