// printk's timestamps at boot come from sched_clock: 0.000000 until the TSC is calibrated (jiffies have not moved), then the machine's clock, never going back.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';

describe('boot log timestamps', () => {
  it('stamps every line before tsc_early_init 0.000000, as Linux 6.1 on x86 does, and later lines in order', () => {
    const m = new Machine({});
    m.boot();
    const lines = m.runCommand('dmesg').output.split('\n').filter((l) => l.startsWith('['));
    const stamp = (l: string): number => Number(/^\[\s*([\d.]+)\]/.exec(l)![1]);
    const tsc = lines.findIndex((l) => l.includes('tsc: Fast TSC calibration using PIT'));
    expect(tsc).toBeGreaterThan(10);
    expect(lines[0]).toMatch(/^\[ {4}0\.000000\] Linux version /);
    expect(lines.slice(0, tsc + 1).every((l) => stamp(l) === 0)).toBe(true);
    expect(stamp(lines[tsc + 1]!)).toBeGreaterThan(0);
    const later = lines.slice(tsc + 1).map(stamp);
    expect(later.every((t, i) => i === 0 || t >= later[i - 1]!)).toBe(true);
  });
});
