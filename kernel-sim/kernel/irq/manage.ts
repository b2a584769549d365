// Models linux/kernel/irq/manage.c: request_threaded_irq/request_irq/free_irq, shared lines, irq threads (irq/N-name), disable_irq/enable_irq and synchronize_irq.
import type { KGen } from '../../include/linux/sched.ts';
import { TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE } from '../../include/linux/sched.ts';
import { EBUSY, EINVAL, ENOSYS } from '../../include/uapi/asm-generic/errno.ts';
import { pr_err, pr_warn } from '../printk/printk.ts';
import { kernel_thread, CLONE_FS, CLONE_FILES } from '../fork.ts';
import { runqueue, schedule, set_current_state, wake_up_process } from '../sched/core.ts';
import { wait_event, wake_up_all, wait_queue_head } from '../sched/wait.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import { trace_event } from '../trace/trace.ts';
import {
  IRQ_WAKE_THREAD, IRQF_ONESHOT, IRQF_SHARED, IRQF_TRIGGER_MASK, IRQF_NO_AUTOEN, IRQF_PROBE_SHARED, IRQS_ONESHOT, IRQS_PENDING, IRQS_REPLAY, IRQS_SPURIOUS_DISABLED,
  irq_to_desc, type irq_desc, type irq_handler_t, type irq_thread_fn_t, type irqaction, type irqreturn_t,
} from './irqdesc.ts';
import { irq_shutdown, irq_startup, mask_irq, unmask_irq } from './chip.ts';
import { register_handler_proc, unregister_handler_proc } from './proc.ts';

function is_gen(r: unknown): r is KGen<irqreturn_t> {
  return r !== null && typeof r === 'object' && typeof (r as { next?: unknown }).next === 'function';
}

/** irq_default_primary_handler(): a threaded-only request wakes its thread. */
export function irq_default_primary_handler(): irqreturn_t {
  return IRQ_WAKE_THREAD;
}

/** irq_finalize_oneshot(): the thread is done; a oneshot line may be unmasked again. */
function irq_finalize_oneshot(desc: irq_desc, action: irqaction): void {
  if (!(action.flags & IRQF_ONESHOT)) return;
  desc.threads_oneshot = 0;
  if (desc.depth === 0 && desc.irq_data.masked && !(desc.istate & IRQS_SPURIOUS_DISABLED)) unmask_irq(desc);
}

/** irq_thread(): the body of "irq/N-name": sleeps until the hard handler wakes it, then runs thread_fn. */
function irq_thread(desc: irq_desc, action: irqaction): () => KGen<number> {
  return function* () {
    for (;;) {
      while (!action.run_thread && !action.stop_thread) {
        set_current_state(TASK_INTERRUPTIBLE);
        yield* schedule();
      }
      if (action.stop_thread) return 0;
      action.run_thread = false;
      trace_event('irq', 'irq_thread_run', { irq: action.irq, name: action.name });
      const r = action.thread_fn!(action.irq, action.dev_id);
      if (is_gen(r)) yield* r;
      irq_finalize_oneshot(desc, action);
      desc.threads_active--;
      wake_up_all(desc.wait_for_threads);
    }
  };
}

function setup_irq_thread(action: irqaction): void {
  const desc = irq_to_desc(action.irq)!;
  const name = `irq/${action.irq}-${action.name}`.slice(0, 15);
  // kthread_create(): kthreadd forks the thread, so it never shares the files of the task that asked (a user
  // process requesting a line's irq through an ioctl would otherwise keep its fds open past its exit).
  const rq = runqueue();
  const prev = rq.curr;
  rq.curr = rq.tasks.get(2) ?? prev;
  let pid: number;
  try { pid = kernel_thread(irq_thread(desc, action), name, CLONE_FS | CLONE_FILES); } finally { rq.curr = prev; }
  action.thread = runqueue().tasks.get(pid) ?? null;
}

/**
 * request_threaded_irq(): installs `handler` (hard irq context) and/or
 * `thread_fn` (in the kthread irq/N-name) on `irq`. Returns 0 or -errno.
 */
export function request_threaded_irq(irq: number, handler: irq_handler_t | null, thread_fn: irq_thread_fn_t | null, irqflags: number, devname: string, dev_id: unknown): number {
  const desc = irq_to_desc(irq);
  if (!desc || !desc.requestable || !desc.irq_data.chip) return -EINVAL;
  if (irqflags & IRQF_SHARED && (dev_id === null || dev_id === undefined)) return -EINVAL;
  if (!handler) {
    if (!thread_fn) return -EINVAL;
    if (!(irqflags & IRQF_ONESHOT)) {
      pr_err(`genirq: Threaded irq requested with handler=NULL and !ONESHOT for ${devname} (irq ${irq})`);
      return -EINVAL;
    }
    handler = irq_default_primary_handler;
  }
  const action: irqaction = {
    handler, thread_fn, dev_id, name: devname, flags: irqflags, irq, thread: null, run_thread: false, stop_thread: false,
    thread_wait: new wait_queue_head(), owner: null,
  };
  const old = desc.action[0];
  if (old) {
    const mismatch = !(old.flags & irqflags & IRQF_SHARED) || (old.flags ^ irqflags) & IRQF_TRIGGER_MASK || (old.flags ^ irqflags) & IRQF_ONESHOT;
    if (mismatch) {
      if (!(irqflags & IRQF_PROBE_SHARED)) {
        pr_err(`genirq: Flags mismatch irq ${irq}. ${irqflags.toString(16).padStart(8, '0')} (${devname}) vs. ${old.flags.toString(16).padStart(8, '0')} (${old.name})`);
      }
      return -EBUSY;
    }
  }
  // __irq_set_trigger(): the first handler's IRQF_TRIGGER_* flags program the chip (IRQ_TYPE_* has the same bits).
  if (!old && irqflags & IRQF_TRIGGER_MASK && desc.irq_data.chip.irq_set_type) {
    const r = desc.irq_data.chip.irq_set_type(desc.irq_data, irqflags & IRQF_TRIGGER_MASK);
    if (r) {
      pr_err(`genirq: Setting trigger mode ${irqflags & IRQF_TRIGGER_MASK} for irq ${irq} failed`);
      return r;
    }
  }
  if (thread_fn) setup_irq_thread(action);
  desc.action.push(action);
  if (irqflags & IRQF_ONESHOT) desc.istate |= IRQS_ONESHOT;
  if (!old) {
    desc.istate &= ~(IRQS_SPURIOUS_DISABLED | IRQS_PENDING | IRQS_REPLAY);
    desc.irq_count = 0;
    desc.irqs_unhandled = 0;
    if (irqflags & IRQF_NO_AUTOEN) desc.depth = 1;
    else irq_startup(desc);
  }
  register_handler_proc(irq, action);
  trace_event('irq', 'request_irq', { irq, name: devname, flags: irqflags, threaded: !!thread_fn });
  return 0;
}

/** request_irq(): a hard-irq handler only. */
export function request_irq(irq: number, handler: irq_handler_t, flags: number, name: string, dev: unknown): number {
  return request_threaded_irq(irq, handler, null, flags, name, dev);
}

/** request_any_context_irq(): here every irq may be handled in hard-irq context. */
export function request_any_context_irq(irq: number, handler: irq_handler_t, flags: number, name: string, dev_id: unknown): number {
  const r = request_irq(irq, handler, flags, name, dev_id);
  return r < 0 ? r : 0;
}

/**
 * free_irq(): removes the action of dev_id; the last one shuts the line down.
 * Returns the devname it was requested with, or null (with a WARN) if there was none.
 */
export function free_irq(irq: number, dev_id: unknown): string | null {
  const desc = irq_to_desc(irq);
  const i = desc ? desc.action.findIndex((a) => a.dev_id === dev_id) : -1;
  if (!desc || i < 0) {
    __warn('kernel/irq/manage.c', 1925, '__free_irq', `Trying to free already-free IRQ ${irq}`, ['free_irq']);
    return null;
  }
  const [action] = desc.action.splice(i, 1);
  if (desc.action.length === 0) {
    irq_shutdown(desc);
    desc.istate &= ~IRQS_ONESHOT;
  }
  unregister_handler_proc(irq, action!);
  if (action!.thread) {
    action!.stop_thread = true;
    wake_up_process(action!.thread);
  }
  trace_event('irq', 'free_irq', { irq, name: action!.name });
  return action!.name;
}

/** disable_irq_nosync(): nested disable; the line is masked when the next interrupt comes (lazy disable). */
export function disable_irq_nosync(irq: number): void {
  const desc = irq_to_desc(irq);
  if (!desc) return;
  if (desc.depth++ === 0) mask_irq(desc);
}

/** disable_irq(): as disable_irq_nosync; hard handlers never run concurrently here, so nothing is left to wait for. */
export function disable_irq(irq: number): void {
  disable_irq_nosync(irq);
}

/** enable_irq(): undoes one disable_irq; at depth 0 the line is unmasked and a pending edge replayed. */
export function enable_irq(irq: number): void {
  const desc = irq_to_desc(irq);
  if (!desc) return;
  if (desc.depth === 0) {
    __warn('kernel/irq/manage.c', 774, '__enable_irq', `Unbalanced enable for IRQ ${irq}`, ['enable_irq']);
    return;
  }
  if (desc.depth === 1 && desc.istate & IRQS_SPURIOUS_DISABLED) return;
  if (--desc.depth === 0) {
    unmask_irq(desc);
    // check_irq_resend(): an edge lost while disabled is replayed once.
    if (desc.istate & IRQS_PENDING && !desc.irq_data.level) {
      desc.istate &= ~IRQS_PENDING;
      desc.istate |= IRQS_REPLAY;
      if (!desc.irq_data.chip?.irq_retrigger?.(desc.irq_data)) desc.handle_irq?.(desc);
    }
  }
}

/** synchronize_irq(): waits until no threaded handler of the irq is running. */
export function* synchronize_irq(irq: number): KGen<void> {
  const desc = irq_to_desc(irq);
  if (!desc) return;
  yield* wait_event(desc.wait_for_threads, () => desc.threads_active === 0, 'synchronize_irq');
}

/** irq_set_irq_wake() / enable_irq_wake(): no wake-up sources are modelled. */
export function irq_set_irq_wake(_irq: number, _on: number): number {
  return -ENOSYS;
}

export { TASK_UNINTERRUPTIBLE, pr_warn };
