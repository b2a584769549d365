// Models a sampler of the cgroup tree (what a monitoring agent polling cgroup files keeps): each cgroup's pids, memory and CPU at every 100 ms of virtual time, in a bounded per-boot ring for the Namespaces view.
//
// Tickless as kernel/irq/history.ts: a boundary's sample is taken lazily by the next cgroup event (fork, exit, return to
// user space of a task in a child cgroup) or read after it, with the values as they stand then.
import { defineState } from '../state.ts';
import { ktime_get } from '../time/timekeeping.ts';
import { cgroupState, cgroup_path, cgroup_subtree, cgroup_task_count, cgroup_cpu_usage } from './cgroup.ts';
import { memcg_usage } from './memcg.ts';

export const CGROUP_HISTORY_INTERVAL_NS = 100_000_000;
export const CGROUP_HISTORY_CAPACITY = 1200;

/** One sample: virtual time and [pids, memory bytes, CPU usec] per cgroup path. */
export interface cgroup_sample { t: number; values: Record<string, [number, number, number]> }

const historyState = defineState('cgroup_history', () => ({
  interval_ns: CGROUP_HISTORY_INTERVAL_NS, next_t: CGROUP_HISTORY_INTERVAL_NS, samples: [] as cgroup_sample[],
}));

function take(t: number): cgroup_sample {
  const values: cgroup_sample['values'] = {};
  const root = cgroupState().root;
  if (root) for (const c of cgroup_subtree(root)) values[cgroup_path(c)] = [cgroup_task_count(c), memcg_usage(c), Math.floor(cgroup_cpu_usage(c) / 1000)];
  return { t, values };
}

/** Closes the boundaries passed since the last sample (one sample for a quiet stretch: nothing moved in it). */
export function cgroup_history_tick(): void {
  const st = historyState();
  const now = ktime_get();
  if (now < st.next_t || !cgroupState().root) return;
  st.samples.push(take(Math.floor(now / st.interval_ns) * st.interval_ns));
  st.next_t = (Math.floor(now / st.interval_ns) + 1) * st.interval_ns;
  if (st.samples.length > CGROUP_HISTORY_CAPACITY) {
    st.samples = st.samples.filter((_, i) => i % 2 === 0);
    st.interval_ns *= 2;
  }
}

/** The samples after sinceNs, and the values now (a sample at the current time). */
export function cgroup_history(since_ns: number): { interval_ns: number; now: number; samples: cgroup_sample[] } {
  cgroup_history_tick();
  const st = historyState();
  const now = ktime_get();
  return { interval_ns: st.interval_ns, now, samples: [...st.samples.filter((s) => s.t > since_ns), take(now)] };
}
