// Models linux/drivers/cpufreq/cpufreq_powersave.c: always the policy's minimum (cpufreq_powersave.ko, CONFIG_CPU_FREQ_GOV_POWERSAVE=m).
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import type { cpufreq_governor } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor, cpufreq_unregister_governor } from './cpufreq.ts';

// kernel-static: the governor's description; which policies use it is per machine
const cpufreq_gov_powersave: cpufreq_governor = {
  name: 'powersave',
  limits: (p) => { __cpufreq_driver_target(p, p.min, 'L'); },
};

export const obj_m: readonly ts_module_def[] = [{
  name: 'cpufreq_powersave', path: 'kernel/drivers/cpufreq/cpufreq_powersave.ko',
  description: 'CPUfreq policy governor \'powersave\'', license: 'GPL', author: 'Dominik Brodowski <linux@brodo.de>',
  init: () => cpufreq_register_governor(cpufreq_gov_powersave),
  exit: () => cpufreq_unregister_governor(cpufreq_gov_powersave),
}];
