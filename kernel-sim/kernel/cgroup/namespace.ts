// Models linux/kernel/cgroup/namespace.c: the cgroup namespace — its root is the cgroup its creator was in; paths in /proc/PID/cgroup and cgroup2 mounts are seen from there.
import type { ns_common } from '../../include/linux/nsproxy.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import { CLONE_NEWCGROUP, get_ns, proc_alloc_inum, proc_free_inum, put_ns, register_ns_type } from '../nsproxy.ts';
import { current } from '../sched/core.ts';
import type { cgroup } from './cgroup-defs.ts';
import { cgroupState, task_dfl_cgroup } from './cgroup.ts';

/** struct cgroup_namespace: ns_common plus the root (root_cset's default-hierarchy cgroup). */
export interface cgroup_namespace extends ns_common {
  type: 'cgroup';
  root_cgrp: cgroup;
}

/** The root of a cgroup namespace; the initial namespace (made before cgroup_init) sees the whole hierarchy. */
export function cgroup_ns_root_of(ns: ns_common | null | undefined): cgroup {
  return (ns as Partial<cgroup_namespace> | null)?.root_cgrp ?? cgroupState().root!;
}

/** The cgroup a task's cgroup namespace is rooted at. */
export function cgroup_ns_root(t: task_struct): cgroup {
  return cgroup_ns_root_of(t.nsproxy?.cgroup_ns);
}

/**
 * copy_cgroup_ns: without CLONE_NEWCGROUP the old namespace with a reference taken; with it, a new one owned
 * by user_ns whose root is the cgroup the calling task is in right now.
 */
export function copy_cgroup_ns(flags: number, user_ns: ns_common, old: ns_common): ns_common | number {
  if (!(flags & CLONE_NEWCGROUP)) return get_ns(old);
  const ns: cgroup_namespace = {
    type: 'cgroup', ns_inum: proc_alloc_inum(), user_ns: get_ns(user_ns), count: 0, root_cgrp: task_dfl_cgroup(current()),
  };
  return ns;
}

/** free_cgroup_ns: the inum returns, the owning user namespace loses a reference. */
function free_cgroup_ns(ns: ns_common): void {
  proc_free_inum(ns.ns_inum);
  put_ns(ns.user_ns);
}

/** Plugs copy_cgroup_ns into nsproxy's clone/unshare (called by cgroup_init). */
export function cgroup_ns_init(): void {
  register_ns_type('cgroup', { copy: copy_cgroup_ns, release: free_cgroup_ns });
}
