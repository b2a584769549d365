// Models a kthread_worker (linux/kernel/kthread.c) serving the host: one kernel thread per boot runs the workbench's requests (VFS reads, module loads) in task context, so no user process starts for them.
//
// A request may sleep like any kernel path (a sysfs store that probes, a
// module's init); the host queues it and runs the scheduler until it is done.
// The thread resolves paths from init's root, as a shell on the console would.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { ESRCH, ETIMEDOUT } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from './state.ts';
import { current, run_until, runqueue } from './sched/core.ts';
import { wait_event_interruptible, wait_queue_head, wake_up } from './sched/wait.ts';
import { kernel_clone, CLONE_FS } from './fork.ts';
import { copy_fs_struct } from '../fs/file.ts';
import { ktime_get } from './time/timekeeping.ts';

/** The thread's name in ps and /proc/PID/comm. */
export const HOST_WORKER_COMM = 'kworkbench';

export interface host_work<R> {
  fn: () => KGen<R>;
  done: boolean;
  result?: R;
}

interface HostWorkerState {
  task: task_struct | null;
  queue: host_work<unknown>[];
  wait: wait_queue_head;
}

const hostWorkerState = defineState<HostWorkerState>('host_worker', () => ({ task: null, queue: [], wait: new wait_queue_head() }));

function* host_worker_fn(): KGen<number> {
  const st = hostWorkerState();
  for (;;) {
    yield* wait_event_interruptible(st.wait, () => st.queue.length > 0, 'kthread_worker_fn');
    const work = st.queue.shift();
    if (!work) continue;
    // Paths resolve from init's root and cwd (after switch_root, the real root).
    const init = runqueue().tasks.get(1);
    if (init) current().fs = copy_fs_struct(init.fs);
    // A fault in the work is the kernel's as anywhere else: an Oops that kills this thread (the host sees `killed`).
    work.result = yield* work.fn();
    work.done = true;
  }
}

/** Starts the worker as a child of kthreadd (kthread_create_worker); null before kthreadd runs. */
function host_worker_task(): task_struct | null {
  const st = hostWorkerState();
  if (st.task && st.task.exit_state === 0) return st.task;
  const rq = runqueue();
  const kthreadd = rq.tasks.get(2);
  if (!kthreadd) return null;
  const prev = rq.curr;
  rq.curr = kthreadd;
  try {
    const pid = kernel_clone({ flags: CLONE_FS, exit_signal: 0, fn: host_worker_fn, name: HOST_WORKER_COMM });
    st.task = pid > 0 ? rq.tasks.get(pid) ?? null : null;
  } finally {
    rq.curr = prev;
  }
  return st.task;
}

/**
 * Queues `fn` on the worker and runs the machine until it finished, up to
 * `timeout_ns` of virtual time (kthread_queue_work + kthread_flush_work).
 * Returns fn's result, or an errno: ESRCH when there is no worker (early boot)
 * or an Oops killed it (`killed`), ETIMEDOUT when it did not finish in time.
 */
export function host_work_run<R>(fn: () => KGen<R>, timeout_ns: number): { ok: true; value: R } | { ok: false; errno: number; killed?: boolean } {
  const st = hostWorkerState();
  const task = host_worker_task();
  if (!task) return { ok: false, errno: ESRCH };
  const work: host_work<R> = { fn, done: false };
  st.queue.push(work as host_work<unknown>);
  wake_up(st.wait);
  const deadline = ktime_get() + timeout_ns;
  for (let stop = 'budget'; stop === 'budget';) stop = run_until(deadline, () => work.done || task.exit_state !== 0);
  if (work.done) return { ok: true, value: work.result as R };
  st.queue = st.queue.filter((w) => w !== work);
  // An Oops in the work kills the thread, as it kills a process in a system call.
  return task.exit_state !== 0 ? { ok: false, errno: ESRCH, killed: true } : { ok: false, errno: ETIMEDOUT };
}
