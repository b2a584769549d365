// Models linux/drivers/cpufreq/cpufreq_performance.c: always the policy's maximum (built in, core_initcall).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { cpufreq_governor } from './cpufreq_types.ts';
import { __cpufreq_driver_target, cpufreq_register_governor } from './cpufreq.ts';

// kernel-static: the governor's description; which policies use it is per machine
export const cpufreq_gov_performance: cpufreq_governor = {
  name: 'performance',
  limits: (p) => { __cpufreq_driver_target(p, p.max, 'H'); },
};

export const initcalls: initcall_entry[] = [['core', 'cpufreq_gov_performance_init', () => cpufreq_register_governor(cpufreq_gov_performance), 1_000]];
