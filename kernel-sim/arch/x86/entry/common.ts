// Models linux/arch/x86/entry/common.c and kernel/entry/common.c: do_syscall_64, syscall tracing, and signal work on the way back to user mode.
import type { KGen, task_struct } from '../../../include/linux/sched.ts';
import type { syscall_def } from '../../../include/linux/syscalls.ts';
import { ENOSYS, ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK, EINTR } from '../../../include/uapi/asm-generic/errno.ts';
import { SA_RESTART } from '../../../include/uapi/signal.ts';
import { current, need_resched, resched_user } from '../../../kernel/sched/core.ts';
import { account_ns, ktime_get } from '../../../kernel/time/timekeeping.ts';
import { trace_event, trace_has_listeners } from '../../../kernel/trace/trace.ts';
import { get_signal } from '../../../kernel/signal.ts';
import { do_group_exit } from '../../../kernel/exit.ts';
import { signal_pending } from '../../../kernel/signal_pending.ts';
import { ExecImage } from '../../../kernel/exec_image.ts';
import { sys_call_table as the_sys_call_table } from './syscall_64.ts';
import { get_syscall_tracer, type syscall_record } from './syscall_tracer.ts';
import { syscall_work } from '../../../kernel/entry/syscall_work.ts';
import { syscall_names } from './syscalls/syscall_64.tbl.ts';
import { cgroup_exit_work, cgroup_exit_to_user_mode } from '../../../kernel/cgroup/hooks.ts';
import { shm_sync_task } from '../../../ipc/shm.ts';

/** CPU time charged for entering and leaving the kernel. */
const SYSCALL_ENTRY_NS = 80;

/** The restart codes, -512..-516 (ERESTARTSYS .. ERESTART_RESTARTBLOCK). */
function is_restart(ret: number): boolean {
  if (ret > -ERESTARTSYS || ret < -ERESTART_RESTARTBLOCK) return false;
  return ret === -ERESTARTSYS || ret === -ERESTARTNOINTR || ret === -ERESTARTNOHAND || ret === -ERESTART_RESTARTBLOCK;
}

/**
 * Runs a call of a traced task. A successful execve doesn't return here: the
 * tracer's exit stop for it runs first thing in the new image.
 */
function* traced_call(t: task_struct, def: syscall_def, rec: syscall_record): KGen<number> {
  const [a0, a1, a2, a3, a4, a5] = rec.args;
  try {
    return def.sleeps ? yield* (def.fn(a0, a1, a2, a3, a4, a5) as KGen<number>) : def.fn(a0, a1, a2, a3, a4, a5) as number;
  } catch (x) {
    const next = t.next_entry;
    if (x instanceof ExecImage && next) {
      rec.ret = 0;
      t.next_entry = function* () {
        trace_event('syscalls', `sys_${rec.name}`, { nr: rec.nr, ret: 0, args: rec.args.slice(0, def.args.length) });
        const tracer = get_syscall_tracer(t);
        if (tracer) yield* tracer('exit', rec);
        return yield* next();
      };
    }
    throw x;
  }
}

/**
 * A call while the machine has syscall work: syscall_trace_enter's stops and record (a ptrace tracer, trace
 * listeners), the shared memory sync around the call, and exit_to_user_mode's cgroup part.
 */
function* call_with_work(
  t: task_struct, nr: number, def: syscall_def | undefined, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number,
): KGen<number> {
  const tracer = get_syscall_tracer(t);
  const rec: syscall_record | null = tracer !== undefined || trace_has_listeners('syscalls')
    ? { nr, name: syscall_names[nr] || `syscall_${nr}`, args: [a0, a1, a2, a3, a4, a5], ret: 0, task: t, entry_ns: ktime_get() }
    : null;
  if (tracer && rec) yield* tracer('enter', rec);
  shm_sync_task(t);
  let ret: number;
  if (def === undefined) ret = -ENOSYS;
  else if (tracer && rec) ret = yield* traced_call(t, def, rec);
  else if (def.sleeps) ret = yield* (def.fn(a0, a1, a2, a3, a4, a5) as KGen<number>);
  else ret = def.fn(a0, a1, a2, a3, a4, a5) as number;
  if (rec !== null) {
    rec.ret = ret;
    trace_event('syscalls', `sys_${rec.name}`, { nr, ret, args: rec.args.slice(0, def?.args.length ?? 6) });
    if (tracer) yield* tracer('exit', rec);
  }
  const cg = cgroup_exit_work(t);
  if (cg) yield* cgroup_exit_to_user_mode(t, cg);
  shm_sync_task(t);
  return ret;
}

/**
 * exit_to_user_mode_loop's signal work for a call that returned `ret` with a signal pending or a restart code:
 * the value user space gets, or null when the call is to be restarted.
 */
function* exit_to_user_mode_signals(t: task_struct, ret: number): KGen<number | null> {
  const outcome = yield* get_signal();
  if (outcome.kind === 'fatal') yield* do_group_exit(outcome.sig | (outcome.core ? 0x80 : 0));
  if (outcome.kind === 'handler') {
    if (is_restart(ret)) {
      const restart = ret === -ERESTARTNOINTR || (ret === -ERESTARTSYS && (outcome.action.flags & SA_RESTART));
      ret = restart ? ret : -EINTR;
    }
    const saved = t.blocked;
    t.blocked |= outcome.action.mask;
    if (t.user) yield* t.user.handle_signal(outcome.sig, outcome.action.handler);
    t.blocked = saved;
    return is_restart(ret) ? null : ret;
  }
  if (is_restart(ret)) {
    if (ret === -ERESTARTNOHAND && signal_pending(t)) return -EINTR;
    return null; // no handler ran: restart the call transparently
  }
  return ret;
}

/**
 * What `yield*` and the wasm bridge read of a call that returned without sleeping: a finished generator in one
 * small object. A generator frame per call cost as much as the rest of a null system call.
 */
class syscall_returned implements KGen<number> {
  readonly done = true;
  constructor(readonly value: number) {}
  next(): IteratorReturnResult<number> { return this; }
  return(value: number): IteratorReturnResult<number> { return { done: true, value }; }
  throw(e: unknown): never { throw e; }
  [Symbol.iterator](): this { return this; }
}

/** The rest of a call that may sleep: syscall work, a sleeping handler, signals and restarts. `ret` is set when the fast path already ran the call. */
function* do_syscall_64_slow(
  t: task_struct, nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, ret: number | null,
): KGen<number> {
  for (;;) {
    if (ret === null) {
      account_ns(SYSCALL_ENTRY_NS);
      const def = Number.isInteger(nr) && nr >= 0 ? the_sys_call_table()[nr] : undefined;
      if (syscall_work() !== 0) ret = yield* call_with_work(t, nr, def, a0, a1, a2, a3, a4, a5);
      else if (def === undefined) ret = -ENOSYS;
      else if (def.sleeps) ret = yield* (def.fn(a0, a1, a2, a3, a4, a5) as KGen<number>);
      else ret = def.fn(a0, a1, a2, a3, a4, a5) as number;
    }
    // exit_to_user_mode: deliver signals; restart interrupted calls when nothing needs user space; give up the CPU if the tick says so.
    if (!signal_pending(t) && !is_restart(ret)) { yield* resched_user(); return ret; }
    const out = yield* exit_to_user_mode_signals(t, ret);
    if (out !== null) return out;
    ret = null;
  }
}

/**
 * The `syscall` instruction: runs one system call for the current task and handles pending signals after it.
 * A call that does not sleep, with no syscall work on the machine and no signal after it, runs here at once and
 * allocates one small object; anything else continues in do_syscall_64_slow. Callers `yield*` the result at once,
 * so running the call here rather than at the first next() is the same.
 */
export function do_syscall_64(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): KGen<number> {
  const t = current();
  const def = Number.isInteger(nr) && nr >= 0 ? the_sys_call_table()[nr] : undefined;
  if (syscall_work() !== 0 || def?.sleeps) return do_syscall_64_slow(t, nr, a0, a1, a2, a3, a4, a5, null);
  account_ns(SYSCALL_ENTRY_NS);
  const ret = def === undefined ? -ENOSYS : def.fn(a0, a1, a2, a3, a4, a5) as number;
  if (!signal_pending(t) && !is_restart(ret) && !need_resched()) return new syscall_returned(ret);
  return do_syscall_64_slow(t, nr, a0, a1, a2, a3, a4, a5, ret);
}
