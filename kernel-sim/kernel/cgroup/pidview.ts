// Models the pid translation cgroup files use (task_tgid_vnr / task_pid_vnr in kernel/cgroup/cgroup.c's cgroup_procs_show): numbers as the reader's pid namespace sees them.
import type { task_struct } from '../../include/linux/sched.ts';
import { task_pid_vnr, task_tgid_vnr } from '../pid_namespace.ts';

/** The process's number for cgroup.procs; 0 when it is outside the reader's pid namespace. */
export const task_visible_tgid = (t: task_struct): number => task_tgid_vnr(t);
/** The thread's number for cgroup.threads. */
export const task_visible_pid = (t: task_struct): number => task_pid_vnr(t);
