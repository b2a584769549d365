// Models linux/kernel/nsproxy.c, kernel/utsname.c and the ns_common lifetime of fs/nsfs.c: the initial namespaces, copying them on clone/unshare, setns, and freeing a namespace with its last reference.
import type { nsproxy, uts_namespace, pid_namespace, ns_common, ipc_namespace, time_namespace } from '../include/linux/nsproxy.ts';
import type { task_struct } from '../include/linux/sched.ts';
import type { fs_struct, mnt_namespace } from '../include/linux/fs_types.ts';
import { defineState } from './state.ts';
import { UTS_RELEASE, UTS_VERSION } from '../include/generated/utsrelease.ts';
import { DEFINE_IDA, ida_alloc_max, ida_free } from '../lib/idr.ts';
import { set_init_pid_ns, create_pid_namespace, task_active_pid_ns } from './pid_namespace.ts';
import { init_user_ns, PROC_USER_INIT_INO } from './user_namespace.ts';

/** proc_inum of the initial namespaces, as include/linux/proc_ns.h fixes them. */
export const PROC_IPC_INIT_INO = 0xEFFFFFFF, PROC_UTS_INIT_INO = 0xEFFFFFFE;
export const PROC_PID_INIT_INO = 0xEFFFFFFC, PROC_CGROUP_INIT_INO = 0xEFFFFFFB, PROC_TIME_INIT_INO = 0xEFFFFFFA;
export { PROC_USER_INIT_INO };
/** PROC_DYNAMIC_FIRST: proc_alloc_inum hands out numbers from here, lowest free first (an IDA). */
export const PROC_DYNAMIC_FIRST = 0xF0000000;

export const CLONE_NEWTIME = 0x00000080, CLONE_NEWNS = 0x00020000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000;
export const CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;
/** The CLONE_NEW* bits copy_namespaces/unshare act on, by type. */
export const ns_clone_flag: Record<string, number> = {
  mnt: CLONE_NEWNS, cgroup: CLONE_NEWCGROUP, uts: CLONE_NEWUTS, ipc: CLONE_NEWIPC, user: CLONE_NEWUSER,
  pid: CLONE_NEWPID, net: CLONE_NEWNET, time: CLONE_NEWTIME,
};

export { UTS_RELEASE, UTS_VERSION };

/**
 * How a kind of namespace other subsystems own plugs in (net: copy_net_ns/put_net, cgroup: copy_cgroup_ns):
 * copy returns the old one with a reference taken, or a new one, or -errno; release tears a namespace down.
 */
export interface ns_type_ops {
  copy?: (flags: number, user_ns: ns_common, old: ns_common) => ns_common | number;
  release?: (ns: ns_common) => void;
}

const nsState = defineState('nsproxy', () => ({
  proc_inum_ida: DEFINE_IDA(), init: null as nsproxy | null, ops: new Map<string, ns_type_ops>(),
}));

/** proc_alloc_inum(): the lowest free dynamic inode number (ida_alloc + PROC_DYNAMIC_FIRST). */
export function proc_alloc_inum(): number {
  const i = ida_alloc_max(nsState().proc_inum_ida, 0xffffffff - PROC_DYNAMIC_FIRST);
  return i < 0 ? i : (PROC_DYNAMIC_FIRST + i) >>> 0;
}
/** proc_free_inum(): the number may be handed out again (a freed namespace's inum goes to the next one). */
export function proc_free_inum(inum: number): void {
  ida_free(nsState().proc_inum_ida, (inum >>> 0) - PROC_DYNAMIC_FIRST);
}

/** Lets the owner of a namespace type (net, cgroup) supply its copy and release. */
export function register_ns_type(type: string, ops: ns_type_ops): void {
  nsState().ops.set(type, ops);
}

/** get_ns: one more holder (an nsproxy or cred, an open nsfs file, a bind mount). Initial namespaces are not counted. */
export function get_ns<T extends ns_common>(ns: T): T {
  if (ns.count !== undefined) ns.count++;
  return ns;
}

/** put_ns: the last holder gone, the namespace is freed: its inum returns and what it holds is released. */
export function put_ns(ns: ns_common | null | undefined): void {
  if (!ns || ns.count === undefined || --ns.count > 0) return;
  const ops = nsState().ops.get(ns.type);
  if (ops?.release) { ops.release(ns); return; }
  proc_free_inum(ns.ns_inum);
  if (ns.type === 'pid') put_ns((ns as pid_namespace).parent);
  put_ns(ns.user_ns);
}

export function create_init_nsproxy(init_mnt_ns: mnt_namespace, net_inum: number): nsproxy {
  const user = init_user_ns();
  const uts: uts_namespace = {
    type: 'uts', ns_inum: PROC_UTS_INIT_INO, user_ns: user,
    name: { sysname: 'Linux', nodename: '(none)', release: UTS_RELEASE, version: UTS_VERSION, machine: 'x86_64', domainname: '(none)' },
  };
  const pid: pid_namespace = { type: 'pid', ns_inum: PROC_PID_INIT_INO, level: 0, parent: null, last_pid: 0, child_reaper_pid: 1, user_ns: user };
  set_init_pid_ns(pid);
  const time: time_namespace = { type: 'time', ns_inum: PROC_TIME_INIT_INO, user_ns: user, offsets: { monotonic: 0, boottime: 0 }, frozen_offsets: true };
  init_mnt_ns.type = 'mnt';
  init_mnt_ns.user_ns = user;
  const ns: nsproxy = {
    uts_ns: uts, ipc_ns: { type: 'ipc', ns_inum: PROC_IPC_INIT_INO, user_ns: user }, mnt_ns: init_mnt_ns, pid_ns_for_children: pid,
    net_ns: { type: 'net', ns_inum: net_inum, user_ns: user }, time_ns: time, time_ns_for_children: time,
    cgroup_ns: { type: 'cgroup', ns_inum: PROC_CGROUP_INIT_INO, user_ns: user },
  };
  nsState().init = ns;
  return ns;
}

export function init_nsproxy(): nsproxy | null {
  return nsState().init;
}

/** Every namespace an nsproxy points at (what a task holds through it). */
export function nsproxy_members(p: nsproxy): ns_common[] {
  return [p.uts_ns, p.ipc_ns, p.mnt_ns as ns_common, p.pid_ns_for_children, p.net_ns, p.time_ns, p.time_ns_for_children ?? p.time_ns, p.cgroup_ns];
}

/** The namespaces a task holds: its nsproxy's, its own pid namespace and its cred's user namespace. */
export function task_ns_refs(t: task_struct): ns_common[] {
  return [...nsproxy_members(t.nsproxy), task_active_pid_ns(t), t.cred.user_ns ?? init_user_ns()];
}
export const get_task_namespaces = (t: task_struct): void => { for (const ns of task_ns_refs(t)) get_ns(ns); };
export const put_task_namespaces = (t: task_struct): void => { for (const ns of task_ns_refs(t)) put_ns(ns); };

/** Hook for the mount namespace copy (fs/namespace.ts installs copy_mnt_ns), kept here to avoid an import cycle. */
export type copy_mnt_ns_fn = (flags: number, old: mnt_namespace, user_ns: ns_common, fs: fs_struct) => mnt_namespace | number;
const mntHook = defineState('nsproxy_mnt', () => ({ copy: null as copy_mnt_ns_fn | null }));
export function set_copy_mnt_ns(fn: copy_mnt_ns_fn): void { mntHook().copy = fn; }

/**
 * create_new_namespaces(): a new nsproxy for `t` with the namespaces `flags` asks for made fresh (owned by
 * `user_ns`), the others shared. `fs` is the fs_struct whose root and cwd follow a new mount namespace.
 */
export function create_new_namespaces(flags: number, t: task_struct, user_ns: ns_common, fs: fs_struct): nsproxy | number {
  const p = t.nsproxy;
  const ns: nsproxy = { ...p, time_ns_for_children: p.time_ns_for_children ?? p.time_ns };
  if (flags & CLONE_NEWNS) {
    const copy = mntHook().copy;
    const m = copy ? copy(flags, p.mnt_ns, user_ns, fs) : -22;
    if (typeof m === 'number') return m;
    ns.mnt_ns = m;
  }
  if (flags & CLONE_NEWUTS) ns.uts_ns = { type: 'uts', ns_inum: proc_alloc_inum(), name: { ...p.uts_ns.name }, user_ns: get_ns(user_ns), count: 0 };
  if (flags & CLONE_NEWIPC) ns.ipc_ns = { type: 'ipc', ns_inum: proc_alloc_inum(), user_ns: get_ns(user_ns), count: 0 } as ipc_namespace;
  if (flags & CLONE_NEWPID) {
    // copy_pid_ns: only from the task's own namespace (unshare twice without a fork in between is refused).
    if (p.pid_ns_for_children !== task_active_pid_ns(t)) return -22;
    const pid = create_pid_namespace(get_ns(user_ns), get_ns(p.pid_ns_for_children), proc_alloc_inum());
    if (typeof pid === 'number') return pid;
    ns.pid_ns_for_children = pid;
  }
  if (flags & CLONE_NEWTIME) {
    const old = ns.time_ns_for_children!;
    ns.time_ns_for_children = { type: 'time', ns_inum: proc_alloc_inum(), user_ns: get_ns(user_ns), count: 0, offsets: { ...old.offsets }, frozen_offsets: false };
  }
  for (const [type, field] of [['net', 'net_ns'], ['cgroup', 'cgroup_ns']] as const) {
    const copy = nsState().ops.get(type)?.copy;
    if (copy) {
      const r = copy(flags, user_ns, p[field]);
      if (typeof r === 'number') return r;
      // copy took a reference for the old one when it returned it; the per-task count below takes ours.
      if (r === p[field]) put_ns(r);
      ns[field] = r;
    } else if (flags & ns_clone_flag[type]) {
      ns[field] = { type, ns_inum: proc_alloc_inum(), user_ns: get_ns(user_ns), count: 0 };
    }
  }
  return ns;
}

/** copy_namespaces() for clone: the child's nsproxy (the parent's when no CLONE_NEW* is set). */
export function copy_namespaces(flags: number, parent: task_struct, child_fs?: fs_struct): nsproxy | number {
  const NEW_MASK = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME;
  const p = parent.nsproxy;
  // A child starts in its parent's time_for_children namespace (timens_on_fork).
  const base: nsproxy = p.time_ns_for_children && p.time_ns_for_children !== p.time_ns ? { ...p, time_ns: p.time_ns_for_children } : p;
  // The offsets of a time namespace are fixed once a task is in it (timens_on_fork -> frozen_offsets).
  if (base !== p) base.time_ns.frozen_offsets = true;
  if (!(flags & NEW_MASK)) return base;
  const user_ns = parent.cred.user_ns ?? init_user_ns();
  const r = create_new_namespaces(flags, { ...parent, nsproxy: base } as task_struct, user_ns, child_fs ?? parent.fs);
  if (typeof r === 'number') return r;
  if (flags & CLONE_NEWTIME) r.time_ns = r.time_ns_for_children!;
  return r;
}

/** switch_task_namespaces(): the task takes the new nsproxy's references and drops the old one's. */
export function switch_task_namespaces(t: task_struct, ns: nsproxy): void {
  const old = nsproxy_members(t.nsproxy);
  for (const x of nsproxy_members(ns)) get_ns(x);
  t.nsproxy = ns;
  for (const x of old) put_ns(x);
}
