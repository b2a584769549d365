// Collects the system calls of subsystems outside fs/ and kernel/sys.c (mm, reboot) for sys_call_table.
import type { syscall_def } from '../../../include/linux/syscalls.ts';
import { mm_syscalls } from '../../../mm/syscalls.ts';
import { reboot_syscalls } from '../../../kernel/reboot.ts';
import { ptrace_syscalls } from '../../../kernel/ptrace.ts';
import { netlink_syscalls } from '../../../net/netlink/syscalls.ts';
import { module_syscalls } from '../../../kernel/module/syscalls.ts';

/** A function, not a constant: read at first use, after every module has loaded. */
export function extra_syscalls(): syscall_def[] {
  return [...mm_syscalls, ...reboot_syscalls, ...ptrace_syscalls, ...netlink_syscalls, ...module_syscalls];
}
