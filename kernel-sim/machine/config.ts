// What the machine is built from: CPUs, RAM and the kernel command line, read from the boot config (/cpus, /memory, /chosen/bootargs).
import type { MachineOptions } from './types.ts';
import { dtc_compile } from '../scripts/dtc/dtc.ts';
import { addr_size_cells, cells_to_number, prop_cells, prop_string, type DeviceTree } from '../scripts/dtc/livetree.ts';

export interface machine_config {
  nr_cpus: number;
  ram_bytes: number;
  cmdline: string;
}

/** The command line of a machine booted without a boot config. */
export const DEFAULT_BOOTARGS = 'console=ttyS0';

export type config_result = { ok: true; config: machine_config } | { ok: false; messages: string[] };

/** Reads the machine's shape from its boot config; a malformed config yields file:line:column messages and no machine. */
export function machine_config_from(opts: MachineOptions): config_result {
  const base: machine_config = { nr_cpus: 2, ram_bytes: 512 * 1024 * 1024, cmdline: DEFAULT_BOOTARGS };
  if (opts.dts === undefined) return { ok: true, config: { ...base, cmdline: opts.cmdline ?? base.cmdline } };
  const r = dtc_compile(opts.dts, opts.dtsName ?? 'machine.dts');
  if (r.failed) return { ok: false, messages: r.messages };
  const root = r.tree.root;
  const cpus = root.get_child('cpus')?.children.filter((c) => c.basename === 'cpu' && c.is_available()).length ?? 0;
  const ram = memory_size(r.tree);
  const bootargs = prop_string(root.get_child('chosen') ?? root, 'bootargs') ?? DEFAULT_BOOTARGS;
  return { ok: true, config: { nr_cpus: cpus || 1, ram_bytes: ram || base.ram_bytes, cmdline: opts.cmdline ?? bootargs } };
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
