// Models linux/include/linux/sched.h: task_struct, task states and the types of code that may sleep.
import type { mm_struct } from './mm_types.ts';
import type { files_struct, fs_struct } from './fs_types.ts';
import type { nsproxy, struct_pid } from './nsproxy.ts';
import type { cred } from './cred.ts';
import type { signal_struct, sighand_struct, sigpending } from './signal_types.ts';

/**
 * Kernel code that may sleep is a generator: it gives up the CPU with
 * `yield* schedule()` and is resumed by the scheduler when woken.
 */
export type KGen<R = void> = Generator<void, R, void>;

export const TASK_RUNNING = 0x0000;
export const TASK_INTERRUPTIBLE = 0x0001;
export const TASK_UNINTERRUPTIBLE = 0x0002;
export const __TASK_STOPPED = 0x0004;
export const __TASK_TRACED = 0x0008;
export const EXIT_DEAD = 0x0010;
export const EXIT_ZOMBIE = 0x0020;
export const TASK_PARKED = 0x0040;
export const TASK_DEAD = 0x0080;
export const TASK_WAKEKILL = 0x0100;
export const TASK_NOLOAD = 0x0400;
export const TASK_KILLABLE = TASK_WAKEKILL | TASK_UNINTERRUPTIBLE;
export const TASK_STOPPED = TASK_WAKEKILL | __TASK_STOPPED;
export const TASK_IDLE = TASK_UNINTERRUPTIBLE | TASK_NOLOAD;
export const TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

export const PF_IDLE = 0x00000002;
export const PF_EXITING = 0x00000004;
export const PF_FORKNOEXEC = 0x00000040;
export const PF_SIGNALED = 0x00000400;
export const PF_KTHREAD = 0x00200000;

export const TASK_COMM_LEN = 16;

/** What a user program runs as: the entry of its image after execve, or a forked continuation. */
export type UserEntry = () => KGen<number>;

export interface task_struct {
  pid: number;
  tgid: number;
  comm: string;
  flags: number;
  __state: number;
  exit_state: number;
  exit_code: number;
  exit_signal: number;
  real_parent: task_struct;
  parent: task_struct;
  children: task_struct[];
  group_leader: task_struct;
  /** Threads of this thread group, leader first (shared by all members). */
  thread_group: task_struct[];
  mm: mm_struct | null;
  fs: fs_struct;
  files: files_struct;
  cred: cred;
  nsproxy: nsproxy;
  /** The task's numbers in every pid namespace from the init one down (absent: only its global pid). */
  thread_pid?: struct_pid;
  signal: signal_struct;
  sighand: sighand_struct;
  pending: sigpending;
  /** Blocked signals: bit (sig-1). */
  blocked: bigint;
  cpu: number;
  prio: number;
  static_prio: number;
  /** Virtual boot time at creation (ns). */
  start_time: number;
  utime: number;
  stime: number;
  /** CFS's part (kernel/sched/fair.ts); the scheduler creates it at the task's first enqueue. */
  se?: sched_entity;
  nvcsw: number;
  nivcsw: number;
  /** Number of context switches, for the hung-task detector. */
  last_switch_count: number;
  last_switch_time: number;
  /** Function the task sleeps in, as /proc/PID/wchan shows it. */
  wchan: string;
  /** ptrace: the tracer and flags (PT_PTRACED ...). */
  ptrace: number;
  tracer: task_struct | null;
  // Simulation: how the task runs.
  /** The running code of the task; null once dead. */
  gen: KGen<void> | null;
  on_rq: boolean;
  /** Path of the executable, for /proc/PID/exe. */
  exe_path: string;
  /** Set by execve: what the task runs when its current image unwinds. */
  next_entry: UserEntry | null;
  /** Hooks user space installs in the task (signal trampoline, memory view). */
  user: task_user_hooks | null;
  /** set_child_tid/clear_child_tid of clone, for threads. */
  clear_child_tid: number;
}

/** struct sched_entity: what CFS keeps of a task. */
export interface sched_entity {
  vruntime: number;
  /** CPU time the task ran in all (ns); /proc/PID/schedstat's first field. */
  sum_exec_runtime: number;
  /** sum_exec_runtime when the task last got the CPU: its slice is measured from there. */
  prev_sum_exec_runtime: number;
}

/** How the kernel calls back into a task's user space: runs signal handlers. */
export interface task_user_hooks {
  /** Runs a user signal handler; returns when the handler returns (sigreturn). */
  handle_signal(sig: number, handler: number): KGen<void>;
  /** Where a child of clone()/fork() starts in user space; the libc sets it before the call. */
  clone_entry: UserEntry | null;
}
