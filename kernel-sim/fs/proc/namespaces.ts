// Models linux/fs/proc/namespaces.c: /proc/PID/ns links ("uts:[4026531838]") leading to namespace inodes setns can open.
import type { inode_operations, file_operations } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import type { ns_common } from '../../include/linux/nsproxy.ts';
import { EACCES, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFLNK, DT_DIR, DT_LNK } from '../../include/uapi/stat.ts';
import { init_user_ns } from '../../kernel/user_namespace.ts';
import { task_active_pid_ns } from '../../kernel/pid_namespace.ts';
import { ns_inode, nsfs_sb } from '../nsfs.ts';
export { ns_inode, ns_of_inode, NSFS_MAGIC } from '../nsfs.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { get_proc_task, pid_d_add, pid_key, proc_pid_make_inode, ptrace_may_access } from './pid_inode.ts';
import { proc_anon_path } from './fd.ts';
import { proc_stable_ino } from './internal.ts';

/** One kind of namespace link (struct proc_ns_operations): its name, its type word, and the task's namespace. */
interface proc_ns_operations { name: string; type: string; get: (t: task_struct) => ns_common }

/** ns_entries[] in Linux's order. */
const ns_entries: proc_ns_operations[] = [
  { name: 'net', type: 'net', get: (t) => t.nsproxy.net_ns },
  { name: 'uts', type: 'uts', get: (t) => t.nsproxy.uts_ns },
  { name: 'ipc', type: 'ipc', get: (t) => t.nsproxy.ipc_ns },
  { name: 'pid', type: 'pid', get: task_active_pid_ns },
  { name: 'pid_for_children', type: 'pid', get: (t) => t.nsproxy.pid_ns_for_children },
  { name: 'user', type: 'user', get: (t) => t.cred.user_ns ?? init_user_ns() },
  { name: 'mnt', type: 'mnt', get: (t) => t.nsproxy.mnt_ns as ns_common },
  { name: 'cgroup', type: 'cgroup', get: (t) => t.nsproxy.cgroup_ns },
  { name: 'time', type: 'time', get: (t) => t.nsproxy.time_ns },
  { name: 'time_for_children', type: 'time', get: (t) => t.nsproxy.time_ns_for_children ?? t.nsproxy.time_ns },
];

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
