// Models the SYSCALL_DEFINEs of linux/kernel/fork.c, exit.c, signal.c and fs/exec.c: clone, execve, exit, wait4, kill and signal handlers.
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { KGen } from '../include/linux/sched.ts';
import { TASK_INTERRUPTIBLE } from '../include/linux/sched.ts';
import { EFAULT, EINVAL, ESRCH, ERESTARTNOHAND, ENOSYS, EPERM } from '../include/uapi/asm-generic/errno.ts';
import { SIGCHLD, SIGKILL, SIGSTOP, sigmask, _NSIG } from '../include/uapi/signal.ts';
import { copy_from_user, copy_to_user, put_user_i32, strncpy_from_user, copy_strings_from_user, PATH_MAX } from '../mm/uaccess.ts';
import { current, runqueue, schedule, set_current_state } from './sched/core.ts';
import { kernel_clone, CSIGNAL, CLONE_VFORK } from './fork.ts';
import { do_exit, do_group_exit, do_wait } from './exit.ts';
import { kill_pid_info, kill_pgrp, send_signal, valid_signal } from './signal.ts';
import { signal_pending } from './signal_pending.ts';
import { do_execveat } from '../fs/exec.ts';

/** do_clone for clone(2), fork, vfork and clone3: `clone3_signal` is clone3's exit_signal field, -1 for the others. */
function* do_clone(flags: number, clone3_signal: number): KGen<number> {
  const t = current();
  const entry = t.user?.clone_entry ?? undefined;
  if (t.user) t.user.clone_entry = null;
  if (!entry) return -ENOSYS;
  // clone() carries the exit signal in its low byte; clone3() passes it apart, which frees bit 0x80 for CLONE_NEWTIME.
  const exit_signal = clone3_signal >= 0 ? clone3_signal : flags & CSIGNAL;
  if (exit_signal && !valid_signal(exit_signal)) return -EINVAL;
  const f = clone3_signal >= 0 ? flags : flags & ~CSIGNAL;
  return kernel_clone({ flags: f & ~CLONE_VFORK, exit_signal, user_entry: entry });
}

function* sys_execve(filename: number, argv: number, envp: number): KGen<number> {
  const name = strncpy_from_user(filename, PATH_MAX);
  if (typeof name === 'number') return name;
  const a = copy_strings_from_user(argv);
  if (typeof a === 'number') return a;
  const e = copy_strings_from_user(envp);
  if (typeof e === 'number') return e;
  return yield* do_execveat(name, a, e);
}

function* sys_wait4(pid: number, stat_addr: number, options: number, ru: number): KGen<number> {
  const r = yield* do_wait(pid | 0, options);
  if (typeof r === 'number') return r;
  if (stat_addr && put_user_i32(stat_addr, r.status)) return -EFAULT;
  if (ru) {
    const b = new Uint8Array(144);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, BigInt(Math.floor(r.utime / 1e9)), true); dv.setBigInt64(8, BigInt(Math.floor((r.utime % 1e9) / 1e3)), true);
    dv.setBigInt64(16, BigInt(Math.floor(r.stime / 1e9)), true); dv.setBigInt64(24, BigInt(Math.floor((r.stime % 1e9) / 1e3)), true);
    if (copy_to_user(ru, b)) return -EFAULT;
  }
  return r.pid;
}

function sys_kill(pid: number, sig: number): number {
  pid |= 0;
  if (sig !== 0 && !valid_signal(sig)) return -EINVAL;
  if (pid > 0) return kill_pid_info(sig, pid);
  if (pid === 0) return kill_pgrp(sig, current().signal.pgrp);
  if (pid === -1) {
    let n = 0;
    for (const t of runqueue().tasks.values()) {
      if (t.pid > 1 && t.tgid !== current().tgid && t === t.group_leader && !t.exit_state && !(t.flags & 0x00200000)) { if (sig) send_signal(sig, t); n++; }
    }
    return n ? 0 : -ESRCH;
  }
  return kill_pgrp(sig, -pid);
}

/** struct sigaction (kernel ABI): handler, flags, restorer, mask (8 bytes each). */
function sys_rt_sigaction(sig: number, act: number, oact: number, sigsetsize: number): number {
  if (sigsetsize !== 8) return -EINVAL;
  if (!valid_signal(sig) || ((sig === SIGKILL || sig === SIGSTOP) && act)) return -EINVAL;
  const t = current();
  const k = t.sighand.action[sig - 1];
  if (oact) {
    const b = new Uint8Array(32);
    const dv = new DataView(b.buffer);
    dv.setBigUint64(0, BigInt(k.handler), true); dv.setBigUint64(8, BigInt(k.flags >>> 0), true);
    dv.setBigUint64(16, BigInt(k.restorer), true); dv.setBigUint64(24, k.mask, true);
    if (copy_to_user(oact, b)) return -EFAULT;
  }
  if (act) {
    const b = copy_from_user(act, 32);
    if (!b) return -EFAULT;
    const dv = new DataView(b.buffer);
    t.sighand.action[sig - 1] = {
      handler: Number(dv.getBigUint64(0, true)), flags: Number(dv.getBigUint64(8, true) & 0xffffffffn),
      restorer: Number(dv.getBigUint64(16, true)), mask: dv.getBigUint64(24, true) & ~(sigmask(SIGKILL) | sigmask(SIGSTOP)),
    };
  }
  return 0;
}

function sys_rt_sigprocmask(how: number, nset: number, oset: number, sigsetsize: number): number {
  if (sigsetsize !== 8) return -EINVAL;
  const t = current();
  if (oset) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, t.blocked, true);
    if (copy_to_user(oset, b)) return -EFAULT;
  }
  if (nset) {
    const b = copy_from_user(nset, 8);
    if (!b) return -EFAULT;
    const set = new DataView(b.buffer).getBigUint64(0, true) & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
    if (how === 0) t.blocked |= set;
    else if (how === 1) t.blocked &= ~set;
    else if (how === 2) t.blocked = set;
    else return -EINVAL;
  }
  return 0;
}

function* sys_pause(): KGen<number> {
  const t = current();
  while (!signal_pending(t)) {
    set_current_state(TASK_INTERRUPTIBLE);
    t.wchan = 'sys_pause';
    yield* schedule();
  }
  return -ERESTARTNOHAND;
}

function sys_tgkill(tgid: number, pid: number, sig: number): number {
  if ((pid | 0) <= 0 || (tgid | 0) < -1) return -EINVAL;
  const t = runqueue().tasks.get(pid);
  if (!t || (tgid > 0 && t.tgid !== tgid)) return -ESRCH;
  if (sig === 0) return 0;
  if (!valid_signal(sig)) return -EINVAL;
  if (current().cred.euid !== 0 && current().cred.euid !== t.cred.uid) return -EPERM;
  return send_signal(sig, t, false);
}

export const syscalls: syscall_def[] = [
  // clone's other arguments (stack, tid pointers, tls) mean nothing to a task whose entry is a generator: only the flags count.
  SYSCALL_DEFINE('clone', ['clone_flags', 'ptr', 'ptr', 'ptr', 'hex'], function* (flags: number) { return yield* do_clone(flags, -1); }),
  SYSCALL_DEFINE('fork', [], function* () { return yield* do_clone(SIGCHLD, -1); }),
  SYSCALL_DEFINE('vfork', [], function* () { return yield* do_clone(SIGCHLD, -1); }),
  SYSCALL_DEFINE('clone3', ['struct_in', 'size'], function* (uargs: number, size: number) {
    if (size < 64) return -EINVAL;
    const b = copy_from_user(uargs, 64);
    if (!b) return -EFAULT;
    const dv = new DataView(b.buffer);
    const flags = Number(dv.getBigUint64(0, true) & 0xffffffffn);
    const exit_signal = Number(dv.getBigUint64(32, true));
    if (flags & CSIGNAL & ~0x80 || exit_signal > CSIGNAL) return -EINVAL;
    return yield* do_clone(flags >>> 0, exit_signal);
  }),
  SYSCALL_DEFINE('execve', ['path', 'argv', 'envp'], sys_execve),
  SYSCALL_DEFINE('exit', ['int'], function* (code: number) { return yield* do_exit(((code & 0xff) << 8) >>> 0); }),
  SYSCALL_DEFINE('exit_group', ['int'], function* (code: number) { return yield* do_group_exit(((code & 0xff) << 8) >>> 0); }),
  SYSCALL_DEFINE('wait4', ['int', 'wstatus', 'hex', 'ptr'], sys_wait4),
  SYSCALL_DEFINE('kill', ['int', 'signal'], sys_kill),
  SYSCALL_DEFINE('tkill', ['int', 'signal'], (pid: number, sig: number) => sys_tgkill(-1, pid, sig)),
  SYSCALL_DEFINE('tgkill', ['int', 'int', 'signal'], sys_tgkill),
  SYSCALL_DEFINE('rt_sigaction', ['signal', 'struct_in', 'struct_out', 'size'], sys_rt_sigaction),
  SYSCALL_DEFINE('rt_sigprocmask', ['int', 'struct_in', 'struct_out', 'size'], sys_rt_sigprocmask),
  SYSCALL_DEFINE('rt_sigpending', ['struct_out', 'size'], (set: number) => {
    const t = current();
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, (t.pending.signal | t.signal.shared_pending.signal) & t.blocked, true);
    return copy_to_user(set, b) ? -EFAULT : 0;
  }),
  SYSCALL_DEFINE('pause', [], sys_pause),
  SYSCALL_DEFINE('rt_sigsuspend', ['struct_in', 'size'], function* (mask: number) {
    const b = copy_from_user(mask, 8);
    if (!b) return -EFAULT;
    const t = current();
    t.blocked = new DataView(b.buffer).getBigUint64(0, true) & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
    return yield* sys_pause();
  }),
];

export { _NSIG };
