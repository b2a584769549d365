// Hibernation (kernel/power/hibernate.ts, snapshot.ts, swap.ts): echo disk > /sys/power/state runs 6.1's sequence with its dmesg lines and stops at the swap writer (no swap area: ENODEV); the devices' freeze/thaw callbacks in dpm order; the pm_test levels for disk; the disk modes; resume= and /sys/power/resume.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { boot, dmesg } from '../core/harness.ts';
import { mkdev, write_sys } from './pm-devices.ts';
import { EINVAL, EIO, ENODEV } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';

const callbacks = [
  'prepare', 'suspend', 'resume', 'freeze', 'freeze_late', 'freeze_noirq', 'thaw_noirq', 'thaw_early', 'thaw',
  'poweroff', 'poweroff_late', 'poweroff_noirq', 'restore_noirq', 'restore_early', 'restore',
] as const;

const mine = (log: string[]): string[] => log.filter((l) => / hib-/.test(l));

describe('echo disk > /sys/power/state', () => {
  const m = boot();
  const log: string[] = [];
  const parent = mkdev(m, 'hibtest', 'hib-parent', log, null, callbacks);
  mkdev(m, 'hibtest', 'hib-child', log, parent.dev, callbacks);

  it('runs hibernate() with 6.1\'s lines and fails at the swap writer with ENODEV, as Linux does without swap', () => {
    const from = dmesg(m).length;
    m.runCommand('sleep 100 &');
    expect(write_sys(m, '/sys/power/state', 'disk\n')).toBe(-ENODEV);
    m.runCommand('kill %1');
    const got = dmesg(m).slice(from);
    const pages = /^PM: hibernation: Allocated (\d+) pages for snapshot$/.exec(got[6] ?? '')?.[1];
    expect(Number(pages)).toBeGreaterThan(1000);
    expect(got).toEqual([
      'PM: hibernation: hibernation entry',
      'Filesystems sync: 0.000 seconds',
      'Freezing user space processes',
      'Freezing user space processes completed (elapsed 0.000 seconds)',
      'OOM killer disabled.',
      'PM: hibernation: Preallocating image memory',
      `PM: hibernation: Allocated ${pages} pages for snapshot`,
      expect.stringMatching(new RegExp(`^PM: hibernation: Allocated ${Number(pages) * 4} kbytes in \\d+\\.\\d\\d seconds \\(\\d+\\.\\d\\d MB/s\\)$`)),
      'Freezing remaining freezable tasks',
      'Freezing remaining freezable tasks completed (elapsed 0.000 seconds)',
      'printk: Suspending console(s) (use no_console_suspend to debug)',
      'ACPI: PM: Preparing to enter system sleep state S4',
      'Disabling non-boot CPUs ...',
      'smpboot: CPU 1 is now offline',
      'PM: hibernation: Creating image:',
      `PM: hibernation: Need to copy ${pages} pages`,
      `PM: hibernation: Image created (${pages} pages copied)`,
      'Enabling non-boot CPUs ...',
      'smpboot: Booting Node 0 Processor 1 APIC 0x1',
      'CPU1 is up',
      'ACPI: PM: Waking up from system sleep state S4',
      'PM: Cannot find swap device, try swapon -a',
      'PM: Cannot get swap writer',
      'OOM killer enabled.',
      'Restarting tasks ... done.',
      'PM: hibernation: hibernation exit',
    ]);
  });

  it('calls the devices\' freeze callbacks children first and thaws parents first; poweroff and restore are not called', () => {
    expect(mine(log)).toEqual([
      'prepare hib-parent', 'prepare hib-child',
      'freeze hib-child', 'freeze hib-parent',
      'freeze_late hib-child', 'freeze_late hib-parent',
      'freeze_noirq hib-child', 'freeze_noirq hib-parent',
      'thaw_noirq hib-parent', 'thaw_noirq hib-child',
      'thaw_early hib-parent', 'thaw_early hib-child',
      'thaw hib-parent', 'thaw hib-child',
      'complete hib-child', 'complete hib-parent',
    ]);
  });

  it('a failing freeze callback aborts: "failed to freeze", no image is made, and the frozen devices get restore (in_suspend was never set)', () => {
    log.length = 0;
    parent.fail.freeze = -EIO;
    const from = dmesg(m).length;
    expect(m.runCommand('echo disk > /sys/power/state 2>/dev/null; echo $?').output).toBe('1\n');
    parent.fail.freeze = 0;
    const got = dmesg(m).slice(from);
    expect(got).toContain('hibtest hib-parent: PM: failed to freeze: error -5');
    expect(got).not.toContain('PM: hibernation: Creating image:');
    expect(got.at(-1)).toBe('PM: hibernation: hibernation exit');
    expect(mine(log)).toEqual([
      'prepare hib-parent', 'prepare hib-child', 'freeze hib-child', 'freeze hib-parent',
      'restore hib-child', 'complete hib-child', 'complete hib-parent',
    ]);
  });

  /** What each pm_test level leaves of the sequence: the last line before the debug wait, and the callbacks that bring the devices back. */
  const levels: [string, string, string[]][] = [
    ['freezer', 'Freezing remaining freezable tasks completed (elapsed 0.000 seconds)', []],
    ['devices', 'printk: Suspending console(s) (use no_console_suspend to debug)', ['restore hib-parent']],
    ['platform', 'ACPI: PM: Preparing to enter system sleep state S4', ['restore_noirq hib-parent', 'restore_early hib-parent', 'restore hib-parent']],
    ['processors', 'smpboot: CPU 1 is now offline', ['restore_noirq hib-parent', 'restore_early hib-parent', 'restore hib-parent']],
    ['core', 'smpboot: CPU 1 is now offline', ['restore_noirq hib-parent', 'restore_early hib-parent', 'restore hib-parent']],
  ];
  for (const [level, before, back] of levels) {
    it(`pm_test=${level} stops after its step, waits 5 virtual seconds, makes no image and brings the devices back (restore)`, () => {
      log.length = 0;
      const from = dmesg(m).length;
      const t0 = m.inspect(() => ktime_get());
      expect(m.runCommand(`echo ${level} > /sys/power/pm_test; echo disk > /sys/power/state; echo $?; echo none > /sys/power/pm_test`).output).toBe('0\n');
      expect(m.inspect(() => ktime_get()) - t0).toBeGreaterThanOrEqual(5_000_000_000);
      const got = dmesg(m).slice(from);
      expect(got[got.indexOf('PM: hibernation: debug: Waiting for 5 seconds.') - 1]).toBe(before);
      expect(got).not.toContain('PM: hibernation: Creating image:');
      expect(got).not.toContain('PM: Cannot get swap writer');
      expect(got.at(-1)).toBe('PM: hibernation: hibernation exit');
      expect(mine(log).filter((l) => / hib-parent$/.test(l) && /^(thaw|restore)/.test(l))).toEqual(back);
    });
  }

  it('disk selects the mode; shutdown mode leaves the ACPI platform out; other values are EINVAL', () => {
    const from = dmesg(m).length;
    expect(m.runCommand('echo shutdown > /sys/power/disk; cat /sys/power/disk; echo disk > /sys/power/state 2>/dev/null; echo suspend2 > /sys/power/disk; echo $?').output)
      .toBe('platform [shutdown] reboot suspend test_resume \n1\n');
    const got = dmesg(m).slice(from);
    expect(got).toContain('PM: hibernation: Image created (' + /\((\d+) pages copied\)/.exec(got.join('\n'))![1] + ' pages copied)');
    expect(got.filter((l) => l.startsWith('ACPI:'))).toEqual([]);
    m.runCommand('echo platform > /sys/power/disk');
  });
});

describe('resume= and /sys/power/resume', () => {
  const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
  const m = boot({ dts, dtsName: 'default.dts', cmdline: 'console=ttyS0 panic=-1 root=/dev/vda1 rw rootfstype=ext2 resume=/dev/vda' });

  it('resume= names the resume device at boot and is not passed to init', () => {
    const out = m.runCommand('cat /sys/power/resume /sys/block/vda/dev; tr "\\0" "\\n" < /proc/1/environ | grep -c resume').output.split('\n');
    expect(out[0]).toBe(out[1]);
    expect(out[0]).not.toBe('0:0');
    expect(out[2]).toBe('0');
  });

  it('writing a device looks for an image on it (pm_debug_messages shows the search); a name that is no device is EINVAL', () => {
    const from = dmesg(m).length;
    const out = m.runCommand('echo 1 > /sys/power/pm_debug_messages; echo /dev/vdb > /sys/power/resume; cat /sys/power/resume /sys/block/vdb/dev').output.split('\n');
    expect(out[0]).toBe(out[1]);
    expect(write_sys(m, '/sys/power/resume', '/dev/nope\n')).toBe(-EINVAL);
    const vdb = m.runCommand('cat /sys/block/vdb/dev').output.trim();
    expect(dmesg(m).slice(from)).toEqual([
      expect.stringMatching(/^PM: Configured hibernation resume from disk to \d+$/),
      `PM: Hibernation image partition ${vdb} present`,
      'PM: Looking for hibernation image.',
      'PM: Hibernation image not present or could not be loaded.',
    ]);
    m.runCommand('echo 0 > /sys/power/pm_debug_messages');
  });
});
