// Models linux/drivers/cpufreq/freq_table.c: the driver's table of frequencies, limits from it, choosing an entry for a target (RELATION_L/H/C) and scaling_available_frequencies.
import { CPUFREQ_ENTRY_INVALID, type cpufreq_frequency_table, type cpufreq_policy, type cpufreq_relation, type freq_attr } from './cpufreq_types.ts';

const valid = (t: cpufreq_frequency_table[]): cpufreq_frequency_table[] => t.filter((e) => e.frequency !== CPUFREQ_ENTRY_INVALID);

/** cpufreq_frequency_table_cpuinfo(): cpuinfo and policy limits from the table. */
export function cpufreq_frequency_table_cpuinfo(policy: cpufreq_policy): number {
  const f = valid(policy.freq_table).map((e) => e.frequency);
  if (!f.length) return -22; // -EINVAL
  policy.cpuinfo.min_freq = policy.min = Math.min(...f);
  policy.cpuinfo.max_freq = policy.max = Math.max(...f);
  return 0;
}

/**
 * cpufreq_frequency_table_target(): the index of the entry within [min, max] that is the lowest at or above the
 * target (L), the highest at or below it (H), or the closest (C); the nearest in range when none qualifies.
 */
export function cpufreq_frequency_table_target(policy: cpufreq_policy, target: number, relation: cpufreq_relation): number {
  const cands = policy.freq_table.map((e, i) => ({ f: e.frequency, i })).filter((c) => c.f !== CPUFREQ_ENTRY_INVALID && c.f >= policy.min && c.f <= policy.max);
  if (!cands.length) return 0;
  const by = (cmp: (a: number, b: number) => boolean) => cands.reduce((b, c) => (cmp(c.f, b.f) ? c : b));
  if (relation === 'L') {
    const above = cands.filter((c) => c.f >= target);
    return above.length ? above.reduce((b, c) => (c.f < b.f ? c : b)).i : by((a, b) => a > b).i;
  }
  if (relation === 'H') {
    const below = cands.filter((c) => c.f <= target);
    return below.length ? below.reduce((b, c) => (c.f > b.f ? c : b)).i : by((a, b) => a < b).i;
  }
  return cands.reduce((b, c) => (Math.abs(c.f - target) < Math.abs(b.f - target) ? c : b)).i;
}

/** scaling_available_frequencies: the table's valid entries in its order, "%d " each. */
export const cpufreq_freq_attr_scaling_available_freqs: freq_attr = {
  name: 'scaling_available_frequencies', mode: 0o444,
  show: (p) => `${valid(p.freq_table).map((e) => `${e.frequency} `).join('')}\n`,
};
