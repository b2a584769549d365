// Models QEMU include/qemu/timer.h: virtual-clock timers that device models schedule work on.

/** A one-shot timer on a virtual clock (QEMU's QEMUTimer). */
export interface QEMUTimer {
  /** Absolute expiry in virtual ns, or -1 when not pending. */
  expire_time: number;
  readonly cb: () => void;
}

/**
 * The clock a machine gives its device models: virtual nanoseconds, never the
 * wall clock. The kernel adapts its event queue to this; tests use TestClock.
 */
export interface VirtualClock {
  now_ns(): number;
  timer_new_ns(cb: () => void): QEMUTimer;
  /** Arms (or re-arms) the timer to fire when now_ns() reaches expire_ns. */
  timer_mod(timer: QEMUTimer, expire_ns: number): void;
  /** Disarms the timer; a no-op when it is not pending. */
  timer_del(timer: QEMUTimer): void;
}

export function timer_mod(clock: VirtualClock, timer: QEMUTimer, expire_ns: number): void {
  clock.timer_mod(timer, expire_ns);
}

export function timer_del(clock: VirtualClock, timer: QEMUTimer): void {
  clock.timer_del(timer);
}

export function timer_pending(timer: QEMUTimer): boolean {
  return timer.expire_time >= 0;
}

export const NANOSECONDS_PER_SECOND = 1_000_000_000;
export const SCALE_MS = 1_000_000;
export const SCALE_US = 1_000;
