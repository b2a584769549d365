// Models linux/drivers/cpuidle/cpuidle.h: the subsystem's shared state — the registered driver, the governors, the current one and the detected devices.
import { defineState } from '../../kernel/state.ts';
import type { cpuidle_device, cpuidle_driver, cpuidle_governor } from './cpuidle_types.ts';

interface cpuidle_core {
  /** cpuidle_curr_driver (one driver for every CPU: CONFIG_CPU_IDLE_MULTIPLE_DRIVERS is off on x86). */
  driver: cpuidle_driver | null;
  /** cpuidle_governors in registration order (available_governors lists them so). */
  governors: cpuidle_governor[];
  curr_governor: cpuidle_governor | null;
  /** per_cpu(cpuidle_devices): cpuidle_detected_devices by CPU. */
  devices: (cpuidle_device | undefined)[];
  /** cpuidle.off=1 (cpuidle_disabled). */
  off: boolean;
}

export const cpuidleCore = defineState<cpuidle_core>('cpuidle', () => ({ driver: null, governors: [], curr_governor: null, devices: [], off: false }));

export const cpuidle_get_driver = (): cpuidle_driver | null => cpuidleCore().driver;
export const cpuidle_get_device = (cpu: number): cpuidle_device | null => cpuidleCore().devices[cpu] ?? null;
