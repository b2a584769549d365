// Models linux/kernel/irq/chip.c: flow handlers (edge, fasteoi), startup/shutdown and mask/unmask of a descriptor through its chip.
import { IRQS_ONESHOT, IRQS_PENDING, IRQS_REPLAY, irqState, mask_irq, unmask_irq, type irq_desc } from './irqdesc.ts';
import { handle_irq_event } from './handle.ts';
import { irq_history_sync } from './history.ts';

// mask_irq/unmask_irq (chip.c) live with the descriptor in irqdesc.ts: spurious.c's disable uses them too, below the flow handlers.
export { mask_irq, unmask_irq };

/** irq_startup(): first handler installed; the line is enabled at the chip. */
export function irq_startup(desc: irq_desc): void {
  desc.depth = 0;
  const chip = desc.irq_data.chip;
  if (chip?.irq_startup) { desc.irq_data.masked = false; chip.irq_startup(desc.irq_data); }
  else unmask_irq(desc);
}

/** irq_shutdown(): the last handler went away. */
export function irq_shutdown(desc: irq_desc): void {
  desc.depth = 1;
  const chip = desc.irq_data.chip;
  if (chip?.irq_shutdown) { chip.irq_shutdown(desc.irq_data); desc.irq_data.masked = true; }
  else mask_irq(desc);
}

/** Whether the descriptor must not run its handlers now (disabled, or nobody installed). */
function irq_may_not_run(desc: irq_desc): boolean {
  return desc.action.length === 0 || desc.depth > 0;
}

function kstat_incr(desc: irq_desc): void {
  irq_history_sync(); // close the sampling boundaries passed before this count changes
  const cpu = desc.irq_data.effective_cpu;
  desc.kstat_irqs[cpu] = (desc.kstat_irqs[cpu] ?? 0) + 1;
  desc.tot_count++;
}

/**
 * handle_edge_irq(): ack, then run the handlers; an edge that arrives while
 * the line is disabled is remembered (IRQS_PENDING) and the line masked, so
 * enable_irq can replay it.
 */
export function handle_edge_irq(desc: irq_desc): void {
  desc.istate &= ~IRQS_REPLAY;
  if (irq_may_not_run(desc)) {
    desc.istate |= IRQS_PENDING;
    mask_irq(desc);
    desc.irq_data.chip?.irq_ack?.(desc.irq_data);
    return;
  }
  kstat_incr(desc);
  desc.irq_data.chip?.irq_ack?.(desc.irq_data);
  do {
    desc.istate &= ~IRQS_PENDING;
    handle_irq_event(desc);
  } while (desc.istate & IRQS_PENDING && !irq_may_not_run(desc));
}

/**
 * handle_fasteoi_irq(): level-triggered lines (I/O APIC pins of PCI INTx):
 * handlers run, then the chip gets its EOI. Oneshot lines stay masked until the thread ran.
 */
export function handle_fasteoi_irq(desc: irq_desc): void {
  desc.istate &= ~IRQS_REPLAY;
  if (irq_may_not_run(desc)) {
    desc.istate |= IRQS_PENDING;
    mask_irq(desc);
    desc.irq_data.chip?.irq_eoi?.(desc.irq_data);
    return;
  }
  kstat_incr(desc);
  if (desc.istate & IRQS_ONESHOT) mask_irq(desc);
  handle_irq_event(desc);
  // cond_unmask_eoi_irq: a oneshot line is unmasked by the thread when it is done.
  desc.irq_data.chip?.irq_eoi?.(desc.irq_data);
  if (desc.istate & IRQS_ONESHOT && desc.threads_oneshot === 0 && desc.depth === 0) unmask_irq(desc);
}

/** handle_simple_irq(). */
export function handle_simple_irq(desc: irq_desc): void {
  if (irq_may_not_run(desc)) { desc.istate |= IRQS_PENDING; return; }
  kstat_incr(desc);
  handle_irq_event(desc);
}

/** Flow name of a handler, as /proc/interrupts shows it. */
export function flow_name(h: (d: irq_desc) => void): string {
  return h === handle_fasteoi_irq ? 'fasteoi' : h === handle_edge_irq ? 'edge' : 'simple';
}

export { irqState };
