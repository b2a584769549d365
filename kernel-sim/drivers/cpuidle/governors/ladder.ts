// Models linux/drivers/cpuidle/governors/ladder.c: step one state deeper after four idle periods longer than the state's exit latency, one shallower after one shorter.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { CPUIDLE_FLAG_POLLING, type cpuidle_device, type cpuidle_driver, type cpuidle_governor } from '../cpuidle_types.ts';
import { cpuidle_governor_latency_req, cpuidle_register_governor } from '../governor.ts';

const PROMOTION_COUNT = 4;
const DEMOTION_COUNT = 1;

interface ladder_device_state {
  stats: { promotion_count: number; demotion_count: number };
  threshold: { promotion_count: number; demotion_count: number; promotion_time_ns: number; demotion_time_ns: number };
}
interface ladder_device { states: ladder_device_state[] }

const ldev_of = (dev: cpuidle_device): ladder_device => dev.gov_data as ladder_device;
const first_idx_of = (drv: cpuidle_driver): number => (drv.states[0]!.flags & CPUIDLE_FLAG_POLLING ? 1 : 0);

function ladder_do_selection(dev: cpuidle_device, ldev: ladder_device, old_idx: number, new_idx: number): void {
  ldev.states[old_idx]!.stats.promotion_count = 0;
  ldev.states[old_idx]!.stats.demotion_count = 0;
  dev.last_state_idx = new_idx;
}

/**
 * ladder_select_state(): residency moves the ladder one step at a time, within the exit latency PM QoS allows
 * (cpuidle_governor_latency_req): no promotion past it, and a state above it (or disabled) steps down at once to
 * the deepest that fits; a requirement of 0 keeps the CPU in state 0 (POLL).
 */
function ladder_select_state(drv: cpuidle_driver, dev: cpuidle_device): number {
  const ldev = ldev_of(dev);
  const last_idx = dev.last_state_idx;
  const first_idx = first_idx_of(drv);
  const latency_req = cpuidle_governor_latency_req();

  // Special case when user has set very strict latency requirement
  if (latency_req === 0) {
    ladder_do_selection(dev, ldev, last_idx, 0);
    return 0;
  }
  const last_state = ldev.states[last_idx]!;
  const last_residency = dev.last_residency_ns - drv.states[last_idx]!.exit_latency_ns;

  // consider promotion
  if (last_idx < drv.states.length - 1 && !dev.states_usage[last_idx + 1]!.disable && last_residency > last_state.threshold.promotion_time_ns
    && drv.states[last_idx + 1]!.exit_latency_ns <= latency_req) {
    last_state.stats.promotion_count++;
    last_state.stats.demotion_count = 0;
    if (last_state.stats.promotion_count >= last_state.threshold.promotion_count) {
      ladder_do_selection(dev, ldev, last_idx, last_idx + 1);
      return last_idx + 1;
    }
  }
  // consider demotion: a disabled state, or one slower to leave than allowed, steps down at once
  if (last_idx > first_idx && (dev.states_usage[last_idx]!.disable || drv.states[last_idx]!.exit_latency_ns > latency_req)) {
    let i = last_idx - 1;
    for (; i > first_idx; i--) if (drv.states[i]!.exit_latency_ns <= latency_req) break;
    ladder_do_selection(dev, ldev, last_idx, i);
    return i;
  }
  if (last_idx > first_idx && last_residency < last_state.threshold.demotion_time_ns) {
    last_state.stats.demotion_count++;
    last_state.stats.promotion_count = 0;
    if (last_state.stats.demotion_count >= last_state.threshold.demotion_count) {
      ladder_do_selection(dev, ldev, last_idx, last_idx - 1);
      return last_idx - 1;
    }
  }
  return last_idx;
}

/**
 * ladder_enable_device(): start on the first real state; thresholds are each state's exit latency. POLL's stay
 * zero (Linux sets them from first_idx on), so from POLL the ladder steps up after one period.
 */
function ladder_enable_device(drv: cpuidle_driver, dev: cpuidle_device): number {
  const first_idx = first_idx_of(drv);
  dev.last_state_idx = first_idx;
  const ldev: ladder_device = { states: [] };
  drv.states.forEach((s, i) => {
    ldev.states[i] = {
      stats: { promotion_count: 0, demotion_count: 0 },
      threshold: i < first_idx ? { promotion_count: 0, demotion_count: 0, promotion_time_ns: 0, demotion_time_ns: 0 } : {
        promotion_count: PROMOTION_COUNT, demotion_count: DEMOTION_COUNT,
        promotion_time_ns: i < drv.states.length - 1 ? s.exit_latency_ns : 0,
        demotion_time_ns: i > first_idx ? s.exit_latency_ns : 0,
      },
    };
  });
  dev.gov_data = ldev;
  return 0;
}

/** ladder_reflect(). */
function ladder_reflect(dev: cpuidle_device, index: number): void {
  if (index > 0) dev.last_state_idx = index;
}

// kernel-static: the governor's description; which one is current is per machine (cpuidle_curr_governor)
const ladder_governor: cpuidle_governor = {
  name: 'ladder',
  // 10 with NO_HZ_IDLE (Debian's kernel): menu, rated 20, wins.
  rating: 10,
  enable: ladder_enable_device,
  select: (drv, dev) => ladder_select_state(drv, dev),
  reflect: ladder_reflect,
};

export const initcalls: initcall_entry[] = [['postcore', 'init_ladder', () => cpuidle_register_governor(ladder_governor), 2_000]];
