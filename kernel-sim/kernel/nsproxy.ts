// Models linux/kernel/nsproxy.c and kernel/utsname.c: the initial namespaces and copying them on clone/unshare.
import type { nsproxy, uts_namespace, pid_namespace, simple_namespace } from '../include/linux/nsproxy.ts';
import type { task_struct } from '../include/linux/sched.ts';
import type { mnt_namespace } from '../include/linux/fs_types.ts';
import { EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from './state.ts';

/** proc_inum of the initial namespaces, as include/linux/proc_ns.h fixes them. */
export const PROC_IPC_INIT_INO = 0xEFFFFFFF, PROC_UTS_INIT_INO = 0xEFFFFFFE, PROC_USER_INIT_INO = 0xEFFFFFFD;
export const PROC_PID_INIT_INO = 0xEFFFFFFC, PROC_CGROUP_INIT_INO = 0xEFFFFFFB, PROC_TIME_INIT_INO = 0xEFFFFFFA;

export const UTS_RELEASE = '6.1.0-kwb';
export const UTS_VERSION = '#1 SMP PREEMPT_DYNAMIC Kernel Workbench 6.1.0-1 (2026-11-01)';

const nsState = defineState('nsproxy', () => ({ next_inum: 0xF0000000, init: null as nsproxy | null }));

/** proc_alloc_inum(): a fresh namespace inode number (deterministic per machine). */
export function proc_alloc_inum(): number {
  return nsState().next_inum++ >>> 0;
}

export function create_init_nsproxy(init_mnt_ns: mnt_namespace, net_inum: number): nsproxy {
  const uts: uts_namespace = {
    type: 'uts', ns_inum: PROC_UTS_INIT_INO,
    name: { sysname: 'Linux', nodename: '(none)', release: UTS_RELEASE, version: UTS_VERSION, machine: 'x86_64', domainname: '(none)' },
  };
  const pid: pid_namespace = { type: 'pid', ns_inum: PROC_PID_INIT_INO, level: 0, parent: null, last_pid: 0, child_reaper_pid: 1 };
  const simple = (type: string, ns_inum: number): simple_namespace => ({ type, ns_inum });
  const ns: nsproxy = {
    uts_ns: uts, ipc_ns: simple('ipc', PROC_IPC_INIT_INO), mnt_ns: init_mnt_ns, pid_ns_for_children: pid,
    net_ns: simple('net', net_inum), time_ns: simple('time', PROC_TIME_INIT_INO), cgroup_ns: simple('cgroup', PROC_CGROUP_INIT_INO),
  };
  nsState().init = ns;
  return ns;
}

export function init_nsproxy(): nsproxy | null {
  return nsState().init;
}

/** Copies the namespaces a clone asks to be new (CLONE_NEW*); most are shared. */
export function copy_namespaces(flags: number, parent: task_struct): nsproxy | number {
  const NEW_MASK = 0x7e020000; // CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
  if (!(flags & NEW_MASK)) return parent.nsproxy;
  if (flags & 0x10000000) return -EINVAL; // CLONE_NEWUSER arrives with the namespaces lab
  const p = parent.nsproxy;
  const ns: nsproxy = { ...p };
  if (flags & 0x04000000) ns.uts_ns = { type: 'uts', ns_inum: proc_alloc_inum(), name: { ...p.uts_ns.name } };
  return ns;
}
