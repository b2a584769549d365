// System sleep device callbacks (drivers/base/power/main.ts): dpm_list order with a parent and a child, a failing callback aborting and unwinding, suspend_stats/ and pm_print_times.
import { describe, it, expect } from 'vitest';
import { boot, run, dmesg } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_del } from '../../../kernel-sim/drivers/base/core.ts';
import { mkdev } from './pm-devices.ts';
import { EIO } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import * as dpm from '../../../kernel-sim/drivers/base/power/main.ts';
import { pmState } from '../../../kernel-sim/kernel/power/power.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';

function inKernel<T>(m: Machine, fn: () => KGen<T>): T {
  let out: T | undefined;
  const r = run(m, function* () { out = yield* fn(); return 0; });
  expect(r.status).toBe(0);
  return out as T;
}

type phase = 'prepare' | 'suspend' | 'suspend_late' | 'suspend_noirq' | 'resume_noirq' | 'resume_early' | 'resume';
const phases: phase[] = ['prepare', 'suspend', 'suspend_late', 'suspend_noirq', 'resume_noirq', 'resume_early', 'resume'];

const mine = (log: string[]): string[] => log.filter((l) => / dpm-/.test(l));

function* full_cycle(): KGen<number> {
  let error = yield* dpm.dpm_suspend_start();
  if (!error) {
    error = yield* dpm.dpm_suspend_late();
    if (!error) {
      error = yield* dpm.dpm_suspend_noirq();
      if (!error) yield* dpm.dpm_resume_noirq();
      yield* dpm.dpm_resume_early();
    }
  }
  yield* dpm.dpm_resume_end();
  return error;
}

describe('system sleep callbacks in dpm_list order', () => {
  const m = boot();
  const log: string[] = [];
  const parent = mkdev(m, 'dpmtest', 'dpm-parent', log, null, phases);
  const child = mkdev(m, 'dpmtest', 'dpm-child', log, parent.dev, phases);

  it('suspends the child before the parent in every phase and resumes the parent first; complete runs in reverse', () => {
    expect(inKernel(m, full_cycle)).toBe(0);
    expect(mine(log)).toEqual([
      'prepare dpm-parent', 'prepare dpm-child',
      'suspend dpm-child', 'suspend dpm-parent',
      'suspend_late dpm-child', 'suspend_late dpm-parent',
      'suspend_noirq dpm-child', 'suspend_noirq dpm-parent',
      'resume_noirq dpm-parent', 'resume_noirq dpm-child',
      'resume_early dpm-parent', 'resume_early dpm-child',
      'resume dpm-parent', 'resume dpm-child',
      'complete dpm-child', 'complete dpm-parent',
    ]);
    // Runtime PM is back as it was: disabled once (never enabled), usage count returned.
    expect([child.dev.power.disable_depth, child.dev.power.usage_count]).toEqual([1, 0]);
  });

  it('a failing suspend_late aborts: the devices late-suspended so far resume early, the suspended ones resume; suspend_stats records it', () => {
    log.length = 0;
    parent.fail.suspend_late = -EIO;
    m.inspect(() => { pmState().pm_print_times_enabled = true; });
    expect(inKernel(m, full_cycle)).toBe(-EIO);
    expect(mine(log)).toEqual([
      'prepare dpm-parent', 'prepare dpm-child',
      'suspend dpm-child', 'suspend dpm-parent',
      'suspend_late dpm-child', 'suspend_late dpm-parent',
      'resume_early dpm-child',
      'resume dpm-parent', 'resume dpm-child',
      'complete dpm-child', 'complete dpm-parent',
    ]);
    expect(dmesg(m)).toContain('dpmtest dpm-parent: PM: failed to suspend late: error -5');
    expect(dmesg(m).some((l) => /^dpmtest dpm-child: PM: calling suspend_late\+0x0\/0x0 @ \d+, parent: dpm-parent$/.test(l))).toBe(true);
    expect(dmesg(m).some((l) => /^dpmtest dpm-parent: PM: suspend_late\+0x0\/0x0 returned -5 after \d+ usecs$/.test(l))).toBe(true);
    // Linux names no late step, and only pm_suspend() records an errno (the phases were called directly here).
    expect(m.runCommand('cd /sys/power/suspend_stats && grep . failed_suspend_late last_failed_dev last_failed_errno; cat last_failed_step').output)
      .toBe('failed_suspend_late:1\nlast_failed_dev:dpm-parent\nlast_failed_errno:0\n\n');
    expect([parent.dev.power.is_suspended, parent.dev.power.is_late_suspended, parent.dev.power.is_prepared]).toEqual([false, false, false]);
    inKernel(m, function* () { yield* device_del(child.dev); yield* device_del(parent.dev); return 0; });
  });
});

describe('echo mem > /sys/power/state', () => {
  const m = boot();
  const log: string[] = [];
  const parent = mkdev(m, 'dpmtest', 'dpm-parent', log, null, phases);
  mkdev(m, 'dpmtest', 'dpm-child', log, parent.dev, phases);
  const pm_lines = (from: number): string[] => dmesg(m).slice(from).filter((l) => /^(PM|ACPI|Filesystems)/.test(l));

  it('suspends to deep and back with Linux\'s lines, the devices\' callbacks in dpm order between them', () => {
    const from = dmesg(m).length;
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('0\n');
    expect(pm_lines(from)).toEqual([
      'PM: suspend entry (deep)',
      'Filesystems sync: 0.000 seconds',
      'ACPI: PM: Preparing to enter system sleep state S3',
      'ACPI: PM: Low-level resume complete',
      'ACPI: PM: Waking up from system sleep state S3',
      'PM: suspend exit',
    ]);
    expect(mine(log).slice(0, 8)).toEqual([
      'prepare dpm-parent', 'prepare dpm-child', 'suspend dpm-child', 'suspend dpm-parent',
      'suspend_late dpm-child', 'suspend_late dpm-parent', 'suspend_noirq dpm-child', 'suspend_noirq dpm-parent',
    ]);
    expect(m.runCommand('cat /sys/power/suspend_stats/success').output).toBe('1\n');
  });

  it('pm_test=devices stops after the devices suspended, waits 5 virtual seconds, and resumes', () => {
    log.length = 0;
    const from = dmesg(m).length;
    m.runCommand('echo devices > /sys/power/pm_test');
    const t0 = m.inspect(() => ktime_get());
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('0\n');
    expect(m.inspect(() => ktime_get()) - t0).toBeGreaterThanOrEqual(5_000_000_000);
    expect(pm_lines(from)).toEqual(['PM: suspend entry (deep)', 'Filesystems sync: 0.000 seconds', 'PM: suspend debug: Waiting for 5 second(s).', 'PM: suspend exit']);
    expect(mine(log)).toEqual(['prepare dpm-parent', 'prepare dpm-child', 'suspend dpm-child', 'suspend dpm-parent', 'resume dpm-parent', 'resume dpm-child', 'complete dpm-child', 'complete dpm-parent']);
    m.runCommand('echo none > /sys/power/pm_test');
  });

  it('a failing suspend callback aborts the transition with Linux\'s messages; state returns the error', () => {
    log.length = 0;
    parent.fail.suspend = -EIO;
    const from = dmesg(m).length;
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('1\n');
    expect(dmesg(m).slice(from)).toContain('dpmtest dpm-parent: PM: failed to suspend: error -5');
    expect(pm_lines(from)).toEqual(['PM: suspend entry (deep)', 'Filesystems sync: 0.000 seconds', 'PM: Some devices failed to suspend, or early wake event detected', 'PM: suspend exit']);
    expect(mine(log)).toEqual(['prepare dpm-parent', 'prepare dpm-child', 'suspend dpm-child', 'suspend dpm-parent', 'resume dpm-child', 'complete dpm-child', 'complete dpm-parent']);
    expect(m.runCommand('cd /sys/power/suspend_stats && grep . fail failed_suspend last_failed_dev last_failed_step').output)
      .toBe('fail:1\nfailed_suspend:1\nlast_failed_dev:dpm-parent\nlast_failed_step:suspend\n');
    parent.fail.suspend = 0;
  });
});
