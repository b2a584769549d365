// Models linux/include/linux/nsproxy.h, ns_common.h, utsname.h, pid_namespace.h, user_namespace.h and time_namespace.h: the namespaces a task lives in.
import type { mnt_namespace } from './fs_types.ts';
import type { task_struct } from './sched.ts';

export interface new_utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

/** The eight kinds, as /proc/PID/ns names them and NS_GET_NSTYPE reports them (CLONE_NEW* bit). */
export type ns_type = 'cgroup' | 'ipc' | 'mnt' | 'net' | 'pid' | 'time' | 'user' | 'uts';

/**
 * struct ns_common: what every namespace carries for nsfs and ioctl_ns. `ns_inum` is the proc inum
 * (/proc/PID/ns/X -> "X:[ns_inum]"); `user_ns` the owning user namespace (NS_GET_USERNS);
 * `count` the references (nsproxies, open nsfs fds, bind mounts of the ns file): the last put frees the inum.
 * Other subsystems' namespaces (struct net, cgroup_namespace) extend this shape.
 */
export interface ns_common {
  ns_inum: number;
  type: string;
  user_ns?: ns_common | null;
  count?: number;
}

export interface uts_namespace extends ns_common { name: new_utsname }

/** struct upid: a task's number in one pid namespace. */
export interface upid { nr: number; ns: pid_namespace }
/** struct pid: the numbers of a task from the init namespace (level 0) down to its own. */
export interface struct_pid { level: number; numbers: upid[] }

export interface pid_namespace extends ns_common {
  level: number;
  parent: pid_namespace | null;
  last_pid: number;
  /** The global pid of the namespace's init (1 inside); 0 before it is forked. */
  child_reaper_pid: number;
  /** Tasks by their number in this namespace (the init namespace uses the runqueue's table). */
  pid_map?: Map<number, task_struct>;
  /** PIDNS_ADDING cleared: the init has died, no more tasks may enter (fork gives ENOMEM). */
  dead?: boolean;
}

/** One extent of uid_map/gid_map: first inside, first outside (in the parent), count. */
export interface uid_gid_extent { first: number; lower_first: number; count: number }
export interface uid_gid_map { extents: uid_gid_extent[]; written: boolean }

export interface user_namespace extends ns_common {
  level: number;
  parent: user_namespace | null;
  /** The creator's euid/egid (kuid/kgid): NS_GET_OWNER_UID. */
  owner: number;
  group: number;
  uid_map: uid_gid_map;
  gid_map: uid_gid_map;
  /** /proc/PID/setgroups: "allow" until "deny" is written (USERNS_SETGROUPS_ALLOWED). */
  setgroups_allowed: boolean;
}

export interface time_namespace extends ns_common {
  /** CLOCK_MONOTONIC and CLOCK_BOOTTIME offsets (ns), writable until a task enters (frozen_offsets). */
  offsets: { monotonic: number; boottime: number };
  frozen_offsets: boolean;
}

export interface ipc_namespace extends ns_common {
  /** Per-namespace IPC objects (System V and mqueue), kept by ipc/. */
  ids?: unknown;
}

export type simple_namespace = ns_common;

export interface nsproxy {
  uts_ns: uts_namespace;
  ipc_ns: ipc_namespace;
  mnt_ns: mnt_namespace;
  pid_ns_for_children: pid_namespace;
  net_ns: simple_namespace;
  time_ns: time_namespace;
  time_ns_for_children?: time_namespace;
  cgroup_ns: simple_namespace;
}
