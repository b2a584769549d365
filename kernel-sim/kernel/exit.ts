// Models linux/kernel/exit.c: do_exit, zombies, reparenting to init, and wait4.
import {
  EXIT_DEAD, EXIT_ZOMBIE, PF_EXITING, PF_KTHREAD, TASK_DEAD, TASK_INTERRUPTIBLE,
  type KGen, type task_struct,
} from '../include/linux/sched.ts';
import { ECHILD, EINVAL, ERESTARTSYS } from '../include/uapi/asm-generic/errno.ts';
import { SIGCHLD, SIGKILL, SIG_IGN, SA_NOCLDWAIT } from '../include/uapi/signal.ts';
import { current, runqueue, schedule, set_current_state, try_to_wake_up } from './sched/core.ts';
import { wait_queue_head, init_wait, add_wait_queue, remove_wait_queue } from './sched/wait.ts';
import { signal_pending } from './signal_pending.ts';
import { defineState } from './state.ts';
import { trace_event } from './trace/trace.ts';
import { do_notify_parent, send_signal } from './signal.ts';
import { put_files_struct } from '../fs/file.ts';
import { ptrace_hooks } from './ptrace_hooks.ts';
import { detach_pid, find_child_reaper, task_active_pid_ns, task_pid_nr_ns } from './pid_namespace.ts';
import { put_task_namespaces } from './nsproxy.ts';

/** Unwinds a task's code after do_exit() has torn it down. Never caught by user code. */
export class TaskExit {
  constructor(readonly code: number) {}
}

/** Hooks subsystems run at exit, in order (exit_files, exit_fs, exit_mm ...). */
export type ExitHook = (t: task_struct) => KGen<void>;
const exitHooks = defineState<ExitHook[]>('exit_hooks', () => []);
export function register_exit_hook(h: ExitHook): void { exitHooks().push(h); }

interface ExitState {
  /** Parents sleep here in wait4 (signal->wait_chldexit). */
  wait_chldexit: Map<task_struct, wait_queue_head>;
  /** Called when pid 1 exits: the kernel panics. */
  on_init_exit: ((code: number) => void) | null;
}
export const exitState = defineState<ExitState>('exit', () => ({ wait_chldexit: new Map(), on_init_exit: null }));

export function wait_chldexit(t: task_struct): wait_queue_head {
  const m = exitState().wait_chldexit;
  let wq = m.get(t.group_leader);
  if (!wq) { wq = new wait_queue_head('wait_chldexit'); m.set(t.group_leader, wq); }
  return wq;
}

/** Tears the current task down and unwinds its code. `code` is the wait status (exit code << 8, or a signal). */
export function* do_exit(code: number): KGen<never> {
  const t = current();
  if (t.flags & PF_EXITING) throw new TaskExit(code);
  t.flags |= PF_EXITING;
  t.exit_code = code;
  for (const h of exitHooks()) yield* h(t);
  yield* put_files_struct(t.files);
  if (t.mm) t.mm.users--;
  exit_notify(t);
  throw new TaskExit(code);
}

/** Kills every thread of the group with the same code (exit_group). */
export function* do_group_exit(code: number): KGen<never> {
  const t = current();
  t.signal.group_exit_code = code;
  return yield* do_exit(code);
}

/** Marks the task a zombie, reparents its children to init and tells its parent. */
export function exit_notify(t: task_struct): void {
  const rq = runqueue();
  ptrace_hooks()?.exit_ptrace(t);
  const ns = task_active_pid_ns(t);
  // zap_pid_ns_processes: the init of a pid namespace takes everything in it down (SIGKILL), and no task may enter any more.
  if (ns.level > 0 && task_pid_nr_ns(t, ns) === 1 && t === t.group_leader) {
    ns.dead = true;
    for (const x of ns.pid_map!.values()) if (x !== t && !x.exit_state && x === x.group_leader) send_signal(SIGKILL, x, true);
  }
  // Orphans go to the init of the task's namespace, or of the nearest ancestor whose init lives (find_child_reaper).
  const reaper = ns.level > 0 ? find_child_reaper(ns, t) : rq.tasks.get(1);
  for (const child of t.children.slice()) {
    if (!reaper || reaper === t) break;
    child.real_parent = reaper;
    child.parent = reaper;
    reaper.children.push(child);
    if (child.exit_state === EXIT_ZOMBIE) do_notify_parent(child, SIGCHLD);
  }
  t.children = [];
  t.exit_state = EXIT_ZOMBIE;
  t.__state = TASK_DEAD;
  trace_event('sched', 'sched_process_exit', { comm: t.comm, pid: t.pid, code: t.exit_code });
  if (t.pid === 1) exitState().on_init_exit?.(t.exit_code);
  const parent = t.real_parent;
  const act = parent.sighand.action[SIGCHLD - 1];
  const autoreap = (t.flags & PF_KTHREAD) !== 0 || parent === t || act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT) !== 0;
  if (t.exit_signal > 0 && !autoreap) do_notify_parent(t, t.exit_signal);
  if (autoreap) release_task(t);
  else {
    const wq = exitState().wait_chldexit.get(parent.group_leader);
    if (wq) for (const w of wq.head.slice()) try_to_wake_up(w.task, TASK_INTERRUPTIBLE);
  }
}

/** Frees a dead task: unlinks it from its parent and the pid table. */
export function release_task(t: task_struct): void {
  t.exit_state = EXIT_DEAD;
  t.gen = null;
  const rq = runqueue();
  if (rq.tasks.get(t.pid) === t) {
    rq.tasks.delete(t.pid);
    detach_pid(t);
    put_task_namespaces(t);
  }
  const p = t.real_parent;
  const i = p.children.indexOf(t);
  if (i >= 0) p.children.splice(i, 1);
  p.signal.cutime += t.utime;
  p.signal.cstime += t.stime;
  exitState().wait_chldexit.delete(t);
}

export const WNOHANG = 0x00000001;
export const WUNTRACED = 0x00000002;
export const WCONTINUED = 0x00000008;
export const __WALL = 0x40000000;

export interface wait_result { pid: number; status: number; utime: number; stime: number }

function eligible(parent: task_struct, pid: number, child: task_struct): boolean {
  if (pid > 0) return task_pid_nr_ns(child, task_active_pid_ns(parent)) === pid;
  if (pid === -1) return true;
  if (pid === 0) return child.signal.pgrp === parent.signal.pgrp;
  return child.signal.pgrp === -pid;
}

/** wait4(): reaps a zombie child (or reports a stopped one with WUNTRACED); sleeps unless WNOHANG. */
export function* do_wait(pid: number, options: number): KGen<wait_result | number> {
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | 0x80000000 | 0x20000000)) return -EINVAL;
  const t = current();
  const wq = wait_chldexit(t);
  const w = init_wait(t);
  add_wait_queue(wq, w);
  try {
    for (;;) {
      const kids = t.children.filter((c) => eligible(t, pid, c));
      const ph = ptrace_hooks();
      if (kids.length === 0 && !(ph?.tracees(t) ?? []).some((c) => eligible(t, pid, c))) return -ECHILD;
      const traced = ph?.wait_task_ptraced(t, (c) => eligible(t, pid, c));
      if (traced) return traced;
      const zombie = kids.find((c) => c.exit_state === EXIT_ZOMBIE && !ph?.reap_blocked(t, c));
      if (zombie) {
        const r = { pid: task_pid_nr_ns(zombie, task_active_pid_ns(t)), status: zombie.exit_code, utime: zombie.utime, stime: zombie.stime };
        release_task(zombie);
        return r;
      }
      if (options & WUNTRACED) {
        const stopped = kids.find((c) => c.signal.stopped && c.signal.flags & 1);
        if (stopped) { stopped.signal.flags &= ~1; return { pid: task_pid_nr_ns(stopped, task_active_pid_ns(t)), status: 0x7f | (stopped.exit_code << 8), utime: 0, stime: 0 }; }
      }
      if (options & WCONTINUED) {
        const cont = kids.find((c) => c.signal.flags & 2);
        if (cont) { cont.signal.flags &= ~2; return { pid: task_pid_nr_ns(cont, task_active_pid_ns(t)), status: 0xffff, utime: 0, stime: 0 }; }
      }
      if (options & WNOHANG) return 0;
      if (signal_pending(t)) return -ERESTARTSYS;
      set_current_state(TASK_INTERRUPTIBLE);
      t.wchan = 'do_wait';
      yield* schedule();
    }
  } finally {
    remove_wait_queue(wq, w);
    t.__state = 0;
  }
}
