// Test harness for the kernel core: boots a default machine and runs test programs (TypeScript generators) as real user processes.
import { Machine } from '../../../kernel-sim/machine.ts';
import type { MachineOptions } from '../../../kernel-sim/machine/types.ts';
import { register_programs } from '../../../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../../../kernel-sim/fs/binfmt_kwb.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';

export type TestMain = (c: Libc, argv: string[]) => KGen<number>;

export function boot(opts: MachineOptions = {}): Machine {
  const m = new Machine(opts);
  m.boot();
  return m;
}

let seq = 0;

/** Installs `main` as /bin/ktest_N in the guest and returns its path. */
export function install(m: Machine, main: TestMain): string {
  const name = `ktest_${++seq}`;
  register_programs({ [name]: { main: (c, argv) => main(c, argv), path: `/bin/${name}` } });
  m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  return `/bin/${name}`;
}

/** Runs a test program through the guest shell; returns its output and exit status. */
export function run(m: Machine, main: TestMain, args = '', timeoutNs?: number): { output: string; status: number } {
  const path = install(m, main);
  return m.runCommand(`${path}${args ? ' ' + args : ''}`, timeoutNs ? { timeoutNs } : {});
}

/** The kernel log as dmesg prints it, without timestamps. */
export function dmesg(m: Machine): string[] {
  return m.inspect(() => printkState().records.map((r) => r.text));
}

/** The kernel log with its timestamps, byte for byte. */
export function dmesgRaw(m: Machine): string {
  return m.inspect(() => printkState().records.map((r) => `<${r.level}>[${r.ts_nsec}] ${r.text}`).join('\n'));
}

export const enc = new TextEncoder();
export const dec = new TextDecoder();
