// Models linux/arch/x86/kernel/apic/vector.c and kernel/irq/matrix.c: per-CPU interrupt vectors, allocated on the CPU with the most free ones.
import { defineState } from '../../../../kernel/state.ts';
import { irqState } from '../../../../kernel/irq/irqdesc.ts';

export const FIRST_EXTERNAL_VECTOR = 0x20;
/** Vectors 0x20-0x2f are the legacy ISA vectors; ordinary devices start at 0x21+ as on Linux (0x30 is ISA irq0). */
export const FIRST_SYSTEM_VECTOR = 0xec;
const FIRST_DEVICE_VECTOR = 0x21;

interface VectorState {
  /** vector_irq[cpu][vector] = irq. */
  vector_irq: Map<number, number>[];
  /** irq -> (cpu, vector). */
  by_irq: Map<number, { cpu: number; vector: number }>;
}

export const vectorState = defineState<VectorState>('x86_vector', () => ({ vector_irq: [], by_irq: new Map() }));

function ensure(): VectorState {
  const st = vectorState();
  const n = irqState().nr_cpus;
  while (st.vector_irq.length < n) st.vector_irq.push(new Map());
  return st;
}

/** Allocates a vector for `irq` on the CPU with the fewest vectors in use (the matrix allocator's choice). */
export function x86_vector_alloc(irq: number, affinity = ~0): { cpu: number; vector: number } | null {
  const st = ensure();
  const have = st.by_irq.get(irq);
  if (have) return have;
  let best = -1;
  for (let c = 0; c < st.vector_irq.length; c++) {
    if (!(affinity & (1 << c))) continue;
    if (best < 0 || st.vector_irq[c]!.size < st.vector_irq[best]!.size) best = c;
  }
  if (best < 0) return null;
  const map = st.vector_irq[best]!;
  for (let v = FIRST_DEVICE_VECTOR; v < FIRST_SYSTEM_VECTOR; v++) {
    if (v === 0x30 || map.has(v)) continue;
    map.set(v, irq);
    const r = { cpu: best, vector: v };
    st.by_irq.set(irq, r);
    return r;
  }
  return null;
}

export function x86_vector_free(irq: number): void {
  const st = ensure();
  const r = st.by_irq.get(irq);
  if (!r) return;
  st.vector_irq[r.cpu]!.delete(r.vector);
  st.by_irq.delete(irq);
}

export function x86_vector_lookup(cpu: number, vector: number): number | undefined {
  // Every MSI comes through here: a CPU whose table is not made yet has no vectors, so nothing to grow first.
  return vectorState().vector_irq[cpu]?.get(vector);
}

export function x86_irq_vector(irq: number): { cpu: number; vector: number } | undefined {
  return ensure().by_irq.get(irq);
}
