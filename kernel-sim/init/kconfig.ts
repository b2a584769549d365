// Models the kernel configuration a build is made from (.config: CONFIG_X=y, =m or unset) and what Kbuild makes of it: which modelled drivers vmlinux links, which become .ko files under /lib/modules, and the modules' dependencies and sizes as modpost records them.
//
// A machine names the kernel it boots in its boot config (/chosen/kwb,kernel-config); without one it boots the
// workbench's own build, where every modelled driver is linked in. The image is derived once per config and shared
// by every machine booting it, as vmlinux is.
import type { initcall_entry, vmlinux_image } from './link_vmlinux.ts';
import type { ts_module_def } from '../kernel/module/obj_m.ts';
import { tristate_objs, type tristate_obj } from '../kernel/module/tristate.ts';
import { debian_6_1_amd64 } from './configs/debian_6.1_amd64.ts';

export type tristate = 'y' | 'm' | 'n';

export interface kernel_config {
  readonly name: string;
  /** Kconfig symbols that differ from the workbench's build (where everything modelled is =y). */
  readonly symbols: Readonly<Record<string, tristate>>;
  /** Core sizes of this build's modules (what lsmod shows), for modules whose size the build changes. */
  readonly module_sizes: Readonly<Record<string, number>>;
}

/** The workbench's own build: every tristate driver kernel-sim models linked in. */
export const kwb_defconfig: kernel_config = { name: 'kwb', symbols: {}, module_sizes: {} };

/** The configs a boot config may name. */
export const kernel_configs: readonly kernel_config[] = [kwb_defconfig, debian_6_1_amd64];

export function find_kernel_config(name: string): kernel_config | null {
  return kernel_configs.find((c) => c.name === name) ?? null;
}

const value = (cfg: kernel_config, o: tristate_obj): tristate => cfg.symbols[o.config] ?? 'y';

/** bool objects (obj-$(CONFIG_X) += x.o for a bool symbol): code that is linked in or left out, never a module. */
const bool_objs: readonly { config: string; initcalls: readonly string[] }[] = [
  // drivers/of/base.c's of_core_init: /sys/firmware/devicetree and /proc/device-tree exist only with CONFIG_OF.
  { config: 'CONFIG_OF', initcalls: ['of_core_init'] },
];

/** The .ko a tristate object is as a module: its init is the initcall it would link as. */
function as_module(o: tristate_obj, initcalls: readonly initcall_entry[]): ts_module_def {
  const ic = o.initcall ? initcalls.find((e) => e[1] === o.initcall) : undefined;
  if (o.initcall && !ic) throw new Error(`kconfig: ${o.module.name}: no initcall ${o.initcall} in vmlinux`);
  return { ...o.module, ...(ic ? { init: ic[2] } : {}), ...(o.exit ? { exit: o.exit } : {}) };
}

// kernel-static: the derived images depend only on the immutable vmlinux and the constant configs.
const images = new WeakMap<vmlinux_image, Map<kernel_config, vmlinux_image>>();

/**
 * vmlinux and modules as `cfg` builds them: initcalls of objects that are not =y are not linked, objects that are =m
 * join the modules, and each module's depends keeps only the modules of this build (a symbol that is built in needs
 * no module), as modpost writes them.
 */
export function vmlinux_configure(vmlinux: vmlinux_image, cfg: kernel_config): vmlinux_image {
  let per = images.get(vmlinux);
  if (!per) { per = new Map(); images.set(vmlinux, per); }
  const hit = per.get(cfg);
  if (hit) return hit;
  const not_linked = new Set(tristate_objs.filter((o) => o.initcall && value(cfg, o) !== 'y').map((o) => o.initcall!));
  for (const b of bool_objs) if (cfg.symbols[b.config] === 'n') for (const ic of b.initcalls) not_linked.add(ic);
  const built = [...vmlinux.modules, ...tristate_objs.filter((o) => value(cfg, o) === 'm').map((o) => as_module(o, vmlinux.initcalls))];
  const names = new Set(built.map((m) => m.name));
  const modules = built.map((m): ts_module_def => ({
    ...m,
    depends: (m.depends ?? []).filter((d) => names.has(d)),
    ...(cfg.module_sizes[m.name] !== undefined ? { size: cfg.module_sizes[m.name] } : {}),
  }));
  const image: vmlinux_image = Object.freeze({
    ...vmlinux,
    initcalls: Object.freeze(vmlinux.initcalls.filter((e) => !not_linked.has(e[1]))),
    modules: Object.freeze(modules),
  });
  per.set(cfg, image);
  return image;
}
