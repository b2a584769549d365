// Models linux/kernel/ptrace.c and the ptrace_* hooks of include/linux/ptrace.h: tracing a process, syscall-stops, event stops and reading its memory.
//
// A tracee stops (TASK_TRACED) at syscall entry and exit when its tracer asked
// with PTRACE_SYSCALL, at fork/clone/exec events it opted into, and when a
// signal is about to be delivered. The tracer sees each stop through wait4 as
// WIFSTOPPED with the stop's code (SIGTRAP|0x80 for syscall-stops under
// PTRACE_O_TRACESYSGOOD) and resumes the tracee with PTRACE_SYSCALL/CONT,
// optionally injecting a signal.
import {
  EXIT_DEAD, EXIT_ZOMBIE, PF_KTHREAD, TASK_INTERRUPTIBLE, TASK_RUNNING, TASK_WAKEKILL, __TASK_STOPPED, __TASK_TRACED,
  type KGen, type task_struct,
} from '../include/linux/sched.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EFAULT, EINVAL, EIO, EPERM, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import { SIGCHLD, SIGKILL, SIGSTOP, SIGTRAP, SA_NOCLDSTOP } from '../include/uapi/signal.ts';
import { copy_from_user, copy_to_user, with_uaccess, access_ok } from '../mm/uaccess.ts';
import { current, runqueue, schedule, try_to_wake_up } from './sched/core.ts';
import { fatal_signal_pending } from './signal_pending.ts';
import { send_signal, valid_signal } from './signal.ts';
import { set_syscall_tracer, type syscall_record } from '../arch/x86/entry/syscall_tracer.ts';
import { wait_chldexit, type wait_result } from './exit.ts';
import { defineState } from './state.ts';
import { install_ptrace_hooks } from './ptrace_hooks.ts';
import { trace_event } from './trace/trace.ts';

export const PTRACE_TRACEME = 0, PTRACE_PEEKTEXT = 1, PTRACE_PEEKDATA = 2, PTRACE_PEEKUSR = 3;
export const PTRACE_POKETEXT = 4, PTRACE_POKEDATA = 5, PTRACE_CONT = 7, PTRACE_KILL = 8, PTRACE_SINGLESTEP = 9;
export const PTRACE_ATTACH = 16, PTRACE_DETACH = 17, PTRACE_SYSCALL = 24;
export const PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202;
export const PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207, PTRACE_LISTEN = 0x4208, PTRACE_GET_SYSCALL_INFO = 0x420e;

export const PTRACE_O_TRACESYSGOOD = 0x1, PTRACE_O_TRACEFORK = 0x2, PTRACE_O_TRACEVFORK = 0x4, PTRACE_O_TRACECLONE = 0x8;
export const PTRACE_O_TRACEEXEC = 0x10, PTRACE_O_TRACEVFORKDONE = 0x20, PTRACE_O_TRACEEXIT = 0x40, PTRACE_O_TRACESECCOMP = 0x80;
export const PTRACE_O_EXITKILL = 0x100000, PTRACE_O_SUSPEND_SECCOMP = 0x200000;
export const PTRACE_O_MASK = 0xff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP;

export const PTRACE_EVENT_FORK = 1, PTRACE_EVENT_VFORK = 2, PTRACE_EVENT_CLONE = 3, PTRACE_EVENT_EXEC = 4;
export const PTRACE_EVENT_VFORK_DONE = 5, PTRACE_EVENT_EXIT = 6, PTRACE_EVENT_STOP = 128;

export const PTRACE_SYSCALL_INFO_NONE = 0, PTRACE_SYSCALL_INFO_ENTRY = 1, PTRACE_SYSCALL_INFO_EXIT = 2;
export const AUDIT_ARCH_X86_64 = 0xc000003e;

/** task->ptrace bits (include/linux/ptrace.h): PT_PTRACED, PT_SEIZED, options shifted by PT_OPT_FLAG_SHIFT. */
export const PT_PTRACED = 0x1, PT_SEIZED = 0x10000, PT_OPT_FLAG_SHIFT = 3;

const CLONE_VFORK = 0x00004000;

/** Why a tracee is stopped, as PTRACE_GET_SYSCALL_INFO and PTRACE_GETSIGINFO report it. */
type stop_kind = 'syscall_entry' | 'syscall_exit' | 'event' | 'signal';

interface ptrace_ctx {
  /** TIF_SYSCALL_TRACE: stop at syscall entry and exit (set by PTRACE_SYSCALL). */
  syscall_trace: boolean;
  /** The current stop: its wait code, whether wait4 has reported it, and what it is. */
  stopped: boolean;
  code: number;
  reported: boolean;
  kind: stop_kind;
  rec: syscall_record | null;
  /** Signal the tracer injects on resume (the data argument). */
  resume_sig: number;
  /** PTRACE_GETEVENTMSG. */
  event_msg: number;
  /** The tracer has seen this tracee's exit. */
  exit_reported: boolean;
  /** The tracer has seen the tracee's current group stop. */
  group_reported: boolean;
}

const ptraceState = defineState('ptrace', () => ({
  ctx: new WeakMap<task_struct, ptrace_ctx>(),
  /** tracer -> its tracees (tracer->ptraced). */
  ptraced: new Map<task_struct, task_struct[]>(),
}));

function ctx_of(t: task_struct): ptrace_ctx {
  const s = ptraceState();
  let c = s.ctx.get(t);
  if (!c) {
    c = { syscall_trace: false, stopped: false, code: 0, reported: false, kind: 'signal', rec: null, resume_sig: 0, event_msg: 0, exit_reported: false, group_reported: false };
    s.ctx.set(t, c);
  }
  return c;
}

const options_of = (t: task_struct): number => t.ptrace >>> PT_OPT_FLAG_SHIFT & PTRACE_O_MASK;

/** Tracees of `tracer` (for wait4). */
export function ptrace_tracees(tracer: task_struct): task_struct[] {
  const list = ptraceState().ptraced.get(tracer);
  if (!list) return [];
  // Tracees their tracer reaped as a parent are gone (release_task).
  for (const c of list.slice()) if (c.exit_state === EXIT_DEAD && c.real_parent === tracer) ptrace_unlink(c);
  return ptraceState().ptraced.get(tracer) ?? [];
}

/** __ptrace_link: `child` becomes a tracee of `tracer`, which becomes its ->parent. */
function ptrace_link(child: task_struct, tracer: task_struct, flags: number): void {
  install_ptrace_hooks(hooks);
  child.ptrace = flags;
  child.tracer = tracer;
  child.parent = tracer;
  const s = ptraceState();
  const list = s.ptraced.get(tracer) ?? [];
  list.push(child);
  s.ptraced.set(tracer, list);
  const c = ctx_of(child);
  Object.assign(c, { syscall_trace: false, stopped: false, reported: false, exit_reported: false, resume_sig: 0 });
  set_syscall_tracer(child, ptrace_report_syscall);
}

/** __ptrace_unlink: the tracee goes back to its real parent. */
function ptrace_unlink(child: task_struct): void {
  const tracer = child.tracer;
  if (tracer) {
    const s = ptraceState();
    const list = s.ptraced.get(tracer);
    if (list) {
      const i = list.indexOf(child);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) s.ptraced.delete(tracer);
    }
  }
  child.ptrace = 0;
  child.tracer = null;
  child.parent = child.real_parent;
  ctx_of(child).syscall_trace = false;
  set_syscall_tracer(child, null);
}

function wake_up_wait4(t: task_struct): void {
  for (const w of wait_chldexit(t).head.slice()) try_to_wake_up(w.task, TASK_INTERRUPTIBLE);
}

/**
 * ptrace_stop: the current task stops for its tracer with wait code `code`
 * until resumed (or killed). Returns the signal the tracer injected, 0 for none.
 */
export function* ptrace_stop(code: number, kind: stop_kind, rec: syscall_record | null = null): KGen<number> {
  const t = current();
  const tracer = t.tracer;
  if (!tracer || !(t.ptrace & PT_PTRACED)) return 0;
  if (fatal_signal_pending(t)) return 0;
  const c = ctx_of(t);
  Object.assign(c, { stopped: true, code, reported: false, kind, rec, resume_sig: 0 });
  t.exit_code = code;
  trace_event('signal', 'ptrace_stop', { pid: t.pid, code, kind });
  // do_notify_parent_cldstop(for_ptracer): SIGCHLD with CLD_TRAPPED, and the tracer's wait4 wakes.
  if (!(tracer.sighand.action[SIGCHLD - 1].flags & SA_NOCLDSTOP)) send_signal(SIGCHLD, tracer, true);
  wake_up_wait4(tracer);
  while (c.stopped && t.tracer && !fatal_signal_pending(t)) {
    t.__state = TASK_WAKEKILL | __TASK_TRACED;
    t.wchan = 'ptrace_stop';
    yield* schedule();
  }
  t.__state = TASK_RUNNING;
  c.stopped = false;
  c.rec = null;
  const sig = c.resume_sig;
  c.resume_sig = 0;
  return sig;
}

/** The tracee's side of a syscall-stop or event stop: a signal the tracer injected is sent to it (ptrace_report_syscall). */
function* report_and_inject(code: number, kind: stop_kind, rec: syscall_record | null): KGen<void> {
  const sig = yield* ptrace_stop(code, kind, rec);
  if (sig && valid_signal(sig)) send_signal(sig, current(), false);
}

/** ptrace_event(): an event stop if the tracer opted into it. */
function* ptrace_event(event: number, option: number, msg: number): KGen<void> {
  const t = current();
  if (!(options_of(t) & option)) return;
  ctx_of(t).event_msg = msg;
  yield* report_and_inject(SIGTRAP | (event << 8), 'event', null);
}

/** Auto-attaches a new child to the tracer of current (ptrace_init_task + the new child's initial SIGSTOP stop). */
function ptrace_attach_new_child(child: task_struct): void {
  const parent = current();
  if (!parent.tracer || child.tracer) return;
  ptrace_link(child, parent.tracer, parent.ptrace);
  const gen = child.gen;
  if (!gen) return;
  // The child stops before it runs any user code, as Linux's pending SIGSTOP does on its return from fork.
  child.gen = (function* (): KGen<void> {
    yield* report_and_inject(SIGSTOP, 'signal', null);
    yield* gen;
  })();
}

/** Decides which fork event a clone is (fork, vfork or clone), and whether its option is on. */
function clone_event(rec: syscall_record): [number, number] {
  if (rec.name === 'vfork' || (rec.name === 'clone' && rec.args[0] & CLONE_VFORK)) return [PTRACE_EVENT_VFORK, PTRACE_O_TRACEVFORK];
  const exit_signal = rec.name === 'clone' ? rec.args[0] & 0xff : SIGCHLD;
  if (rec.name === 'clone3' || exit_signal !== SIGCHLD) return [PTRACE_EVENT_CLONE, PTRACE_O_TRACECLONE];
  return [PTRACE_EVENT_FORK, PTRACE_O_TRACEFORK];
}

const CLONE_CALLS = new Set(['clone', 'fork', 'vfork', 'clone3']);

/** The syscall tracer hook of every tracee: syscall-stops, fork and exec events. */
export function* ptrace_report_syscall(phase: 'enter' | 'exit', rec: syscall_record): KGen<void> {
  const t = current();
  if (!(t.ptrace & PT_PTRACED)) return;
  const c = ctx_of(t);
  const sysgood = options_of(t) & PTRACE_O_TRACESYSGOOD ? 0x80 : 0;
  if (phase === 'exit' && CLONE_CALLS.has(rec.name) && rec.ret > 0) {
    const [event, option] = clone_event(rec);
    const child = runqueue().tasks.get(rec.ret);
    if (child && options_of(t) & option) {
      ptrace_attach_new_child(child);
      yield* ptrace_event(event, option, child.pid);
    }
  }
  if (phase === 'exit' && rec.name === 'execve' && rec.ret === 0) {
    // After a successful exec: PTRACE_EVENT_EXEC, or the legacy SIGTRAP.
    if (options_of(t) & PTRACE_O_TRACEEXEC) yield* ptrace_event(PTRACE_EVENT_EXEC, PTRACE_O_TRACEEXEC, t.pid);
    else send_signal(SIGTRAP, t, false);
  }
  if (!c.syscall_trace) return;
  yield* report_and_inject(SIGTRAP | sysgood, phase === 'enter' ? 'syscall_entry' : 'syscall_exit', rec);
}

/** get_signal's ptrace_signal(): a signal about to be delivered to a tracee stops it first; returns the signal to deliver (0: none). */
export function* ptrace_signal(sig: number): KGen<number> {
  const t = current();
  if (!(t.ptrace & PT_PTRACED) || sig === SIGKILL) return sig;
  const injected = yield* ptrace_stop(sig, 'signal', null);
  ctx_of(t).group_reported = false;
  return injected && valid_signal(injected) ? injected : 0;
}

/** wait4 for a tracer: stops of its tracees, and exits of tracees that are not its children. */
export function wait_task_ptraced(tracer: task_struct, eligible: (c: task_struct) => boolean): wait_result | null {
  for (const child of ptrace_tracees(tracer).slice()) {
    if (!eligible(child)) continue;
    const c = ctx_of(child);
    if (child.exit_state === EXIT_ZOMBIE || child.exit_state === EXIT_DEAD) {
      if (child.real_parent === tracer) continue; // reaped by the normal path
      if (c.exit_reported) continue;
      c.exit_reported = true;
      const r = { pid: child.pid, status: child.exit_code, utime: child.utime, stime: child.stime };
      ptrace_unlink(child);
      // The real parent may reap it now.
      wake_up_wait4(child.real_parent);
      return r;
    }
    if (c.stopped && !c.reported) {
      c.reported = true;
      return { pid: child.pid, status: ((c.code & 0xffff) << 8) | 0x7f, utime: 0, stime: 0 };
    }
    // A group stop (SIGSTOP delivered and not suppressed) is reported to the tracer too.
    if (child.signal.stopped && child.__state & __TASK_STOPPED && !c.group_reported) {
      c.group_reported = true;
      return { pid: child.pid, status: (child.exit_code << 8) | 0x7f, utime: 0, stime: 0 };
    }
  }
  return null;
}

/** Whether the real parent must leave this zombie alone (its tracer hasn't seen the exit yet). */
export function ptrace_reap_blocked(parent: task_struct, child: task_struct): boolean {
  return child.tracer !== null && child.tracer !== parent && !ctx_of(child).exit_reported;
}

/** exit_ptrace + the tracee side of exit_notify: tracees of a dying tracer are detached; a dying tracee wakes its tracer. */
export function exit_ptrace(t: task_struct): void {
  for (const child of ptrace_tracees(t).slice()) {
    const kill = options_of(child) & PTRACE_O_EXITKILL;
    const c = ctx_of(child);
    ptrace_unlink(child);
    if (kill) send_signal(SIGKILL, child, true);
    if (c.stopped) { c.stopped = false; try_to_wake_up(child, __TASK_TRACED); }
  }
  ptraceState().ptraced.delete(t);
  if (t.tracer) {
    if (t.tracer.exit_state) ptrace_unlink(t);
    else {
      if (t.real_parent === t.tracer) ctx_of(t).exit_reported = true;
      wake_up_wait4(t.tracer);
    }
  }
}

/** The tracehook points exit.c and signal.c reach ptrace through, installed with the first tracee. */
const hooks = { exit_ptrace, tracees: ptrace_tracees, wait_task_ptraced, reap_blocked: ptrace_reap_blocked, signal: ptrace_signal };

/** ptrace_may_access: same user (or root), not a kernel thread, not init. */
function ptrace_may_access(tracer: task_struct, child: task_struct): boolean {
  if (child.flags & PF_KTHREAD) return false;
  if (tracer.cred.euid === 0) return true;
  return tracer.cred.euid === child.cred.uid && tracer.cred.euid === child.cred.euid;
}

function ptrace_traceme(): number {
  const t = current();
  if (t.ptrace) return -EPERM;
  const parent = t.real_parent;
  if (!parent || parent === t || parent.flags & PF_KTHREAD || parent.exit_state) return -EPERM;
  ptrace_link(t, parent, PT_PTRACED);
  return 0;
}

function ptrace_attach(child: task_struct, request: number, flags: number): number {
  const t = current();
  if (request === PTRACE_SEIZE && flags & ~PTRACE_O_MASK) return -EINVAL;
  if (child.pid === 1 || child.flags & PF_KTHREAD) return -EPERM;
  if (child.tgid === t.tgid) return -EPERM;
  if (child.ptrace || child.exit_state) return -EPERM;
  if (!ptrace_may_access(t, child)) return -EPERM;
  const seize = request === PTRACE_SEIZE;
  ptrace_link(child, t, PT_PTRACED | (seize ? PT_SEIZED | (flags << PT_OPT_FLAG_SHIFT) : 0));
  if (!seize) send_signal(SIGSTOP, child, false);
  // An already group-stopped tracee is reported to its new tracer.
  if (child.signal.stopped) { ctx_of(child).group_reported = false; wake_up_wait4(t); }
  return 0;
}

/** Resumes a stopped tracee (ptrace_resume), optionally with syscall-stops and an injected signal. */
function ptrace_resume(child: task_struct, request: number, data: number): number {
  if (data !== 0 && !valid_signal(data)) return -EIO;
  const c = ctx_of(child);
  c.syscall_trace = request === PTRACE_SYSCALL;
  c.resume_sig = data;
  if (c.stopped) {
    c.stopped = false;
    try_to_wake_up(child, __TASK_TRACED);
  } else if (child.signal.stopped) {
    // Resuming a group-stopped tracee lets it run (the non-seized behaviour).
    child.signal.stopped = false;
    c.group_reported = false;
    for (const th of child.thread_group) try_to_wake_up(th, __TASK_STOPPED);
  }
  return 0;
}

function ptrace_detach(child: task_struct, data: number): number {
  if (data !== 0 && !valid_signal(data)) return -EIO;
  const c = ctx_of(child);
  const was_stopped = c.stopped;
  ptrace_unlink(child);
  c.stopped = false;
  c.resume_sig = data;
  if (was_stopped) try_to_wake_up(child, __TASK_TRACED);
  return 0;
}

/** Reads an aligned-or-not word of the tracee's memory (ptrace_access_vm). */
function access_process_vm(child: task_struct, addr: number, len: number): Uint8Array | null {
  if (!child.mm) return null;
  return with_uaccess(child.mm, () => copy_from_user(addr, len));
}

/** struct ptrace_syscall_info for the tracee's current stop; returns the bytes the kernel fills. */
function syscall_info(child: task_struct): Uint8Array {
  const c = ctx_of(child);
  const b = new Uint8Array(88);
  const dv = new DataView(b.buffer);
  const kind = c.stopped ? c.kind : 'signal';
  const op = kind === 'syscall_entry' ? PTRACE_SYSCALL_INFO_ENTRY : kind === 'syscall_exit' ? PTRACE_SYSCALL_INFO_EXIT : PTRACE_SYSCALL_INFO_NONE;
  b[0] = op;
  dv.setUint32(4, AUDIT_ARCH_X86_64, true);
  const mm = child.mm;
  dv.setBigUint64(8, BigInt(mm ? mm.start_code : 0), true); // instruction_pointer
  dv.setBigUint64(16, BigInt(mm ? mm.start_stack : 0), true); // stack_pointer
  const rec = c.rec;
  if (op === PTRACE_SYSCALL_INFO_ENTRY && rec) {
    dv.setBigUint64(24, BigInt.asUintN(64, BigInt(rec.nr)), true);
    rec.args.forEach((a, i) => dv.setBigUint64(32 + i * 8, BigInt.asUintN(64, BigInt(Math.trunc(a))), true));
    return b.subarray(0, 80);
  }
  if (op === PTRACE_SYSCALL_INFO_EXIT && rec) {
    dv.setBigInt64(24, BigInt(Math.trunc(rec.ret)), true);
    b[32] = rec.ret < 0 && rec.ret >= -4095 ? 1 : 0;
    return b.subarray(0, 33);
  }
  return b.subarray(0, 24);
}

/** struct siginfo (128 bytes) of the current stop, for PTRACE_GETSIGINFO. */
function stop_siginfo(child: task_struct): Uint8Array {
  const c = ctx_of(child);
  const b = new Uint8Array(128);
  const dv = new DataView(b.buffer);
  const sig = c.code & 0x7f;
  dv.setInt32(0, sig, true);
  // si_code: SI_KERNEL for syscall-stops (with TRACESYSGOOD the code is SIGTRAP|0x80), SI_USER otherwise.
  dv.setInt32(8, c.kind === 'syscall_entry' || c.kind === 'syscall_exit' ? 0x80 : c.kind === 'event' ? (c.code & 0xffff) : 0, true);
  return b;
}

function sys_ptrace(request: number, pid: number, addr: number, data: number): number {
  if (request === PTRACE_TRACEME) return ptrace_traceme();
  const t = current();
  const child = runqueue().tasks.get(pid | 0);
  if (!child || child.exit_state) return -ESRCH;
  if (request === PTRACE_ATTACH || request === PTRACE_SEIZE) return ptrace_attach(child, request, data);
  // ptrace_check_attach: the caller must be the tracer, and (except for KILL/INTERRUPT) the tracee stopped.
  if (child.tracer !== t) return -ESRCH;
  const c = ctx_of(child);
  const stopped = c.stopped || child.signal.stopped;
  if (request === PTRACE_KILL) { send_signal(SIGKILL, child, true); return 0; }
  if (request === PTRACE_INTERRUPT) return child.ptrace & PT_SEIZED ? 0 : -EIO;
  if (!stopped) return -ESRCH;
  switch (request) {
    case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA: {
      const w = access_process_vm(child, addr, 8);
      if (!w) return -EIO;
      return copy_to_user(data, w) ? -EFAULT : 0;
    }
    case PTRACE_POKETEXT: case PTRACE_POKEDATA: {
      if (!child.mm) return -EIO;
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(Math.trunc(data))), true);
      return with_uaccess(child.mm, () => (access_ok(addr, 8) ? copy_to_user(addr, b) : 8)) ? -EIO : 0;
    }
    case PTRACE_CONT: case PTRACE_SYSCALL:
      return ptrace_resume(child, request, data);
    case PTRACE_SINGLESTEP:
      return -EIO;
    case PTRACE_DETACH:
      return ptrace_detach(child, data);
    case PTRACE_SETOPTIONS:
      if (data & ~PTRACE_O_MASK) return -EINVAL;
      child.ptrace = (child.ptrace & ((1 << PT_OPT_FLAG_SHIFT) - 1 | PT_SEIZED)) | (data << PT_OPT_FLAG_SHIFT);
      return 0;
    case PTRACE_GETEVENTMSG: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt(c.event_msg), true);
      return copy_to_user(data, b) ? -EFAULT : 0;
    }
    case PTRACE_GETSIGINFO:
      return copy_to_user(data, stop_siginfo(child)) ? -EFAULT : 0;
    case PTRACE_GET_SYSCALL_INFO: {
      const info = syscall_info(child);
      const n = Math.max(0, Math.min(addr, info.length));
      if (n && copy_to_user(data, info.subarray(0, n))) return -EFAULT;
      return info.length;
    }
    default:
      return -EIO;
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('ptrace', ['ptrace_request', 'int', 'ptr', 'ptr'], sys_ptrace),
];

