// Models linux/kernel/pid.c: pid allocation (one number per namespace level) and lookup.
import type { task_struct } from '../include/linux/sched.ts';
import type { pid_namespace, struct_pid, upid } from '../include/linux/nsproxy.ts';
import { EAGAIN, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { runqueue } from './sched/core.ts';
import { defineState } from './state.ts';
export { find_task_by_vpid } from './pid_namespace.ts';

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

/** One number in one namespace: the next free after the last, wrapping to RESERVED_PIDS (to 2 inside a child namespace). */
function alloc_pidnr(ns: pid_namespace): number {
  const taken = (nr: number): boolean => (ns.level === 0 ? runqueue().tasks.has(nr) : ns.pid_map!.has(nr));
  const pid_max = pidLimits().pid_max;
  for (let tries = 0; tries < pid_max; tries++) {
    let nr = ns.last_pid + 1;
    if (nr >= pid_max) nr = ns.level === 0 ? RESERVED_PIDS : 2;
    ns.last_pid = nr;
    if (!taken(nr)) return nr;
  }
  return -EAGAIN;
}

/** alloc_pid(): a number in ns and in each ancestor up to the init namespace; -ENOMEM once ns's init has died. */
export function alloc_pid_numbers(ns: pid_namespace): struct_pid | number {
  if (ns.dead) return -ENOMEM;
  const numbers: upid[] = [];
  for (let x: pid_namespace | null = ns; x; x = x.parent) {
    const nr = alloc_pidnr(x);
    if (nr < 0) return nr;
    numbers.unshift({ nr, ns: x });
  }
  return { level: ns.level, numbers };
}

/** alloc_pid() for callers that only need the global number (the init namespace). */
export function alloc_pid(ns: pid_namespace): number {
  const p = alloc_pid_numbers(ns);
  return typeof p === 'number' ? p : p.numbers[0].nr;
}

/** attach_pid(): the task becomes findable by its number in each nested namespace; pid 1 is the namespace's init. */
export function attach_pid(t: task_struct, p: struct_pid): void {
  for (const u of p.numbers.slice(1)) {
    u.ns.pid_map!.set(u.nr, t);
    if (u.nr === 1 && u.ns === p.numbers[p.level].ns) u.ns.child_reaper_pid = t.pid;
  }
}

/** Every live or zombie task, by pid order. */
export function for_each_process(): task_struct[] {
  return [...runqueue().tasks.values()].sort((a, b) => a.pid - b.pid);
}
