// /sys/kernel/debug/suspend_stats (kernel/power/debugfs.ts) with its rings of the last two failures, and /sys/kernel/debug/wakeup_sources (drivers/base/power/wakeup_debugfs.ts) with Linux's columns, newest source first and the deleted line.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_alloc, device_initialize, dev_set_name, device_add } from '../../../kernel-sim/drivers/base/core.ts';
import type { dev_pm_ops } from '../../../kernel-sim/drivers/base/power/pm.ts';
import { EBUSY, EIO } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { __pm_relax, __pm_stay_awake, wakeup_source_register, wakeup_source_unregister, type wakeup_source } from '../../../kernel-sim/drivers/base/power/wakeup_source.ts';

/** A registered device whose sleep callback `fail.at` returns `fail.error`. */
function failing_device(m: Machine, name: string): { at: keyof dev_pm_ops; error: number } {
  const fail = { at: 'suspend' as keyof dev_pm_ops, error: 0 };
  const pm: dev_pm_ops = {
    suspend: () => (fail.at === 'suspend' ? fail.error : 0),
    suspend_late: () => (fail.at === 'suspend_late' ? fail.error : 0),
  };
  const dev = m.inspect(() => { const d = device_alloc(); device_initialize(d); dev_set_name(d, name); return d; });
  expect(run(m, function* (): KGen<number> { return yield* device_add(dev); }).status).toBe(0);
  dev.driver = { name: 'dbgtest', pm };
  return fail;
}

describe('debugfs suspend_stats and wakeup_sources', () => {
  const m = boot();
  m.runCommand('mount -t debugfs none /sys/kernel/debug');

  it('suspend_stats starts with zero counts and empty failure rings, laid out as suspend_stats_show()', () => {
    expect(m.runCommand('cat /sys/kernel/debug/suspend_stats').output).toBe([
      'success: 0', 'fail: 0', 'failed_freeze: 0', 'failed_prepare: 0', 'failed_suspend: 0', 'failed_suspend_late: 0',
      'failed_suspend_noirq: 0', 'failed_resume: 0', 'failed_resume_early: 0', 'failed_resume_noirq: 0',
      'failures:', '  last_failed_dev:\t', '\t\t\t', '  last_failed_errno:\t0', '\t\t\t0', '  last_failed_step:\t', '\t\t\t', '',
    ].join('\n'));
  });

  it('two failed suspends: the rings show the newest failure first, the late step unnamed as in suspend_step_name()', () => {
    const fail = failing_device(m, 'dbg-dev');
    fail.error = -EIO;
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('1\n');
    fail.at = 'suspend_late';
    fail.error = -EBUSY;
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('1\n');
    fail.error = 0;
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('0\n');
    const out = m.runCommand('cat /sys/kernel/debug/suspend_stats').output;
    expect(out).toContain('success: 1\nfail: 2\nfailed_freeze: 0\nfailed_prepare: 0\nfailed_suspend: 1\nfailed_suspend_late: 1\n');
    expect(out.slice(out.indexOf('failures:'))).toBe('failures:\n  last_failed_dev:\tdbg-dev\n\t\t\tdbg-dev\n  last_failed_errno:\t-16\n\t\t\t-5\n  last_failed_step:\t\n\t\t\tsuspend\n');
    expect(m.runCommand('cd /sys/power/suspend_stats && cat last_failed_errno last_failed_dev').output).toBe('-16\ndbg-dev\n');
  });

  it('wakeup_sources lists every source newest first with its counts and times in ms, then deleted_ws with what unregistered sources counted', () => {
    const ws = m.inspect(() => wakeup_source_register(null, 'dbg-ws'));
    m.inspect(() => __pm_stay_awake(ws));
    m.runCommand('sleep 0.25');
    m.inspect(() => __pm_relax(ws));
    const lines = m.runCommand('cat /sys/kernel/debug/wakeup_sources').output.split('\n');
    expect(lines[0]).toBe('name\t\tactive_count\tevent_count\twakeup_count\texpire_count\tactive_since\ttotal_time\tmax_time\tlast_change\tprevent_suspend_time');
    expect(lines[1]).toMatch(/^dbg-ws      \t1\t\t1\t\t0\t\t0\t\t0\t\t25\d\t\t25\d\t\t\d+\t\t0$/);
    expect(lines.slice(2).map((l) => l.split('\t')[0]!.trim())).toEqual(['rtc0', 'deleted', '']);
    m.inspect(() => wakeup_source_unregister(ws as wakeup_source));
    const after = m.runCommand('cat /sys/kernel/debug/wakeup_sources').output.split('\n');
    expect(after.some((l) => l.startsWith('dbg-ws'))).toBe(false);
    expect(after.at(-2)).toMatch(/^deleted     \t1\t\t1\t\t0\t\t0\t\t0\t\t25\d\t\t25\d\t\t0\t\t0$/);
  });
});
