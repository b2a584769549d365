// The dmesg store: the kernel log as records from boot (backfilled with dmesg.read by the attach service, then live from the dmesg stream), with level and text filters.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { DmesgRecord } from '../../../kernel-sim/api/protocol.ts';
import type { AttachedStore } from '../kernel/attach.ts';

/** Records kept in the view (the kernel keeps its own ring). */
export const DMESG_LIMIT = 20_000;
export const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'] as const;
export type LevelName = (typeof LEVELS)[number];

/** The kernel's printk timestamp: "[    1.234567]". */
export function formatDmesgTime(ns: number): string {
  const us = Math.floor(ns / 1000);
  return `[${String(Math.floor(us / 1e6)).padStart(5, ' ')}.${String(us % 1e6).padStart(6, '0')}]`;
}

export const useDmesgStore = defineStore('dmesg', () => {
  const records = shallowRef<DmesgRecord[]>([]);
  /** Highest level shown (0 emerg .. 7 debug); everything at or below it shows. */
  const maxLevel = ref(7);
  const text = ref('');
  /** Listeners for report lines (Oops, BUG) the editor turns into problems. */
  const reportListeners = new Set<(lines: string[]) => void>();
  let inReport: string[] | null = null;

  function add(batch: DmesgRecord[]): void {
    if (!batch.length) return;
    const list = records.value;
    const last = list[list.length - 1];
    // A seq that goes back means a new boot: start over.
    if (last && batch[0]!.seq <= last.seq) {
      const keep = list.filter((r) => r.seq < batch[0]!.seq);
      records.value = keep.concat(batch);
    } else {
      list.push(...batch);
      if (list.length > DMESG_LIMIT) list.splice(0, list.length - DMESG_LIMIT);
      triggerRef(records);
    }
    for (const r of batch) scanReport(r);
  }

  /** Collects an Oops/BUG report from its first line to its "---[ end" line. */
  function scanReport(r: DmesgRecord): void {
    // A report starts at its headline; the "Oops: ..." line after a "BUG: ..." headline belongs to the same report.
    if (!inReport && /^(BUG:|Oops:|WARNING:|general protection fault|kernel BUG at)/.test(r.text)) inReport = [];
    if (!inReport) return;
    inReport.push(r.text);
    if (/^---\[ end /.test(r.text) || inReport.length > 200) {
      const lines = inReport;
      inReport = null;
      for (const l of reportListeners) l(lines);
    }
  }

  function clear(): void { records.value = []; inReport = null; }

  /** What the attach service keeps in sync: the ring from boot on every (re)connect and boot, then the live stream. */
  const source: AttachedStore = {
    name: 'dmesg',
    streams: ['dmesg'],
    async backfill(client) {
      const { records: got } = await client.request('dmesg.read', {});
      records.value = [];
      inReport = null;
      add(got);
    },
    live: (client) => [client.onDmesg((batch) => add(batch))],
  };

  function onReport(l: (lines: string[]) => void): () => void {
    reportListeners.add(l);
    return () => reportListeners.delete(l);
  }

  const filtered = computed(() => {
    const q = text.value.trim().toLowerCase();
    return records.value.filter((r) => r.level <= maxLevel.value && (!q || r.text.toLowerCase().includes(q)));
  });

  /** Records logged in [startNs, endNs]. */
  function between(startNs: number, endNs: number): DmesgRecord[] {
    return records.value.filter((r) => r.tsNs >= startNs && r.tsNs <= endNs);
  }

  return { records, maxLevel, text, filtered, add, clear, source, between, onReport };
});
