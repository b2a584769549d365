// Models linux/drivers/thermal/thermal_core.c's thermal_init (postcore_initcall, CONFIG_THERMAL=y as Debian builds it): the governors linked in (THERMAL_GOVERNOR_DECLARE's table, in the Makefile's order) registered one by one, then the thermal class. No machine here has a thermal zone or cooling device (QEMU's q35 firmware declares no _TZ), so the class stays empty and no governor ever throttles anything; the governors' algorithms and the thermal netlink family are not modelled.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_err, pr_info } from '../../kernel/printk/printk.ts';
import type { class_ } from '../base/base.ts';
import { class_register } from '../base/class.ts';

/** struct thermal_governor: what a thermal zone's policy file names. */
export interface thermal_governor { readonly name: string }

/** The governors Debian's config builds (CONFIG_THERMAL_GOV_*=y), in drivers/thermal/Makefile's link order. */
const governor_table: readonly thermal_governor[] = [
  { name: 'fair_share' }, { name: 'bang_bang' }, { name: 'step_wise' }, { name: 'user_space' }, { name: 'power_allocator' },
];

/** CONFIG_THERMAL_DEFAULT_GOV_STEP_WISE: the policy a new zone starts with. */
export const DEFAULT_THERMAL_GOVERNOR = 'step_wise';

const thermalState = defineState('thermal', () => ({ governors: [] as thermal_governor[] }));

/** thermal_register_governor: names are unique. */
export function thermal_register_governor(g: thermal_governor): number {
  const st = thermalState();
  if (st.governors.some((x) => x.name === g.name)) return -EBUSY;
  st.governors.push(g);
  return 0;
}

/** The registered governors, as a zone's available_policies lists them. */
export function thermal_governors(): readonly thermal_governor[] { return thermalState().governors; }

// kernel-static: the class description; its registration is per machine
const thermal_class: class_ = { name: 'thermal' };

function thermal_register_governors(): number {
  for (const g of governor_table) {
    const r = thermal_register_governor(g);
    if (r) { pr_err(`Failed to register governor: '${g.name}'`); thermalState().governors = []; return r; }
    pr_info(`thermal_sys: Registered thermal governor '${g.name}'`);
  }
  return 0;
}

function thermal_init(): number {
  const r = thermal_register_governors();
  if (r) return r;
  const c = class_register(thermal_class);
  if (c) { thermalState().governors = []; return c; }
  return 0;
}

export const initcalls: initcall_entry[] = [['postcore', 'thermal_init', thermal_init, 20_000]];
