// Models a sampler of /proc/interrupts (what a tick-driven `sar -I` keeps): each interrupt line's count at every 100 ms of virtual time since boot, in a bounded ring.
//
// The kernel here is tickless, so no timer wakes an idle machine to sample:
// a boundary's sample is closed lazily, just before a count changes
// (kstat_incr) and whenever the history is read, with the counts as they
// stood at that boundary -- the series a periodic sampler would have taken,
// caught up the way NOHZ catches up its accounting. When the ring is full it
// keeps every other sample and doubles the interval, so it always reaches
// back to boot. A sample whose counts changed is also an irq_history_sample
// tracepoint, for clients following the trace stream.
import { defineState } from '../state.ts';
import { ktime_get, NSEC_PER_MSEC } from '../time/timekeeping.ts';
import { trace_event } from '../trace/trace.ts';
import { irq_proc_rows } from './proc.ts';

export const IRQ_HISTORY_INTERVAL_NS = 100 * NSEC_PER_MSEC;
/** Samples kept: two minutes at 100 ms, then thinned. */
export const IRQ_HISTORY_CAPACITY = 1200;

export interface irq_history_sample { t: number; counts: number[] }

interface IrqHistoryState {
  interval_ns: number;
  /** The next boundary not yet sampled. */
  next_t: number;
  /** Lines in the order first seen, with their labels. */
  irqs: number[];
  labels: string[];
  index: Map<number, number>;
  samples: irq_history_sample[];
}

const irqHistoryState = defineState<IrqHistoryState>('irq_history', () => ({
  interval_ns: IRQ_HISTORY_INTERVAL_NS, next_t: IRQ_HISTORY_INTERVAL_NS, irqs: [], labels: [], index: new Map(), samples: [],
}));

/** The counts of every numbered line now, summed over CPUs, in `irqs` order (new lines are added). */
function current_counts(st: IrqHistoryState): number[] {
  const counts = st.irqs.map(() => 0);
  for (const r of irq_proc_rows()) {
    let i = st.index.get(r.irq);
    if (i === undefined) {
      i = st.irqs.length;
      st.index.set(r.irq, i);
      st.irqs.push(r.irq);
      st.labels.push('');
    }
    const label = r.actions.join(', ') || `${r.chip}-${r.handler}`;
    if (label) st.labels[i] = label;
    counts[i] = r.counts.reduce((a, b) => a + b, 0);
  }
  return counts;
}

function same(a: number[], b: number[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Keeps every other sample and doubles the interval, so the ring still reaches back to boot. */
function thin(st: IrqHistoryState): void {
  const wider = st.interval_ns * 2;
  st.samples = st.samples.filter((s) => Math.round(s.t / st.interval_ns) % 2 === 0);
  st.interval_ns = wider;
  st.next_t = Math.ceil(st.next_t / wider) * wider;
}

/** Closes every boundary up to now with the counts as they stand (they have not changed since the last close). */
export function irq_history_sync(): void {
  const st = irqHistoryState();
  const now = ktime_get();
  if (now < st.next_t) return;
  const counts = current_counts(st);
  const changed = !same(counts, st.samples.at(-1)?.counts);
  let first = true;
  while (st.next_t <= now) {
    st.samples.push({ t: st.next_t, counts });
    if (first && changed) {
      trace_event('irq', 'irq_history_sample', { t: st.next_t, interval_ns: st.interval_ns, counts: Object.fromEntries(st.irqs.map((irq, i) => [String(irq), counts[i] ?? 0])) });
    }
    first = false;
    st.next_t += st.interval_ns;
    if (st.samples.length > IRQ_HISTORY_CAPACITY) thin(st);
  }
}

/** The history from boot (or after since_ns): lines with labels, and counts per sample padded to every line. */
export function irq_history(since_ns = -1): { interval_ns: number; now: number; lines: { irq: number; label: string }[]; samples: irq_history_sample[] } {
  irq_history_sync();
  const st = irqHistoryState();
  const n = st.irqs.length;
  return {
    interval_ns: st.interval_ns,
    now: ktime_get(),
    lines: st.irqs.map((irq, i) => ({ irq, label: st.labels[i] ?? '' })),
    samples: st.samples.filter((s) => s.t > since_ns).map((s) => ({ t: s.t, counts: s.counts.length === n ? s.counts : [...s.counts, ...Array<number>(n - s.counts.length).fill(0)] })),
  };
}
