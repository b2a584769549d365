// Models linux/kernel/locking/mutex.c for the kernel's own locks (struct device's mutex and the like): a sleeping lock with an owner, waiters woken one at a time, first come first served.
import { TASK_NORMAL, TASK_UNINTERRUPTIBLE, type KGen, type task_struct } from '../../include/linux/sched.ts';
import { current, schedule } from '../sched/core.ts';
import { __wake_up, finish_wait, init_wait, prepare_to_wait_exclusive, wait_queue_head } from '../sched/wait.ts';
import { pr_warn } from '../printk/printk.ts';

export class mutex {
  owner: task_struct | null = null;
  readonly wait_list: wait_queue_head;
  constructor(readonly name: string) { this.wait_list = new wait_queue_head(name); }
}

export function mutex_init(name: string): mutex { return new mutex(name); }

export function mutex_is_locked(lock: mutex): boolean { return lock.owner !== null; }

/** Takes the lock if it is free; never sleeps. */
export function mutex_trylock(lock: mutex): boolean {
  if (lock.owner) return false;
  lock.owner = current();
  return true;
}

/** Takes the lock, sleeping (uninterruptibly) while another task holds it. */
export function* mutex_lock(lock: mutex): KGen<void> {
  if (mutex_trylock(lock)) return;
  const t = current();
  // Taking a lock its task already holds never ends, on Linux as here; lockdep says so first.
  if (lock.owner === t) pr_warn(`WARNING: possible recursive locking detected: ${t.comm}/${t.pid} is trying to acquire lock (${lock.name}) it already holds`);
  const wait = init_wait(t);
  while (lock.owner !== null) {
    prepare_to_wait_exclusive(lock.wait_list, wait, TASK_UNINTERRUPTIBLE);
    yield* schedule();
  }
  finish_wait(lock.wait_list, wait);
  lock.owner = t;
}

/** Releases the lock and wakes the first waiter, which takes it when it runs. */
export function mutex_unlock(lock: mutex): void {
  lock.owner = null;
  __wake_up(lock.wait_list, TASK_NORMAL, 1);
}
