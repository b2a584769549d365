// Models linux/kernel/sched/cputime.c: the split of a task's CPU time into user and system time.
//
// Linux samples the mode at each tick and scales the samples to the precise runtime (cputime_adjust); here the
// code that runs in user mode says how long it computed, which is the same split without the sampling noise. Each
// turn on the CPU is charged in full by the scheduler (core.ts's run_one): the user part to utime, the rest to stime.
import { account_ns } from '../time/timekeeping.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { current, need_resched, resched_user, runqueue } from './core.ts';
import { signal_pending } from '../signal_pending.ts';
import { get_signal } from '../signal.ts';
import { do_group_exit } from '../exit.ts';

/** account_user_time(): user code of the running task computed for `ns`; the clock moves and the time is utime. */
export function account_user_ns(ns: number): void {
  account_ns(ns);
  runqueue().user_ns += ns;
}

/**
 * User code of the running task computed for `ns` without entering the kernel (a shell loop of builtins): the clock
 * moves, the time is utime, and the tick's interrupt returning to user mode (irqentry_exit_to_user_mode) does its
 * work here — a pending signal is delivered (a kill of the loop works) and the task gives up the CPU if its slice
 * ended or a timer is due.
 */
export function* user_compute(ns: number): KGen<void> {
  account_user_ns(ns);
  const t = current();
  if (signal_pending(t)) {
    const outcome = yield* get_signal();
    if (outcome.kind === 'fatal') yield* do_group_exit(outcome.sig | (outcome.core ? 0x80 : 0));
    if (outcome.kind === 'handler' && t.user) {
      const saved = t.blocked;
      t.blocked |= outcome.action.mask;
      yield* t.user.handle_signal(outcome.sig, outcome.action.handler);
      t.blocked = saved;
    }
  }
  if (need_resched()) yield* resched_user();
}
