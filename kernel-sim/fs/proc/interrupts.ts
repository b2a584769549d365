// Models linux/fs/proc/interrupts.c, kernel/irq/proc.c's show_interrupts and arch/x86/kernel/irq.c's arch_show_interrupts: /proc/interrupts.
//
// The IRQ subsystem fills this in with proc_interrupts_add_source(): a function
// returning one row per active interrupt line. Architecture counters (LOC, RES,
// ...) read zero until someone sets them with proc_interrupts_set_arch_counter().
import { defineState } from '../../kernel/state.ts';
import { runqueue } from '../../kernel/sched/core.ts';
import { online_cpus } from '../../kernel/cpu.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

/** nr_irqs on a 2-CPU q35 guest ("NR_IRQS: 524544, nr_irqs: 440"). */
export const NR_IRQS = 440;

/** One line of /proc/interrupts as show_interrupts prints it. */
export interface irq_row {
  irq: number;
  /** Count per CPU. */
  counts: number[];
  /** irq_chip name: "IO-APIC", "PCI-MSI" ... */
  chip: string;
  /** Hardware irq number in its domain (null when there is no domain). */
  hwirq: number | null;
  /** Flow handler name after the dash: "edge", "fasteoi". */
  handler: string;
  /** Names of the actions (request_irq's name), in order. */
  actions: string[];
}

type arch_counter = () => number[];

const irqProcState = defineState('proc_interrupts', () => ({
  sources: [] as (() => irq_row[])[],
  arch: new Map<string, arch_counter>(),
  err_count: 0,
}));

export function proc_interrupts_add_source(fn: () => irq_row[]): void { irqProcState().sources.push(fn); }
export function proc_interrupts_set_arch_counter(name: string, fn: arch_counter): void { irqProcState().arch.set(name, fn); }

/** Every row from every source, by irq number. */
export function irq_rows(): irq_row[] {
  return irqProcState().sources.flatMap((f) => f()).sort((a, b) => a.irq - b.irq);
}

/** Total count per irq, for /proc/stat's intr line. */
export function irq_counts(): Map<number, number> {
  return new Map(irq_rows().map((r) => [r.irq, r.counts.reduce((a, b) => a + b, 0)]));
}

/** The x86 rows after the numbered ones, in arch_show_interrupts order. */
const ARCH_ROWS: [string, string][] = [
  ['NMI', 'Non-maskable interrupts'], ['LOC', 'Local timer interrupts'], ['SPU', 'Spurious interrupts'],
  ['PMI', 'Performance monitoring interrupts'], ['IWI', 'IRQ work interrupts'], ['RTR', 'APIC ICR read retries'],
  ['RES', 'Rescheduling interrupts'], ['CAL', 'Function call interrupts'], ['TLB', 'TLB shootdowns'],
  ['TRM', 'Thermal event interrupts'], ['THR', 'Threshold APIC interrupts'], ['DFR', 'Deferred Error APIC interrupts'],
  ['MCE', 'Machine check exceptions'], ['MCP', 'Machine check polls'],
];
const ARCH_TAIL: [string, string][] = [
  ['PIN', 'Posted-interrupt notification event'], ['NPI', 'Nested posted-interrupt event'], ['PIW', 'Posted-interrupt wakeup event'],
];

function show_interrupts(m: seq_file): number {
  const s = irqProcState();
  // for_each_online_cpu: an offline CPU's column is left out.
  const cpus = online_cpus();
  let prec = 3;
  for (let j = 1000; prec < 10 && j <= NR_IRQS; prec++) j *= 10;
  const cnt = (v: number): string => `${String(v >>> 0).padStart(10)} `;
  const zeros = (): number[] => Array<number>(runqueue().nr_cpus).fill(0);
  let out = ' '.repeat(prec + 8);
  for (const j of cpus) out += `CPU${String(j).padEnd(8)}`;
  out += '\n';
  for (const r of irq_rows()) {
    out += `${String(r.irq).padStart(prec)}: `;
    for (const j of cpus) out += cnt(r.counts[j] ?? 0);
    out += ` ${r.chip.padStart(8)}`;
    out += ` ${r.hwirq === null ? ''.padStart(prec) : String(r.hwirq).padStart(prec)}`;
    if (r.handler) out += `-${r.handler.padEnd(8)}`;
    if (r.actions.length) out += `  ${r.actions.join(', ')}`;
    out += '\n';
  }
  const arch_row = ([name, desc]: [string, string]): string => {
    const v = s.arch.get(name)?.() ?? zeros();
    return `${name.padStart(prec)}: ${cpus.map((j) => cnt(v[j] ?? 0)).join('')}  ${desc}\n`;
  };
  for (const r of ARCH_ROWS) out += arch_row(r);
  out += `${'ERR'.padStart(prec)}: ${String(s.err_count).padStart(10)}\n`;
  out += `${'MIS'.padStart(prec)}: ${String(0).padStart(10)}\n`;
  for (const r of ARCH_TAIL) out += arch_row(r);
  seq_puts(m, out);
  return 0;
}

export function proc_interrupts_init(): number {
  proc_create_single('interrupts', 0, null, show_interrupts);
  return 0;
}
