// Models linux/kernel/workqueue.c for the kernel's own work items: work_struct, system_unbound_wq served by a kworker thread, queue_work and flush_work.
//
// A workqueue's worker thread is started when work is first queued on it (Linux
// keeps a pool of them from boot; starting it on demand keeps a machine that
// never queues work free of an extra task). Work runs in the worker's process
// context, so it may sleep; items run one after another in the order queued.
import { TASK_IDLE, TASK_NORMAL, type KGen } from '../include/linux/sched.ts';
import { defineState } from './state.ts';
import { kernel_thread } from './fork.ts';
import { schedule } from './sched/core.ts';
import { __wake_up, finish_wait, init_wait, prepare_to_wait, wait_event, wait_queue_head } from './sched/wait.ts';

export interface work_struct {
  readonly func: (work: work_struct) => KGen<void>;
}

export function INIT_WORK(func: (work: work_struct) => KGen<void>): work_struct { return { func }; }

export interface workqueue_struct {
  readonly name: string;
  readonly worklist: work_struct[];
  current_work: work_struct | null;
  /** The worker sleeps here while the list is empty. */
  readonly more_work: wait_queue_head;
  /** Flushers sleep here until the item they wait for is done. */
  readonly work_done: wait_queue_head;
  worker_pid: number;
}

const wqState = defineState('workqueue', () => ({ queues: new Map<string, workqueue_struct>(), kworkers: 0 }));

function worker_thread(wq: workqueue_struct): () => KGen<number> {
  return function* () {
    const wait = init_wait();
    for (;;) {
      // An idle worker sleeps in TASK_IDLE: no load, and not a hung task however long it waits.
      while (wq.worklist.length === 0) {
        prepare_to_wait(wq.more_work, wait, TASK_IDLE);
        if (wq.worklist.length === 0) yield* schedule();
      }
      finish_wait(wq.more_work, wait);
      const work = wq.worklist.shift()!;
      wq.current_work = work;
      try { yield* work.func(work); } finally {
        wq.current_work = null;
        __wake_up(wq.work_done, TASK_NORMAL, 0);
      }
    }
  };
}

function workqueue(name: string): workqueue_struct {
  const st = wqState();
  let wq = st.queues.get(name);
  if (!wq) {
    wq = { name, worklist: [], current_work: null, more_work: new wait_queue_head(name), work_done: new wait_queue_head(`${name}-done`), worker_pid: 0 };
    st.queues.set(name, wq);
  }
  return wq;
}

/** alloc_workqueue(): a named workqueue with its own worker (usb_hub_wq), so its work never waits behind another queue's. */
export function alloc_workqueue(name: string): workqueue_struct { return workqueue(name); }

/** The unbound system workqueue (deferred probing and other work not tied to a CPU). */
export function system_unbound_wq(): workqueue_struct { return workqueue('events_unbound'); }
/** The system workqueue (schedule_work()): short items such as a keyboard's LED update. */
export function system_wq(): workqueue_struct { return workqueue('events'); }
/** The system workqueue for long-running items (serio's port and driver events: kseriod's work in Linux). */
export function system_long_wq(): workqueue_struct { return workqueue('events_long'); }

/** Queues `work` unless it is already waiting to run; returns false when it was. Callable from any context. */
export function queue_work(wq: workqueue_struct, work: work_struct): boolean {
  if (wq.worklist.includes(work)) return false;
  wq.worklist.push(work);
  if (!wq.worker_pid) wq.worker_pid = kernel_thread(worker_thread(wq), `kworker/u4:${wqState().kworkers++}-${wq.name}`);
  __wake_up(wq.more_work, TASK_NORMAL, 1);
  return true;
}

/** True while `work` waits on or runs in some workqueue. */
export function work_busy(work: work_struct): boolean {
  for (const wq of wqState().queues.values()) if (wq.current_work === work || wq.worklist.includes(work)) return true;
  return false;
}

/** Sleeps until `work` has finished its last queued run; returns true if it had to wait. */
export function* flush_work(work: work_struct): KGen<boolean> {
  const wq = [...wqState().queues.values()].find((q) => q.current_work === work || q.worklist.includes(work));
  if (!wq) return false;
  yield* wait_event(wq.work_done, () => !work_busy(work), 'flush_work');
  return true;
}

/** flush_workqueue: sleeps until every item queued on `wq` so far has run (and whatever they queued there meanwhile). */
export function* flush_workqueue(wq: workqueue_struct): KGen<void> {
  yield* wait_event(wq.work_done, () => wq.worklist.length === 0 && !wq.current_work, 'flush_workqueue');
}
