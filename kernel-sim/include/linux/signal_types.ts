// Models linux/include/linux/signal_types.h and sched/signal.h: pending sets, handlers and the shared signal_struct.
import type { task_struct } from './sched.ts';
import type { tty_struct } from './tty.ts';

export interface sigpending {
  /** Bit (sig-1) set when pending. */
  signal: bigint;
}

export interface k_sigaction {
  /** SIG_DFL (0), SIG_IGN (1) or a user handler address. */
  handler: number;
  flags: number;
  mask: bigint;
  restorer: number;
}

export interface sighand_struct {
  action: k_sigaction[];
}

export interface rlimit { rlim_cur: number; rlim_max: number }

export interface signal_struct {
  shared_pending: sigpending;
  /** Resource limits, indexed by RLIMIT_*; Infinity is RLIM_INFINITY. */
  rlim: rlimit[];
  /** Process group and session (pids in the task's pid namespace). */
  pgrp: number;
  session: number;
  leader: boolean;
  tty: tty_struct | null;
  group_exit_code: number;
  flags: number;
  /** Children's times gathered at reap, for getrusage(RUSAGE_CHILDREN). */
  cutime: number;
  cstime: number;
  /** Number of live threads. */
  live: number;
  /** Stopped by a job-control signal. */
  stopped: boolean;
  /** The thread group leader. */
  leader_task: task_struct | null;
}
