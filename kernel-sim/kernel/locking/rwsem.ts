// Models linux/kernel/locking/rwsem.c: read-write semaphores — readers share, a writer excludes everyone, waiters queue in order.
//
// Policy as 6.1's: a reader takes the lock at once only while no writer holds it and nobody waits (a waiting writer
// stops new readers, so writers are not starved); a writer only when it is free and nobody waits. The last reader's
// up_read or a writer's up_write hands the lock on as rwsem_mark_wake does: to the first waiter if it is a writer,
// else to every reader in the queue (writers keep their places). The waker grants the lock before the waiter runs
// (6.1's handoff), so nobody can slip in between. A killable (or interruptible) sleeper that a signal wakes leaves
// the queue with -EINTR, and if it was what held the others back, they are granted the lock (rwsem_del_wake_waiter).
import { TASK_INTERRUPTIBLE, TASK_KILLABLE, TASK_RUNNING, TASK_UNINTERRUPTIBLE, type KGen, type task_struct } from '../../include/linux/sched.ts';
import { EINTR } from '../../include/uapi/asm-generic/errno.ts';
import { current, schedule, set_current_state, wake_up_process } from '../sched/core.ts';
import { fatal_signal_pending, signal_pending } from '../signal_pending.ts';

type rwsem_waiter_type = 'read' | 'write';

export interface rwsem_waiter {
  task: task_struct;
  type: rwsem_waiter_type;
  /** Set by the waker when it hands the lock to this waiter. */
  granted: boolean;
}

/** RWSEM_WRITER_LOCKED, RWSEM_FLAG_WAITERS and RWSEM_READER_BIAS: sem->count as 6.1 packs it. */
export const RWSEM_WRITER_LOCKED = 1 << 0;
export const RWSEM_FLAG_WAITERS = 1 << 1;
export const RWSEM_READER_SHIFT = 8;
/** MAX_READERS_WAKEUP: how many queued readers one wakeup grants at most. */
const MAX_READERS_WAKEUP = 0x100;

export class rw_semaphore {
  /** Tasks holding it for reading (a task may hold it more than once). */
  readers = 0;
  /** The writer holding it, if any. */
  writer: task_struct | null = null;
  readonly wait_list: rwsem_waiter[] = [];
  /** Called whenever the state changes, so a C struct's count follows it (rwsem_is_locked reads it). */
  onchange: ((count: number) => void) | null = null;
  constructor(readonly name: string) {}

  get count(): number {
    return (this.readers << RWSEM_READER_SHIFT) | (this.writer ? RWSEM_WRITER_LOCKED : 0) | (this.wait_list.length ? RWSEM_FLAG_WAITERS : 0);
  }
}

function changed(sem: rw_semaphore): void { sem.onchange?.(sem.count); }

export function init_rwsem(name: string): rw_semaphore { return new rw_semaphore(name); }

export function rwsem_is_locked(sem: rw_semaphore): boolean { return sem.readers > 0 || sem.writer !== null; }
export function rwsem_is_contended(sem: rw_semaphore): boolean { return sem.wait_list.length > 0; }

export function down_read_trylock(sem: rw_semaphore): boolean {
  if (sem.writer || sem.wait_list.length) return false;
  sem.readers++;
  changed(sem);
  return true;
}

export function down_write_trylock(sem: rw_semaphore): boolean {
  if (sem.writer || sem.readers || sem.wait_list.length) return false;
  sem.writer = current();
  changed(sem);
  return true;
}

/** rwsem_mark_wake: grants the lock to the head of the queue — its writer, or all queued readers. */
function rwsem_mark_wake(sem: rw_semaphore): void {
  const first = sem.wait_list[0];
  if (!first || sem.writer) return;
  if (first.type === 'write') {
    if (sem.readers) return;
    sem.wait_list.shift();
    sem.writer = first.task;
    first.granted = true;
    wake_up_process(first.task);
    return;
  }
  let woken = 0;
  for (let i = 0; i < sem.wait_list.length && woken < MAX_READERS_WAKEUP;) {
    const w = sem.wait_list[i]!;
    if (w.type !== 'read') { i++; continue; }
    sem.wait_list.splice(i, 1);
    sem.readers++;
    w.granted = true;
    woken++;
    wake_up_process(w.task);
  }
}

/** The slow path of every down_*: queue, sleep in `state` until granted; -EINTR when a signal `state` admits comes first. */
function* rwsem_down_slowpath(sem: rw_semaphore, type: rwsem_waiter_type, state: number): KGen<number> {
  const t = current();
  const waiter: rwsem_waiter = { task: t, type, granted: false };
  sem.wait_list.push(waiter);
  changed(sem);
  for (;;) {
    set_current_state(state);
    if (waiter.granted) break;
    if ((state === TASK_INTERRUPTIBLE && signal_pending(t)) || (state === TASK_KILLABLE && fatal_signal_pending(t))) {
      // rwsem_del_wake_waiter: out of the queue; whoever it held back may go now.
      sem.wait_list.splice(sem.wait_list.indexOf(waiter), 1);
      rwsem_mark_wake(sem);
      changed(sem);
      set_current_state(TASK_RUNNING);
      return -EINTR;
    }
    yield* schedule();
  }
  set_current_state(TASK_RUNNING);
  changed(sem);
  return 0;
}

function* down_read_common(sem: rw_semaphore, state: number): KGen<number> {
  if (down_read_trylock(sem)) return 0;
  return yield* rwsem_down_slowpath(sem, 'read', state);
}

function* down_write_common(sem: rw_semaphore, state: number): KGen<number> {
  if (down_write_trylock(sem)) return 0;
  return yield* rwsem_down_slowpath(sem, 'write', state);
}

export function* down_read(sem: rw_semaphore): KGen<void> { yield* down_read_common(sem, TASK_UNINTERRUPTIBLE); }
export function* down_read_interruptible(sem: rw_semaphore): KGen<number> { return yield* down_read_common(sem, TASK_INTERRUPTIBLE); }
export function* down_read_killable(sem: rw_semaphore): KGen<number> { return yield* down_read_common(sem, TASK_KILLABLE); }
export function* down_write(sem: rw_semaphore): KGen<void> { yield* down_write_common(sem, TASK_UNINTERRUPTIBLE); }
export function* down_write_killable(sem: rw_semaphore): KGen<number> { return yield* down_write_common(sem, TASK_KILLABLE); }

/** Releases a read hold; false when none was held (the caller warns, as DEBUG_RWSEMS does). */
export function up_read(sem: rw_semaphore): boolean {
  if (sem.readers === 0) return false;
  sem.readers--;
  if (sem.readers === 0) rwsem_mark_wake(sem);
  changed(sem);
  return true;
}

/** Releases the write hold; false when the caller does not hold it. */
export function up_write(sem: rw_semaphore): boolean {
  if (sem.writer !== current()) return false;
  sem.writer = null;
  rwsem_mark_wake(sem);
  changed(sem);
  return true;
}

/** downgrade_write: the writer keeps the lock as a reader, and the readers queued at the head join it. */
export function downgrade_write(sem: rw_semaphore): boolean {
  if (sem.writer !== current()) return false;
  sem.writer = null;
  sem.readers++;
  if (sem.wait_list[0]?.type === 'read') rwsem_mark_wake(sem);
  changed(sem);
  return true;
}
