// Host pacing with a guest that computes flat out: each step asks for a bounded slice of virtual time, so a late host timer cannot start a debt that never ends (the workbench froze after `yes > /dev/null &`).
import { describe, it, expect } from 'vitest';
import { boot } from '../core/harness.ts';
import { ktime_get, NSEC_PER_SEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { PACE_MAX_STEP_MS, pace_step_ns } from '../../../kernel-sim/host/pacing.ts';

describe('pacing virtual time to the host clock', () => {
  it('a step asks for at most PACE_MAX_STEP_MS, whatever the host says elapsed', () => {
    expect(pace_step_ns(10)).toBe(10e6);
    expect(pace_step_ns(-5)).toBe(0);
    expect(pace_step_ns(10_000)).toBe(PACE_MAX_STEP_MS * 1e6);
  });

  it('with `yes` running, steps whose host time came late (10 s each) still end, and the shell answers after them', () => {
    const m = boot();
    expect(m.runCommand('yes > /dev/null & echo started').output).toBe('started\n');
    const now = (): number => m.inspect(() => ktime_get());
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      m.runFor(pace_step_ns(10_000));
      // At most the step and the rest of the busy task's slice past it (sched_latency, 12 ms on 2 CPUs, and a 4 ms tick), not the 10 s asked.
      expect(now() - t0).toBeLessThanOrEqual((PACE_MAX_STEP_MS + 16) * 1e6);
      expect(now() - t0).toBeGreaterThan(0);
    }
    expect(m.runCommand('echo back', { timeoutNs: 10 * NSEC_PER_SEC }).output).toBe('back\n');
  });
});
