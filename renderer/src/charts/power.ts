// Pure data shaping for the Power view: runtime PM status intervals per device and a sleep transition's callbacks per device and phase (pm-graph's timeline), from the typed power.history answer.
import type { PowerHistory } from '../../../kernel-sim/api/methods/power.ts';

export const RPM_STATES = ['RPM_ACTIVE', 'RPM_SUSPENDING', 'RPM_SUSPENDED', 'RPM_RESUMING'] as const;
export const RPM_LABELS: Record<string, string> = { RPM_ACTIVE: 'active', RPM_SUSPENDING: 'suspending', RPM_SUSPENDED: 'suspended', RPM_RESUMING: 'resuming' };
export const PHASES = ['prepare', 'suspend', 'suspend_late', 'suspend_noirq', 'resume_noirq', 'resume_early', 'resume', 'complete'] as const;

/** One bar: a device (row), from..to in virtual ms, and what it stands for. */
export interface Bar { row: string; from: number; to: number; kind: string }

/** Each device's status intervals: a status lasts until the next change of that device (or until now). */
export function rpm_bars(h: PowerHistory): Bar[] {
  const last = new Map<string, { t: number; status: string }>();
  const bars: Bar[] = [];
  for (const c of h.rpm) {
    const prev = last.get(c.dev);
    if (prev && c.t > prev.t) bars.push({ row: c.dev, from: prev.t / 1e6, to: c.t / 1e6, kind: prev.status });
    last.set(c.dev, { t: c.t, status: c.status });
  }
  for (const [dev, prev] of last) bars.push({ row: dev, from: prev.t / 1e6, to: Math.max(prev.t, h.nowNs) / 1e6, kind: prev.status });
  return bars;
}

/**
 * The last transition's device callbacks in ms from its start, pm-graph style: the
 * sleep itself (machine_suspend) is cut out so the suspend and resume halves show
 * side by side; a callback that took no virtual time still shows as a sliver.
 */
export function callback_bars(h: PowerHistory, minMs = 0.02): { bars: Bar[]; rows: string[]; sleptMs: number } {
  const tr = h.transitions[h.transitions.length - 1];
  if (!tr) return { bars: [], rows: [], sleptMs: 0 };
  const sleep = tr.steps.find((s) => s.action === 'machine_suspend');
  const slept = sleep ? sleep.end - sleep.start : 0;
  const ms = (t: number): number => (t - tr.start - (sleep && t >= sleep.end ? slept : 0)) / 1e6;
  const bars = tr.callbacks.map((c) => ({ row: c.dev, from: ms(c.start), to: Math.max(ms(c.end), ms(c.start) + minMs), kind: c.phase }));
  const rows: string[] = [];
  for (const c of tr.callbacks) if (!rows.includes(c.dev)) rows.push(c.dev);
  return { bars, rows, sleptMs: slept / 1e6 };
}

/** The rows of the runtime timeline: devices that changed status, in the order they first did. */
export const rpm_rows = (h: PowerHistory): string[] => [...new Set(h.rpm.map((c) => c.dev))];
