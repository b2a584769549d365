// Models linux/kernel/async.c as the PM core uses it (async_schedule_dev, async_synchronize_full) and the device completions of drivers/base/power/main.c (dev->power.completion: reinit_completion, complete_all, dpm_wait).
//
// Async work runs on unbound kworkers, as async_schedule_node queues it on
// system_unbound_wq: an idle worker takes the next item, and a new worker is
// started when none is idle, so items run concurrently in virtual time (each
// on its own task, sleeping in its callback without holding the others up).
// Workers stay for the next transition, idle in TASK_IDLE.
import { TASK_IDLE, TASK_NORMAL, type KGen } from '../../../include/linux/sched.ts';
import { defineState } from '../../../kernel/state.ts';
import { kernel_thread } from '../../../kernel/fork.ts';
import { schedule } from '../../../kernel/sched/core.ts';
import { __wake_up, finish_wait, init_wait, prepare_to_wait, wait_event, wait_queue_head } from '../../../kernel/sched/wait.ts';
import type { device } from '../base.ts';

interface async_worker { job: (() => KGen<void>) | null; readonly more: wait_queue_head }

const asyncState = defineState('pm_async', () => ({
  idle: [] as async_worker[],
  /** Items scheduled and not yet finished (async_synchronize_full waits for 0). */
  pending: 0,
  workers: 0,
  /** Devices whose completion is not done (init_completion + complete_all at device_pm_init: done by default). */
  not_done: new Set<device>(),
  /** Where async_synchronize_full and dpm_wait sleep; woken whenever an item or a device completes. */
  done_wq: new wait_queue_head('async_done'),
}));

function worker_fn(w: async_worker): () => KGen<number> {
  return function* () {
    const s = asyncState();
    const wait = init_wait();
    for (;;) {
      while (!w.job) {
        prepare_to_wait(w.more, wait, TASK_IDLE);
        if (!w.job) yield* schedule();
      }
      finish_wait(w.more, wait);
      const job: () => KGen<void> = w.job;
      try { yield* job(); } finally {
        s.pending--;
        w.job = null;
        s.idle.push(w);
        __wake_up(s.done_wq, TASK_NORMAL, 0);
      }
    }
  };
}

/** async_schedule_dev(): run `fn` on an idle unbound kworker, or on a new one. */
export function async_schedule(fn: () => KGen<void>): void {
  const s = asyncState();
  s.pending++;
  const w = s.idle.pop();
  if (w) {
    w.job = fn;
    __wake_up(w.more, TASK_NORMAL, 1);
    return;
  }
  const nw: async_worker = { job: fn, more: new wait_queue_head('async_worker') };
  kernel_thread(worker_fn(nw), `kworker/u4:${s.workers++}`);
}

/** async_synchronize_full(): sleeps until every scheduled item has run. */
export function* async_synchronize_full(): KGen<void> {
  const s = asyncState();
  yield* wait_event(s.done_wq, () => s.pending === 0, 'async_synchronize_full');
}

/** reinit_completion(&dev->power.completion). */
export function reinit_completion(dev: device): void { asyncState().not_done.add(dev); }

/** complete_all(&dev->power.completion): whoever waits on the device goes on. */
export function complete_all(dev: device): void {
  const s = asyncState();
  s.not_done.delete(dev);
  __wake_up(s.done_wq, TASK_NORMAL, 0);
}

/** dpm_wait(): wait for `dev`'s completion when the waiter runs async or `dev` does (a sync device before a sync waiter is done already). */
export function* dpm_wait(dev: device | null, waiter_async: boolean, is_async: (d: device) => boolean): KGen<void> {
  if (!dev || !(waiter_async || is_async(dev))) return;
  const s = asyncState();
  yield* wait_event(s.done_wq, () => !s.not_done.has(dev), 'dpm_wait');
}
