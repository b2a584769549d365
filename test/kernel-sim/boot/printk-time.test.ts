// printk's timestamps at boot come from sched_clock: 0.000000 until a tick device runs, then whole jiffies until the TSC is calibrated (tsc_init under TCG, where the early PIT calibration fails), then the machine's clock, never going back.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { ROOT } from '../toolchain/helpers.ts';

describe('boot log timestamps', () => {
  it('stamps every line before the HPET ticks 0.000000, as Linux 6.1 on x86 does, then jiffies until the TSC, in order', () => {
    const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
    const lines = m.runCommand('dmesg').output.split('\n').filter((l) => l.startsWith('['));
    const stamp = (l: string): number => Number(/^\[\s*([\d.]+)\]/.exec(l)![1]);
    const hpet = lines.findIndex((l) => l.includes('clocksource: hpet: mask'));
    const tsc = lines.findIndex((l) => l.includes('tsc: Detected 2000.011 MHz processor'));
    expect(hpet).toBeGreaterThan(10);
    expect(tsc).toBeGreaterThan(hpet);
    expect(lines[0]).toMatch(/^\[ {4}0\.000000\] Linux version /);
    expect(lines.slice(0, hpet + 1).every((l) => stamp(l) === 0)).toBe(true);
    // Between the HPET's tick and the TSC, sched_clock counts jiffies: whole 4 ms ticks.
    expect(lines.slice(hpet + 1, tsc + 1).every((l) => Math.round(stamp(l) * 1e6) % 4000 === 0)).toBe(true);
    const later = lines.slice(tsc + 1).map(stamp);
    expect(later[0]).toBeGreaterThan(0);
    expect(later.every((t, i) => i === 0 || t >= later[i - 1]!)).toBe(true);
  });
});
