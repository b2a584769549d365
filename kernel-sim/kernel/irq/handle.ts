// Models linux/kernel/irq/handle.c: running a descriptor's actions in hard-irq context and waking irq threads.
import { runqueue, wake_up_process } from '../sched/core.ts';
import { account_ns } from '../time/timekeeping.ts';
import { trace_event } from '../trace/trace.ts';
import { pr_warn } from '../printk/printk.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQ_WAKE_THREAD, IRQF_ONESHOT, irqState, type irq_desc, type irqaction, type irqreturn_t } from './irqdesc.ts';
import { note_interrupt } from './spurious.ts';

/** CPU time a hard handler costs, beyond the MMIO it does. */
const HARDIRQ_ENTRY_NS = 700;

/** __irq_wake_thread(): marks the action's thread runnable. */
export function __irq_wake_thread(desc: irq_desc, action: irqaction): void {
  if (!action.thread || action.stop_thread) return;
  if (action.run_thread) return;
  action.run_thread = true;
  desc.threads_active++;
  if (action.flags & IRQF_ONESHOT) desc.threads_oneshot |= 1;
  wake_up_process(action.thread);
}

/** __handle_irq_event_percpu(): every action's hard handler, in registration order. */
export function handle_irq_event_percpu(desc: irq_desc): irqreturn_t {
  let retval = IRQ_NONE;
  const irq = desc.irq_data.irq, actions = desc.action;
  // A handler may free its own irq (or another action of the line): the actions are those the line had when it fired. A lone one needs no copy.
  const list = actions.length === 1 ? actions : [...actions];
  for (let i = 0; i < list.length; i++) {
    const action = list[i]!;
    trace_event('irq', 'irq_handler_entry', { irq, name: action.name });
    let res: irqreturn_t;
    try {
      res = action.handler(irq, action.dev_id);
    } finally {
      trace_event('irq', 'irq_handler_exit', { irq });
    }
    if (res !== IRQ_NONE && res !== IRQ_HANDLED && res !== IRQ_WAKE_THREAD && res !== (IRQ_HANDLED | IRQ_WAKE_THREAD)) {
      pr_warn(`irq ${irq}: bogus return value ${res} from ${action.name}`);
      res = IRQ_NONE;
    }
    if (res & IRQ_WAKE_THREAD) {
      if (!action.thread_fn) pr_warn(`IRQ ${irq} device ${action.name} returned IRQ_WAKE_THREAD but no thread function available.`);
      else __irq_wake_thread(desc, action);
    }
    retval |= res;
  }
  return retval;
}

/** handle_irq_event(): runs the actions with the descriptor marked in progress; feeds the spurious detector. */
export function handle_irq_event(desc: irq_desc): irqreturn_t {
  desc.in_progress = true;
  const rq = runqueue();
  rq.preempt_count++;
  account_ns(HARDIRQ_ENTRY_NS);
  let ret = IRQ_NONE;
  try {
    ret = handle_irq_event_percpu(desc);
  } finally {
    rq.preempt_count--;
    desc.in_progress = false;
  }
  if (!irqState().noirqdebug) note_interrupt(desc, ret);
  return ret;
}

/** generic_handle_irq(): calls the flow handler of an irq. */
export function generic_handle_irq_desc(desc: irq_desc): void {
  desc.handle_irq?.(desc);
}
