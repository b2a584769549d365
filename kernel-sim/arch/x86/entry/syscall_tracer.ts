// Models the syscall-tracing hooks of linux/include/linux/ptrace.h (ptrace_report_syscall_entry/exit): who watches a task's system calls.
import type { KGen, task_struct } from '../../../include/linux/sched.ts';
import { defineState } from '../../../kernel/state.ts';
import { SYSCALL_WORK_SYSCALL_TRACE, set_syscall_work } from '../../../kernel/entry/syscall_work.ts';

/** A tracer's view of each call (ptrace syscall-stops, strace). */
export interface syscall_record { nr: number; name: string; args: number[]; ret: number; task: task_struct; entry_ns: number }
export type syscall_tracer = (phase: 'enter' | 'exit', rec: syscall_record) => KGen<void>;

/** The tracers by task, and how many tasks have one (SYSCALL_WORK_SYSCALL_TRACE is set while any has). */
const tracerState = defineState('syscall_tracers', () => ({ by_task: new WeakMap<task_struct, syscall_tracer>(), traced: 0 }));

export function set_syscall_tracer(t: task_struct, fn: syscall_tracer | null): void {
  const s = tracerState();
  if (fn) {
    if (!s.by_task.has(t)) s.traced++;
    s.by_task.set(t, fn);
  } else if (s.by_task.delete(t)) s.traced--;
  set_syscall_work(SYSCALL_WORK_SYSCALL_TRACE, s.traced > 0);
}
export function get_syscall_tracer(t: task_struct): syscall_tracer | undefined { return tracerState().by_task.get(t); }
