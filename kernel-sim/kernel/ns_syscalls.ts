// Models the SYSCALL_DEFINEs of linux/kernel/fork.c (unshare), kernel/nsproxy.c (setns by nsfs fd or pidfd) and kernel/pid.c (pidfd_open).
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { file_operations } from '../include/linux/fs_types.ts';
import type { ns_common, nsproxy, pid_namespace, user_namespace, time_namespace } from '../include/linux/nsproxy.ts';
import type { mnt_namespace } from '../include/linux/fs_types.ts';
import { copy_cred, CAP_FULL_SET, type cred } from '../include/linux/cred.ts';
import { EBADF, EINVAL, EPERM, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import { current } from './sched/core.ts';
import {
  create_new_namespaces, switch_task_namespaces, get_ns, put_ns, proc_alloc_inum, ns_clone_flag,
  CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWTIME,
} from './nsproxy.ts';
import { create_user_ns, init_user_ns } from './user_namespace.ts';
import { cap_capable, CAP_SYS_ADMIN, CAP_SYS_CHROOT } from './capability.ts';
import { find_task_by_vpid, pidns_install_check, task_active_pid_ns } from './pid_namespace.ts';
import { copy_fs_struct, dup_fd, fget, alloc_fd, fd_install, put_unused_fd } from '../fs/file.ts';
import { ns_of_file } from '../fs/nsfs.ts';
import { anon_inode_getfile } from '../fs/anon_inodes.ts';
import { O_RDWR } from '../include/uapi/stat.ts';
import { current_chrooted, ns_root_path } from '../fs/namespace.ts';

const CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800, CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000;
const NEW_NS = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME;
const UNSHARE_OK = CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | NEW_NS | CLONE_NEWUSER;

const live_threads = (t: task_struct): number => t.thread_group.filter((x) => !x.exit_state).length;
const user_ns_of = (c: cred): user_namespace => c.user_ns ?? init_user_ns();

/** The task's cred becomes `c` (commit_creds), moving its user namespace reference. */
function commit_creds(t: task_struct, c: cred): void {
  get_ns(user_ns_of(c));
  const old = user_ns_of(t.cred);
  t.cred = c;
  put_ns(old);
}

/** ksys_unshare(): the calling task leaves the namespaces `flags` names for new ones (a new user namespace first). */
export function ksys_unshare(flags: number): number {
  if (flags & ~UNSHARE_OK) return -EINVAL;
  if (flags & CLONE_NEWUSER) flags |= CLONE_THREAD | CLONE_FS;
  if (flags & CLONE_NEWNS) flags |= CLONE_FS;
  const t = current();
  if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && live_threads(t) > 1) return -EINVAL;
  let c: cred | null = null;
  if (flags & CLONE_NEWUSER) {
    // A new user namespace cannot be made from a chrooted task (it could escape), nor with a shared fs_struct.
    if (current_chrooted()) return -EPERM;
    c = copy_cred(t.cred);
    const u = create_user_ns(c, proc_alloc_inum);
    if (typeof u === 'number') return u;
  }
  const cr = c ?? t.cred;
  if ((flags & NEW_NS) && !cap_capable(cr, user_ns_of(cr), CAP_SYS_ADMIN)) { if (c) put_ns(c.user_ns); return -EPERM; }
  const fs = (flags & CLONE_FS) && t.fs.users > 1 ? copy_fs_struct(t.fs) : t.fs;
  let ns: nsproxy | null = null;
  if (flags & NEW_NS) {
    const r = create_new_namespaces(flags, { ...t, cred: cr } as task_struct, user_ns_of(cr), fs);
    if (typeof r === 'number') return r;
    ns = r;
  }
  if (fs !== t.fs) { t.fs.users--; t.fs = fs; }
  if ((flags & CLONE_FILES) && t.files.count > 1) { t.files.count--; t.files = dup_fd(t.files); }
  if (c) commit_creds(t, c);
  if (ns) switch_task_namespaces(t, ns);
  return 0;
}

/** pidfd files: anon_inode:[pidfd] holding the task (pidfd_create). */
const pidfd_fops: file_operations = {};

function sys_pidfd_open(pid: number, flags: number): number {
  if (flags & ~0o4000) return -EINVAL;
  const t = find_task_by_vpid(pid | 0);
  if (!t || t.exit_state || t.group_leader !== t) return (pid | 0) <= 0 ? -EINVAL : -ESRCH;
  const fd = alloc_fd(0, 0o2000000);
  if (fd < 0) return fd;
  // pidfd_create: anon_inode_getfile("[pidfd]", &pidfd_fops, pid, O_RDWR | flags), on anon_inodefs's shared inode.
  const f = anon_inode_getfile('[pidfd]', pidfd_fops, t, O_RDWR | flags);
  if (typeof f === 'number') { put_unused_fd(fd); return f; }
  fd_install(fd, f);
  return fd;
}

/** The namespace of one type a task is in (what setns by pidfd joins). */
function task_ns(t: task_struct, type: string): ns_common {
  switch (type) {
    case 'user': return user_ns_of(t.cred);
    case 'pid': return task_active_pid_ns(t);
    case 'mnt': return t.nsproxy.mnt_ns as ns_common;
    case 'uts': return t.nsproxy.uts_ns;
    case 'ipc': return t.nsproxy.ipc_ns;
    case 'net': return t.nsproxy.net_ns;
    case 'cgroup': return t.nsproxy.cgroup_ns;
    default: return t.nsproxy.time_ns;
  }
}

/** validate + install of one namespace (struct proc_ns_operations ->install), on the task's state being built. */
function ns_install(t: task_struct, st: { cred: cred; ns: nsproxy }, ns: ns_common): number {
  const mine = user_ns_of(st.cred);
  const admin_over = (x: ns_common | null | undefined): boolean => cap_capable(st.cred, x ?? init_user_ns(), CAP_SYS_ADMIN);
  if (ns.type === 'user') {
    const u = ns as user_namespace;
    if (u === mine) return -EINVAL;
    if (live_threads(t) > 1 || t.fs.users > 1) return -EINVAL;
    if (!admin_over(u)) return -EPERM;
    const c = copy_cred(st.cred);
    c.user_ns = u;
    c.cap_effective = CAP_FULL_SET; c.cap_permitted = CAP_FULL_SET; c.cap_inheritable = 0n; c.cap_ambient = 0n;
    st.cred = c;
    return 0;
  }
  if (!admin_over(ns.user_ns) || !admin_over(mine)) return -EPERM;
  switch (ns.type) {
    case 'mnt':
      if (t.fs.users > 1 || !cap_capable(st.cred, mine, CAP_SYS_CHROOT)) return -EPERM;
      st.ns = { ...st.ns, mnt_ns: ns as unknown as mnt_namespace };
      return 0;
    case 'pid': {
      const r = pidns_install_check(t, ns as pid_namespace);
      if (r) return r;
      st.ns = { ...st.ns, pid_ns_for_children: ns as pid_namespace };
      return 0;
    }
    case 'time':
      if (live_threads(t) > 1) return -EINVAL;
      (ns as time_namespace).frozen_offsets = true;
      st.ns = { ...st.ns, time_ns_for_children: ns as time_namespace };
      return 0;
    case 'uts': st.ns = { ...st.ns, uts_ns: ns as nsproxy['uts_ns'] }; return 0;
    case 'ipc': st.ns = { ...st.ns, ipc_ns: ns }; return 0;
    case 'net': st.ns = { ...st.ns, net_ns: ns }; return 0;
    case 'cgroup': st.ns = { ...st.ns, cgroup_ns: ns }; return 0;
    default: return -EINVAL;
  }
}

/** setns(fd, nstype): join the namespace of an nsfs file, or (pidfd) those of a task that `nstype` names, all or nothing. */
export function sys_setns(fd: number, nstype: number): number {
  const f = fget(fd);
  if (!f) return -EBADF;
  const t = current();
  let targets: ns_common[];
  const one = ns_of_file(f);
  if (one) {
    if (nstype && ns_clone_flag[one.type] !== nstype) return -EINVAL;
    targets = [one];
  } else if (f.f_op === pidfd_fops) {
    const src = f.private_data as task_struct;
    if (!nstype || nstype & ~(NEW_NS | CLONE_NEWUSER)) return -EINVAL;
    if (src.exit_state) return -ESRCH;
    // The user namespace first, so the others are checked with the capabilities it gives (setns_install order).
    const order = ['user', 'mnt', 'uts', 'ipc', 'time', 'pid', 'cgroup', 'net'];
    targets = order.filter((ty) => nstype & ns_clone_flag[ty]).map((ty) => task_ns(src, ty)).filter((x) => x !== task_ns(t, x.type) || x.type === 'pid');
  } else return -EINVAL;
  const st = { cred: t.cred, ns: t.nsproxy };
  for (const ns of targets) {
    const r = ns_install(t, st, ns);
    if (r) return r;
  }
  if (st.cred !== t.cred) commit_creds(t, st.cred);
  if (st.ns !== t.nsproxy) {
    const newmnt = st.ns.mnt_ns !== t.nsproxy.mnt_ns;
    switch_task_namespaces(t, st.ns);
    // mntns_install: root and cwd move to the namespace's root.
    if (newmnt) {
      const root = ns_root_path(st.ns.mnt_ns);
      t.fs.root = root;
      t.fs.pwd = root;
    }
  }
  return 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('unshare', ['clone_flags'], function* (flags: number): KGen<number> { return ksys_unshare(flags >>> 0); }),
  SYSCALL_DEFINE('setns', ['int', 'clone_flags'], (fd: number, nstype: number) => sys_setns(fd, nstype >>> 0)),
  SYSCALL_DEFINE('pidfd_open', ['int', 'hex'], sys_pidfd_open),
];
