// Models linux/kernel/signal.c: sending signals, default actions, job-control stops and delivery on return to user mode.
import { RLIMIT_CORE } from '../include/uapi/resource.ts';
import { find_task_by_pid_ns, task_active_pid_ns, task_pid_nr_ns } from './pid_namespace.ts';
import {
  PF_KTHREAD, TASK_INTERRUPTIBLE, TASK_RUNNING, TASK_STOPPED, TASK_WAKEKILL, __TASK_STOPPED, EXIT_ZOMBIE,
  type KGen, type task_struct,
} from '../include/linux/sched.ts';
import type { k_sigaction } from '../include/linux/signal_types.ts';
import { EINVAL, EPERM, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import {
  SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIG_DFL, SIG_IGN, SA_RESETHAND, SA_NODEFER, SA_NOCLDSTOP, _NSIG,
  sig_default_action, sigmask,
} from '../include/uapi/signal.ts';
import { current, runqueue, schedule, try_to_wake_up, set_current_state } from './sched/core.ts';
import { trace_event } from './trace/trace.ts';
import { ptrace_hooks } from './ptrace_hooks.ts';

const STOP_MASK = sigmask(SIGSTOP) | sigmask(20) | sigmask(21) | sigmask(22);

export function valid_signal(sig: number): boolean {
  return Number.isInteger(sig) && sig >= 1 && sig <= _NSIG;
}

export function default_sighand(): k_sigaction[] {
  return Array.from({ length: _NSIG }, () => ({ handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 }));
}

function sig_ignored(t: task_struct, sig: number): boolean {
  if (sig === SIGKILL || sig === SIGSTOP) return false;
  const h = t.sighand.action[sig - 1].handler;
  if (h === SIG_IGN) return true;
  if (h === SIG_DFL) {
    const d = sig_default_action(sig);
    if (d === 'ign') return true;
    // Kernel threads ignore everything by default.
    if (t.flags & PF_KTHREAD) return true;
  }
  return false;
}

/** Wakes a task so it notices a signal: interruptible sleeps, and killable ones for SIGKILL. */
export function signal_wake_up(t: task_struct, fatal: boolean): void {
  try_to_wake_up(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL | __TASK_STOPPED : 0));
}

/** Queues `sig` for `t` (thread-directed) or its whole group; returns 0 or -errno. */
export function send_signal(sig: number, t: task_struct, group = true): number {
  if (!valid_signal(sig)) return -EINVAL;
  if (t.exit_state === EXIT_ZOMBIE || !t.gen) return 0;
  trace_event('signal', 'signal_generate', { sig, pid: t.pid, comm: t.comm });
  if (sig === SIGCONT || sig === SIGKILL) {
    // SIGCONT resumes a stopped group and discards pending stop signals.
    t.signal.shared_pending.signal &= ~STOP_MASK;
    t.pending.signal &= ~STOP_MASK;
    if (t.signal.stopped) {
      t.signal.stopped = false;
      t.signal.flags |= 2; // continued, for WCONTINUED
      for (const th of t.thread_group) try_to_wake_up(th, __TASK_STOPPED);
      do_notify_parent_cldstop(t, false);
    }
  } else if (STOP_MASK & sigmask(sig)) {
    t.signal.shared_pending.signal &= ~sigmask(SIGCONT);
  }
  if (sig_ignored(t, sig)) return 0;
  const pending = group ? t.signal.shared_pending : t.pending;
  pending.signal |= sigmask(sig);
  // Pick a thread that doesn't block it.
  const target = group ? (t.thread_group.find((th) => !(th.blocked & sigmask(sig)) && th.gen) ?? t) : t;
  if (sig === SIGKILL) for (const th of t.thread_group) signal_wake_up(th, true);
  else if (!(target.blocked & sigmask(sig))) signal_wake_up(target, false);
  return 0;
}

/** Sends `sig` to a process by pid, with the permission checks of kill(2). */
export function kill_pid_info(sig: number, pid: number, sender: task_struct = current()): number {
  // The number is the sender's view: a task in a pid namespace names others by their numbers there.
  const ns = task_active_pid_ns(sender);
  const t = find_task_by_pid_ns(pid, ns);
  if (!t || t.exit_state) return -ESRCH;
  if (sig === 0) return 0;
  if (sender.cred.euid !== 0 && sender.cred.euid !== t.cred.uid) return -EPERM;
  if (t.pid === 1 && (sig === SIGKILL || sig === SIGSTOP) && sender.pid !== 1) return 0; // init is protected
  // SIGNAL_UNKILLABLE: a namespace's init ignores signals it has no handler for when they come from inside it;
  // from an ancestor namespace SIGKILL and SIGSTOP still get through (sig_task_ignored's force).
  if (ns.level > 0 && ns.level === task_active_pid_ns(t).level && task_pid_nr_ns(t, ns) === 1
      && t.sighand.action[sig - 1].handler === 0) return 0;
  return send_signal(sig, t.group_leader, true);
}

/** Sends `sig` to every process of process group `pgrp`. */
export function kill_pgrp(sig: number, pgrp: number): number {
  let found = false;
  for (const t of runqueue().tasks.values()) {
    if (t.signal.pgrp === pgrp && t === t.group_leader && !t.exit_state) {
      found = true;
      if (sig) send_signal(sig, t, true);
    }
  }
  return found ? 0 : -ESRCH;
}

/** Tells the parent a child died or stopped: SIGCHLD (unless ignored) and a wake-up of wait4. */
export function do_notify_parent(child: task_struct, sig: number): void {
  const parent = child.real_parent;
  if (!parent || parent === child) return;
  send_signal(sig, parent, true);
}

function do_notify_parent_cldstop(t: task_struct, stopped: boolean): void {
  const parent = t.group_leader.real_parent;
  if (!parent || parent === t) return;
  const act = parent.sighand.action[SIGCHLD - 1];
  if (!(stopped && act.flags & SA_NOCLDSTOP)) send_signal(SIGCHLD, parent, true);
  // wait4 sleepers look at stopped children too.
  for (const th of parent.thread_group) try_to_wake_up(th, TASK_INTERRUPTIBLE);
}

/** Removes and returns the lowest-numbered deliverable signal, 0 if none. */
export function dequeue_signal(t: task_struct): number {
  for (const pending of [t.pending, t.signal.shared_pending]) {
    const ready = pending.signal & ~t.blocked | (pending.signal & sigmask(SIGKILL));
    if (ready === 0n) continue;
    for (let sig = 1; sig <= _NSIG; sig++) {
      if (ready & sigmask(sig)) {
        pending.signal &= ~sigmask(sig);
        return sig;
      }
    }
  }
  return 0;
}

/** What get_signal decided: run a handler, or the task must die (with core or not). */
export type SignalOutcome = { kind: 'none' } | { kind: 'handler'; sig: number; action: k_sigaction } | { kind: 'fatal'; sig: number; core: boolean };

/**
 * Delivers pending signals on the way back to user mode (get_signal). Job-control
 * stops sleep here until SIGCONT; ignored signals are dropped.
 */
export function* get_signal(): KGen<SignalOutcome> {
  const t = current();
  for (;;) {
    let sig = dequeue_signal(t);
    if (!sig) return { kind: 'none' };
    // A tracee stops for its tracer first, which may cancel or change the signal (ptrace_signal).
    const ph = t.ptrace ? ptrace_hooks() : null;
    if (ph) { sig = yield* ph.signal(sig); if (!sig) continue; }
    trace_event('signal', 'signal_deliver', { sig, pid: t.pid });
    const ka = t.sighand.action[sig - 1];
    if (ka.handler === SIG_IGN) continue;
    if (ka.handler !== SIG_DFL) {
      const action = { ...ka };
      if (ka.flags & SA_RESETHAND) t.sighand.action[sig - 1] = { handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 };
      if (!(ka.flags & SA_NODEFER)) action.mask |= sigmask(sig);
      return { kind: 'handler', sig, action };
    }
    const d = sig_default_action(sig);
    if (d === 'ign' || d === 'cont') continue;
    if (t.pid === 1 && sig !== SIGKILL) continue; // init gets only the signals it handles
    if (d === 'stop') {
      t.signal.stopped = true;
      t.signal.flags |= 1;
      t.exit_code = sig;
      do_notify_parent_cldstop(t, true);
      while (t.signal.stopped) {
        set_current_state(TASK_STOPPED);
        t.wchan = 'do_signal_stop';
        yield* schedule();
        if ((t.pending.signal | t.signal.shared_pending.signal) & sigmask(SIGKILL)) break;
      }
      set_current_state(TASK_RUNNING);
      continue;
    }
    // do_coredump: RLIMIT_CORE 0 (the default) means no core is written, and the wait status has no 0x80 flag.
    return { kind: 'fatal', sig, core: d === 'core' && t.signal.rlim[RLIMIT_CORE].rlim_cur > 0 };
  }
}
