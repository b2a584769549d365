// Models linux/mm/filemap.c's page lock: folio_unlock (the IO that held the page is over) and folio_wait_locked (sleep until it is).
import type { KGen } from '../include/linux/sched.ts';
import { defineState } from '../kernel/state.ts';
import { wait_event, wake_up, wait_queue_head } from '../kernel/sched/wait.ts';
import { PG_locked, type page } from '../include/linux/pagemap.ts';

/** One queue for every page lock (Linux hashes pages onto a table of queues; waiters recheck their own page). */
const lockState = defineState('folio_lock', () => ({ wq: new wait_queue_head('folio_wait_bit') }));

/** folio_unlock: clears PG_locked and wakes whoever waits for the page (any context, never sleeps). */
export function folio_unlock(p: page): void {
  if (!(p.flags & PG_locked)) return;
  p.flags &= ~PG_locked;
  wake_up(lockState().wq);
}

/** folio_wait_locked: sleeps (in D state, as folio_wait_bit) until the page's read IO has ended. */
export function* folio_wait_locked(p: page): KGen<void> {
  if (p.flags & PG_locked) yield* wait_event(lockState().wq, () => !(p.flags & PG_locked), 'folio_wait_bit_common');
}
