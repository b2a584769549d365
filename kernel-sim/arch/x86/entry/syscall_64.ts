// Models linux/arch/x86/entry/syscall_64.c: sys_call_table, assembled from every subsystem's SYSCALL_DEFINEs by name.
import type { syscall_def } from '../../../include/linux/syscalls.ts';
import { __NR } from './syscalls/syscall_64.tbl.ts';
import { fs_syscalls } from '../../../fs/syscalls.ts';
import { sys_syscalls } from '../../../kernel/sys.ts';
import { process_syscalls } from '../../../kernel/process_syscalls.ts';
import { extra_syscalls } from './extra_syscalls.ts';

/** Filled on first use (init_sys_call_table), so no subsystem's list is read while modules are still loading. */
export const sys_call_table: (syscall_def | undefined)[] = [];
let filled = false;

/** Adds definitions to the table by their x86_64 numbers (later registrations replace earlier ones). */
export function register_syscalls(defs: syscall_def[]): void {
  for (const d of defs) {
    const nr = __NR[d.name];
    if (nr === undefined) throw new Error(`syscall ${d.name} has no x86_64 number`);
    sys_call_table[nr] = d;
  }
}

/** Assembles the table from every subsystem's definitions, once. */
export function init_sys_call_table(): (syscall_def | undefined)[] {
  if (filled) return sys_call_table;
  filled = true;
  register_syscalls(fs_syscalls);
  register_syscalls(sys_syscalls);
  register_syscalls(process_syscalls);
  register_syscalls(extra_syscalls());
  return sys_call_table;
}

export function syscall_def_of(nr: number): syscall_def | undefined {
  return init_sys_call_table()[nr];
}
