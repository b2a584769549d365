// What the machine is built from: CPUs, RAM, the kernel command line and the kernel's build configuration, read from the boot config (/cpus, /memory, /chosen/bootargs, /chosen/kwb,kernel-config).
import type { MachineOptions } from './types.ts';
import { dtc_compile } from '../scripts/dtc/dtc.ts';
import { addr_size_cells, cells_to_number, prop_cells, prop_string, type DeviceTree } from '../scripts/dtc/livetree.ts';
import { find_kernel_config, kernel_configs, kwb_defconfig, type kernel_config } from '../init/kconfig.ts';

export interface machine_config {
  nr_cpus: number;
  ram_bytes: number;
  cmdline: string;
  /** The kernel build the machine boots (which modelled drivers are built in, which are modules). */
  kconfig: kernel_config;
  /** /chosen/kwb,initrd-size: the initrd the boot loader loads, in bytes (the reference's Debian initramfs). */
  initrd_bytes?: number;
}

/** The command line of a machine booted without a boot config. */
export const DEFAULT_BOOTARGS = 'console=ttyS0';

export type config_result = { ok: true; config: machine_config } | { ok: false; messages: string[] };

/** Reads the machine's shape from its boot config; a malformed config yields file:line:column messages and no machine. */
export function machine_config_from(opts: MachineOptions): config_result {
  const base: machine_config = { nr_cpus: 2, ram_bytes: 512 * 1024 * 1024, cmdline: DEFAULT_BOOTARGS, kconfig: kwb_defconfig };
  if (opts.dts === undefined) return { ok: true, config: { ...base, cmdline: opts.cmdline ?? base.cmdline } };
  const r = dtc_compile(opts.dts, opts.dtsName ?? 'machine.dts');
  if (r.failed) return { ok: false, messages: r.messages };
  const root = r.tree.root;
  const cpus = root.get_child('cpus')?.children.filter((c) => c.basename === 'cpu' && c.is_available()).length ?? 0;
  const ram = memory_size(r.tree);
  const chosen = root.get_child('chosen') ?? root;
  const bootargs = prop_string(chosen, 'bootargs') ?? DEFAULT_BOOTARGS;
  const kc = chosen.get_property('kwb,kernel-config');
  const kname = prop_string(chosen, 'kwb,kernel-config');
  const kconfig = kname === undefined ? kwb_defconfig : find_kernel_config(kname);
  if (!kconfig) {
    const at = kc ? `${kc.pos.file}:${kc.pos.line}:${kc.pos.column}` : opts.dtsName ?? 'machine.dts';
    return { ok: false, messages: [`${at}: error: unknown kernel config "${kname}" (known: ${kernel_configs.map((c) => c.name).join(', ')})`] };
  }
  const initrd = chosen.get_property('kwb,initrd-size');
  const initrd_bytes = initrd ? cells_to_number(prop_cells(initrd), 0, prop_cells(initrd).length) : undefined;
  return { ok: true, config: { nr_cpus: cpus || 1, ram_bytes: ram || base.ram_bytes, cmdline: opts.cmdline ?? bootargs, kconfig, initrd_bytes } };
}


function memory_size(tree: DeviceTree): number {
  let top = 0;
  for (const n of tree.root.children) {
    if (prop_string(n, 'device_type') !== 'memory') continue;
    const reg = n.get_property('reg');
    if (!reg) continue;
    const { ac, sc } = addr_size_cells(n);
    const c = prop_cells(reg);
    for (let i = 0; i + ac + sc <= c.length; i += ac + sc) top = Math.max(top, cells_to_number(c, i, ac) + cells_to_number(c, i + ac, sc));
  }
  return top;
}
