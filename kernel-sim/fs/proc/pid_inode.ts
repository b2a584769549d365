// Models the helpers linux/fs/proc/base.c shares through fs/proc/internal.h: per-task inodes and dentries, and who may look at a task.
import type { dentry, file_operations, inode, inode_operations, path, super_block } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import { EXIT_DEAD, PF_KTHREAD } from '../../include/linux/sched.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { new_inode } from '../inode.ts';
import { d_add } from '../dcache.ts';
import type { seq_file } from '../seq_file.ts';
import { PROC_I, proc_stable_ino, type proc_inode_info } from './internal.ts';

/** One entry of a /proc/PID directory (struct pid_entry): DIR, REG, ONE or LNK. */
export interface pid_entry {
  name: string;
  mode: number;
  iop?: inode_operations;
  fop?: file_operations;
  /** ONE(): a show function over the task. */
  show?: (m: seq_file, t: task_struct) => number | void;
  /** LNK(): where the magic link points. */
  link?: (t: task_struct) => path | string | number;
}

/** The task is still in the pid table (not yet reaped): pid_alive / get_proc_task. */
export function pid_alive(t: task_struct | null): t is task_struct {
  return !!t && t.exit_state !== EXIT_DEAD && runqueue().tasks.get(t.pid) === t;
}

/** Owner of a task's /proc files: its effective ids (task_dump_owner). */
function task_dump_owner(t: task_struct): [number, number] {
  if (t.flags & PF_KTHREAD) return [0, 0];
  return [t.cred.euid, t.cred.egid];
}

/** A fresh inode for something belonging to a task, with a stable number (proc_pid_make_inode). */
export function proc_pid_make_inode(sb: super_block, t: task_struct, mode: number, key: string, entry: unknown = null, fd = -1): inode {
  const ino = new_inode(sb, mode, proc_stable_ino(`${t.pid}@${t.start_time}/${key}`));
  const [uid, gid] = task_dump_owner(t);
  ino.i_uid = uid;
  ino.i_gid = gid;
  const info: proc_inode_info = { pde: null, task: t, entry, fd };
  ino.i_private = info;
  ino.i_op = {};
  return ino;
}

/** Hashes a per-task dentry; it stays valid while the task lives (pid_revalidate). */
export function pid_d_add(d: dentry, ino: inode, extra?: () => boolean): dentry {
  const t = PROC_I(ino).task!;
  d.d_revalidate = () => {
    if (!pid_alive(t) || (extra && !extra())) return false;
    const [uid, gid] = task_dump_owner(t);
    ino.i_uid = uid;
    ino.i_gid = gid;
    return true;
  };
  return d_add(d, ino);
}

/** The task of a /proc inode if it still lives (get_proc_task). */
export function get_proc_task(ino: inode): task_struct | null {
  const t = PROC_I(ino).task;
  return pid_alive(t) ? t : null;
}

/** May the current task look at `t`'s private parts (ptrace_may_access, simplified to uid and root)? */
export function ptrace_may_access(t: task_struct): boolean {
  const c = current().cred;
  return c.euid === 0 || (c.uid === t.cred.uid && c.uid === t.cred.euid);
}

/** Key of an inode's path below its pid directory, for stable inode numbers. */
export function pid_key(dir: inode, name: string): string {
  const e = PROC_I(dir).entry as { key?: string } | null;
  return `${e?.key ?? ''}/${name}`;
}

