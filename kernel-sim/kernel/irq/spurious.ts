// Models linux/kernel/irq/spurious.c: unhandled-interrupt accounting, the "nobody cared" report and disabling a screaming line.
import { printk, KERN_EMERG, KERN_ERR, pr_err } from '../printk/printk.ts';
import { dump_stack_header } from '../panic.ts';
import { jiffies, HZ } from '../time/timekeeping.ts';
import { trace_event } from '../trace/trace.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQ_WAKE_THREAD, IRQS_SPURIOUS_DISABLED, irqState, mask_irq, type irq_desc, type irqreturn_t } from './irqdesc.ts';

/** Interrupts counted before the verdict, and how many of them may go unhandled. */
export const SPURIOUS_WINDOW = 100000;
export const SPURIOUS_LIMIT = 99900;

/** %p of a handler: a stable hashed pointer per name. */
function hashed(name: string): string {
  let x = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) x = Math.imul(x ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return x.toString(16).padStart(16, '0');
}

/** __report_bad_irq(): the report with a stack and the list of installed handlers. */
export function __report_bad_irq(desc: irq_desc, action_ret: irqreturn_t): void {
  const irq = desc.irq_data.irq;
  const bad = action_ret !== IRQ_NONE && action_ret !== IRQ_HANDLED && action_ret !== IRQ_WAKE_THREAD && action_ret !== (IRQ_HANDLED | IRQ_WAKE_THREAD);
  if (bad) printk(`${KERN_ERR}irq event ${irq}: bogus return value ${action_ret.toString(16)}`);
  else printk(`${KERN_ERR}irq ${irq}: nobody cared (try booting with the "irqpoll" option)`);
  pr_err(dump_stack_header());
  pr_err('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  pr_err('Call Trace:');
  pr_err(' <IRQ>');
  for (const [f, off, len] of [['dump_stack_lvl', 0x44, 0x5c], ['__report_bad_irq', 0x35, 0xa7], ['note_interrupt.cold', 0x3b, 0x69], ['handle_irq_event', 0x6d, 0x80], [desc.name === 'fasteoi' ? 'handle_fasteoi_irq' : 'handle_edge_irq', 0x78, 0x1b0], ['__common_interrupt', 0x3e, 0xa0], ['common_interrupt', 0x7b, 0xa0]] as const) {
    pr_err(` ${f}+0x${off.toString(16)}/0x${len.toString(16)}`);
  }
  pr_err(' </IRQ>');
  pr_err('handlers:');
  for (const a of desc.action) {
    const owner = a.owner ? ` [${a.owner}]` : '';
    const fn = a.handler.name || 'irq_handler';
    let line = `[<${hashed(fn + a.name)}>] ${fn}${owner}`;
    if (a.thread_fn) line += ` threaded [<${hashed((a.thread_fn.name || 'thread_fn') + a.name)}>] ${a.thread_fn.name || 'thread_fn'}${owner}`;
    pr_err(line);
  }
}

/**
 * note_interrupt(): counts interrupts nobody handled. Of 100,000 interrupts on
 * a line, more than 99,900 unhandled means the line is stuck: report it and
 * disable it for good (IRQS_SPURIOUS_DISABLED).
 */
export function note_interrupt(desc: irq_desc, action_ret: irqreturn_t): void {
  if (action_ret & IRQ_WAKE_THREAD && !(action_ret & IRQ_HANDLED)) action_ret = IRQ_HANDLED;
  if (action_ret === IRQ_NONE) {
    const now = jiffies();
    if (now - desc.last_unhandled > HZ / 10) desc.irqs_unhandled = 1;
    else desc.irqs_unhandled++;
    desc.last_unhandled = now;
  }
  desc.irq_count++;
  if (desc.irq_count < SPURIOUS_WINDOW) return;
  desc.irq_count = 0;
  if (desc.irqs_unhandled > SPURIOUS_LIMIT) {
    __report_bad_irq(desc, action_ret);
    printk(`${KERN_EMERG}Disabling IRQ #${desc.irq_data.irq}`);
    desc.istate |= IRQS_SPURIOUS_DISABLED;
    desc.depth++;
    mask_irq(desc);
    trace_event('irq', 'irq_spurious_disabled', { irq: desc.irq_data.irq, unhandled: desc.irqs_unhandled });
  }
  desc.irqs_unhandled = 0;
}

export { irqState };
