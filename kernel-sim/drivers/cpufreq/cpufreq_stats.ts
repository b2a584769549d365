// Models linux/drivers/cpufreq/cpufreq_stats.c: policyN/stats — time_in_state (in USER_HZ ticks), total_trans, trans_table and reset.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { CPUFREQ_ENTRY_INVALID, type cpufreq_policy, type cpufreq_stats, type freq_attr } from './cpufreq_types.ts';

/** nsec_to_clock_t: USER_HZ = 100. */
const clock_t = (ns: number): number => Math.floor(ns / 10_000_000);

/** The distinct valid frequencies, in table order (the stats' own freq_table). */
export const stats_freqs = (p: cpufreq_policy): number[] => [...new Set(p.freq_table.map((e) => e.frequency).filter((f) => f !== CPUFREQ_ENTRY_INVALID))];

function cpufreq_stats_update(s: cpufreq_stats, now: number): void {
  s.time_in_state[s.last_index] = (s.time_in_state[s.last_index] ?? 0) + (now - s.last_time);
  s.last_time = now;
}

/** cpufreq_stats_create_table(). */
export function cpufreq_stats_create_table(p: cpufreq_policy): void {
  const n = stats_freqs(p).length;
  p.stats = {
    total_trans: 0, last_time: ktime_get(), last_index: Math.max(0, stats_freqs(p).indexOf(p.cur)),
    time_in_state: new Array<number>(n).fill(0), trans_table: Array.from({ length: n }, () => new Array<number>(n).fill(0)),
  };
}

/** cpufreq_stats_record_transition(). */
export function cpufreq_stats_record_transition(p: cpufreq_policy, new_freq: number): void {
  const s = p.stats;
  if (!s) return;
  const new_index = stats_freqs(p).indexOf(new_freq);
  if (new_index < 0 || new_index === s.last_index) return;
  cpufreq_stats_update(s, ktime_get());
  s.trans_table[s.last_index]![new_index]!++;
  s.last_index = new_index;
  s.total_trans++;
}

/** time_in_state as a sample for the Power view: ns per frequency, the current one up to now. */
export function cpufreq_stats_time_ns(p: cpufreq_policy, now: number): number[] {
  const s = p.stats;
  if (!s) return [];
  return s.time_in_state.map((t, i) => (i === s.last_index ? t + (now - s.last_time) : t));
}

const pad = (v: number): string => String(v).padStart(9);

const stats_attrs: freq_attr[] = [
  { name: 'total_trans', mode: 0o444, show: (p) => `${p.stats!.total_trans}\n` },
  {
    name: 'time_in_state', mode: 0o444,
    show: (p) => { const t = cpufreq_stats_time_ns(p, ktime_get()); return stats_freqs(p).map((f, i) => `${f} ${clock_t(t[i]!)}\n`).join(''); },
  },
  {
    name: 'reset', mode: 0o200,
    store: (p, buf) => {
      if (!p.stats) return -EINVAL;
      const n = p.stats.time_in_state.length;
      p.stats.time_in_state.fill(0);
      p.stats.trans_table = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      p.stats.total_trans = 0;
      p.stats.last_time = ktime_get();
      return buf.length;
    },
  },
  {
    name: 'trans_table', mode: 0o444,
    show: (p) => {
      const f = stats_freqs(p);
      const rows = f.map((from, i) => `${pad(from)}: ${p.stats!.trans_table[i]!.map((c) => `${pad(c)} `).join('')}\n`);
      return `   From  :    To\n         : ${f.map((x) => `${pad(x)} `).join('')}\n${rows.join('')}`;
    },
  },
];
export const stats_attr_group: attribute_group = { name: 'stats', attrs: stats_attrs };
