// Models linux/arch/x86/kernel/irq.c and idt/entry glue: common_interrupt (hardware lines and MSI vectors to irq descriptors, one at a time with interrupts off), arch_show_interrupts, and init_IRQ.
import { proc_interrupts_set_arch_counter } from '../../../fs/proc/interrupts.ts';
import { hwState } from '../../../machine/hardware.ts';
import type { MSIMessage } from '../../../hw/pci/pci.ts';
import { defineState } from '../../../kernel/state.ts';
import { ktime_get, account_ns } from '../../../kernel/time/timekeeping.ts';
import { printk, KERN_EMERG, pr_emerg } from '../../../kernel/printk/printk.ts';
import { trace_event } from '../../../kernel/trace/trace.ts';
import { runqueue } from '../../../kernel/sched/core.ts';
import { irq_enter, irq_exit } from '../../../kernel/softirq.ts';
import { early_irq_init, irq_to_desc, irqState, IRQ_HANDLED } from '../../../kernel/irq/irqdesc.ts';
import { request_irq } from '../../../kernel/irq/manage.ts';
import { ioapic_pin_to_irq, setup_IO_APIC } from './apic/io_apic.ts';
import { x86_vector_lookup } from './apic/vector.ts';

/** Consecutive re-deliveries of one level line before the watchdog calls it a hard lockup. */
const HARD_LOCKUP_LIMIT = 300000;
/** CPU time to enter and leave an interrupt (IDT, irq_enter/irq_exit). */
const IRQ_ENTRY_NS = 300;

interface EntryState {
  /** Interrupts waiting while a handler runs (the CPU has interrupts disabled). */
  queue: number[];
  in_irq: boolean;
  /** Asserted level lines by I/O APIC pin. */
  line_high: boolean[];
}

const entryState = defineState<EntryState>('x86_irq_entry', () => ({ queue: [], in_irq: false, line_high: new Array<boolean>(24).fill(false) }));

/** Runs the queued interrupts; a level line still asserted after EOI fires again (the I/O APIC's remote IRR). */
function drain(): void {
  const st = entryState();
  if (st.in_irq) return;
  st.in_irq = true;
  const rq = runqueue();
  let again = 0;
  try {
    while (st.queue.length) {
      const irq = st.queue.shift()!;
      const desc = irq_to_desc(irq);
      if (!desc?.handle_irq) continue;
      rq.preempt_count++;
      account_ns(IRQ_ENTRY_NS);
      irq_enter(desc.irq_data.effective_cpu);
      try {
        desc.handle_irq(desc);
      } finally {
        irq_exit();
        rq.preempt_count--;
      }
      const pin = desc.irq_data.level && desc.irq_data.has_domain ? desc.irq_data.hwirq : -1;
      if (pin >= 0 && st.line_high[pin] && !desc.irq_data.masked) {
        if (++again > HARD_LOCKUP_LIMIT) {
          pr_emerg(`watchdog: Watchdog detected hard LOCKUP on cpu ${desc.irq_data.effective_cpu}`);
          pr_emerg(`irq ${irq}: the line stays asserted although its handler returned IRQ_HANDLED; masking it`);
          desc.depth++;
          desc.irq_data.chip?.irq_mask?.(desc.irq_data);
          desc.irq_data.masked = true;
          again = 0;
          continue;
        }
        st.queue.push(irq);
      }
    }
  } finally {
    st.in_irq = false;
  }
}

/**
 * common_interrupt(): where the hardware's interrupts enter the kernel.
 * I/O APIC pins arrive as (pin, level); MSIs as (vector, 1, message) with
 * the destination APIC ID in address bits 12-19.
 */
export function x86_irq_entry(gsi_or_vector: number, level: number, msi?: MSIMessage & { source: string }): void {
  const st = entryState();
  let irq: number | undefined;
  if (msi) {
    // In Number arithmetic: the interrupt controller passes only 0xfeeXXXXX addresses (exact as a double), and BigInt shifts allocate on every MSI.
    const cpu = Math.floor(Number(msi.address) / 4096) & 0xff;
    irq = x86_vector_lookup(cpu, gsi_or_vector);
    if (irq === undefined) {
      printk(`${KERN_EMERG}__common_interrupt: ${cpu}.${gsi_or_vector} No irq handler for vector`);
      irqState().irq_err_count++;
      return;
    }
  } else {
    const pin = gsi_or_vector;
    if (pin >= 0 && pin < st.line_high.length) st.line_high[pin] = level !== 0;
    if (!level) return;
    irq = ioapic_pin_to_irq(pin);
    if (irq === undefined) {
      irqState().irq_err_count++;
      return;
    }
  }
  trace_event('irq', 'hw_irq', { irq, at: ktime_get(), msi: !!msi });
  st.queue.push(irq);
  drain();
}

/** The local APIC timer: one tick per 4 ms of CPU time, fewer on an idle CPU (NOHZ); what /proc/interrupts' LOC row counts. */
function local_timer_counts(): number[] {
  const st = irqState();
  const ticks = Math.floor(ktime_get() / 4_000_000);
  const extra = st.arch.get('LOC') ?? [];
  return Array.from({ length: st.nr_cpus }, (_, c) => Math.floor(ticks / (c === 0 ? 8 : 9)) + (extra[c] ?? 0));
}

/** arch_show_interrupts(): the architecture rows read the per-CPU counters kept here. */
function register_arch_counters(): void {
  const st = irqState();
  proc_interrupts_set_arch_counter('LOC', local_timer_counts);
  for (const name of ['NMI', 'SPU', 'PMI', 'IWI', 'RTR', 'RES', 'CAL', 'TLB', 'TRM', 'THR', 'DFR', 'MCE', 'MCP', 'PIN', 'NPI', 'PIW']) {
    proc_interrupts_set_arch_counter(name, () => Array.from({ length: st.nr_cpus }, (_, c) => st.arch.get(name)?.[c] ?? 0));
  }
}

/** Handlers of platform devices whose drivers are not simulated in detail (PIT, RTC, ACPI SCI, the console UART); i8042 requests 1 and 12 itself (drivers/input/serio/i8042.ts). */
const LEGACY_IRQS: [number, string][] = [[0, 'timer'], [4, 'ttyS0'], [8, 'rtc0'], [9, 'acpi']];

/** init_IRQ() + the I/O APIC setup: the kernel takes over interrupt delivery from the hardware's default sink. */
export function init_IRQ(nr_cpus: number, legacy: boolean): void {
  early_irq_init(nr_cpus);
  const hw = hwState();
  hw.irq_entry = x86_irq_entry;
  register_arch_counters();
  if (!hw.machine) return;
  setup_IO_APIC();
  if (!legacy) return;
  for (const [irq, name] of LEGACY_IRQS) {
    const dev = { legacy: name, irq };
    request_irq(irq, function legacy_irq_handler() { return IRQ_HANDLED; }, irq === 9 ? 0x80 : 0, name, dev);
  }
  // The i8254 timer drove the boot CPU's ticks until the local APIC timer took over.
  const d0 = irq_to_desc(0);
  if (d0) { d0.kstat_irqs[0] = 124; d0.tot_count = 124; }
}

