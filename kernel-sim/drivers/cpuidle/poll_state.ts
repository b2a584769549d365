// Models linux/drivers/cpuidle/poll_state.c: state 0 of x86 drivers, busy polling for need_resched (ARCH_HAS_CPU_RELAX).
import { CPUIDLE_FLAG_POLLING, type cpuidle_driver, type cpuidle_state } from './cpuidle_types.ts';

/** cpuidle_poll_state_init(): POLL, no latency, no residency, power_usage -1. */
export function cpuidle_poll_state_init(drv: cpuidle_driver): void {
  const s: cpuidle_state = {
    name: 'POLL', desc: 'CPUIDLE CORE POLL IDLE', flags: CPUIDLE_FLAG_POLLING,
    exit_latency: 0, target_residency: 0, exit_latency_ns: 0, target_residency_ns: 0, power_usage: -1, enter_s2idle: false,
  };
  drv.states[0] = s;
}
