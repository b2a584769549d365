// Models the initcall levels of linux/include/linux/init.h and do_initcalls() of init/main.c: subsystem init functions run in level order.
import { defineState } from '../kernel/state.ts';
import type { initcall_entry } from './link_vmlinux.ts';

export const initcall_levels = ['early', 'pure', 'core', 'postcore', 'arch', 'subsys', 'fs', 'rootfs', 'device', 'late'] as const;
export type initcall_level = (typeof initcall_levels)[number];

export interface initcall_t {
  level: initcall_level;
  /** The function's kernel name, as initcall_debug prints it. */
  name: string;
  fn: () => number;
  /** CPU time the call takes in virtual time, so the boot timeline has its real shape. */
  cost_ns: number;
}

const initcallState = defineState('initcalls', () => ({ table: [] as initcall_t[] }));

/** Registers an initcall (the __define_initcall of the linker section). */
export function define_initcall(level: initcall_level, name: string, fn: () => number, cost_ns = 400_000): void {
  initcallState().table.push({ level, name, fn, cost_ns });
}

export function initcalls_at(level: initcall_level): initcall_t[] {
  return initcallState().table.filter((c) => c.level === level);
}

/** The .initcall*.init sections of the linked kernel, in link order, become this boot's table. */
export function register_initcalls(entries: readonly initcall_entry[]): void {
  for (const [level, name, fn, cost] of entries) define_initcall(level, name, fn, cost);
}
