// Models linux/fs/fcntl.c's asynchronous I/O signals: F_SETFL's O_ASYNC calling ->fasync, the file's owner (F_SETOWN/F_GETOWN, F_SETSIG/F_GETSIG) and send_sigio (fasync_helper/kill_fasync for drivers: kernel/kapi/fasync.ts).
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { file } from '../include/linux/fs_types.ts';
import { EINVAL, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import { SIGIO, _NSIG } from '../include/uapi/signal.ts';
import { current, runqueue } from '../kernel/sched/core.ts';
import { find_task_by_pid_ns, task_active_pid_ns, task_pid_nr_ns } from '../kernel/pid_namespace.ts';
import { send_signal } from '../kernel/signal.ts';

export const FASYNC = 0o20000;
export const F_SETOWN = 8, F_GETOWN = 9, F_SETSIG = 10, F_GETSIG = 11;

/** struct fown_struct: who gets the file's SIGIO — a process (its task, as Linux holds its struct pid) or a process group. */
export interface fown_struct {
  task: task_struct | null;
  pgrp: number;
  /** The setter's uid and euid, for sigio_perm(). */
  uid: number;
  euid: number;
  /** F_SETSIG's signal, 0 for SIGIO. */
  signum: number;
}

/** file->f_owner, empty until F_SETOWN (Linux's is part of struct file from the start). */
export function f_owner(f: file): fown_struct {
  f.f_owner ??= { task: null, pgrp: 0, uid: 0, euid: 0, signum: 0 };
  return f.f_owner;
}

/** f_setown(): a positive argument names a process, a negative one a process group (in the caller's pid namespace); 0 clears. */
export function f_setown(f: file, arg: number): number {
  const o = f_owner(f);
  const t = current();
  if (arg > 0) {
    const p = find_task_by_pid_ns(arg, task_active_pid_ns(t));
    if (!p) return -ESRCH;
    Object.assign(o, { task: p.group_leader, pgrp: 0 });
  } else {
    Object.assign(o, { task: null, pgrp: -arg });
  }
  o.uid = t.cred.uid; o.euid = t.cred.euid;
  return 0;
}

/** f_getown(): the process's pid as the caller sees it, or minus the process group. */
export function f_getown(f: file): number {
  const o = f_owner(f);
  if (o.task) return o.task.exit_state ? 0 : task_pid_nr_ns(o.task, task_active_pid_ns(current()));
  return -o.pgrp;
}

export function f_setsig(f: file, sig: number): number {
  if (sig < 0 || sig > _NSIG) return -EINVAL;
  f_owner(f).signum = sig;
  return 0;
}
export const f_getsig = (f: file): number => f_owner(f).signum;

/** sigio_perm(): root's or the owner's files may signal any process; others only processes of the same user. */
function sigio_perm(p: task_struct, o: fown_struct): boolean {
  const c = p.cred;
  return o.euid === 0 || o.euid === c.suid || o.euid === c.uid || o.uid === c.suid || o.uid === c.uid;
}

/** send_sigio(): F_SETSIG's signal (Linux adds si_fd and si_band, not modelled) else SIGIO, to the owner or its group. */
export function send_sigio(o: fown_struct): void {
  const sig = o.signum || SIGIO;
  const targets = o.task ? [o.task] : o.pgrp ? [...runqueue().tasks.values()].filter((t) => t.signal.pgrp === o.pgrp && t === t.group_leader) : [];
  for (const p of targets) if (!p.exit_state && sigio_perm(p, o)) send_signal(sig, p, true);
}

/**
 * setfl()'s part for O_ASYNC: when FASYNC changes, the driver's ->fasync(fd, file, on) says yes (>= 0) or no (< 0)
 * first; fasync_helper sets or clears FASYNC in f_flags itself. Returns the error, or 0 to go on setting the flags.
 */
export function* setfl_fasync(fd: number, f: file, arg: number): KGen<number> {
  if (!((arg ^ f.f_flags) & FASYNC) || !f.f_op.fasync) return 0;
  const r = yield* f.f_op.fasync(fd, f, (arg & FASYNC) ? 1 : 0);
  return r < 0 ? r : 0;
}

/** __fput()'s part: a file still on a fasync list is taken off by ->fasync(-1, file, 0). */
export function* fput_fasync(f: file): KGen<void> {
  if ((f.f_flags & FASYNC) && f.f_op.fasync) yield* f.f_op.fasync(-1, f, 0);
}
