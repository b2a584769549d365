// The namespaces store: every process's namespaces (ns.snapshot), the cgroup tree with usage (cgroup.tree) and each cgroup's usage from boot (cgroup.stats), backfilled by the attach service and kept live while the Namespaces view watches.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { NsSnapshot, CgroupNode, CgroupStats } from '../../../kernel-sim/api/methods/cgroup.ts';
import type { KernelClient } from '../kernel/client.ts';
import type { AttachedStore } from '../kernel/attach.ts';
import { isTracepoint } from '../kernel/tracepoints.ts';

/** How often a watched view refreshes, ms. */
export const NS_POLL_MS = 1000;
/** Samples kept per boot in the view (the kernel's ring thins the same way). */
export const CGROUP_SAMPLES_LIMIT = 4000;

export type NsKind = NsSnapshot['namespaces'][number]['type'];
export const NS_KINDS: NsKind[] = ['pid', 'mnt', 'net', 'uts', 'ipc', 'user', 'cgroup', 'time'];

/** One point of a cgroup's usage: pids, memory bytes, CPU use in percent of one CPU since the previous sample. */
export interface CgroupPoint { t: number; pids: number; memory: number; cpuPct: number }

/** Turns the kernel's samples into a cgroup's series (CPU as a rate between consecutive samples). */
export function cgroupSeries(samples: CgroupStats['samples'], path: string): CgroupPoint[] {
  const out: CgroupPoint[] = [];
  let prev: { t: number; cpu: number } | null = null;
  for (const s of samples) {
    const v = s.values[path];
    if (!v) { prev = null; continue; }
    const [pids, memory, cpu] = v;
    const dt = prev ? (s.t - prev.t) / 1e3 : 0;
    out.push({ t: s.t, pids, memory, cpuPct: prev && dt > 0 ? Math.max(0, ((cpu - prev.cpu) / dt) * 100) : 0 });
    prev = { t: s.t, cpu };
  }
  return out;
}

export const useNamespacesStore = defineStore('namespaces', () => {
  const snapshot = shallowRef<NsSnapshot>({ namespaces: [], processes: [], netdevs: [] });
  const cgroups = shallowRef<CgroupNode[]>([]);
  const samples = shallowRef<CgroupStats['samples']>([]);
  const epoch = ref(0);
  /** The process whose namespaces and cgroup the view shows: clicked in its graph, or a pid clicked in ps output on the terminal. */
  const selectedPid = ref<number | null>(null);
  let watchers = 0;
  let lastT = -1;

  function takeStats(h: CgroupStats, replace: boolean): void {
    if (replace) { samples.value = []; epoch.value++; lastT = -1; }
    // The last sample is "now": it is replaced by the next answer's samples.
    const kept = samples.value.filter((s) => s.t <= lastT);
    let all = kept.concat(h.samples.filter((s) => s.t > lastT));
    if (all.length > CGROUP_SAMPLES_LIMIT) all = all.filter((_, i) => i % 2 === 0 || i === all.length - 1);
    samples.value = all;
    lastT = h.samples.length > 1 ? h.samples[h.samples.length - 2]!.t : lastT;
  }

  async function refresh(client: KernelClient, replace = false): Promise<void> {
    const [snap, tree, stats] = await Promise.all([
      client.request('ns.snapshot', {}), client.request('cgroup.tree', {}), client.request('cgroup.stats', replace ? {} : { sinceNs: Math.max(0, lastT) }),
    ]);
    snapshot.value = snap;
    cgroups.value = tree.cgroups;
    takeStats(stats, replace);
  }

  function watch(): () => void {
    watchers++;
    return () => { watchers--; };
  }

  const source: AttachedStore = {
    name: 'namespaces',
    streams: ['trace'],
    async backfill(client) { await refresh(client, true); },
    live(client) {
      const poll = setInterval(() => {
        if (watchers > 0 && client.state === 'open' && globalThis.document?.visibilityState !== 'hidden') void refresh(client).catch(() => {});
      }, NS_POLL_MS);
      return [
        client.onTrace((batch) => {
          if (watchers > 0 && batch.some((e) => isTracepoint(e, 'cgroup', 'cgroup_mkdir') || isTracepoint(e, 'cgroup', 'cgroup_rmdir') || isTracepoint(e, 'cgroup', 'mark_victim'))) {
            void refresh(client).catch(() => {});
          }
        }),
        () => clearInterval(poll),
      ];
    },
  };

  return { snapshot, cgroups, samples, epoch, selectedPid, watch, refresh, source };
});
