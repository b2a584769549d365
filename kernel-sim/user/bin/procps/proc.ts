// Models procps-ng's library (readproc.c, sysinfo.c): reading /proc/PID/stat, status and cmdline, /proc/meminfo, /proc/uptime and tty names.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { major, minor } from '../../lib/unistd.ts';

export interface proc_t {
  pid: number; comm: string; state: string; ppid: number; pgrp: number; session: number; tty_nr: number; tpgid: number;
  flags: number; utime: number; stime: number; priority: number; nice: number; nlwp: number; starttime: number;
  vsize: number; rss: number; uid: number; euid: number; gid: number; cmdline: string[]; processor: number;
}

const HZ = 100;
export const USER_HZ = HZ;

/** Parses /proc/PID/stat: "pid (comm) S ppid ..." (comm may contain spaces and parentheses). */
export function parse_stat(s: string): Partial<proc_t> | null {
  const open = s.indexOf('('), close = s.lastIndexOf(')');
  if (open < 0 || close < 0) return null;
  const f = s.slice(close + 2).trim().split(/\s+/);
  const n = (i: number): number => Number(f[i] ?? 0);
  return {
    pid: Number(s.slice(0, open).trim()), comm: s.slice(open + 1, close), state: f[0],
    ppid: n(1), pgrp: n(2), session: n(3), tty_nr: n(4), tpgid: n(5), flags: n(6),
    utime: n(11), stime: n(12), priority: n(15), nice: n(16), nlwp: n(17), starttime: n(19), vsize: n(20), rss: n(21), processor: n(36),
  };
}

/** Reads one process; null when it went away. */
export function* read_proc(c: Libc, pid: number): KGen<proc_t | null> {
  const st = yield* c.read_text(`/proc/${pid}/stat`);
  if (typeof st === 'number') return null;
  const p = parse_stat(st);
  if (!p) return null;
  const status = yield* c.read_text(`/proc/${pid}/status`);
  let uid = 0, euid = 0, gid = 0;
  if (typeof status === 'string') {
    const u = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status); if (u) { uid = Number(u[1]); euid = Number(u[2]); }
    const g = /^Gid:\s+(\d+)/m.exec(status); if (g) gid = Number(g[1]);
  }
  const cl = yield* c.read_file(`/proc/${pid}/cmdline`);
  let cmdline: string[] = [];
  if (typeof cl !== 'number' && cl.length) {
    const t = new TextDecoder().decode(cl);
    cmdline = (t.endsWith('\0') ? t.slice(0, -1) : t).split('\0');
  }
  return { ...(p as proc_t), uid, euid, gid, cmdline };
}

/** Every numeric entry of /proc, in pid order; -errno when /proc cannot be read. */
export function* list_pids(c: Libc): KGen<number[] | number> {
  const ents = yield* c.readdir('/proc');
  if (typeof ents === 'number') return ents;
  return ents.filter((e) => /^\d+$/.test(e.name)).map((e) => Number(e.name)).sort((a, b) => a - b);
}

/** True when /proc looks mounted (procps refuses to run otherwise). */
export function* proc_mounted(c: Libc): KGen<boolean> {
  const st = yield* c.stat('/proc/self/stat');
  return typeof st !== 'number';
}

/** tty_nr to the name ps shows (dev_to_tty): ttyS0, tty1, pts/0, console, or "?". */
export function tty_name(tty_nr: number): string {
  if (!tty_nr) return '?';
  const maj = major(tty_nr), min = minor(tty_nr);
  if (maj === 4) return min < 64 ? `tty${min}` : `ttyS${min - 64}`;
  if (maj >= 136 && maj <= 143) return `pts/${(maj - 136) * 256 + min}`;
  if (maj === 5 && min === 1) return 'console';
  if (maj === 5 && min === 0) return 'tty';
  return '?';
}

/** /proc/meminfo as a map of kB values. */
export function* read_meminfo(c: Libc): KGen<Map<string, number> | null> {
  const t = yield* c.read_text('/proc/meminfo');
  if (typeof t === 'number') return null;
  const m = new Map<string, number>();
  for (const line of t.split('\n')) {
    const x = /^([^:]+):\s+(\d+)/.exec(line);
    if (x) m.set(x[1], Number(x[2]));
  }
  return m;
}

/** What free and top show of /proc/meminfo (procps-ng 4's meminfo: used = total - available, cache includes SReclaimable). */
export interface mem_summary { total: number; free: number; used: number; shared: number; buffers: number; cache: number; available: number; swap_total: number; swap_free: number }

export function mem_summary_of(mi: ReadonlyMap<string, number>): mem_summary {
  const g = (k: string): number => mi.get(k) ?? 0;
  const total = g('MemTotal'), free = g('MemFree');
  const available = mi.has('MemAvailable') ? g('MemAvailable') : free;
  let used = total - available;
  if (used < 0) used = total - free;
  return { total, free, used, shared: g('Shmem'), buffers: g('Buffers'), cache: g('Cached') + g('SReclaimable'), available, swap_total: g('SwapTotal'), swap_free: g('SwapFree') };
}

/** Seconds since boot, from /proc/uptime (or sysinfo when /proc is missing). */
export function* read_uptime(c: Libc): KGen<number> {
  const t = yield* c.read_text('/proc/uptime');
  if (typeof t === 'string') return Number(t.split(' ')[0]);
  const s = yield* c.sysinfo();
  return typeof s === 'number' ? 0 : s.uptime;
}

/** Load averages from /proc/loadavg (or sysinfo's fixed-point loads). */
export function* read_loadavg(c: Libc): KGen<[number, number, number]> {
  const t = yield* c.read_text('/proc/loadavg');
  if (typeof t === 'string') { const f = t.split(' ').map(Number); return [f[0] || 0, f[1] || 0, f[2] || 0]; }
  const s = yield* c.sysinfo();
  return typeof s === 'number' ? [0, 0, 0] : [s.loads[0] / 65536, s.loads[1] / 65536, s.loads[2] / 65536];
}

/** btime from /proc/stat: the boot time in seconds since the epoch. */
export function* read_btime(c: Libc): KGen<number> {
  const t = yield* c.read_text('/proc/stat');
  if (typeof t === 'string') { const m = /^btime\s+(\d+)/m.exec(t); if (m) return Number(m[1]); }
  const now = yield* c.clock_gettime(0);
  return Math.floor(now / 1e9 - (yield* read_uptime(c)));
}
