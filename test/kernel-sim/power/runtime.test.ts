// The runtime PM state machine of drivers/base/power/runtime.ts: usage counts, autosuspend in virtual time, parent and child, errors from runtime_suspend.
import { describe, it, expect } from 'vitest';
import { boot, run, dmesg } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_alloc, device_initialize, dev_set_name, device_add, device_del } from '../../../kernel-sim/drivers/base/core.ts';
import type { device, device_driver } from '../../../kernel-sim/drivers/base/base.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { EBUSY, EINVAL, EIO } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import * as rpm from '../../../kernel-sim/drivers/base/power/runtime.ts';

const MS = 1_000_000;

/** Runs `fn` in a task of the guest and returns what it returned. */
function inKernel<T>(m: Machine, fn: () => KGen<T>): T {
  let out: T | undefined;
  const r = run(m, function* () { out = yield* fn(); return 0; });
  expect(r.status).toBe(0);
  return out as T;
}

/** A device with a driver whose runtime callbacks log themselves (and fail with `fail` while it is set). */
function mkdev(m: Machine, name: string, log: string[], parent: device | null = null): { dev: device; fail: { err: number } } {
  const fail = { err: 0 };
  const drv: device_driver = {
    name: 'rpmtest',
    pm: {
      runtime_suspend: (d) => { log.push(`suspend ${d.kobj.name}`); return fail.err; },
      runtime_resume: (d) => { log.push(`resume ${d.kobj.name}`); return 0; },
    },
  };
  const dev = m.inspect(() => {
    const d = device_alloc();
    device_initialize(d);
    dev_set_name(d, name);
    d.parent = parent;
    d.driver = drv;
    rpm.pm_runtime_set_active(d);
    rpm.pm_runtime_enable(d);
    return d;
  });
  return { dev, fail };
}

const status = (m: Machine, d: device): string => m.inspect(() => d.power.runtime_status);

describe('runtime PM state machine', () => {
  const m = boot();

  it('counts usage: get_sync holds the device active, the last put suspends it through pm_wq, an extra put warns of underflow', () => {
    const log: string[] = [];
    const { dev } = mkdev(m, 'rpm-a', log);
    expect(inKernel(m, () => rpm.pm_runtime_get_sync(dev))).toBe(1); // already active
    expect(inKernel(m, () => rpm.pm_runtime_get_sync(dev))).toBe(1);
    expect(dev.power.usage_count).toBe(2);
    m.inspect(() => rpm.pm_runtime_put(dev));
    m.runFor(10 * MS);
    expect(status(m, dev)).toBe('RPM_ACTIVE');
    expect(log).toEqual([]);
    m.inspect(() => rpm.pm_runtime_put(dev));
    m.runFor(10 * MS);
    expect(status(m, dev)).toBe('RPM_SUSPENDED');
    expect(log).toEqual(['suspend rpm-a']);
    expect(m.inspect(() => rpm.pm_runtime_put(dev))).toBe(-EINVAL);
    expect(dmesg(m)).toContain('rpmtest rpm-a: Runtime PM usage count underflow!');
    expect(inKernel(m, () => rpm.pm_runtime_resume_and_get(dev))).toBe(0);
    expect(log).toEqual(['suspend rpm-a', 'resume rpm-a']);
    expect(dev.power.usage_count).toBe(1);
  });

  it('autosuspends autosuspend_delay after last_busy, in virtual time; mark_last_busy pushes the expiry on', () => {
    const log: string[] = [];
    const { dev } = mkdev(m, 'rpm-b', log);
    // As a probe does it: the device held while autosuspend is set up (set_autosuspend_delay idles it otherwise).
    inKernel(m, function* () {
      yield* rpm.pm_runtime_get_sync(dev);
      yield* rpm.pm_runtime_set_autosuspend_delay(dev, 100);
      yield* rpm.pm_runtime_use_autosuspend(dev);
      return 0;
    });
    const t0 = m.inspect(() => { rpm.pm_runtime_mark_last_busy(dev); rpm.pm_runtime_put_autosuspend(dev); return ktime_get(); });
    expect(dev.power.timer_expires).toBe(t0 + 100 * MS);
    m.runFor(60 * MS);
    expect(status(m, dev)).toBe('RPM_ACTIVE');
    // Busy again: the expiry moves to 100 ms after now; the old timer fires early and re-arms.
    const t1 = m.inspect(() => { rpm.pm_runtime_mark_last_busy(dev); return ktime_get(); });
    m.runFor(t0 + 100 * MS - m.inspect(() => ktime_get()) + 5 * MS);
    expect(status(m, dev)).toBe('RPM_ACTIVE');
    m.runFor(t1 + 110 * MS - m.inspect(() => ktime_get()));
    expect(status(m, dev)).toBe('RPM_SUSPENDED');
    expect(log).toEqual(['suspend rpm-b']);
  });

  it('a parent with an active child cannot suspend; it suspends after the child and resumes before it', () => {
    const log: string[] = [];
    const { dev: parent } = mkdev(m, 'rpm-parent', log);
    const { dev: child } = mkdev(m, 'rpm-child', log, parent);
    expect(parent.power.child_count).toBe(1);
    expect(inKernel(m, () => rpm.pm_runtime_suspend(parent))).toBe(-EBUSY);
    expect(inKernel(m, () => rpm.pm_runtime_suspend(child))).toBe(0);
    m.runFor(10 * MS); // the child's suspend queued an idle request for the parent
    expect([status(m, child), status(m, parent)]).toEqual(['RPM_SUSPENDED', 'RPM_SUSPENDED']);
    expect(inKernel(m, () => rpm.pm_runtime_get_sync(child))).toBe(0);
    expect(log).toEqual(['suspend rpm-child', 'suspend rpm-parent', 'resume rpm-parent', 'resume rpm-child']);
    expect(parent.power.child_count).toBe(1);
    expect(parent.power.usage_count).toBe(0); // rpm_resume's hold on the parent was dropped
  });

  it('an error from runtime_suspend leaves the device active; -EIO sticks in runtime_error, -EBUSY does not', () => {
    const log: string[] = [];
    const { dev, fail } = mkdev(m, 'rpm-c', log);
    fail.err = -EBUSY;
    expect(inKernel(m, () => rpm.pm_runtime_suspend(dev))).toBe(-EBUSY);
    expect([status(m, dev), dev.power.runtime_error]).toEqual(['RPM_ACTIVE', 0]);
    fail.err = -EIO;
    expect(inKernel(m, () => rpm.pm_runtime_suspend(dev))).toBe(-EIO);
    expect([status(m, dev), dev.power.runtime_error]).toEqual(['RPM_ACTIVE', -EIO]);
    // Until the error is cleared (set_active while disabled) nothing runs.
    expect(inKernel(m, () => rpm.pm_runtime_resume(dev))).toBe(-EINVAL);
    fail.err = 0;
    inKernel(m, function* () { yield* rpm.pm_runtime_disable(dev); return 0; });
    m.inspect(() => { rpm.pm_runtime_set_active(dev); rpm.pm_runtime_enable(dev); });
    expect(inKernel(m, () => rpm.pm_runtime_suspend(dev))).toBe(0);
    expect(log).toEqual(['suspend rpm-c', 'suspend rpm-c', 'suspend rpm-c']);
  });
});

describe('runtime PM and device_del', () => {
  const m = boot();

  it('removing an active child lets its parent suspend: device_del marks it suspended and drops the parent\'s active child', () => {
    const log: string[] = [];
    const { dev: parent } = mkdev(m, 'rpm-p2', log);
    const { dev: child } = mkdev(m, 'rpm-c2', log, parent);
    expect(inKernel(m, function* () { return (yield* device_add(parent)) || (yield* device_add(child)); })).toBe(0);
    expect(dmesg(m).join('\n')).not.toMatch(/Call Trace/);
    expect(parent.power.child_count).toBe(1);
    inKernel(m, function* () { yield* device_del(child); return 0; });
    expect([child.power.runtime_status, child.power.disable_depth, parent.power.child_count]).toEqual(['RPM_SUSPENDED', 1, 0]);
    m.runFor(10 * MS); // set_suspended asked the parent to idle
    expect(status(m, parent)).toBe('RPM_SUSPENDED');
    expect(log).toEqual(['suspend rpm-p2']);
  });
});
