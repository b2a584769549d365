// Models linux/fs/proc/namespaces.c and fs/nsfs.c: /proc/PID/ns links ("uts:[4026531838]") leading to namespace inodes setns can open.
import type { dentry, inode, inode_operations, file_operations, super_block, file_system_type } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import type { ns_common, pid_namespace } from '../../include/linux/nsproxy.ts';
import { EACCES, EINVAL, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFREG, DT_DIR, DT_LNK } from '../../include/uapi/stat.ts';
import { PROC_USER_INIT_INO } from '../../kernel/nsproxy.ts';
import { defineState } from '../../kernel/state.ts';
import { new_inode } from '../inode.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { get_proc_task, pid_d_add, pid_key, proc_pid_make_inode, ptrace_may_access } from './pid_inode.ts';
import { proc_anon_path } from './fd.ts';
import { proc_stable_ino } from './internal.ts';

export const NSFS_MAGIC = 0x6e736673;

/** One kind of namespace link (struct proc_ns_operations): its name, its type word, and the task's namespace. */
interface proc_ns_operations { name: string; type: string; get: (t: task_struct) => ns_common | { ns_inum: number } }

/** The pid namespace a task lives in (task_active_pid_ns); pid_ns_for_children until tasks record their own. */
function task_active_pid_ns(t: task_struct): pid_namespace {
  return (t as task_struct & { thread_pid_ns?: pid_namespace }).thread_pid_ns ?? t.nsproxy.pid_ns_for_children;
}

const init_user_ns = { type: 'user', ns_inum: PROC_USER_INIT_INO };

/** ns_entries[] in Linux's order. */
const ns_entries: proc_ns_operations[] = [
  { name: 'net', type: 'net', get: (t) => t.nsproxy.net_ns },
  { name: 'uts', type: 'uts', get: (t) => t.nsproxy.uts_ns },
  { name: 'ipc', type: 'ipc', get: (t) => t.nsproxy.ipc_ns },
  { name: 'pid', type: 'pid', get: task_active_pid_ns },
  { name: 'pid_for_children', type: 'pid', get: (t) => t.nsproxy.pid_ns_for_children },
  { name: 'user', type: 'user', get: (t) => (t.cred as { user_ns?: ns_common }).user_ns ?? init_user_ns },
  { name: 'mnt', type: 'mnt', get: (t) => t.nsproxy.mnt_ns },
  { name: 'cgroup', type: 'cgroup', get: (t) => t.nsproxy.cgroup_ns },
  { name: 'time', type: 'time', get: (t) => t.nsproxy.time_ns },
  { name: 'time_for_children', type: 'time', get: (t) => t.nsproxy.time_ns },
];

const nsfsState = defineState('nsfs', () => ({ sb: null as super_block | null, inodes: new Map<object, inode>() }));

const nsfs_type: file_system_type = { name: 'nsfs', fs_flags: 0, mount: () => -EINVAL };

/** nsfs's internal superblock (dev 0:4, as the kernel mounts it first). */
function nsfs_sb(): super_block {
  const s = nsfsState();
  if (s.sb) return s.sb;
  const sb = {
    s_dev: MKDEV(0, 4), s_type: nsfs_type, s_magic: NSFS_MAGIC, s_flags: 0, s_op: {}, s_fs_info: null, s_blocksize: 4096, s_next_ino: 1, s_active: 1,
  } as unknown as super_block;
  const root: dentry = { d_name: '/', d_parent: null as unknown as dentry, d_inode: new_inode(sb, S_IFDIR | 0o555, 1), d_subdirs: new Map(), d_sb: sb, d_mounted: 0, d_unhashed: false };
  root.d_parent = root;
  sb.s_root = root;
  s.sb = sb;
  return sb;
}

/** The inode of a namespace in nsfs: a regular file whose number is the namespace's (ns_get_path). */
export function ns_inode(ns: { ns_inum: number }): inode {
  const s = nsfsState();
  let ino = s.inodes.get(ns);
  if (!ino) {
    ino = new_inode(nsfs_sb(), S_IFREG | 0o444, ns.ns_inum >>> 0);
    ino.i_uid = 0;
    ino.i_gid = 0;
    ino.i_private = ns;
    s.inodes.set(ns, ino);
  }
  return ino;
}

/** The namespace behind an opened /proc/PID/ns file, for setns(2); null if the file is something else. */
export function ns_of_inode(ino: inode): ns_common | null {
  return ino.i_sb === nsfsState().sb ? (ino.i_private as ns_common) : null;
}

const ns_name = (e: proc_ns_operations, t: task_struct): string => `${e.type}:[${e.get(t).ns_inum >>> 0}]`;

export const proc_ns_dir_inode_operations: inode_operations = {
  lookup: (dir, d) => {
    const t = get_proc_task(dir);
    if (!t) return null;
    const e = ns_entries.find((x) => x.name === d.d_name);
    if (!e) return null;
    const ino = proc_pid_make_inode(dir.i_sb, t, S_IFLNK | 0o777, pid_key(dir, e.name), e);
    ino.i_op = {
      get_link: () => {
        const task = get_proc_task(ino);
        if (!task) return -ENOENT;
        if (!ptrace_may_access(task)) return -EACCES;
        return { path: proc_anon_path(nsfs_sb(), ns_name(e, task), ns_inode(e.get(task))) };
      },
    };
    return pid_d_add(d, ino);
  },
};

export const proc_ns_dir_operations: file_operations = {
  llseek: function* (f, o, w) { return generic_file_llseek_size(f, o, w, Number.MAX_SAFE_INTEGER); },
  iterate_shared: function* (file, ctx) {
    const dir = file.f_inode;
    const t = get_proc_task(dir);
    if (!t) return -ENOENT;
    const d = file.f_path.dentry;
    const entries: [string, number, number][] = [['.', dir.i_ino, DT_DIR], ['..', d.d_parent.d_inode!.i_ino, DT_DIR]];
    for (const e of ns_entries) entries.push([e.name, proc_stable_ino(`${t.pid}@${t.start_time}/${pid_key(dir, e.name)}`), DT_LNK]);
    while (ctx.pos < entries.length) {
      const [name, i, type] = entries[ctx.pos];
      if (!ctx.actor(name, i, type)) return 0;
      ctx.pos++;
    }
    return 0;
  },
};
