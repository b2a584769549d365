// CPU hotplug: echo 0|1 > /sys/devices/system/cpu/cpu1/online with 6.1's smpboot lines, tasks and interrupts moved off the CPU, /proc/interrupts and /proc/cpuinfo following, cpufreq's policy going inactive and back, and S3 leaving an offline CPU offline.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot, dmesg } from '../core/harness.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const CPU = '/sys/devices/system/cpu';

describe('CPU hotplug', () => {
  const m = boot({ dts, dtsName: 'default.dts' });
  const sh = (c: string): string => m.runCommand(c).output;
  /** Tasks whose last CPU (field 39 of /proc/PID/stat) is `cpu`, by name. */
  const on_cpu = (cpu: number): string[] => sh(`for s in /proc/[0-9]*/stat; do cat $s; done`).split('\n').filter(Boolean)
    .map((l) => { const comm = /\((.*)\)/.exec(l)![1]!; const f = l.slice(l.lastIndexOf(')') + 2).split(' '); return { comm, cpu: Number(f[36]) }; })
    .filter((t) => t.cpu === cpu).map((t) => t.comm);

  it('the boot CPU has no online file; cpu1\'s takes 0 and 1 only', () => {
    expect(sh(`ls ${CPU}/cpu0 | grep -c online; cat ${CPU}/cpu1/online; echo 2 > ${CPU}/cpu1/online; echo $?`)).toBe('0\n1\n1\n');
  });

  it('taking cpu1 down: the smpboot line, the masks, one /proc/interrupts column, one cpuinfo entry, its tasks moved, its policy busy', () => {
    m.runCommand('sleep 5 &');
    expect(on_cpu(1).some((c) => !/\/1(:|$)/.test(c))).toBe(true);
    expect(sh(`echo 0 > ${CPU}/cpu1/online; echo $?`)).toBe('0\n');
    expect(dmesg(m).at(-1)).toBe('smpboot: CPU 1 is now offline');
    expect(sh(`cat ${CPU}/online ${CPU}/offline ${CPU}/cpu1/online`)).toBe('0\n1\n0\n');
    expect(sh('head -1 /proc/interrupts').trimEnd()).toBe('           CPU0');
    expect(sh('grep -c ^processor /proc/cpuinfo')).toBe('1\n');
    // Only cpu1's own kthreads (parked) stay on it; everything else moved to CPU 0.
    expect(on_cpu(1).every((c) => /\/1(:|$)/.test(c))).toBe(true);
    expect(sh(`cat ${CPU}/cpufreq/policy1/scaling_cur_freq 2>&1; echo $?`)).toBe('cat: read error: Device or resource busy\n1\n');
    expect(sh(`cat ${CPU}/cpufreq/policy0/scaling_governor`)).toBe('schedutil\n');
    // New tasks go to the CPU left.
    m.runCommand('sleep 1 & sleep 1 & wait');
    expect(on_cpu(1).every((c) => /\/1(:|$)/.test(c))).toBe(true);
  });

  it('S3 with cpu1 offline: only the online non-boot CPUs are disabled and enabled, cpu1 stays offline', () => {
    const n = dmesg(m).length;
    m.runCommand('rtcwake -m mem -s 2', { timeoutNs: 30e9 });
    const log = dmesg(m).slice(n);
    expect(log).toContain('Disabling non-boot CPUs ...');
    expect(log).toContain('Enabling non-boot CPUs ...');
    expect(log.some((l) => l.includes('CPU 1 is now offline') || l.includes('Processor 1'))).toBe(false);
    expect(sh(`cat ${CPU}/online`)).toBe('0\n');
  });

  it('bringing cpu1 back: the Booting line, both columns, the policy active again with its governor', () => {
    expect(sh(`echo 1 > ${CPU}/cpu1/online; echo $?`)).toBe('0\n');
    expect(dmesg(m).at(-1)).toBe('smpboot: Booting Node 0 Processor 1 APIC 0x1');
    expect(sh(`cat ${CPU}/online ${CPU}/offline ${CPU}/cpu1/online`)).toBe('0-1\n\n1\n');
    expect(sh('head -1 /proc/interrupts').trimEnd()).toBe('           CPU0       CPU1');
    expect(sh('grep -c ^processor /proc/cpuinfo')).toBe('2\n');
    expect(sh(`cat ${CPU}/cpufreq/policy1/scaling_governor`)).toBe('schedutil\n');
  });

  it('S3 with both CPUs online takes cpu1 down and up through hotplug', () => {
    const n = dmesg(m).length;
    m.runCommand('rtcwake -m mem -s 2', { timeoutNs: 30e9 });
    const log = dmesg(m).slice(n);
    const i = log.indexOf('Disabling non-boot CPUs ...');
    expect(log[i + 1]).toBe('smpboot: CPU 1 is now offline');
    const j = log.indexOf('Enabling non-boot CPUs ...');
    expect(log.slice(j + 1, j + 3)).toEqual(['smpboot: Booting Node 0 Processor 1 APIC 0x1', 'CPU1 is up']);
    expect(sh(`cat ${CPU}/online`)).toBe('0-1\n');
  });
});
