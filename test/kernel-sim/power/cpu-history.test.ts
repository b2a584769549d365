// The Power view's CPU data: samples of idle-state time and frequency every 100 virtual ms (kernel/power/cpu_history.ts), the firmware's power model, and the chart shaping (residency shares, MHz, estimated watts).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot } from '../core/harness.ts';
import { cpu_history } from '../../../kernel-sim/kernel/power/cpu_history.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { PowerCpuHistorySchema } from '../../../kernel-sim/api/methods/power.ts';
import { cpu_series } from '../../../renderer/src/charts/power.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('CPU power history on the default machine', () => {
  const m = boot({ dts, dtsName: 'default.dts' });

  it('samples idle time and frequency with the _CST/_PSS power model; an idle machine sits in C3 at 800 MHz, about 0.2 W', () => {
    m.runCommand('sleep 3');
    const h = PowerCpuHistorySchema.parse(m.inspect(() => ({ nowNs: ktime_get(), ...cpu_history() })));
    expect(h.states).toEqual(['POLL', 'C1', 'C2', 'C3']);
    expect(h.model).toEqual({ idle_mw: [null, 1000, 500, 100], pstates: [{ khz: 2000000, mw: 12000 }, { khz: 1600000, mw: 8500 }, { khz: 1200000, mw: 6000 }, { khz: 800000, mw: 4000 }] });
    expect(h.samples.length).toBeGreaterThan(5);
    const s = cpu_series(h);
    expect(s.residency.map((r) => r.state)).toEqual(['running', 'POLL', 'C1', 'C2', 'C3']);
    // The last interval spans the idle sleep: nearly all of it in C3, both CPUs at 800 MHz, 2 x 100 mW.
    const last = s.t.length - 1;
    expect(s.residency[4]!.pct[last]).toBeGreaterThan(95);
    expect(s.residency.reduce((a, r) => a + r.pct[last]!, 0)).toBeCloseTo(100, 5);
    expect(s.mhz.map((c) => c.v[last])).toEqual([800, 800]);
    expect(s.watts[last]).toBeGreaterThan(0.19);
    expect(s.watts[last]).toBeLessThan(0.3);
  });

  it('an offline CPU draws nothing and is left out of the shares', () => {
    m.runCommand('echo 0 > /sys/devices/system/cpu/cpu1/online; sleep 2');
    const s = cpu_series(PowerCpuHistorySchema.parse(m.inspect(() => ({ nowNs: ktime_get(), ...cpu_history() }))));
    const last = s.t.length - 1;
    expect(s.mhz[1]!.v[last]).toBe(0);
    expect(s.watts[last]).toBeGreaterThan(0.09);
    expect(s.watts[last]).toBeLessThan(0.15);
    m.runCommand('echo 1 > /sys/devices/system/cpu/cpu1/online');
  });
});

describe('CPU power history without _CST/_PSS', () => {
  const m = boot();
  it('has samples but no states, no frequencies and no power estimate', () => {
    m.runCommand('sleep 1');
    const h = m.inspect(() => ({ nowNs: ktime_get(), ...cpu_history() }));
    expect(h.states).toEqual([]);
    const s = cpu_series(h);
    expect(s.residency.map((r) => r.state)).toEqual(['running']);
    expect(s.watts.every((w) => w === null)).toBe(true);
  });
});
