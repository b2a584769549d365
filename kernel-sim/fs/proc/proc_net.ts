// Models linux/fs/proc/proc_net.c: each network namespace's own /proc/net tree (net->proc_net), the proc_create_net* helpers its pernet_operations use, and /proc/PID/net, which shows the tree of the task's namespace.
//
// How a subsystem adds a per-namespace file (from its pernet_operations' init, undone in its exit):
//   proc_create_net_single('arp', 0o444, net.proc_net, (m) => { const n = seq_file_net(m); ... });
//   proc_net_mkdir(net, 'dev_snmp6', net.proc_net);   remove_proc_entry('arp', net.proc_net);
// Every entry takes a proc inum (the range namespaces share), so each new namespace moves the next namespace's number on.
import type { file_operations, inode_operations } from '../../include/linux/fs_types.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR } from '../../include/uapi/stat.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import type { seq_file, seq_show_fn } from '../seq_file.ts';
import type { net } from '../../net/core/net_namespace.ts';
import { register_pernet_subsys, type pernet_operations } from '../../net/core/net_namespace.ts';
import { proc_root, type proc_dir_entry } from './internal.ts';
import { proc_create_single_data, proc_lookup_de, proc_mkdir_data, proc_readdir_de, proc_symlink, remove_proc_entry } from './generic.ts';
import { get_proc_task } from './pid_inode.ts';

/** The namespace a per-netns /proc file belongs to (seq_file_net / seq_file_single_net: the entry's data). */
export function seq_file_net(m: seq_file): net { return m.private as net; }

/** proc_create_net_single(): a file of one namespace printed by one show call; the show finds its net with seq_file_net. */
export function proc_create_net_single(name: string, mode: number, parent: proc_dir_entry, show: seq_show_fn, n: net): proc_dir_entry | null {
  return proc_create_single_data(name, mode, parent, show, n);
}

/** proc_net_mkdir(): a directory in a namespace's tree (stat, dev_snmp6, netfilter). */
export function proc_net_mkdir(n: net, name: string, parent: proc_dir_entry): proc_dir_entry | null {
  return proc_mkdir_data(name, 0, parent, n);
}

/** proc_net_ns_init(): the anchor of the namespace's tree (never registered, so it takes no inum) and its stat directory. */
function proc_net_ns_init(n: net): number {
  const netd: proc_dir_entry = {
    name: 'net', mode: S_IFDIR | 0o555, nlink: 2, uid: 0, gid: 0, size: 0, low_ino: 0, parent: proc_root(), subdir: new Map(),
    sort_lex: false, proc_ops: null, seq_ops: null, single_show: null, link: null, proc_iops: null, proc_dir_ops: null, data: n, removed: false,
  };
  const statd = proc_net_mkdir(n, 'stat', netd);
  if (!statd) return -17; // -EEXIST
  n.proc_net = netd;
  n.proc_net_stat = statd;
  return 0;
}

function proc_net_ns_exit(n: net): void {
  remove_proc_entry('stat', n.proc_net);
  n.proc_net = null;
  n.proc_net_stat = null;
}

const proc_net_ns_ops: pernet_operations = { name: 'proc_net', init: proc_net_ns_init, exit: proc_net_ns_exit };

/** proc_net_init() (from proc_root_init): the /proc/net link and the per-namespace trees, init_net's first. */
export function proc_net_init(): number {
  proc_symlink('net', null, 'self/net');
  return register_pernet_subsys(proc_net_ns_ops);
}

/** get_proc_task_net(): the namespace of the task behind /proc/PID/net. */
function get_proc_task_net(dir: Parameters<typeof get_proc_task>[0]): net | null {
  return (get_proc_task(dir)?.nsproxy?.net_ns as net | undefined) ?? null;
}

/** /proc/PID/net: lookups and readdir go to the task's namespace's tree (proc_net_inode_operations, proc_net_operations). */
export const proc_net_inode_operations: inode_operations = {
  lookup: (dir, d) => {
    const n = get_proc_task_net(dir);
    return n?.proc_net ? proc_lookup_de(dir, d, n.proc_net) : null;
  },
};

export const proc_net_operations: file_operations = {
  llseek: function* (f, o, w) { return generic_file_llseek_size(f, o, w, Number.MAX_SAFE_INTEGER); },
  iterate_shared: function* (file, ctx) {
    const n = get_proc_task_net(file.f_inode);
    if (!n?.proc_net) return -EINVAL;
    const d = file.f_path.dentry;
    proc_readdir_de(file.f_inode, d.d_parent.d_inode!.i_ino, ctx, n.proc_net);
    return 0;
  },
};
