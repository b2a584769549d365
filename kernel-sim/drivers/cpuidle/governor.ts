// Models linux/drivers/cpuidle/governor.c: registering idle governors (the best rated one wins, "cpuidle: using governor menu") and switching between them.
import { EINVAL, EEXIST } from '../../include/uapi/asm-generic/errno.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { cpuidleCore } from './core_state.ts';
import type { cpuidle_governor } from './cpuidle_types.ts';
import { cpu_latency_qos_limit } from '../../kernel/power/qos.ts';
import { cpuidle_disable_device, cpuidle_enable_device } from './device.ts';

export function cpuidle_find_governor(name: string): cpuidle_governor | null {
  return cpuidleCore().governors.find((g) => g.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** cpuidle_switch_governor(): every detected device leaves the old governor and joins the new one. */
export function cpuidle_switch_governor(gov: cpuidle_governor): number {
  const st = cpuidleCore();
  if (gov === st.curr_governor) return 0;
  const devs = st.devices.filter((d) => d !== undefined);
  if (st.curr_governor) for (const d of devs) cpuidle_disable_device(d);
  st.curr_governor = gov;
  for (const d of devs) cpuidle_enable_device(d);
  pr_info(`cpuidle: using governor ${gov.name}`);
  return 0;
}

/** cpuidle_register_governor(): added to the list; switched to when it outrates the current one. */
export function cpuidle_register_governor(gov: cpuidle_governor): number {
  const st = cpuidleCore();
  if (st.off) return -19; // -ENODEV
  if (!gov.select) return -EINVAL;
  if (cpuidle_find_governor(gov.name)) return -EEXIST;
  st.governors.push(gov);
  if (!st.curr_governor || st.curr_governor.rating < gov.rating) cpuidle_switch_governor(gov);
  return 0;
}

/** PM_QOS_RESUME_LATENCY_NO_CONSTRAINT: a CPU device's own resume latency limit, unset (S32_MAX µs). */
const PM_QOS_RESUME_LATENCY_NO_CONSTRAINT = 2 ** 31 - 1;

/** cpuidle_governor_latency_req(): the exit latency the CPU may take, in ns — its device limit or the CPU latency QoS. */
export function cpuidle_governor_latency_req(): number {
  return Math.min(PM_QOS_RESUME_LATENCY_NO_CONSTRAINT, cpu_latency_qos_limit()) * 1000;
}
