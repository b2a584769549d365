// Models proc_cgroupstats_show and proc_cgroup_show of linux/kernel/cgroup/cgroup.c and cgroup-v1.c: /proc/cgroups and /proc/PID/cgroup.
import type { task_struct } from '../../include/linux/sched.ts';
import { current } from '../sched/core.ts';
import { cgroupState, cgroup_path_from, task_dfl_cgroup } from './cgroup.ts';
import { cgroup_ns_root } from './namespace.ts';
import { cgroup_release_dying } from './release.ts';

/** /proc/cgroups: every controller with its v1 hierarchy id (0: bound to cgroup2), the cgroup count and enabled. */
export function proc_cgroupstats_show(): string {
  cgroup_release_dying();
  const st = cgroupState();
  let s = '#subsys_name\thierarchy\tnum_cgroups\tenabled\n';
  for (const ss of st.subsys) s += `${ss.legacy_name}\t0\t${st.nr_cgrps}\t1\n`;
  return s;
}

/** /proc/PID/cgroup on a cgroup2-only system: "0::PATH", the path seen from the reader's cgroup namespace root. */
export function proc_cgroup_show(t: task_struct): string {
  const st = cgroupState();
  if (!st.root) return '0::/\n';
  return `0::${cgroup_path_from(task_dfl_cgroup(t), cgroup_ns_root(current()))}\n`;
}
