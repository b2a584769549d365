// Models the globals of linux/drivers/cpufreq/cpufreq.c: the scaling driver, per-CPU policies, the governor list and /sys/devices/system/cpu/cpufreq.
import { defineState } from '../../kernel/state.ts';
import type { kobject } from '../../lib/kobject.ts';
import type { cpufreq_driver, cpufreq_governor, cpufreq_policy } from './cpufreq_types.ts';

interface cpufreq_core {
  driver: cpufreq_driver | null;
  /** per_cpu(cpufreq_cpu_data) */
  policies: (cpufreq_policy | undefined)[];
  /** cpufreq_governor_list: registration puts a governor at the head (list_add). */
  governors: cpufreq_governor[];
  global_kobj: kobject | null;
}

export const cpufreqCore = defineState<cpufreq_core>('cpufreq', () => ({ driver: null, policies: [], governors: [], global_kobj: null }));

export const cpufreq_cpu_get = (cpu: number): cpufreq_policy | null => cpufreqCore().policies[cpu] ?? null;
/** Distinct policies, by their managing CPU. */
export const cpufreq_policies = (): cpufreq_policy[] => [...new Set(cpufreqCore().policies.filter((p): p is cpufreq_policy => !!p))];
export const policy_is_inactive = (p: cpufreq_policy): boolean => p.cpus.length === 0;
