// Models the SYSCALL_WORK_* flags of linux/include/linux/thread_info.h and kernel/entry/common.c: what a system call needs besides the call, tested once per call.
import { defineState } from '../state.ts';

/** A ptrace tracer stops some task at its calls (SYSCALL_WORK_SYSCALL_TRACE). */
export const SYSCALL_WORK_SYSCALL_TRACE = 1 << 0;
/** The 'syscalls' trace events are recorded (SYSCALL_WORK_SYSCALL_TRACEPOINT): each call builds its record. */
export const SYSCALL_WORK_SYSCALL_TRACEPOINT = 1 << 1;
/** A System V shared memory segment exists: attaches are synced around each call (the model keeps an attach's bytes in each attacher's memory). */
export const SYSCALL_WORK_SHM_SYNC = 1 << 2;
/** A cgroup below the root exists: its limits and freezer run on the way back to user mode (exit_to_user_mode's cgroup part). */
export const SYSCALL_WORK_CGROUP = 1 << 3;

/**
 * The flags of the machine. Linux keeps them per task and sets them on every task when a tracepoint is enabled;
 * here they are the machine's, since what sets them (a trace listener, a segment, a cgroup) is rarely one task's:
 * the slow path then looks at the task itself (its tracer, its cgroup, its attaches).
 */
export interface syscall_work_flags { work: number }
export const syscall_work_flags = defineState<syscall_work_flags>('syscall_work', () => ({ work: 0 }));

export function syscall_work(): number {
  return syscall_work_flags().work;
}

/** Sets or clears `flag`; `w` is the machine's flags, for a caller outside the kernel (a trace listener unsubscribing). */
export function set_syscall_work(flag: number, on: boolean, w: syscall_work_flags = syscall_work_flags()): void {
  w.work = on ? w.work | flag : w.work & ~flag;
}
