// Models linux/include/linux/cgroup-defs.h: struct cgroup, cftype and cgroup_subsys, the shapes every controller shares.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import type { kernfs_node } from '../../fs/sysfs/kernfs.ts';

/** cftype flags: where a file exists (the root has no limits, children no root-only knobs). */
export const CFTYPE_ONLY_ON_ROOT = 1 << 0;
export const CFTYPE_NOT_ON_ROOT = 1 << 1;

/** The subsystem ids of include/linux/cgroup_subsys.h, in its order (the order of /proc/cgroups). */
export const enum ssid {
  cpuset, cpu, cpuacct, io, memory, devices, freezer, net_cls, perf_event, net_prio, hugetlb, pids, rdma, misc,
}

/** One interface file (struct cftype): its name with the controller prefix, its mode and its handlers. */
export interface cftype {
  name: string;
  flags?: number;
  /** Defaults: 0644 with a write handler, 0444 without; write-only files give 0200. */
  mode?: number;
  seq_show?: (cgrp: cgroup) => string;
  /** Handles a write of the whole buffer; 0 (all consumed) or -errno. May sleep (cgroup.kill, memory.reclaim). */
  write?: (cgrp: cgroup, buf: string, writer: task_struct) => number | KGen<number>;
}

/** A controller (struct cgroup_subsys). `dfl` controllers exist on cgroup2; the others only on v1 hierarchies. */
export interface cgroup_subsys {
  id: ssid;
  name: string;
  /** The name /proc/cgroups prints (io is "blkio" there). */
  legacy_name: string;
  dfl: boolean;
  /** perf_event: on everywhere on cgroup2, never listed in cgroup.controllers. */
  implicit_on_dfl?: boolean;
  dfl_cftypes: cftype[];
  /** The css is destroyed when the parent disables the controller: its knobs go back to their defaults. */
  css_reset?: (cgrp: cgroup) => void;
}

/** cgroup.type values: a domain, a threaded cgroup, the root of a threaded subtree, or a domain left invalid. */
export type cgroup_type = 'domain' | 'threaded' | 'domain threaded' | 'domain invalid';

/** Per-cgroup state of the pids controller (struct pids_cgroup). */
export interface pids_cgroup { max: number; events_max: number; peak: number; warned: boolean }

/** Per-cgroup state of the memory controller (struct mem_cgroup, page counters in bytes). */
export interface mem_cgroup {
  /** Bytes charged directly here (the page_counter of this memcg minus its children's). */
  local: number;
  min: number; low: number; high: number; max: number;
  swap_max: number; swap_high: number; zswap_max: number;
  peak: number;
  oom_group: boolean;
  failcnt: number;
  /** memory.events (hierarchical) and memory.events.local. */
  events: Record<memcg_event, number>;
  events_local: Record<memcg_event, number>;
  /** memory.stat counters kept by the charge paths (bytes or event counts). */
  stat: { anon: number; file: number; kernel_stack: number; pgfault: number; pgscan: number; pgsteal: number; file_dirty: number };
}
export type memcg_event = 'low' | 'high' | 'max' | 'oom' | 'oom_kill' | 'oom_group_kill';

/** CFS bandwidth and shares of one task group (struct task_group / cfs_bandwidth), times in ns. */
export interface task_group {
  weight: number;
  idle: boolean;
  quota: number; // -1: max
  period: number;
  burst: number;
  /** Runtime left in the current period, and the period's start. */
  runtime: number;
  period_start: number;
  nr_periods: number;
  nr_throttled: number;
  throttled_time: number;
  /** Virtual runtime of the group for weighted shares (ns scaled by 100/weight). */
  vruntime: number;
}

/** io.max limits of one device (blk-throttle) and io.stat counters (blkg_iostat). */
export interface io_limits { rbps: number; wbps: number; riops: number; wiops: number }
export interface io_stat { rbytes: number; wbytes: number; rios: number; wios: number; dbytes: number; dios: number }
export interface io_cgroup {
  weight: number;
  dev_weight: Map<string, number>;
  max: Map<string, io_limits>;
  stat: Map<string, io_stat>;
  /** Virtual ns at which the throttle's budget for each device next allows a bio (per direction). */
  next_dispatch: Map<string, number>;
}

/** PSI: stall totals in ns (some/full per resource) and their running averages (struct psi_group). */
export type psi_res = 'cpu' | 'memory' | 'io';
export interface psi_line { total: number; avg: [number, number, number]; avg_total: number; avg_last: number }
export type psi_group = Record<psi_res, { some: psi_line; full: psi_line }>;

export interface cgroup {
  /** The kernfs id (the directory's inode number); the root is 1. */
  id: number;
  name: string;
  parent: cgroup | null;
  children: Map<string, cgroup>;
  level: number;
  kn: kernfs_node;
  /** Controllers enabled for the children (cgroup.subtree_control), a mask of 1 << ssid. */
  subtree_control: number;
  /** Tasks attached here (their css_set's dfl_cgrp), zombies included until reaped. */
  tasks: Set<task_struct>;
  max_depth: number;
  max_descendants: number;
  nr_descendants: number;
  nr_dying_descendants: number;
  /** Removed by rmdir but still pinned (memory charged to it, as a dying memcg is). */
  dying: boolean;
  dying_children: cgroup[];
  freeze: boolean;
  type: cgroup_type;
  pids: pids_cgroup;
  memory: mem_cgroup;
  cpu: task_group;
  io: io_cgroup;
  cpuset: { cpus: string; mems: string; partition: string };
  psi: psi_group;
  /** CPU time of tasks that left or died here, ns (the base of cpu.stat usage_usec). */
  cpu_usage_dead: { user: number; system: number };
}
