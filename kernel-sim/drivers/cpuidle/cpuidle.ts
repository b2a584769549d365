// Models linux/drivers/cpuidle/cpuidle.c and driver.c: registering the idle driver and a cpuidle_device per CPU (cpuidle_register), and cpuidle_init, which adds /sys/devices/system/cpu/cpuidle and hooks the idle loop into the scheduler.
import { EBUSY, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_idle_hooks } from '../../kernel/sched/core.ts';
import { possible_cpus } from '../../kernel/cpu.ts';
import { cpu_subsys_root, get_cpu_device } from '../base/cpu.ts';
import { cpuidleCore } from './core_state.ts';
import { new_state_usage, type cpuidle_device, type cpuidle_driver } from './cpuidle_types.ts';
import { cpuidle_enable_device } from './device.ts';
import { cpuidle_idle, cpuidle_wake } from './idle.ts';
import { cpuidle_add_interface, cpuidle_add_sysfs } from './sysfs.ts';

/** __cpuidle_driver_init(): the core works in ns; drivers may give us. */
function __cpuidle_driver_init(drv: cpuidle_driver): void {
  for (const s of drv.states) {
    if (s.target_residency > 0) s.target_residency_ns = s.target_residency * 1000;
    else if (s.target_residency_ns < 0) s.target_residency_ns = 0;
    if (s.exit_latency > 0) s.exit_latency_ns = s.exit_latency * 1000;
    else if (s.exit_latency_ns < 0) s.exit_latency_ns = 0;
  }
}

/** cpuidle_register_driver(): one driver at a time (-EBUSY), with states. */
export function cpuidle_register_driver(drv: cpuidle_driver): number {
  const st = cpuidleCore();
  if (st.off) return -ENODEV;
  if (!drv.states.length) return -EINVAL;
  if (st.driver) return -EBUSY;
  __cpuidle_driver_init(drv);
  st.driver = drv;
  return 0;
}

/** cpuidle_register_device(): the CPU's cpuidle/ directory with a stateK per state, then the governor takes it. */
export function cpuidle_register_device(cpu: number): number {
  const st = cpuidleCore();
  const drv = st.driver;
  const cpu_dev = get_cpu_device(cpu);
  if (!drv || !cpu_dev) return -EINVAL;
  if (st.devices[cpu]) return -EBUSY;
  const dev: cpuidle_device = {
    cpu, registered: true, enabled: false, last_state_idx: 0, last_residency_ns: 0, poll_limit_ns: 0, poll_time_limit: false,
    states_usage: drv.states.map(new_state_usage), kobj: null, state_kobjs: [], entered: -1, entered_at: 0, tick_retained: false,
    wake_at: Infinity, wake_by_tick: false, gov_data: null,
  };
  const r = cpuidle_add_sysfs(dev, cpu_dev);
  if (r) return r;
  st.devices[cpu] = dev;
  return cpuidle_enable_device(dev);
}

/** cpuidle_register(): the driver, then a device for every CPU it covers (all possible CPUs). */
export function cpuidle_register(drv: cpuidle_driver): number {
  const r = cpuidle_register_driver(drv);
  if (r) return r;
  for (const cpu of possible_cpus()) {
    const e = cpuidle_register_device(cpu);
    if (e) return e;
  }
  return 0;
}

/** cpuidle_init(): the global sysfs files, and the idle loop now goes through cpuidle (cpuidle_idle_call). */
function cpuidle_init(): number {
  const root = cpu_subsys_root();
  if (cpuidleCore().off || !root) return -ENODEV;
  register_idle_hooks({ idle: cpuidle_idle, wake: cpuidle_wake });
  return cpuidle_add_interface(root);
}

export const initcalls: initcall_entry[] = [['core', 'cpuidle_init', cpuidle_init, 3_000]];
