// Models the signal_pending() helpers of linux/include/linux/sched/signal.h.
import type { task_struct } from '../include/linux/sched.ts';

export const SIGKILL_BIT = 1n << 8n; // bit (SIGKILL-1)

export function signal_pending(t: task_struct): boolean {
  // Nothing pending is the common case: decide it without BigInt arithmetic.
  if (t.pending.signal === 0n && t.signal.shared_pending.signal === 0n) return false;
  return ((t.pending.signal | t.signal.shared_pending.signal) & ~t.blocked) !== 0n
    || ((t.pending.signal | t.signal.shared_pending.signal) & SIGKILL_BIT) !== 0n;
}

export function fatal_signal_pending(t: task_struct): boolean {
  return ((t.pending.signal | t.signal.shared_pending.signal) & SIGKILL_BIT) !== 0n;
}
