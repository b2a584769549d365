// Adapts the kernel's timer queue (kernel/time) to the VirtualClock that hardware models schedule their work on.
import type { QEMUTimer, VirtualClock } from '../hw/core/clock.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, type hrtimer } from '../kernel/time/timekeeping.ts';

interface KernelTimer extends QEMUTimer { hr: hrtimer }

export function kernel_virtual_clock(): VirtualClock {
  return {
    now_ns: () => ktime_get(),
    timer_new_ns: (cb) => {
      const t: KernelTimer = { expire_time: -1, cb, hr: null as unknown as hrtimer };
      t.hr = hrtimer_create('hw', () => { t.expire_time = -1; cb(); });
      return t;
    },
    timer_mod: (timer, expire_ns) => {
      const t = timer as KernelTimer;
      t.expire_time = expire_ns;
      hrtimer_start(t.hr, expire_ns);
    },
    timer_del: (timer) => {
      const t = timer as KernelTimer;
      t.expire_time = -1;
      hrtimer_cancel(t.hr);
    },
  };
}
