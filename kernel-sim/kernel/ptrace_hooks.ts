// Models the tracehook points of linux/include/linux/ptrace.h and tracehook.h: where exit and signal delivery hand a traced task to ptrace.
//
// kernel/ptrace.c sits above exit.c and signal.c (it sends signals and waits
// like a parent); the few places those two call back into it go through this
// table, which ptrace installs in the machine when it first links a tracee.
// A machine where nothing was ever traced has no table and takes none of them.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { defineState } from './state.ts';

/** What exit.c and signal.c need from ptrace (a wait4 result for a tracer: pid, status, utime, stime). */
export interface ptrace_hooks {
  /** exit_notify: a dying tracer's tracees are detached; a dying tracee wakes its tracer. */
  exit_ptrace(t: task_struct): void;
  /** The tasks `tracer` traces (do_wait's -ECHILD check). */
  tracees(tracer: task_struct): task_struct[];
  /** wait4 for a tracer: a stop or exit of one of its tracees. */
  wait_task_ptraced(tracer: task_struct, eligible: (c: task_struct) => boolean): { pid: number; status: number; utime: number; stime: number } | null;
  /** The real parent may not reap a zombie its tracer has not been told about yet. */
  reap_blocked(parent: task_struct, child: task_struct): boolean;
  /** get_signal: a tracee stops for its tracer, which may cancel or change the signal (ptrace_signal). */
  signal(sig: number): KGen<number>;
}

const hooksState = defineState('ptrace_hooks', () => ({ hooks: null as ptrace_hooks | null }));

export function ptrace_hooks(): ptrace_hooks | null { return hooksState().hooks; }
export function install_ptrace_hooks(h: ptrace_hooks): void { hooksState().hooks = h; }
