// Models linux/kernel/power/process.c with kernel/freezer.c (6.1's TASK_FROZEN freezer): freeze_processes, freeze_kernel_threads, thaw_processes, try_to_freeze_tasks with its timeout and its report of the tasks that refuse.
//
// 6.1 freezes a sleeping task by turning its state into TASK_FROZEN, which no
// ordinary wake-up matches; thawing wakes it (a spurious wake-up its wait loop
// absorbs). A user task is reached by a fake signal that takes it to the
// refrigerator on its way back to user space: here a task asleep
// interruptibly, stopped, or waiting on the run queue (preempted, so it would
// pass through the return to user space next) freezes at once; a task in an
// uninterruptible sleep (D state) refuses until the timeout, as in Linux.
// Kernel threads are PF_NOFREEZE unless they call set_freezable(), which no
// kernel thread of the simulation does.
import {
  PF_KTHREAD, TASK_INTERRUPTIBLE, TASK_RUNNING, __TASK_STOPPED, __TASK_TRACED,
  type KGen, type task_struct,
} from '../../include/linux/sched.ts';
import { EBUSY } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../state.ts';
import { current, enqueue_task, runqueue, schedule_timeout_uninterruptible } from '../sched/core.ts';
import { sched_show_task } from '../hung_task.ts';
import { pr_cont, pr_err, pr_info } from '../printk/printk.ts';
import { ktime_get, NSEC_PER_MSEC, NSEC_PER_USEC } from '../time/timekeeping.ts';
import { trace_event } from '../trace/trace.ts';
import { pmState } from './power.ts';
import { pm_wakeup_clear, pm_wakeup_pending } from '../../drivers/base/power/wakeup_source.ts';

/** include/linux/sched.h's TASK_FROZEN: a state no wake-up but the thaw's matches. */
export const TASK_FROZEN = 0x8000;
/** PF_SUSPEND_TASK: the task that runs the transition and is never frozen. */
export const PF_SUSPEND_TASK = 0x80000000;

const freezerState = defineState('freezer', () => ({
  pm_freezing: false,
  pm_nosig_freezing: false,
  /** Frozen tasks and the state each had (what __thaw_task restores or wakes). */
  frozen: new Map<task_struct, number>(),
}));

const live = (p: task_struct): boolean => p.gen !== null && p.exit_state === 0;
const freezing = (p: task_struct): boolean => {
  const s = freezerState();
  if (!live(p) || p.flags & PF_SUSPEND_TASK || p.pid === 0) return false;
  return p.flags & PF_KTHREAD ? false /* PF_NOFREEZE */ : s.pm_freezing;
};
export const frozen = (p: task_struct): boolean => freezerState().frozen.has(p);

/** __set_task_frozen(): a task that sleeps interruptibly, is stopped or traced, or waits preempted on the run queue becomes TASK_FROZEN. */
function __freeze_task(p: task_struct): boolean {
  const state = p.__state;
  const rq = runqueue();
  const saved = p.on_rq ? TASK_RUNNING : state;
  if (p.on_rq) {
    rq.queue.splice(rq.queue.indexOf(p), 1);
    p.on_rq = false;
  } else if (!(state & (TASK_INTERRUPTIBLE | __TASK_STOPPED | __TASK_TRACED))) {
    return false;
  }
  freezerState().frozen.set(p, saved);
  p.__state = TASK_FROZEN;
  return true;
}

/** freeze_task(): true while `p` should freeze and has not yet. */
function freeze_task(p: task_struct): boolean {
  if (!freezing(p) || frozen(p)) return false;
  return !__freeze_task(p);
}

/** __thaw_task(): stopped and traced tasks get their state back; the others are woken. */
function __thaw_task(p: task_struct): void {
  const s = freezerState();
  const saved = s.frozen.get(p);
  if (saved === undefined) return;
  s.frozen.delete(p);
  if (saved & (__TASK_STOPPED | __TASK_TRACED)) {
    p.__state = saved;
    return;
  }
  p.__state = TASK_RUNNING;
  enqueue_task(p);
}

const for_each_process_thread = (): task_struct[] => [...runqueue().tasks.values()];
const secs = (ms: number): string => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;

/** try_to_freeze_tasks(): retry with 1..8 ms sleeps until every task froze, freeze_timeout_msecs passed, or a wakeup event arrived. */
function* try_to_freeze_tasks(user_only: boolean): KGen<number> {
  const what = user_only ? 'user space processes' : 'remaining freezable tasks';
  pr_info(`Freezing ${what}`);
  const start = ktime_get();
  const end_time = start + pmState().freeze_timeout_msecs * NSEC_PER_MSEC;
  let sleep_usecs = 1000;
  let todo = 0;
  let wakeup = false;
  for (;;) {
    todo = 0;
    for (const p of for_each_process_thread()) if (p !== current() && freeze_task(p)) todo++;
    if (!todo || ktime_get() > end_time) break;
    if (pm_wakeup_pending()) {
      wakeup = true;
      break;
    }
    yield* schedule_timeout_uninterruptible(sleep_usecs * NSEC_PER_USEC); // usleep_range(sleep_usecs / 2, sleep_usecs)
    if (sleep_usecs < 8000) sleep_usecs *= 2;
  }
  const elapsed = Math.floor((ktime_get() - start) / NSEC_PER_MSEC);
  if (todo) {
    pr_err(`Freezing of tasks ${wakeup ? 'aborted' : 'failed'} after ${secs(elapsed)} seconds (${todo} tasks refusing to freeze, wq_busy=0):`);
    if (!wakeup || pmState().pm_debug_messages_on) {
      for (const p of for_each_process_thread()) if (p !== current() && freezing(p) && !frozen(p)) sched_show_task(p);
    }
  } else {
    pr_info(`Freezing ${what} completed (elapsed ${secs(elapsed)} seconds)`);
  }
  return todo ? -EBUSY : 0;
}

/** freeze_processes(): user space into the refrigerator, then the OOM killer off; on failure everything is thawed. */
export function* freeze_processes(): KGen<number> {
  current().flags |= PF_SUSPEND_TASK;
  pm_wakeup_clear(0);
  freezerState().pm_freezing = true;
  const error = yield* try_to_freeze_tasks(true);
  if (!error) pr_info('OOM killer disabled.'); // oom_killer_disable()
  if (error) thaw_processes();
  return error;
}

/** freeze_kernel_threads(): the freezable kernel threads (none refuses: they are PF_NOFREEZE here). */
export function* freeze_kernel_threads(): KGen<number> {
  freezerState().pm_nosig_freezing = true;
  const error = yield* try_to_freeze_tasks(false);
  if (error) thaw_kernel_threads();
  return error;
}

/** thaw_processes(): every frozen task back, "Restarting tasks ... done." */
export function thaw_processes(): void {
  trace_event('power', 'suspend_resume', { action: 'thaw_processes', val: 0, start: true });
  const s = freezerState();
  const was_freezing = s.pm_freezing;
  s.pm_freezing = false;
  s.pm_nosig_freezing = false;
  if (was_freezing) pr_info('OOM killer enabled.'); // oom_killer_enable()
  pr_info('Restarting tasks ... ');
  for (const p of for_each_process_thread()) __thaw_task(p);
  current().flags &= ~PF_SUSPEND_TASK;
  pr_cont('done.');
  trace_event('power', 'suspend_resume', { action: 'thaw_processes', val: 0, start: false });
}

export function thaw_kernel_threads(): void {
  freezerState().pm_nosig_freezing = false;
  pr_info('Restarting kernel threads ... ');
  for (const p of for_each_process_thread()) if (p.flags & PF_KTHREAD) __thaw_task(p);
  pr_cont('done.');
}

