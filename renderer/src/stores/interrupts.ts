// The interrupts store: counts per interrupt line from boot (the kernel's irq.history ring), backfilled by the attach service, then live from irq_history_sample tracepoints and, while a chart watches, a once-a-second catch-up read.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { IrqHistory } from '../../../kernel-sim/api/methods/irq.ts';
import type { KernelClient } from '../kernel/client.ts';
import type { AttachedStore } from '../kernel/attach.ts';
import { isTracepoint } from '../kernel/tracepoints.ts';

/** One sample: virtual time and the count of every line (by irq number) summed over CPUs. */
export interface IrqSample { t: number; counts: Map<number, number> }
/** Samples kept in the view; beyond it every other sample goes (the kernel's ring thins the same way). */
export const IRQ_SAMPLES_LIMIT = 4000;
/** How often a watched chart catches up with the kernel's ring, ms. */
export const IRQ_POLL_MS = 1000;

/** Rates (IRQ/s) per line between consecutive samples, at the later sample's time. */
export function interruptRates(samples: readonly IrqSample[], from = 1): Array<{ t: number; rates: Map<number, number> }> {
  const out: Array<{ t: number; rates: Map<number, number> }> = [];
  for (let i = Math.max(1, from); i < samples.length; i++) {
    const a = samples[i - 1]!, b = samples[i]!;
    const dt = (b.t - a.t) / 1e9;
    if (dt <= 0) continue;
    const rates = new Map<number, number>();
    for (const [irq, n] of b.counts) rates.set(irq, Math.max(0, n - (a.counts.get(irq) ?? 0)) / dt);
    out.push({ t: b.t, rates });
  }
  return out;
}

export const useInterruptsStore = defineStore('interrupts', () => {
  const samples = shallowRef<IrqSample[]>([]);
  const labels = ref(new Map<number, string>());
  /** Bumped when history was replaced (a new boot): charts redraw from scratch. */
  const epoch = ref(0);
  let watchers = 0;

  function lastT(): number { return samples.value.at(-1)?.t ?? -1; }

  function append(list: IrqSample[]): void {
    const fresh = list.filter((s) => s.t > lastT());
    if (!fresh.length) return;
    let all = samples.value.concat(fresh);
    if (all.length > IRQ_SAMPLES_LIMIT) all = all.filter((_, i) => i % 2 === 0 || i === all.length - 1);
    samples.value = all;
    triggerRef(samples);
  }

  /** Takes a history answer; `replace` starts over (a backfill), else later samples are appended. */
  function take(h: IrqHistory, replace: boolean): void {
    const next = new Map(labels.value);
    for (const l of h.lines) next.set(l.irq, l.label);
    labels.value = next;
    const list = h.samples.map((s) => ({ t: s.t, counts: new Map(h.lines.map((l, i) => [l.irq, s.counts[i] ?? 0])) }));
    if (replace) { samples.value = []; epoch.value++; }
    append(list);
  }

  /** Lines whose count moved since the first sample, by irq number. */
  const active = computed(() => {
    const list = samples.value;
    const first = list[0]?.counts ?? new Map<number, number>();
    const last = list.at(-1)?.counts ?? new Map<number, number>();
    return [...last.keys()].filter((irq) => (last.get(irq) ?? 0) > (first.get(irq) ?? 0)).sort((a, b) => a - b);
  });

  async function catchUp(client: KernelClient): Promise<void> {
    take(await client.request('irq.history', { sinceNs: Math.max(0, lastT()) }), false);
  }

  /** A chart that shows the data keeps it live while mounted; returns the function that stops watching. */
  function watch(): () => void {
    watchers++;
    return () => { watchers--; };
  }

  /** What the attach service keeps in sync: the history from boot, then samples as the kernel closes them. */
  const source: AttachedStore = {
    name: 'interrupts',
    streams: ['trace'],
    async backfill(client) {
      take(await client.request('irq.history', {}), true);
    },
    live(client) {
      const poll = setInterval(() => {
        if (watchers > 0 && client.state === 'open' && globalThis.document?.visibilityState !== 'hidden') void catchUp(client).catch(() => {});
      }, IRQ_POLL_MS);
      return [
        client.onTrace((batch) => {
          const got: IrqSample[] = [];
          for (const e of batch) {
            if (!isTracepoint(e, 'irq', 'irq_history_sample')) continue;
            got.push({ t: e.args.t, counts: new Map(Object.entries(e.args.counts).map(([irq, n]) => [Number(irq), n])) });
          }
          // A sample closes only when a count changes: fill the quiet boundaries before it from the kernel's ring.
          if (got.length) void catchUp(client).catch(() => append(got));
        }),
        () => clearInterval(poll),
      ];
    },
  };

  return { samples, labels, epoch, active, take, append, watch, source };
});
