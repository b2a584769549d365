// Models linux/kernel/pid.c: pid allocation and lookup.
import type { task_struct } from '../include/linux/sched.ts';
import type { pid_namespace } from '../include/linux/nsproxy.ts';
import { EAGAIN } from '../include/uapi/asm-generic/errno.ts';
import { runqueue } from './sched/core.ts';

/** PID_MAX_DEFAULT for a machine with few CPUs. */
export const PID_MAX_DEFAULT = 32768;
export const RESERVED_PIDS = 300;

export function alloc_pid(ns: pid_namespace): number {
  const tasks = runqueue().tasks;
  for (let tries = 0; tries < PID_MAX_DEFAULT; tries++) {
    let nr = ns.last_pid + 1;
    if (nr >= PID_MAX_DEFAULT) nr = RESERVED_PIDS;
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
