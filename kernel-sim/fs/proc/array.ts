// Models linux/fs/proc/array.c: /proc/PID/status, /proc/PID/stat and /proc/PID/statm.
import type { pid_namespace } from '../../include/linux/nsproxy.ts';
import { init_pid_ns, task_pid_numbers, task_pid_nr_ns, task_ppid_nr_ns, task_tgid_nr_ns } from '../../kernel/pid_namespace.ts';
import { cap_sets } from '../../kernel/capability.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import {
  TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, __TASK_STOPPED, __TASK_TRACED, EXIT_ZOMBIE, EXIT_DEAD,
  TASK_PARKED, TASK_NOLOAD, PF_KTHREAD,
} from '../../include/linux/sched.ts';
import type { mm_struct } from '../../include/linux/mm_types.ts';
import { PAGE_SIZE } from '../../include/linux/mm_types.ts';
import { RLIMIT_RSS, RLIMIT_SIGPENDING } from '../../include/uapi/resource.ts';
import { SIG_DFL, SIG_IGN } from '../../include/uapi/signal.ts';
import { MKDEV, new_encode_dev } from '../../include/linux/fs_types.ts';
import { runqueue } from '../../kernel/sched/core.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { task_vsize, task_rss_pages, task_statm } from './task_mmu.ts';

const USER_HZ = 100;
/** nsec_to_clock_t: nanoseconds to USER_HZ ticks. */
export const nsec_to_clock_t = (ns: number): number => Math.floor(ns / (1_000_000_000 / USER_HZ));
const ULONG_MAX = '18446744073709551615';

/** The letter and word of a task's state (get_task_state / task_state_array). */
export function task_state_name(t: task_struct): [string, string] {
  if (t.exit_state & EXIT_ZOMBIE) return ['Z', 'zombie'];
  if (t.exit_state & EXIT_DEAD) return ['X', 'dead'];
  const s = t.__state;
  if (s === TASK_RUNNING) return ['R', 'running'];
  if (s & __TASK_TRACED) return ['t', 'tracing stop'];
  if (s & __TASK_STOPPED) return ['T', 'stopped'];
  if (s & TASK_PARKED) return ['P', 'parked'];
  if ((s & TASK_UNINTERRUPTIBLE) && (s & TASK_NOLOAD)) return ['I', 'idle'];
  if (s & TASK_UNINTERRUPTIBLE) return ['D', 'disk sleep'];
  if (s & TASK_INTERRUPTIBLE) return ['S', 'sleeping'];
  return ['R', 'running'];
}

/** A task's memory while it has one: zombies and kernel threads have none (exit_mm). */
export function task_mm(t: task_struct): mm_struct | null {
  if (t.exit_state || t.flags & PF_KTHREAD) return null;
  return t.mm;
}

const hex16 = (v: bigint): string => BigInt.asUintN(64, v).toString(16).padStart(16, '0');
const kb = (v: number): string => String(v).padStart(8, ' ');

function sig_ign_cgt(t: task_struct): [bigint, bigint] {
  let ign = 0n, cgt = 0n;
  t.sighand.action.forEach((a, i) => {
    if (a.handler === SIG_IGN) ign |= 1n << BigInt(i);
    else if (a.handler !== SIG_DFL) cgt |= 1n << BigInt(i);
  });
  return [ign, cgt];
}

function live_threads(t: task_struct): task_struct[] {
  return t.thread_group.filter((x) => !x.exit_state);
}

/** Device number of the controlling terminal, as stat's tty_nr (ttyS<n> is 4:64+n, ttyN 4:N, console 5:1). */
export function tty_devnum(name: string): number {
  const m = /^(ttyS|tty|pts\/)(\d+)$/.exec(name);
  if (!m) return name === 'console' ? MKDEV(5, 1) : 0;
  const n = Number(m[2]);
  return m[1] === 'ttyS' ? MKDEV(4, 64 + n) : m[1] === 'tty' ? MKDEV(4, n) : MKDEV(136, n);
}

/** /proc/PID/status (proc_pid_status). */
export function proc_pid_status(m: seq_file, t: task_struct): number {
  const mm = task_mm(t);
  const [letter, word] = task_state_name(t);
  // Numbers as the pid namespace of this /proc sees them; NStgid/NSpid list them from there down to the task's own.
  const ns = ((m.private as { i_sb?: { s_fs_info: unknown } } | null)?.i_sb?.s_fs_info as pid_namespace | null) ?? init_pid_ns();
  const ppid = t.pid > 1 ? task_ppid_nr_ns(t, ns) : 0;
  const nums = task_pid_numbers(t).numbers.filter((u) => u.ns.level >= ns.level);
  const lnums = task_pid_numbers(t.group_leader).numbers.filter((u) => u.ns.level >= ns.level);
  const c = t.cred;
  const fdsize = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, t.files.fd.length))));
  let s = `Name:\t${t.comm.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`;
  if (t.fs && !t.exit_state) s += `Umask:\t${t.fs.umask.toString(8).padStart(4, '0')}\n`;
  s += `State:\t${letter} (${word})\n`;
  s += `Tgid:\t${task_tgid_nr_ns(t, ns)}\nNgid:\t0\nPid:\t${task_pid_nr_ns(t, ns)}\nPPid:\t${ppid}\nTracerPid:\t${t.tracer ? t.tracer.tgid : 0}\n`;
  s += `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}\nGid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}\n`;
  // task_state: the groups space-separated, then the trailing space 6.1 always adds (alone when there are none).
  s += `FDSize:\t${fdsize}\nGroups:\t${c.groups.join(' ')} \n`;
  s += `NStgid:\t${lnums.map((u) => u.nr).join('\t')}\nNSpid:\t${nums.map((u) => u.nr).join('\t')}\nNSpgid:\t${t.signal.pgrp}\nNSsid:\t${t.signal.session}\n`;
  if (mm) {
    const st = task_statm(mm);
    const vm = task_vsize(mm) >> 10, rss = (task_rss_pages(mm) * PAGE_SIZE) >> 10;
    s += `VmPeak:\t${kb(vm)} kB\nVmSize:\t${kb(vm)} kB\nVmLck:\t${kb(0)} kB\nVmPin:\t${kb(0)} kB\n`;
    s += `VmHWM:\t${kb(rss)} kB\nVmRSS:\t${kb(rss)} kB\nRssAnon:\t${kb(rss)} kB\nRssFile:\t${kb(0)} kB\nRssShmem:\t${kb(0)} kB\n`;
    s += `VmData:\t${kb(st.data * 4)} kB\nVmStk:\t${kb(st.stack * 4)} kB\nVmExe:\t${kb(st.text * 4)} kB\nVmLib:\t${kb(0)} kB\n`;
    s += `VmPTE:\t${kb(st.pte_kb)} kB\nVmSwap:\t${kb(0)} kB\nHugetlbPages:\t${kb(0)} kB\n`;
    s += `CoreDumping:\t0\nTHP_enabled:\t1\n`;
  }
  const [ign, cgt] = sig_ign_cgt(t);
  const sigq = t.signal.rlim[RLIMIT_SIGPENDING].rlim_cur;
  s += `Threads:\t${Math.max(1, live_threads(t).length)}\nSigQ:\t0/${sigq === Infinity ? ULONG_MAX : sigq}\n`;
  s += `SigPnd:\t${hex16(t.pending.signal)}\nShdPnd:\t${hex16(t.signal.shared_pending.signal)}\nSigBlk:\t${hex16(t.blocked)}\n`;
  s += `SigIgn:\t${hex16(ign)}\nSigCgt:\t${hex16(cgt)}\n`;
  const cs = cap_sets(c);
  s += `CapInh:\t${hex16(cs.inh)}\nCapPrm:\t${hex16(cs.prm)}\nCapEff:\t${hex16(cs.eff)}\nCapBnd:\t${hex16(cs.bnd)}\nCapAmb:\t${hex16(cs.amb)}\n`;
  s += `NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n`;
  s += `Speculation_Store_Bypass:\tthread vulnerable\nSpeculationIndirectBranch:\tconditional enabled\n`;
  const ncpu = runqueue().nr_cpus;
  s += `Cpus_allowed:\t${((1 << ncpu) - 1).toString(16)}\nCpus_allowed_list:\t${ncpu > 1 ? `0-${ncpu - 1}` : '0'}\n`;
  s += `Mems_allowed:\t${[...Array<string>(31).fill('00000000'), '00000001'].join(',')}\nMems_allowed_list:\t0\n`;
  s += `voluntary_ctxt_switches:\t${t.nvcsw - t.nivcsw}\nnonvoluntary_ctxt_switches:\t${t.nivcsw}\n`;
  seq_puts(m, s);
  return 0;
}

/** /proc/PID/stat: the 52 fields ps reads, in order (do_task_stat). */
export function proc_pid_stat(m: seq_file, t: task_struct, whole: boolean): number {
  const mm = task_mm(t);
  const [letter] = task_state_name(t);
  const ns = ((m.private as { i_sb?: { s_fs_info: unknown } } | null)?.i_sb?.s_fs_info as pid_namespace | null) ?? init_pid_ns();
  const ppid = t.pid > 1 ? task_ppid_nr_ns(t, ns) : 0;
  const tty = t.signal.tty;
  const tty_nr = tty ? new_encode_dev(tty_devnum(tty.name)) : 0;
  const tpgid = tty ? tty.pgrp || -1 : -1;
  const group = whole ? t.thread_group : [t];
  const utime = group.reduce((a, x) => a + x.utime, 0), stime = group.reduce((a, x) => a + x.stime, 0);
  const [ign, cgt] = sig_ign_cgt(t);
  const rsslim = t.signal.rlim[RLIMIT_RSS].rlim_cur;
  const sleeping = t.__state !== TASK_RUNNING && !t.exit_state && t.wchan !== '';
  const f: (string | number | bigint)[] = [
    task_pid_nr_ns(t, ns), `(${t.comm})`, letter, ppid, t.signal.pgrp, t.signal.session, tty_nr, tpgid,
    t.flags >>> 0, 0, 0, 0, 0,
    nsec_to_clock_t(utime), nsec_to_clock_t(stime), nsec_to_clock_t(t.signal.cutime), nsec_to_clock_t(t.signal.cstime),
    t.prio - 100, t.static_prio - 120, Math.max(1, live_threads(t).length), 0, nsec_to_clock_t(t.start_time),
    mm ? task_vsize(mm) : 0, mm ? task_rss_pages(mm) : 0, rsslim === Infinity ? ULONG_MAX : rsslim,
    mm ? mm.start_code || 1 : 0, mm ? mm.end_code || 1 : 0, mm ? mm.start_stack : 0, 0, 0,
    BigInt.asUintN(64, t.pending.signal | t.signal.shared_pending.signal) & 0xffffffffffffffffn, t.blocked, ign, cgt,
    sleeping ? 1 : 0, 0, 0, t.exit_signal, t.cpu, 0, 0, 0, 0, 0,
    mm ? mm.start_data : 0, mm ? mm.end_data : 0, mm ? mm.start_brk : 0,
    mm ? mm.arg_start : 0, mm ? mm.arg_end : 0, mm ? mm.env_start : 0, mm ? mm.env_end : 0,
    t.exit_state ? t.exit_code : 0,
  ];
  // signal, blocked, sigignore and sigcatch print as decimal of the low word set (unsigned long).
  seq_puts(m, f.map((x) => (typeof x === 'bigint' ? BigInt.asUintN(64, x).toString() : String(x))).join(' ') + '\n');
  return 0;
}

/** /proc/PID/statm: size resident shared text lib data dt, in pages. */
export function proc_pid_statm(m: seq_file, t: task_struct): number {
  const mm = task_mm(t);
  if (!mm) { seq_puts(m, '0 0 0 0 0 0 0\n'); return 0; }
  const st = task_statm(mm);
  seq_puts(m, `${task_vsize(mm) / PAGE_SIZE} ${task_rss_pages(mm)} 0 ${st.text} 0 ${st.data + st.stack} 0\n`);
  return 0;
}
