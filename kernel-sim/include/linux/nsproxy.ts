// Models linux/include/linux/nsproxy.h and utsname.h: the namespaces a task lives in.
import type { mnt_namespace } from './fs_types.ts';

export interface new_utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

export interface ns_common { ns_inum: number; type: string }

export interface uts_namespace extends ns_common { name: new_utsname }
export interface pid_namespace extends ns_common { level: number; parent: pid_namespace | null; last_pid: number; child_reaper_pid: number }
export type simple_namespace = ns_common;

export interface nsproxy {
  uts_ns: uts_namespace;
  ipc_ns: simple_namespace;
  mnt_ns: mnt_namespace;
  pid_ns_for_children: pid_namespace;
  net_ns: simple_namespace;
  time_ns: simple_namespace;
  cgroup_ns: simple_namespace;
}
