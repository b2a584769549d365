// Pure data shaping for the Power view: runtime PM status intervals per device and a sleep transition's callbacks per device and phase (pm-graph's timeline), from the typed power.history answer; CPU idle residency, frequency and estimated power from power.cpu.
import type { PowerCpuHistory, PowerHistory } from '../../../kernel-sim/api/methods/power.ts';

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

/** The CPU charts' data: per interval between samples, each idle state's share of online CPU time, each CPU's MHz, the estimated power. */
export interface CpuSeries {
  /** Interval ends, virtual ms since boot. */
  t: number[];
  /** 'running' (not in any idle state) then the idle states, each a % of the online CPUs' time per interval. */
  residency: { state: string; pct: number[] }[];
  /** MHz per CPU at each interval's end (0 offline or without cpufreq). */
  mhz: { cpu: number; v: number[] }[];
  /** Watts averaged over each interval, from the firmware's power figures; null where the machine has no model. */
  watts: (number | null)[];
}

/**
 * powertop's estimate: each CPU's time in an idle state at that state's _CST power (POLL spins at the active
 * power), the rest at the _PSS power of its frequency; an offline CPU draws nothing.
 */
export function cpu_series(h: PowerCpuHistory): CpuSeries {
  const names = ['running', ...h.states];
  const out: CpuSeries = { t: [], residency: names.map((state) => ({ state, pct: [] })), mhz: [], watts: [] };
  const cpus = h.samples[0]?.cpus.map((c) => c.cpu) ?? [];
  out.mhz = cpus.map((cpu) => ({ cpu, v: [] }));
  const active_mw = (khz: number): number | null => h.model.pstates.find((p) => p.khz === khz)?.mw ?? null;
  for (let i = 1; i < h.samples.length; i++) {
    const a = h.samples[i - 1]!, b = h.samples[i]!;
    const dt = b.t - a.t;
    if (dt <= 0) continue;
    const shares = names.map(() => 0);
    let online = 0;
    let energy: number | null = h.states.length && h.model.pstates.length ? 0 : null;
    b.cpus.forEach((c, j) => {
      out.mhz[j]?.v.push(c.online ? c.khz / 1000 : 0);
      if (!c.online) return;
      online++;
      const d = c.idle_ns.map((ns, k) => Math.max(0, ns - (a.cpus[j]?.idle_ns[k] ?? 0)));
      const idle = d.reduce((s, x) => s + x, 0);
      const run = Math.max(0, dt - idle);
      shares[0]! += run;
      d.forEach((x, k) => { shares[k + 1]! += x; });
      const p = active_mw(c.khz);
      if (energy === null || p === null) { energy = null; return; }
      energy += run * p + d.reduce((s, x, k) => s + x * (h.model.idle_mw[k] ?? p), 0);
    });
    out.t.push(b.t / 1e6);
    const total = dt * Math.max(1, online);
    shares.forEach((s, k) => out.residency[k]!.pct.push((100 * Math.min(s, total)) / total));
    out.watts.push(energy === null ? null : energy / dt / 1000);
  }
  return out;
}
