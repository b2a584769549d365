// Models linux/kernel/sched/wait.c and include/linux/wait.h: wait queues, wait_event* and wake_up*.
import { TASK_INTERRUPTIBLE, TASK_NORMAL, TASK_RUNNING, TASK_UNINTERRUPTIBLE, TASK_KILLABLE, type KGen, type task_struct } from '../../include/linux/sched.ts';
import { ERESTARTSYS } from '../../include/uapi/asm-generic/errno.ts';
import { current, schedule, schedule_timeout, set_current_state, try_to_wake_up } from './core.ts';
import { signal_pending, fatal_signal_pending } from '../signal_pending.ts';

export const WQ_FLAG_EXCLUSIVE = 0x01;

export interface wait_queue_entry {
  flags: number;
  task: task_struct;
  queued: boolean;
}

/** A FIFO of sleeping tasks; woken in the order they went to sleep. */
export class wait_queue_head {
  readonly head: wait_queue_entry[] = [];
  constructor(readonly name = 'wq') {}
}

export function init_wait(task: task_struct = current()): wait_queue_entry {
  return { flags: 0, task, queued: false };
}

export function add_wait_queue(wq: wait_queue_head, w: wait_queue_entry): void {
  if (!w.queued) { wq.head.push(w); w.queued = true; }
}

export function remove_wait_queue(wq: wait_queue_head, w: wait_queue_entry): void {
  if (!w.queued) return;
  const i = wq.head.indexOf(w);
  if (i >= 0) wq.head.splice(i, 1);
  w.queued = false;
}

export function prepare_to_wait(wq: wait_queue_head, w: wait_queue_entry, state: number): void {
  w.flags &= ~WQ_FLAG_EXCLUSIVE;
  add_wait_queue(wq, w);
  set_current_state(state);
}

export function prepare_to_wait_exclusive(wq: wait_queue_head, w: wait_queue_entry, state: number): void {
  w.flags |= WQ_FLAG_EXCLUSIVE;
  add_wait_queue(wq, w);
  set_current_state(state);
}

export function finish_wait(wq: wait_queue_head, w: wait_queue_entry): void {
  set_current_state(TASK_RUNNING);
  remove_wait_queue(wq, w);
}

/**
 * Wakes every non-exclusive waiter and up to nr_exclusive (0: all) exclusive
 * ones, in FIFO order. Linux queues non-exclusive waiters at the head, so they
 * are all woken even when they slept after an exclusive one.
 */
export function __wake_up(wq: wait_queue_head, mode: number, nr_exclusive: number): number {
  let woken = 0;
  let exclusive_left = nr_exclusive > 0 ? nr_exclusive : Infinity;
  for (const w of wq.head.slice()) {
    const excl = (w.flags & WQ_FLAG_EXCLUSIVE) !== 0;
    if (excl && exclusive_left === 0) continue;
    const did = try_to_wake_up(w.task, mode);
    if (did) woken++;
    if (did && excl) exclusive_left--;
  }
  return woken;
}

export const wake_up = (wq: wait_queue_head): number => __wake_up(wq, TASK_NORMAL, 1);
export const wake_up_all = (wq: wait_queue_head): number => __wake_up(wq, TASK_NORMAL, 0);
export const wake_up_interruptible = (wq: wait_queue_head): number => __wake_up(wq, TASK_INTERRUPTIBLE, 1);
export const wake_up_interruptible_all = (wq: wait_queue_head): number => __wake_up(wq, TASK_INTERRUPTIBLE, 0);

export function waitqueue_active(wq: wait_queue_head): boolean {
  return wq.head.length > 0;
}

/**
 * The one wait loop all wait_event* variants share (___wait_event in include/linux/wait.h):
 * queue, re-test, sleep in `state` until cond() holds; a signal the state lets in ends the wait with -ERESTARTSYS.
 */
function* ___wait_event(wq: wait_queue_head, cond: () => boolean, state: number, exclusive: boolean, wchan: string): KGen<number> {
  if (cond()) return 0;
  const w = init_wait();
  let ret = 0;
  const t = current();
  for (;;) {
    if (exclusive) prepare_to_wait_exclusive(wq, w, state); else prepare_to_wait(wq, w, state);
    if (cond()) break;
    if ((state === TASK_INTERRUPTIBLE && signal_pending(t)) || (state === TASK_KILLABLE && fatal_signal_pending(t))) { ret = -ERESTARTSYS; break; }
    t.wchan = wchan;
    yield* schedule();
  }
  finish_wait(wq, w);
  return ret;
}

/** Sleeps until cond() holds (TASK_UNINTERRUPTIBLE). */
export function* wait_event(wq: wait_queue_head, cond: () => boolean, wchan = 'wait_event'): KGen<void> {
  yield* ___wait_event(wq, cond, TASK_UNINTERRUPTIBLE, false, wchan);
}

/** Sleeps until cond() holds or a signal arrives; -ERESTARTSYS on a signal. */
export function* wait_event_interruptible(wq: wait_queue_head, cond: () => boolean, wchan = 'wait_event_interruptible'): KGen<number> {
  return yield* ___wait_event(wq, cond, TASK_INTERRUPTIBLE, false, wchan);
}

/** As wait_event_interruptible, exclusive: a wake_up() wakes only one such waiter. */
export function* wait_event_interruptible_exclusive(wq: wait_queue_head, cond: () => boolean, wchan = 'wait_event_interruptible_exclusive'): KGen<number> {
  return yield* ___wait_event(wq, cond, TASK_INTERRUPTIBLE, true, wchan);
}

/** Sleeps until cond() holds or a fatal signal (SIGKILL) arrives. */
export function* wait_event_killable(wq: wait_queue_head, cond: () => boolean, wchan = 'wait_event_killable'): KGen<number> {
  return yield* ___wait_event(wq, cond, TASK_KILLABLE, false, wchan);
}

/**
 * Sleeps until cond() holds, a signal arrives or `timeout_ns` passes.
 * Returns the remaining time (>= 1) when cond() held, 0 on timeout, -ERESTARTSYS on a signal.
 */
export function* wait_event_interruptible_timeout(wq: wait_queue_head, cond: () => boolean, timeout_ns: number, interruptible = true): KGen<number> {
  if (cond()) return Math.max(1, timeout_ns);
  const w = init_wait();
  let remaining = timeout_ns;
  let ret = 0;
  for (;;) {
    prepare_to_wait(wq, w, interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
    if (cond()) { ret = Math.max(1, remaining); break; }
    if (interruptible && signal_pending(current())) { ret = -ERESTARTSYS; break; }
    if (remaining <= 0) { ret = cond() ? 1 : 0; break; }
    remaining = yield* schedule_timeout(remaining);
  }
  finish_wait(wq, w);
  return ret;
}

export function* wait_event_timeout(wq: wait_queue_head, cond: () => boolean, timeout_ns: number): KGen<number> {
  return yield* wait_event_interruptible_timeout(wq, cond, timeout_ns, false);
}
