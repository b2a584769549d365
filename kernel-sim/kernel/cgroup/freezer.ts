// Models linux/kernel/cgroup/freezer.c and cgroup_kill of cgroup.c: cgroup.freeze stops a subtree's tasks at their return to user space; cgroup.kill SIGKILLs it.
import { TASK_INTERRUPTIBLE, type KGen, type task_struct } from '../../include/linux/sched.ts';
import { EINVAL, EOPNOTSUPP, ERANGE } from '../../include/uapi/asm-generic/errno.ts';
import { SIGKILL } from '../../include/uapi/signal.ts';
import { defineState } from '../state.ts';
import { send_signal } from '../signal.ts';
import { fatal_signal_pending } from '../signal_pending.ts';
import { schedule, set_current_state } from '../sched/core.ts';
import { wait_queue_head, init_wait, add_wait_queue, remove_wait_queue, wake_up_all } from '../sched/wait.ts';
import { cgroup_path, cgroup_subtree, cgroup_tasks, task_dfl_cgroup } from './cgroup.ts';
import type { cgroup } from './cgroup-defs.ts';
import { trace_event } from '../trace/trace.ts';

const freezerState = defineState('cgroup_freezer', () => ({ wq: new wait_queue_head('cgroup_freeze') }));

/** The effective freeze (CGRP_FREEZE): the cgroup or an ancestor asked for it. */
export function cgroup_frozen(cg: cgroup): boolean {
  for (let c: cgroup | null = cg; c; c = c.parent) if (c.freeze) return true;
  return false;
}

/** cgroup_freeze_write: "0" or "1"; thawing wakes every task parked in the freezer trap. */
export function cgroup_freeze_write(cg: cgroup, buf: string): number {
  const s = buf.trim();
  if (s !== '0' && s !== '1') return /^\d+$/.test(s) ? -ERANGE : -EINVAL;
  const freeze = s === '1';
  if (cg.freeze === freeze) return 0;
  cg.freeze = freeze;
  trace_event('cgroup', 'cgroup_freeze', { path: cgroup_path(cg), frozen: freeze ? 1 : 0 });
  if (!freeze) wake_up_all(freezerState().wq);
  return 0;
}

/** do_freezer_trap: a task of a frozen cgroup sleeps at its return to user space until thawed or killed. */
export function* cgroup_enter_frozen(t: task_struct): KGen<void> {
  if (!cgroup_frozen(task_dfl_cgroup(t))) return;
  const wq = freezerState().wq;
  const w = init_wait(t);
  add_wait_queue(wq, w);
  try {
    while (cgroup_frozen(task_dfl_cgroup(t)) && !fatal_signal_pending(t)) {
      t.wchan = 'do_freezer_trap';
      set_current_state(TASK_INTERRUPTIBLE);
      yield* schedule();
    }
  } finally {
    remove_wait_queue(wq, w);
    t.__state = 0;
  }
}

/** cgroup_kill_write: "1" sends SIGKILL to every process of the subtree; threaded cgroups refuse. */
export function* cgroup_kill_write(cg: cgroup, buf: string): KGen<number> {
  const s = buf.trim();
  if (!/^-?\d+$/.test(s)) return -EINVAL;
  if (Number(s) !== 1) return -ERANGE;
  if (cg.type === 'threaded') return -EOPNOTSUPP;
  for (const c of cgroup_subtree(cg)) for (const t of cgroup_tasks(c)) send_signal(SIGKILL, t);
  return 0;
}
