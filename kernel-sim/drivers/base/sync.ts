// Drives a driver-core generator from a context that cannot sleep (initcalls of built-in TS drivers, host-side hotplug, tests).
//
// Probe paths are generators because a probe may sleep. Built-in drivers written
// in TypeScript do not; running them here is the synchronous path Linux takes
// when nothing blocks. A real sleep here is a bug, reported as the kernel would.
import type { KGen } from '../../include/linux/sched.ts';
import { TASK_RUNNING } from '../../include/linux/sched.ts';
import { current } from '../../kernel/sched/core.ts';

export class SleepInAtomicDriverCore extends Error {
  constructor(where: string) { super(`BUG: sleeping function called from invalid context in ${where}`); }
}

export function run_sync<R>(g: KGen<R>, where = 'driver core'): R {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    // A yield with TASK_RUNNING is cond_resched(): carry on. Anything else wanted to sleep.
    if (current().__state !== TASK_RUNNING) { current().__state = TASK_RUNNING; throw new SleepInAtomicDriverCore(where); }
  }
}
