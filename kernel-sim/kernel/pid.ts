// Models linux/kernel/pid.c: pid allocation and lookup.
import type { task_struct } from '../include/linux/sched.ts';
import type { pid_namespace } from '../include/linux/nsproxy.ts';
import { EAGAIN } from '../include/uapi/asm-generic/errno.ts';
import { runqueue } from './sched/core.ts';
import { defineState } from './state.ts';

/** PID_MAX_DEFAULT for a machine with few CPUs. */
export const PID_MAX_DEFAULT = 32768;
export const RESERVED_PIDS = 300;

/** MIN_THREADS of kernel/fork.c: threads-max never goes below this. */
export const MIN_THREADS = 20;

/**
 * The task limits of /proc/sys/kernel: pid_max (here) and threads-max (kernel/fork.c's max_threads, kept beside it so
 * sysctl and fork reach both without an import cycle). 3756 is set_max_threads() for the default 512 MiB machine.
 */
export const pidLimits = defineState('pid_limits', () => ({ pid_max: PID_MAX_DEFAULT, max_threads: 3756 }));

/** alloc_pid(): the next free number after the last one, wrapping to RESERVED_PIDS at pid_max; -EAGAIN when all are taken. */
export function alloc_pid(ns: pid_namespace): number {
  const tasks = runqueue().tasks;
  const pid_max = pidLimits().pid_max;
  for (let tries = 0; tries < pid_max; tries++) {
    let nr = ns.last_pid + 1;
    if (nr >= pid_max) nr = RESERVED_PIDS;
    ns.last_pid = nr;
    if (!tasks.has(nr)) return nr;
  }
  return -EAGAIN;
}

export function find_task_by_vpid(nr: number): task_struct | undefined {
  return runqueue().tasks.get(nr);
}

/** Every live or zombie task, by pid order. */
export function for_each_process(): task_struct[] {
  return [...runqueue().tasks.values()].sort((a, b) => a.pid - b.pid);
}
