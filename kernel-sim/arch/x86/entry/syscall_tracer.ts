// Models the syscall-tracing hooks of linux/include/linux/ptrace.h (ptrace_report_syscall_entry/exit): who watches a task's system calls.
import type { KGen, task_struct } from '../../../include/linux/sched.ts';
import { defineState } from '../../../kernel/state.ts';

/** A tracer's view of each call (ptrace syscall-stops, strace). */
export interface syscall_record { nr: number; name: string; args: number[]; ret: number; task: task_struct; entry_ns: number }
export type syscall_tracer = (phase: 'enter' | 'exit', rec: syscall_record) => KGen<void>;

const tracerState = defineState('syscall_tracers', () => new WeakMap<task_struct, syscall_tracer>());

export function set_syscall_tracer(t: task_struct, fn: syscall_tracer | null): void {
  if (fn) tracerState().set(t, fn); else tracerState().delete(t);
}
export function get_syscall_tracer(t: task_struct): syscall_tracer | undefined { return tracerState().get(t); }
