// Models the initcall levels of linux/include/linux/init.h and do_initcalls() of init/main.c: subsystem init functions run in level order.
import { defineState } from '../kernel/state.ts';
import type { KGen } from '../include/linux/sched.ts';
import type { initcall_entry } from './link_vmlinux.ts';

// Of the *_sync levels only subsys_sync has a modelled initcall (vgaarb's), so only it is listed.
export const initcall_levels = ['early', 'pure', 'core', 'postcore', 'arch', 'subsys', 'subsys_sync', 'fs', 'rootfs', 'device', 'late'] as const;
export type initcall_level = (typeof initcall_levels)[number];

export interface initcall_t {
  level: initcall_level;
  /** The function's kernel name, as initcall_debug prints it. */
  name: string;
  fn: () => number;
  /** CPU time the call takes in virtual time, so the boot timeline has its real shape. */
  cost_ns: number;
}

const initcallState = defineState('initcalls', () => ({
  table: [] as initcall_t[],
  /** True while do_initcalls runs an initcall: its sleeping parts go to `sleeping`. */
  running: false,
  sleeping: [] as (() => KGen<void>)[],
}));

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

/**
 * The sleeping part of an initcall. Linux's initcalls may sleep (add_disk reads the partition table inside
 * virtblk_probe, called from virtio_blk's module_init); the model's initcall functions cannot, so such a part is handed
 * here and pid 1 runs it, sleeping, as soon as the initcall returns and before the next one, where Linux would have run it
 * inline. Returns false outside an initcall: the caller then runs the part as it would at run time (a worker).
 */
export function initcall_sleep(part: () => KGen<void>): boolean {
  const s = initcallState();
  if (!s.running) return false;
  s.sleeping.push(part);
  return true;
}

/** Runs one initcall, then its sleeping parts; returns the initcall's own return value. */
export function* do_one_initcall(call: initcall_t): KGen<number> {
  const s = initcallState();
  s.running = true;
  let ret: number;
  try { ret = call.fn(); } catch (err) { s.sleeping.length = 0; throw err; } finally { s.running = false; }
  while (s.sleeping.length) yield* s.sleeping.shift()!();
  return ret;
}
