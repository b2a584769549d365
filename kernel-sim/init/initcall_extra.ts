// Initcalls of subsystems added after the core (procfs, sysfs, the driver model, PCI ...): each appends its entries here.
import type { initcall_level } from './initcalls.ts';

export type initcall_entry = [initcall_level, string, () => number, number];

const providers: (() => initcall_entry[])[] = [];

/** A subsystem registers a provider of its initcalls (once, at module load). */
export function add_initcall_provider(p: () => initcall_entry[]): void {
  providers.push(p);
}

export function extra_initcalls(): initcall_entry[] {
  return providers.flatMap((p) => p());
}
