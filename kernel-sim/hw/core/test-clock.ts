// Models QEMU's qtest clock (qtest_clock_step): a standalone virtual-time event loop for model tests.
import type { QEMUTimer, VirtualClock } from './clock.ts';

interface TestTimer extends QEMUTimer {
  seq: number;
}

/**
 * A deterministic event loop: time only moves when a test calls clock_step()
 * or run_until(); due timers fire in expiry order (ties in arming order).
 */
export class TestClock implements VirtualClock {
  private now = 0;
  private seq = 0;
  private readonly pending = new Set<TestTimer>();

  now_ns(): number {
    return this.now;
  }

  timer_new_ns(cb: () => void): QEMUTimer {
    const t: TestTimer = { expire_time: -1, cb, seq: 0 };
    return t;
  }

  timer_mod(timer: QEMUTimer, expire_ns: number): void {
    const t = timer as TestTimer;
    t.expire_time = Math.max(expire_ns, this.now);
    t.seq = this.seq++;
    this.pending.add(t);
  }

  timer_del(timer: QEMUTimer): void {
    const t = timer as TestTimer;
    t.expire_time = -1;
    this.pending.delete(t);
  }

  /** Virtual ns of the next pending timer, or -1. */
  next_deadline(): number {
    let best: TestTimer | undefined;
    for (const t of this.pending) if (!best || t.expire_time < best.expire_time || (t.expire_time === best.expire_time && t.seq < best.seq)) best = t;
    return best ? best.expire_time : -1;
  }

  /** Advances virtual time to `target_ns`, firing every timer due on the way. */
  run_until(target_ns: number): void {
    for (;;) {
      let best: TestTimer | undefined;
      for (const t of this.pending) {
        if (t.expire_time > target_ns) continue;
        if (!best || t.expire_time < best.expire_time || (t.expire_time === best.expire_time && t.seq < best.seq)) best = t;
      }
      if (!best) break;
      this.pending.delete(best);
      this.now = Math.max(this.now, best.expire_time);
      best.expire_time = -1;
      best.cb();
    }
    this.now = Math.max(this.now, target_ns);
  }

  /** qtest_clock_step: advances by `ns`. */
  clock_step(ns: number): void {
    this.run_until(this.now + ns);
  }

  /** Runs until no timer is pending (bounded by `limit_ns` of virtual time). */
  run_all(limit_ns = 3600 * 1_000_000_000): void {
    for (;;) {
      const d = this.next_deadline();
      if (d < 0 || d > limit_ns) return;
      this.run_until(d);
    }
  }
}
