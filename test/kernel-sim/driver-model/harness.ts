// Shared helpers for the driver-model tests: a booted machine, running driver-core generators inside it, test platform drivers.
import { Machine } from '../../../kernel-sim/machine.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { run_sync } from '../../../kernel-sim/drivers/base/sync.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';

export { REFERENCE, reference } from '../../fixtures/reference.ts';

export function bootMachine(): Machine {
  const m = new Machine({});
  m.boot();
  return m;
}

/** Runs a driver-core generator inside the machine's kernel to completion. */
export function kcall<R>(m: Machine, g: () => KGen<R>): R {
  return m.inspect(() => run_sync(g()));
}

export function sh(m: Machine, cmd: string): string {
  return m.runCommand(cmd).output;
}

export function dmesg(m: Machine): string {
  return m.inspect(() => printkState().records.map((r) => r.text).join('\n'));
}
