// Models linux/arch/x86/entry/syscall_64.c: sys_call_table, indexed by x86_64 number, from the SYSCALL_DEFINEs the link gathered.
import type { syscall_def } from '../../../include/linux/syscalls.ts';
import { defineState } from '../../../kernel/state.ts';
import { __NR } from './syscalls/syscall_64.tbl.ts';

/** The table the booted kernel dispatches through; the definitions are shared, the table is the machine's. */
const syscallState = defineState('sys_call_table', () => ({ table: [] as (syscall_def | undefined)[] }));

/** Places each definition at its x86_64 number (start_kernel, from vmlinux's syscalls). */
export function init_sys_call_table(defs: readonly syscall_def[]): void {
  const table: (syscall_def | undefined)[] = [];
  for (const d of defs) {
    const nr = __NR[d.name];
    if (nr === undefined) throw new Error(`syscall ${d.name} has no x86_64 number`);
    table[nr] = d;
  }
  syscallState().table = table;
}

export function sys_call_table(): readonly (syscall_def | undefined)[] {
  return syscallState().table;
}

export function syscall_def_of(nr: number): syscall_def | undefined {
  return syscallState().table[nr];
}
