// What the machine is built from: CPUs, RAM and the kernel command line (from the boot config's /chosen/bootargs).
import type { MachineOptions } from './types.ts';

export interface machine_config {
  nr_cpus: number;
  ram_bytes: number;
  cmdline: string;
}

/** The default machine's bootargs when its boot config gives none. */
export const DEFAULT_BOOTARGS = 'console=ttyS0';

export function default_machine_config(opts: MachineOptions): machine_config {
  return { nr_cpus: 2, ram_bytes: 512 * 1024 * 1024, cmdline: opts.cmdline ?? DEFAULT_BOOTARGS };
}
