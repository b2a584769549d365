// The trace store: trace events from boot (backfilled from the kernel's trace buffer by the attach service, then live), filters by subsystem and task, boot spans for the timeline, and export.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { TraceEvent } from '../../../kernel-sim/api/protocol.ts';
import type { SpanSubsystem } from '../../../kernel-sim/api/tracepoints.ts';
import type { KernelClient } from '../kernel/client.ts';
import type { AttachedStore } from '../kernel/attach.ts';

export const TRACE_LIMIT = 200_000;

/** The span tracepoints the boot timeline draws (names checked against the kernel's registry). */
const BOOT_PHASE: SpanSubsystem = 'boot';
const INITCALL: SpanSubsystem = 'initcall';

export interface BootSpan {
  name: string;
  /** 'boot' for start_kernel's phases, 'initcall' for initcalls. */
  kind: 'boot' | 'initcall';
  level?: string;
  startNs: number;
  durNs: number;
  ret?: number;
}

/** Chrome trace JSON (microseconds) back to protocol events (nanoseconds). */
export function fromChromeTrace(json: string): TraceEvent[] {
  const data = JSON.parse(json) as { traceEvents?: Array<Record<string, unknown>> };
  return (data.traceEvents ?? []).filter((e) => e.ph !== 'M').map((e) => ({
    ts: Math.round(Number(e.ts) * 1000), cat: String(e.cat ?? ''), name: String(e.name ?? ''), ph: e.ph as TraceEvent['ph'],
    ...(e.dur !== undefined ? { dur: Math.round(Number(e.dur) * 1000) } : {}),
    pid: Number(e.pid ?? 0), tid: Number(e.tid ?? 0), ...(e.args ? { args: e.args as Record<string, unknown> } : {}),
  }));
}

/** start_kernel's phases (cat 'boot', ph 'X') and every initcall (cat 'initcall', args.level), in time order. */
export function bootSpans(events: readonly TraceEvent[]): BootSpan[] {
  const out: BootSpan[] = [];
  for (const e of events) {
    if (e.ph !== 'X') continue;
    if (e.cat === BOOT_PHASE) out.push({ name: e.name, kind: 'boot', startNs: e.ts, durNs: e.dur ?? 0 });
    else if (e.cat === INITCALL) {
      const level = e.args?.level;
      const ret = e.args?.ret;
      out.push({ name: e.name, kind: 'initcall', startNs: e.ts, durNs: e.dur ?? 0, ...(typeof level === 'string' ? { level } : {}), ...(typeof ret === 'number' ? { ret } : {}) });
    }
  }
  return out.sort((a, b) => a.startNs - b.startNs);
}

export const useTraceStore = defineStore('trace', () => {
  const events = shallowRef<TraceEvent[]>([]);
  const version = ref(0);
  const cats = ref<string[]>([]);
  const tids = ref<number[]>([]);
  const hiddenCats = ref<string[]>([]);
  const tidFilter = ref<number | null>(null);
  const text = ref('');

  function add(batch: TraceEvent[]): void {
    if (!batch.length) return;
    const list = events.value;
    list.push(...batch);
    if (list.length > TRACE_LIMIT) list.splice(0, list.length - TRACE_LIMIT);
    const cs = new Set(cats.value);
    const ts = new Set(tids.value);
    let newCat = false, newTid = false;
    for (const e of batch) {
      if (!cs.has(e.cat)) { cs.add(e.cat); newCat = true; }
      if (!ts.has(e.tid)) { ts.add(e.tid); newTid = true; }
    }
    if (newCat) cats.value = [...cs].sort();
    if (newTid) tids.value = [...ts].sort((a, b) => a - b);
    triggerRef(events);
    version.value++;
  }

  function reset(list: TraceEvent[]): void {
    events.value = [];
    cats.value = [];
    tids.value = [];
    add(list);
    triggerRef(events);
  }

  /** What the attach service keeps in sync: the trace buffer from boot on every (re)connect and boot, then the live stream. */
  const source: AttachedStore = {
    name: 'trace',
    streams: ['trace'],
    async backfill(client) {
      const { json } = await client.request('trace.export', {});
      reset(fromChromeTrace(json));
    },
    live: (client) => [client.onTrace((batch) => add(batch))],
  };

  const filtered = computed(() => {
    void version.value;
    const hidden = new Set(hiddenCats.value);
    const q = text.value.trim().toLowerCase();
    const tid = tidFilter.value;
    return events.value.filter((e) => !hidden.has(e.cat) && (tid === null || e.tid === tid) && (!q || e.name.toLowerCase().includes(q)));
  });

  const spans = computed(() => { void version.value; return bootSpans(events.value); });

  function toggleCat(cat: string): void {
    hiddenCats.value = hiddenCats.value.includes(cat) ? hiddenCats.value.filter((c) => c !== cat) : [...hiddenCats.value, cat];
  }

  /** Asks kernel-sim for the Chrome trace JSON and hands it to `save` (a download in the browser). */
  async function exportChrome(client: KernelClient, save: (name: string, json: string) => void): Promise<number> {
    const { json } = await client.request('trace.export', {});
    save('kernel-workbench-trace.json', json);
    return (JSON.parse(json).traceEvents ?? []).length;
  }

  return { events, version, cats, tids, hiddenCats, tidFilter, text, filtered, spans, add, reset, source, toggleCat, exportChrome };
});
