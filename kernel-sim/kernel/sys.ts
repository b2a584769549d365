// Models linux/kernel/sys.c, time/hrtimer.c's nanosleep, time/posix-timers.c's clock_gettime and printk's syslog: the process-wide system calls.
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { TASK_INTERRUPTIBLE } from '../include/linux/sched.ts';
import { EFAULT, EINVAL, EPERM, ESRCH, EACCES, ERESTART_RESTARTBLOCK, ERESTARTNOHAND } from '../include/uapi/asm-generic/errno.ts';
import { encode_utsname, encode_timespec, encode_rlimit, decode_rlimit, encode_sysinfo } from '../include/uapi/abi.ts';
import { RLIM_NLIMITS, RLIMIT_NOFILE } from '../include/uapi/resource.ts';
import { copy_to_user, copy_from_user, access_ok } from '../mm/uaccess.ts';
import { current, runqueue, schedule, schedule_hrtimeout, set_current_state } from './sched/core.ts';
import { ktime_get, ktime_get_real, NSEC_PER_SEC } from './time/timekeeping.ts';
import { signal_pending } from './signal_pending.ts';
import { printkState } from './printk/printk.ts';
import { format_printk_time } from './time/timekeeping.ts';
import { get_random_bytes } from '../lib/machine_random.ts';
import { si_meminfo } from '../mm/meminfo.ts';
import { NR_OPEN } from '../fs/file.ts';
import { find_task_by_vpid, task_active_pid_ns, task_pid_vnr, task_ppid_nr_ns, task_tgid_vnr } from './pid_namespace.ts';
import { from_kgid_munged, from_kuid_munged, init_user_ns, make_kgid, make_kuid } from './user_namespace.ts';
import { cap_capable, ns_capable, CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN, CAP_SYS_NICE } from './capability.ts';
import { si_swapinfo } from '../mm/swapfile.ts';
import { set_user_nice } from './sched/core.ts';
import { task_nice, MIN_NICE, MAX_NICE } from './sched/fair.ts';

const cur_userns = () => current().cred.user_ns ?? init_user_ns();

function find_task(pid: number): task_struct | undefined {
  return pid === 0 ? current() : find_task_by_vpid(pid);
}

function sys_uname(name: number): number {
  return copy_to_user(name, encode_utsname(current().nsproxy.uts_ns.name)) ? -EFAULT : 0;
}

function set_uts_field(field: 'nodename' | 'domainname', name: number, len: number): number {
  if (!ns_capable(current().nsproxy.uts_ns.user_ns, CAP_SYS_ADMIN)) return -EPERM;
  if (len < 0 || len > 64) return -EINVAL;
  const b = copy_from_user(name, len);
  if (!b) return -EFAULT;
  current().nsproxy.uts_ns.name[field] = new TextDecoder().decode(b).replace(/\0.*$/s, '');
  return 0;
}

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;

function clock_now(which: number): number | null {
  switch (which) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: return ktime_get_real();
    // A time namespace shifts the monotonic and boot clocks by its offsets (timens_add_monotonic/boottime).
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: return ktime_get() + current().nsproxy.time_ns.offsets.monotonic;
    case CLOCK_BOOTTIME: return ktime_get() + current().nsproxy.time_ns.offsets.boottime;
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID: return current().stime + current().utime;
    default: return null;
  }
}

function* do_nanosleep(ns: number, rem: number): KGen<number> {
  const t = current();
  const end = ktime_get() + ns;
  while (ktime_get() < end) {
    if (signal_pending(t)) {
      if (rem && copy_to_user(rem, encode_timespec(end - ktime_get()))) return -EFAULT;
      return -ERESTART_RESTARTBLOCK;
    }
    set_current_state(TASK_INTERRUPTIBLE);
    t.wchan = 'hrtimer_nanosleep';
    yield* schedule_hrtimeout(end - ktime_get());
  }
  return 0;
}

function read_timespec(p: number): number | null {
  const b = copy_from_user(p, 16);
  if (!b) return null;
  const dv = new DataView(b.buffer);
  const sec = Number(dv.getBigInt64(0, true)), nsec = Number(dv.getBigInt64(8, true));
  if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return -1;
  return sec * NSEC_PER_SEC + nsec;
}

export const SYSLOG_ACTION_CLOSE = 0, SYSLOG_ACTION_OPEN = 1, SYSLOG_ACTION_READ = 2, SYSLOG_ACTION_READ_ALL = 3;
export const SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5, SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7;
export const SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_UNREAD = 9, SYSLOG_ACTION_SIZE_BUFFER = 10;
const LOG_BUF_LEN = 1 << 17;

/** syslog(2) as dmesg uses it: "<level>[timestamp] text" lines. */
function sys_syslog(type: number, buf: number, len: number): number {
  const s = printkState();
  const format = (from: number): Uint8Array => {
    let out = '';
    for (const r of s.records) if (r.seq >= from) out += `<${(r.facility << 3) | r.level}>[${format_printk_time(r.ts_nsec)}] ${r.text}\n`;
    const b = new TextEncoder().encode(out);
    return b.length > len ? b.subarray(b.length - len) : b;
  };
  switch (type) {
    case SYSLOG_ACTION_CLOSE: case SYSLOG_ACTION_OPEN: return 0;
    case SYSLOG_ACTION_READ_ALL: case SYSLOG_ACTION_READ_CLEAR: {
      if (len < 0) return -EINVAL;
      const b = format(s.clear_seq);
      if (copy_to_user(buf, b)) return -EFAULT;
      if (type === SYSLOG_ACTION_READ_CLEAR) s.clear_seq = s.next_seq;
      return b.length;
    }
    case SYSLOG_ACTION_CLEAR: s.clear_seq = s.next_seq; return 0;
    case SYSLOG_ACTION_CONSOLE_OFF: s.console_loglevel = s.minimum_console_loglevel; return 0;
    case SYSLOG_ACTION_CONSOLE_ON: s.console_loglevel = s.default_console_loglevel; return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if (len < 1 || len > 8) return -EINVAL;
      s.console_loglevel = Math.max(len, s.minimum_console_loglevel);
      return 0;
    case SYSLOG_ACTION_SIZE_UNREAD: return 0;
    case SYSLOG_ACTION_SIZE_BUFFER: return LOG_BUF_LEN;
    default: return -EINVAL;
  }
}

function sys_prlimit64(pid: number, resource: number, new_rlim: number, old_rlim: number): number {
  if (resource < 0 || resource >= RLIM_NLIMITS) return -EINVAL;
  const t = find_task(pid);
  if (!t) return -ESRCH;
  const cur = t.signal.rlim[resource];
  let next: { cur: number; max: number } | null = null;
  if (new_rlim) {
    const b = copy_from_user(new_rlim, 16);
    if (!b) return -EFAULT;
    next = decode_rlimit(b);
    if (next.cur > next.max) return -EINVAL;
    if (resource === RLIMIT_NOFILE && next.max > NR_OPEN) return -EPERM;
    if (next.max > cur.rlim_max && current().cred.euid !== 0) return -EPERM;
  }
  if (old_rlim && copy_to_user(old_rlim, encode_rlimit(cur.rlim_cur, cur.rlim_max))) return -EFAULT;
  if (next) t.signal.rlim[resource] = { rlim_cur: next.cur, rlim_max: next.max };
  return 0;
}

/** struct rusage: ru_utime, ru_stime (timeval) then 14 longs. */
function sys_getrusage(who: number, ru: number): number {
  const t = current();
  let utime: number, stime: number;
  if (who === 0) { utime = t.utime; stime = t.stime; } // RUSAGE_SELF
  else if (who === -1 || who === 0xffffffff) { utime = t.signal.cutime; stime = t.signal.cstime; } // RUSAGE_CHILDREN
  else if (who === 1) { utime = t.utime; stime = t.stime; } // RUSAGE_THREAD
  else return -EINVAL;
  const b = new Uint8Array(144);
  const dv = new DataView(b.buffer);
  const tv = (o: number, ns: number): void => { dv.setBigInt64(o, BigInt(Math.floor(ns / 1e9)), true); dv.setBigInt64(o + 8, BigInt(Math.floor((ns % 1e9) / 1e3)), true); };
  tv(0, utime); tv(16, stime);
  dv.setBigInt64(32, 1024n, true); // ru_maxrss (KiB)
  dv.setBigInt64(128, BigInt(t.nvcsw), true); dv.setBigInt64(136, BigInt(t.nivcsw), true);
  return copy_to_user(ru, b) ? -EFAULT : 0;
}

function sys_sysinfo(info: number): number {
  const m = si_meminfo();
  const sw = si_swapinfo();
  const tasks = runqueue().tasks.size;
  const s = { uptime: Math.ceil(ktime_get() / NSEC_PER_SEC), loads: [0, 0, 0] as [number, number, number], totalram: m.totalram, freeram: m.freeram, sharedram: m.sharedram, bufferram: m.bufferram, totalswap: sw.totalswap * 4096, freeswap: sw.freeswap * 4096, procs: tasks, mem_unit: 1 };
  return copy_to_user(info, encode_sysinfo(s)) ? -EFAULT : 0;
}

function sys_setpgid(pid: number, pgid: number): number {
  if ((pgid | 0) < 0) return -EINVAL;
  const t = pid === 0 ? current() : runqueue().tasks.get(pid);
  if (!t) return -ESRCH;
  const me = current();
  if (t !== me && t.real_parent !== me) return -ESRCH;
  if (t.signal.leader) return -EPERM;
  if (t.signal.session !== me.signal.session) return -EPERM;
  const target = pgid === 0 ? t.pid : pgid;
  if (target !== t.pid && ![...runqueue().tasks.values()].some((x) => x.signal.pgrp === target && x.signal.session === me.signal.session)) return -EPERM;
  t.signal.pgrp = target;
  return 0;
}

function sys_setsid(): number {
  const t = current();
  if (t.signal.leader || [...runqueue().tasks.values()].some((x) => x !== t && x.signal.pgrp === t.pid)) return -EPERM;
  t.signal.leader = true;
  t.signal.session = t.pid;
  t.signal.pgrp = t.pid;
  t.signal.tty = null;
  return t.pid;
}

function set_ids(fn: (t: task_struct) => number): number {
  return fn(current());
}

const PRIO_PROCESS = 0;

/** The task getpriority/setpriority name: PRIO_PROCESS only (who 0: the caller); PRIO_PGRP and PRIO_USER are not modelled. */
function prio_process(which: number, who: number): task_struct | number {
  if (which !== PRIO_PROCESS) return -EINVAL;
  const t = who ? find_task_by_vpid(who) : current();
  return t ?? -ESRCH;
}

/** set_one_prio(): another user's task needs CAP_SYS_NICE, and so does a lower nice value than the task has (can_nice). */
function set_one_prio(p: task_struct, niceval: number): number {
  const me = current().cred;
  if (p.cred.uid !== me.euid && p.cred.euid !== me.euid && !ns_capable(p.cred.user_ns, CAP_SYS_NICE)) return -EPERM;
  if (niceval < task_nice(p) && !ns_capable(p.cred.user_ns, CAP_SYS_NICE)) return -EACCES;
  set_user_nice(p, niceval);
  return 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('uname', ['struct_out'], sys_uname),
  SYSCALL_DEFINE('sethostname', ['str', 'int'], (n: number, l: number) => set_uts_field('nodename', n, l)),
  SYSCALL_DEFINE('setdomainname', ['str', 'int'], (n: number, l: number) => set_uts_field('domainname', n, l)),
  // Numbers and ids as the caller's namespaces see them (task_tgid_vnr, from_kuid_munged).
  SYSCALL_DEFINE('getpid', [], () => task_tgid_vnr(current())),
  SYSCALL_DEFINE('gettid', [], () => task_pid_vnr(current())),
  SYSCALL_DEFINE('getppid', [], () => task_ppid_nr_ns(current(), task_active_pid_ns(current()))),
  SYSCALL_DEFINE('getuid', [], () => from_kuid_munged(cur_userns(), current().cred.uid)),
  SYSCALL_DEFINE('geteuid', [], () => from_kuid_munged(cur_userns(), current().cred.euid)),
  SYSCALL_DEFINE('getgid', [], () => from_kgid_munged(cur_userns(), current().cred.gid)),
  SYSCALL_DEFINE('getegid', [], () => from_kgid_munged(cur_userns(), current().cred.egid)),
  SYSCALL_DEFINE('setuid', ['int'], (u: number) => set_ids((t) => {
    // The id is the caller's namespace's; privilege is CAP_SETUID there (root of a user namespace has it).
    const uid = make_kuid(cur_userns(), u);
    if (uid < 0) return -EINVAL;
    if (cap_capable(t.cred, cur_userns(), CAP_SETUID)) { Object.assign(t.cred, { uid, euid: uid, suid: uid, fsuid: uid }); if (uid !== 0) t.cred.cap_effective = 0n; return 0; }
    if (uid === t.cred.uid || uid === t.cred.suid) { t.cred.euid = t.cred.fsuid = uid; return 0; }
    return -EPERM;
  })),
  SYSCALL_DEFINE('setgid', ['int'], (g: number) => set_ids((t) => {
    const gid = make_kgid(cur_userns(), g);
    if (gid < 0) return -EINVAL;
    if (cap_capable(t.cred, cur_userns(), CAP_SETGID)) { Object.assign(t.cred, { gid, egid: gid, sgid: gid, fsgid: gid }); return 0; }
    if (gid === t.cred.gid || gid === t.cred.sgid) { t.cred.egid = t.cred.fsgid = gid; return 0; }
    return -EPERM;
  })),
  SYSCALL_DEFINE('getgroups', ['int', 'ptr'], (size: number, list: number) => {
    const g = current().cred.groups.map((x) => from_kgid_munged(cur_userns(), x));
    if (size === 0) return g.length;
    if (size < g.length) return -EINVAL;
    const b = new Uint8Array(g.length * 4);
    g.forEach((x, i) => new DataView(b.buffer).setUint32(i * 4, x, true));
    return copy_to_user(list, b) ? -EFAULT : g.length;
  }),
  SYSCALL_DEFINE('setsid', [], sys_setsid),
  SYSCALL_DEFINE('getsid', ['int'], (pid: number) => { const t = find_task(pid); return t ? t.signal.session : -ESRCH; }),
  SYSCALL_DEFINE('setpgid', ['int', 'int'], sys_setpgid),
  SYSCALL_DEFINE('getpgid', ['int'], (pid: number) => { const t = find_task(pid); return t ? t.signal.pgrp : -ESRCH; }),
  SYSCALL_DEFINE('getpgrp', [], () => current().signal.pgrp),
  SYSCALL_DEFINE('sysinfo', ['struct_out'], sys_sysinfo),
  SYSCALL_DEFINE('getrusage', ['int', 'struct_out'], sys_getrusage),
  SYSCALL_DEFINE('getrlimit', ['int', 'struct_out'], (r: number, p: number) => sys_prlimit64(0, r, 0, p)),
  SYSCALL_DEFINE('setrlimit', ['int', 'struct_in'], (r: number, p: number) => sys_prlimit64(0, r, p, 0)),
  SYSCALL_DEFINE('prlimit64', ['int', 'int', 'struct_in', 'struct_out'], sys_prlimit64),
  SYSCALL_DEFINE('nanosleep', ['struct_in', 'ptr'], function* (req: number, rem: number) {
    const ns = read_timespec(req);
    if (ns === null) return -EFAULT;
    if (ns < 0) return -EINVAL;
    return yield* do_nanosleep(ns, rem);
  }),
  SYSCALL_DEFINE('clock_nanosleep', ['int', 'int', 'struct_in', 'ptr'], function* (which: number, flags: number, req: number, rem: number) {
    const ns = read_timespec(req);
    if (ns === null) return -EFAULT;
    if (ns < 0) return -EINVAL;
    const now = clock_now(which);
    if (now === null) return -EINVAL;
    const r = yield* do_nanosleep(flags & 1 ? Math.max(0, ns - now) : ns, flags & 1 ? 0 : rem);
    return r === -ERESTART_RESTARTBLOCK ? -ERESTARTNOHAND : r;
  }),
  SYSCALL_DEFINE('clock_gettime', ['int', 'struct_out'], (which: number, tp: number) => {
    const now = clock_now(which);
    if (now === null) return -EINVAL;
    return copy_to_user(tp, encode_timespec(now)) ? -EFAULT : 0;
  }),
  SYSCALL_DEFINE('clock_getres', ['int', 'struct_out'], (which: number, tp: number) => {
    if (clock_now(which) === null) return -EINVAL;
    return tp && copy_to_user(tp, encode_timespec(1)) ? -EFAULT : 0;
  }),
  SYSCALL_DEFINE('gettimeofday', ['struct_out', 'ptr'], (tv: number) => {
    if (!tv) return 0;
    const ns = ktime_get_real();
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, BigInt(Math.floor(ns / 1e9)), true); dv.setBigInt64(8, BigInt(Math.floor((ns % 1e9) / 1e3)), true);
    return copy_to_user(tv, b) ? -EFAULT : 0;
  }),
  SYSCALL_DEFINE('time', ['ptr'], (tloc: number) => {
    const s = Math.floor(ktime_get_real() / 1e9);
    if (tloc) { const b = new Uint8Array(8); new DataView(b.buffer).setBigInt64(0, BigInt(s), true); if (copy_to_user(tloc, b)) return -EFAULT; }
    return s;
  }),
  SYSCALL_DEFINE('syslog', ['int', 'buf_out:2', 'int'], sys_syslog),
  SYSCALL_DEFINE('getrandom', ['buf_out:1', 'size', 'hex'], (buf: number, len: number, flags: number) => {
    if (flags & ~7) return -EINVAL;
    // count is a size_t: a "negative" one is huge; reads are capped as random.c does.
    const n = len < 0 || !Number.isSafeInteger(len) ? 33554431 : Math.min(len, 33554431);
    if (!access_ok(buf, n)) return -EFAULT;
    return copy_to_user(buf, get_random_bytes(n)) ? -EFAULT : n;
  }),
  SYSCALL_DEFINE('sched_yield', [], function* () { set_current_state(0); yield* schedule(); return 0; }),
  SYSCALL_DEFINE('getpriority', ['int', 'int'], (which: number, who: number) => {
    const t = prio_process(which, who);
    return typeof t === 'number' ? t : 20 - task_nice(t); // nice_to_rlimit(): 1..40, glibc turns it back
  }),
  SYSCALL_DEFINE('setpriority', ['int', 'int', 'int'], (which: number, who: number, niceval: number) => {
    const t = prio_process(which, who);
    if (typeof t === 'number') return t;
    return set_one_prio(t, Math.min(MAX_NICE, Math.max(MIN_NICE, niceval | 0)));
  }),
  SYSCALL_DEFINE('set_tid_address', ['ptr'], (p: number) => { current().clear_child_tid = p; return current().pid; }),
  SYSCALL_DEFINE('arch_prctl', ['hex', 'hex'], () => -EINVAL),
  SYSCALL_DEFINE('prctl', ['int', 'hex', 'hex', 'hex', 'hex'], (option: number, arg2: number) => {
    if (option === 15) { // PR_SET_NAME
      const b = copy_from_user(arg2, 16);
      if (!b) return -EFAULT;
      const z = b.indexOf(0);
      current().comm = new TextDecoder().decode(b.subarray(0, z < 0 ? 15 : Math.min(z, 15)));
      return 0;
    }
    if (option === 16) return copy_to_user(arg2, new TextEncoder().encode(current().comm.slice(0, 15) + '\0')) ? -EFAULT : 0; // PR_GET_NAME
    return -EINVAL;
  }),
];

export { EACCES };
