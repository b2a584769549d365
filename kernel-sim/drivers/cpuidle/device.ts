// Models linux/drivers/cpuidle/cpuidle.c's cpuidle_enable_device/cpuidle_disable_device: a CPU's device joins the current governor (which sets up its per-CPU data) or leaves it.
import { cpuidleCore } from './core_state.ts';
import type { cpuidle_device } from './cpuidle_types.ts';

export function cpuidle_enable_device(dev: cpuidle_device): number {
  const st = cpuidleCore();
  if (dev.enabled) return 0;
  if (!st.driver || !st.curr_governor) return -5; // -EIO
  dev.last_state_idx = 0;
  dev.last_residency_ns = 0;
  dev.gov_data = null;
  const r = st.curr_governor.enable?.(st.driver, dev) ?? 0;
  if (r) return r;
  dev.enabled = true;
  return 0;
}

export function cpuidle_disable_device(dev: cpuidle_device): void {
  const st = cpuidleCore();
  if (!dev.enabled || !st.driver || !st.curr_governor) return;
  dev.enabled = false;
  st.curr_governor.disable?.(st.driver, dev);
  dev.gov_data = null;
}
