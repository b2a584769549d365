// System sleep end to end (kernel/power/suspend.ts, process.ts, drivers/acpi/sleep.ts, drivers/rtc/rtc-cmos.ts): the freezer and its report of a task that refuses, rtcwake's alarm waking S3 and s2idle in virtual time, wakeup sources in /sys/class/wakeup and the wakeup_count handshake.
import { describe, it, expect } from 'vitest';
import { boot, dmesg, install } from '../core/harness.ts';
import { set_current_state, schedule_timeout } from '../../../kernel-sim/kernel/sched/core.ts';
import { TASK_UNINTERRUPTIBLE } from '../../../kernel-sim/include/linux/sched.ts';
import { NSEC_PER_SEC, ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { __pm_relax, __pm_stay_awake, wakeupState } from '../../../kernel-sim/drivers/base/power/wakeup_source.ts';

const uptime = (out: string): number => Number(out.split(' ')[0]);

describe('echo mem > /sys/power/state with the freezer', () => {
  const m = boot();

  it('freezes user space then the freezable kernel threads, takes the CPUs down for S3 and restarts the tasks', () => {
    const from = dmesg(m).length;
    expect(m.runCommand('sleep 100 & echo mem > /sys/power/state; echo $?; kill $!').output).toBe('0\n');
    expect(dmesg(m).slice(from)).toEqual([
      'PM: suspend entry (deep)',
      'Filesystems sync: 0.000 seconds',
      'Freezing user space processes',
      'Freezing user space processes completed (elapsed 0.000 seconds)',
      'OOM killer disabled.',
      'Freezing remaining freezable tasks',
      'Freezing remaining freezable tasks completed (elapsed 0.000 seconds)',
      'printk: Suspending console(s) (use no_console_suspend to debug)',
      'ACPI: PM: Preparing to enter system sleep state S3',
      'Disabling non-boot CPUs ...',
      'smpboot: CPU 1 is now offline',
      'ACPI: PM: Low-level resume complete',
      'Enabling non-boot CPUs ...',
      'smpboot: Booting Node 0 Processor 1 APIC 0x1',
      'CPU1 is up',
      'ACPI: PM: Waking up from system sleep state S3',
      'OOM killer enabled.',
      'Restarting tasks ... done.',
      'PM: suspend exit',
    ]);
  });

  it('pm_test=freezer stops after freezing, waits 5 s and thaws', () => {
    const from = dmesg(m).length;
    expect(m.runCommand('echo freezer > /sys/power/pm_test; echo mem > /sys/power/state; echo $?; echo none > /sys/power/pm_test').output).toBe('0\n');
    const got = dmesg(m).slice(from);
    expect(got.indexOf('PM: suspend debug: Waiting for 5 second(s).')).toBe(got.indexOf('Freezing remaining freezable tasks completed (elapsed 0.000 seconds)') + 1);
    expect(got).not.toContain('ACPI: PM: Preparing to enter system sleep state S3');
  });

  it('a task in uninterruptible sleep refuses: the freezer gives up after pm_freeze_timeout with its report, and the suspend fails', () => {
    const dsleep = install(m, function* () { set_current_state(TASK_UNINTERRUPTIBLE); yield* schedule_timeout(30 * NSEC_PER_SEC); return 0; });
    const from = dmesg(m).length;
    const t0 = m.inspect(() => ktime_get());
    const out = m.runCommand(`echo 2000 > /sys/power/pm_freeze_timeout; ${dsleep} & sleep 1; echo mem > /sys/power/state; echo $?; cat /sys/power/suspend_stats/failed_freeze /sys/power/suspend_stats/last_failed_step`).output;
    expect(out).toBe('1\n1\nfreeze\n');
    const got = dmesg(m).slice(from);
    const fail = got.find((l) => l.startsWith('Freezing of tasks failed after '));
    expect(fail).toMatch(/^Freezing of tasks failed after 2\.0\d\d seconds \(1 tasks refusing to freeze, wq_busy=0\):$/);
    expect(got[got.indexOf(fail!) + 1]).toMatch(/^task:ktest_\d+\s+state:D /);
    expect(got).toContain('Restarting tasks ... done.');
    expect(got).not.toContain('Freezing remaining freezable tasks');
    expect(m.inspect(() => ktime_get()) - t0).toBeGreaterThan(2 * NSEC_PER_SEC);
  });
});

describe('waking up', () => {
  const m = boot();

  it('rtcwake -m mem -s 5 sleeps in S3 and comes back 5 virtual seconds later (to the RTC\'s second) through the RTC alarm', () => {
    const before = uptime(m.runCommand('cat /proc/uptime').output);
    const epoch = Number(m.runCommand('cat /sys/class/rtc/rtc0/since_epoch').output);
    const out = m.runCommand('rtcwake -m mem -s 5; echo $?; cat /proc/uptime; cat /sys/class/rtc/rtc0/wakealarm; cat /sys/class/rtc/rtc0/since_epoch').output.split('\n');
    expect(out[0]).toBe('rtcwake: assuming RTC uses UTC ...');
    expect(out[1]).toMatch(/^rtcwake: wakeup from "mem" using \/dev\/rtc0 at Thu Jan {2}1 00:00:0\d 2026$/);
    expect(out[2]).toBe('0');
    // The alarm has a one-second resolution: the wake comes at the RTC second 5 s after the one rtcwake read.
    expect(uptime(out[3])).toBeGreaterThan(before + 4);
    expect(uptime(out[3])).toBeLessThan(before + 6);
    // rtcwake cleared the fired alarm: wakealarm prints nothing.
    expect(Number(out[4])).toBe(epoch + 5);
  });

  it('the RTC is a wakeup source in /sys/class/wakeup that counted the event', () => {
    expect(m.runCommand('cd /sys/class/wakeup/wakeup0 && cat name event_count active_count wakeup_count expire_count').output).toBe('rtc0\n1\n1\n0\n0\n');
    expect(m.runCommand('ls /sys/class/rtc/rtc0/wakeup0/ | head -3; cat /sys/class/rtc/rtc0/power/wakeup').output).toBe('active_count\nactive_time_ms\ndevice\nenabled\n');
  });

  it('suspend-to-idle wakes on the RTC\'s IRQ: pm_wakeup_irq names it', () => {
    expect(m.runCommand('cat /sys/power/pm_wakeup_irq').output).toBe('cat: read error: No data available\n');
    const t0 = m.inspect(() => ktime_get());
    expect(m.runCommand('echo +3 > /sys/class/rtc/rtc0/wakealarm; echo freeze > /sys/power/state; echo $?; cat /sys/power/pm_wakeup_irq').output).toBe('0\n8\n');
    expect(m.inspect(() => ktime_get()) - t0).toBeGreaterThan(2 * NSEC_PER_SEC);
  });

  it('wakealarm refuses to clobber an armed alarm and clears with 0', () => {
    expect(m.runCommand('echo +100 > /sys/class/rtc/rtc0/wakealarm; echo +50 > /sys/class/rtc/rtc0/wakealarm; echo $?; echo 0 > /sys/class/rtc/rtc0/wakealarm; cat /sys/class/rtc/rtc0/wakealarm | wc -c').output)
      .toBe('1\n0\n');
  });

  it('wakeup_count: a saved count arms the check; an event after it aborts the next suspend, an event in progress makes the read fail', () => {
    const count = m.runCommand('cat /sys/power/wakeup_count').output.trim();
    expect(m.runCommand(`echo ${count} > /sys/power/wakeup_count; echo $?`).output).toBe('0\n');
    const ws = m.inspect(() => wakeupState().sources.find((w) => w.name === 'rtc0')!);
    m.inspect(() => { __pm_stay_awake(ws); });
    expect(m.runCommand('cat /sys/power/wakeup_count; echo $?').output).toMatch(/Interrupted system call\n1\n$/);
    m.inspect(() => { __pm_relax(ws); });
    expect(m.runCommand(`echo ${count} > /sys/power/wakeup_count; echo $?`).output).toBe('1\n');
    expect(m.runCommand('cat /sys/power/wakeup_count').output.trim()).toBe(String(Number(count) + 1));
    // Armed again, then an event: the device phase finds it pending and aborts.
    const from = dmesg(m).length;
    const c2 = m.runCommand('cat /sys/power/wakeup_count').output.trim();
    m.runCommand(`echo ${c2} > /sys/power/wakeup_count`);
    m.inspect(() => { __pm_stay_awake(ws); __pm_relax(ws); });
    expect(m.runCommand('echo mem > /sys/power/state; echo $?').output).toBe('1\n');
    expect(dmesg(m).slice(from)).toContain('PM: Some devices failed to suspend, or early wake event detected');
  });
});
