// Models drivers/base/power/common.c's dev_pm_domain_set and include/linux/device.h's driver-flag accessors for modules.
//
// What they set is kept per device for this boot: the C struct dev_pm_domain's address and the DPM_FLAG_* bits. The
// simulated PM core does not yet run a domain's callbacks in place of the bus's, nor act on the flags; mei-me and
// mei-txe set both at probe and clear the domain at remove, which is what is recorded.
import type { device } from '../../drivers/base/base.ts';
import { defineState } from '../state.ts';
import { c_device } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

interface dev_pm_state { pm_domain: number; driver_flags: number }
const pmState = defineState('kapi-pm-domain', () => ({ devs: new Map<device, dev_pm_state>() }));

function state_of(dev: number): dev_pm_state | null {
  const d = c_device(dev);
  if (!d) return null;
  const s = pmState().devs;
  let x = s.get(d);
  if (!x) { x = { pm_domain: 0, driver_flags: 0 }; s.set(d, x); }
  return x;
}

export const ksymtab = EXPORT_KAPI({
  dev_pm_domain_set: (dev: number, pd: number) => { const s = state_of(dev); if (s) s.pm_domain = pd; },
  dev_pm_set_driver_flags: (dev: number, flags: number) => { const s = state_of(dev); if (s) s.driver_flags = flags >>> 0; },
  dev_pm_test_driver_flags: (dev: number, flags: number) => ((state_of(dev)?.driver_flags ?? 0) & flags ? 1 : 0),
});
