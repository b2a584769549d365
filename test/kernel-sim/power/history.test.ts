// The Power view's data (kernel/power/history.ts through power.history's schema) and its shaping (renderer/src/charts/power.ts): runtime status intervals per device, and a suspend's callbacks per device and phase in dpm order with the transition's steps.
import { describe, it, expect } from 'vitest';
import { q35 } from '../modules/helpers.ts';
import { power_history } from '../../../kernel-sim/kernel/power/history.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { trace_event } from '../../../kernel-sim/kernel/trace/trace.ts';
import { PowerHistorySchema, type PowerHistory } from '../../../kernel-sim/api/methods/power.ts';
import { callback_bars, rpm_bars } from '../../../renderer/src/charts/power.ts';

describe('power history', () => {
  const m = q35({}); // the reference machine: edu at 00:02.0, a PCIe-to-PCI bridge with the PM capability below the root port
  const history = (): PowerHistory => PowerHistorySchema.parse(m.inspect(() => ({ nowNs: ktime_get(), ...power_history() })));
  const DEV = '0000:00:02.0';
  const POWER = `/sys/bus/pci/devices/${DEV}/power`;

  it('records a device\'s runtime suspend and resume as status intervals', () => {
    m.runCommand(`echo auto > ${POWER}/control; sleep 0.01; echo on > ${POWER}/control`);
    const bars = rpm_bars(history()).filter((b) => b.row === DEV);
    // Unbound, edu's callbacks take no virtual time: suspending and resuming are instants, not intervals.
    expect(bars.map((b) => b.kind)).toEqual(['RPM_ACTIVE', 'RPM_SUSPENDED', 'RPM_ACTIVE']);
    const susp = bars.find((b) => b.kind === 'RPM_SUSPENDED')!;
    expect(susp.to - susp.from).toBeGreaterThanOrEqual(10);
  });

  it('records the last suspend: steps in order and each device\'s callbacks, children before parents', () => {
    m.runCommand('rtcwake -m mem -s 2 >/dev/null');
    const h = history();
    expect(h.transitions).toHaveLength(1);
    const tr = h.transitions[0]!;
    expect(tr.end).toBeGreaterThan(tr.start);
    const steps = tr.steps.map((s) => s.action);
    expect(steps.indexOf('sync_filesystems')).toBeLessThan(steps.indexOf('freeze_processes'));
    expect(steps.indexOf('dpm_suspend')).toBeLessThan(steps.indexOf('machine_suspend'));
    expect(steps.indexOf('machine_suspend')).toBeLessThan(steps.indexOf('dpm_resume'));
    expect(steps[steps.length - 1]).toBe('thaw_processes');
    const machine = tr.steps.find((s) => s.action === 'machine_suspend')!;
    expect(machine.end - machine.start).toBeGreaterThan(1e9); // asleep until the RTC alarm
    // dpm_list order: prepare and resume walk it forwards, suspend backwards (children before parents).
    const order = (phase: string): string[] => tr.callbacks.filter((c) => c.phase === phase).map((c) => c.dev);
    expect(order('prepare')).toContain(DEV);
    expect(order('suspend')).toEqual([...order('prepare')].reverse());
    expect(order('resume')).toEqual(order('prepare'));
    const { bars, rows, sleptMs } = callback_bars(h);
    expect(rows).toEqual(order('prepare'));
    expect(sleptMs).toBeGreaterThan(1000);
    // With the sleep cut out, the resume callbacks follow the suspend ones closely.
    expect(Math.max(...bars.map((b) => b.to))).toBeLessThan(sleptMs);
    expect(bars.every((b) => b.to > b.from)).toBe(true);
  });

  it('keeps the last 4096 runtime status changes, newest last', () => {
    const all = m.inspect(() => {
      for (let i = 0; i < 9000; i++) trace_event('rpm', 'rpm_status', { name: `fake${i}`, status: 'RPM_ACTIVE' });
      return power_history().rpm;
    });
    expect(all).toHaveLength(4096);
    expect(all[0]!.dev).toBe('fake4904');
    expect(all[4095]!.dev).toBe('fake8999');
  });
});
