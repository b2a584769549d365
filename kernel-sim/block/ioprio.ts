// Models linux/block/ioprio.c and include/uapi/linux/ioprio.h: a task's I/O priority (class and level), ioprio_set/ioprio_get, and the priority a request takes from its submitter.
import type { task_struct } from '../include/linux/sched.ts';
import { EINVAL, EPERM, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { current } from '../kernel/sched/core.ts';
import { find_task_by_vpid } from '../kernel/pid.ts';
import { defineState } from '../kernel/state.ts';

export const IOPRIO_CLASS_SHIFT = 13;
export const IOPRIO_CLASS_NONE = 0, IOPRIO_CLASS_RT = 1, IOPRIO_CLASS_BE = 2, IOPRIO_CLASS_IDLE = 3;
export const IOPRIO_NR_LEVELS = 8, IOPRIO_BE_NORM = 4;
export const IOPRIO_WHO_PROCESS = 1;
export const IOPRIO_PRIO_VALUE = (cls: number, level: number): number => (cls << IOPRIO_CLASS_SHIFT) | level;
export const IOPRIO_PRIO_CLASS = (p: number): number => (p >> IOPRIO_CLASS_SHIFT) & 7;
export const IOPRIO_PRIO_DATA = (p: number): number => p & ((1 << IOPRIO_CLASS_SHIFT) - 1);
/** IOPRIO_DEFAULT: best effort, level 4 (what a task without ioprio_set gets from task_nice_ioprio at nice 0). */
export const IOPRIO_DEFAULT = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);

/** task->io_context->ioprio, kept per task (the task_struct has no field for it). */
const ioprioState = defineState('ioprio', () => ({ prio: new WeakMap<task_struct, number>() }));

export const task_ioprio = (t: task_struct): number => ioprioState().prio.get(t) ?? IOPRIO_DEFAULT;

/** get_current_ioprio: what blk_mq_submit_bio's bio_set_ioprio gives a request. */
export const get_current_ioprio = (): number => task_ioprio(current());

/** ioprio_check_cap: RT needs privilege; a level must be below IOPRIO_NR_LEVELS; NONE takes no level. */
export function ioprio_check_cap(ioprio: number): number {
  const cls = IOPRIO_PRIO_CLASS(ioprio), data = IOPRIO_PRIO_DATA(ioprio);
  if (cls === IOPRIO_CLASS_RT && current().cred.euid !== 0) return -EPERM;
  if (cls === IOPRIO_CLASS_NONE) return data ? -EINVAL : 0;
  if (cls > IOPRIO_CLASS_IDLE || data >= IOPRIO_NR_LEVELS) return -EINVAL;
  return 0;
}

/** set_task_ioprio: from ioprio_set or a test; the next request the task allocates carries it. */
export function set_task_ioprio(t: task_struct, ioprio: number): void {
  ioprioState().prio.set(t, IOPRIO_PRIO_CLASS(ioprio) === IOPRIO_CLASS_NONE ? IOPRIO_DEFAULT : ioprio);
}

function target(which: number, who: number): task_struct | number {
  if (which !== IOPRIO_WHO_PROCESS) return -EINVAL;
  return who === 0 ? current() : find_task_by_vpid(who) ?? -ESRCH;
}

function sys_ioprio_set(which: number, who: number, ioprio: number): number {
  const err = ioprio_check_cap(ioprio);
  if (err) return err;
  const t = target(which, who);
  if (typeof t === 'number') return t;
  set_task_ioprio(t, ioprio);
  return 0;
}

function sys_ioprio_get(which: number, who: number): number {
  const t = target(which, who);
  return typeof t === 'number' ? t : task_ioprio(t);
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('ioprio_set', ['int', 'int', 'hex'], sys_ioprio_set),
  SYSCALL_DEFINE('ioprio_get', ['int', 'int'], sys_ioprio_get),
];
