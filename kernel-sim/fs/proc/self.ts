// Models linux/fs/proc/self.c and thread_self.c: /proc/self → the reader's tgid, /proc/thread-self → tgid/task/tid.
import type { dentry, inode, super_block } from '../../include/linux/fs_types.ts';
import { ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFLNK } from '../../include/uapi/stat.ts';
import { current } from '../../kernel/sched/core.ts';
import { new_inode } from '../inode.ts';
import { d_add } from '../dcache.ts';
import { defineState } from '../../kernel/state.ts';
import { proc_alloc_inum } from '../../kernel/nsproxy.ts';
import type { pid_namespace } from '../../include/linux/nsproxy.ts';
import { init_pid_ns, task_pid_nr_ns, task_tgid_nr_ns } from '../../kernel/pid_namespace.ts';

/** self_inum and thread_self_inum: numbers from the dynamic proc range, taken once at boot (proc_self_init). */
const selfState = defineState('proc_self', () => ({ self: 0, thread_self: 0 }));

/** proc_self_init and proc_thread_self_init (from proc_root_init): each link's inode number is a proc inum. */
export function proc_self_init(): void {
  const s = selfState();
  s.self = proc_alloc_inum();
  s.thread_self = proc_alloc_inum();
}

const ns_of = (sb: super_block): pid_namespace => (sb.s_fs_info as pid_namespace | null) ?? init_pid_ns();

function self_inode(sb: super_block, name: string, target: () => string | number): inode {
  const ino = new_inode(sb, S_IFLNK | 0o777, name === 'self' ? self_ino() : thread_self_ino());
  ino.i_uid = 0;
  ino.i_gid = 0;
  ino.i_op = { get_link: () => target() };
  ino.i_private = { pde: null, task: null, entry: name, fd: -1 };
  return ino;
}

/** Creates the dentry of "self" or "thread-self" under the proc root (proc_setup_self / proc_setup_thread_self). */
export function proc_self_lookup(root: dentry, d: dentry): dentry | null {
  const sb = root.d_sb;
  if (d.d_name === 'self') {
    // The reader's number in the pid namespace this /proc shows; none if it is not in it.
    return d_add(d, self_inode(sb, 'self', () => { const n = task_tgid_nr_ns(current(), ns_of(sb)); return n ? String(n) : -ENOENT; }));
  }
  if (d.d_name === 'thread-self') {
    return d_add(d, self_inode(sb, 'thread-self', () => {
      const t = current(), ns = ns_of(sb), tgid = task_tgid_nr_ns(t, ns), pid = task_pid_nr_ns(t, ns);
      return pid ? `${tgid}/task/${pid}` : -ENOENT;
    }));
  }
  return null;
}

export const self_ino = (): number => selfState().self;
export const thread_self_ino = (): number => selfState().thread_self;
