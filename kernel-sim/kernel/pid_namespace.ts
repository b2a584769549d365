// Models linux/kernel/pid_namespace.c and the pid-translation half of kernel/pid.c: nested pid namespaces, a task's number in each, the namespace's init and its death.
import type { pid_namespace, struct_pid, ns_common } from '../include/linux/nsproxy.ts';
import type { task_struct } from '../include/linux/sched.ts';
import { EINVAL, ENOSPC } from '../include/uapi/asm-generic/errno.ts';
import { runqueue, current } from './sched/core.ts';
import { defineState } from './state.ts';

/** MAX_PID_NS_LEVEL: nesting deeper than 32 is refused with ENOSPC. */
export const MAX_PID_NS_LEVEL = 32;

const pidnsState = defineState('pid_namespace', () => ({ init: null as pid_namespace | null }));

/** init_pid_ns of this machine (level 0), set once at boot. */
export function init_pid_ns(): pid_namespace {
  return pidnsState().init!;
}
export function set_init_pid_ns(ns: pid_namespace): void {
  pidnsState().init = ns;
}

/** create_pid_namespace(): a child of `parent` owned by `user_ns`; its first task will be its init (pid 1). */
export function create_pid_namespace(user_ns: ns_common | null, parent: pid_namespace, inum: number): pid_namespace | number {
  const level = parent.level + 1;
  if (level > MAX_PID_NS_LEVEL) return -ENOSPC;
  return { type: 'pid', ns_inum: inum, level, parent, last_pid: 0, child_reaper_pid: 0, pid_map: new Map(), user_ns, count: 0 };
}

/** task_active_pid_ns(): the namespace the task's own pid lives in (not pid_for_children). */
export function task_active_pid_ns(t: task_struct): pid_namespace {
  const p = t.thread_pid;
  return p ? p.numbers[p.level].ns : init_pid_ns();
}

/** The numbers of a task from level 0 down (a task without thread_pid has only its global pid). */
export function task_pid_numbers(t: task_struct): struct_pid {
  return t.thread_pid ?? { level: 0, numbers: [{ nr: t.pid, ns: init_pid_ns() }] };
}

/** pid_nr_ns(): the task's number seen from `ns`, 0 when it is not visible there (outside or above it). */
export function task_pid_nr_ns(t: task_struct, ns: pid_namespace): number {
  const p = t.thread_pid;
  // Only init_pid_ns is at level 0: a task that has only its global pid is seen there alone (getpid's path, no allocation).
  if (p === undefined) return ns.level === 0 ? t.pid : 0;
  return ns.level <= p.level && p.numbers[ns.level].ns === ns ? p.numbers[ns.level].nr : 0;
}
export const task_tgid_nr_ns = (t: task_struct, ns: pid_namespace): number => task_pid_nr_ns(t.group_leader, ns);
/**
 * task_pid_vnr/task_tgid_vnr: numbers as the current task sees them. When neither task has numbers below init_pid_ns
 * (every task outside a pid namespace), the global number is the answer: getpid's path, without the lookups.
 */
export function task_pid_vnr(t: task_struct): number {
  const viewer = current();
  return t.thread_pid === undefined && viewer.thread_pid === undefined ? t.pid : task_pid_nr_ns(t, task_active_pid_ns(viewer));
}
export const task_tgid_vnr = (t: task_struct): number => task_pid_vnr(t.group_leader);

/** The parent's tgid as `ns` sees it (0 when the parent is outside: the init of a namespace). */
export function task_ppid_nr_ns(t: task_struct, ns: pid_namespace): number {
  const p = t.group_leader.real_parent;
  return p && p !== t ? task_tgid_nr_ns(p, ns) : 0;
}

/** find_task_by_pid_ns(): the task with number nr in ns. */
export function find_task_by_pid_ns(nr: number, ns: pid_namespace): task_struct | undefined {
  return ns.level === 0 ? runqueue().tasks.get(nr) : ns.pid_map?.get(nr);
}
export function find_task_by_vpid(nr: number): task_struct | undefined {
  return find_task_by_pid_ns(nr, task_active_pid_ns(current()));
}

/** Tasks visible in ns (its own and its descendants'), by their number there. */
export function pid_ns_tasks(ns: pid_namespace): [number, task_struct][] {
  if (ns.level === 0) return [...runqueue().tasks.entries()];
  return [...(ns.pid_map?.entries() ?? [])];
}

/** Is `ns` the same as or below `ancestor` (pidns_is_ancestor)? */
export function pidns_is_ancestor(ns: pid_namespace, ancestor: pid_namespace): boolean {
  for (let x: pid_namespace | null = ns; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

/** The task that adopts orphans of ns: its init while alive, else the parent namespace's (find_child_reaper). */
export function find_child_reaper(ns: pid_namespace, exiting: task_struct): task_struct | undefined {
  for (let x: pid_namespace | null = ns; x; x = x.parent) {
    const r = x.level === 0 ? runqueue().tasks.get(1) : x.pid_map?.get(1);
    if (r && r !== exiting && !r.exit_state) return r;
  }
  return undefined;
}

/** The numbers of a task removed from every nested namespace at release (free_pid). */
export function detach_pid(t: task_struct): void {
  const p = t.thread_pid;
  if (!p) return;
  for (const u of p.numbers.slice(1)) if (u.ns.pid_map?.get(u.nr) === t) u.ns.pid_map.delete(u.nr);
}

/** Checks setns(CLONE_NEWPID) may put children in `ns`: it must be the active one or below it. */
export function pidns_install_check(t: task_struct, ns: pid_namespace): number {
  return pidns_is_ancestor(ns, task_active_pid_ns(t)) ? 0 : -EINVAL;
}
