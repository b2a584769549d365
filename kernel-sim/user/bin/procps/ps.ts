// Models procps-ng 4 ps(1): the default "PID TTY TIME CMD", -e/-A, -f, -F-less -l, -o LIST, -p, and BSD "aux"; columns declared as data.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { ostream } from '../../lib/stdio.ts';
import { idcache, geteuid } from '../../lib/unistd.ts';
import { gmtime, strftime } from '../../lib/time.ts';
import { read_proc, list_pids, proc_mounted, tty_name, read_meminfo, read_uptime, read_btime, USER_HZ, type proc_t } from './proc.ts';

interface ctx { ids: idcache; now: number; uptime: number; btime: number; memtotal: number; page_kb: number }
interface column { header: string; width: number; left?: boolean; get: (p: proc_t, x: ctx) => string }

const cputime = (p: proc_t): number => Math.floor((p.utime + p.stime) / USER_HZ);
const hhmmss = (s: number): string => {
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const t = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return d ? `${d}-${t}` : t;
};
const mss = (s: number): string => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
const args_of = (p: proc_t): string => (p.cmdline.length ? p.cmdline.join(' ') : `[${p.comm}]`);
const start_secs = (p: proc_t, x: ctx): number => x.btime + Math.floor(p.starttime / USER_HZ);
const stime = (p: proc_t, x: ctx): string => {
  const s = start_secs(p, x);
  const t = gmtime(s);
  if (x.now - s < 86400 && gmtime(x.now).yday === t.yday) return strftime('%H:%M', t);
  if (x.now - s < 365 * 86400) return strftime('%b%d', t);
  return strftime('%Y', t);
};
const pcpu = (p: proc_t, x: ctx): string => {
  const elapsed = x.uptime - p.starttime / USER_HZ;
  if (elapsed <= 0) return '0.0';
  const v = ((p.utime + p.stime) / USER_HZ / elapsed) * 100;
  return (Math.floor(v * 10) / 10).toFixed(1);
};
const stat_flags = (p: proc_t): string => {
  let s = p.state;
  if (p.nice < 0) s += '<'; else if (p.nice > 0) s += 'N';
  if (p.session === p.pid) s += 's';
  if (p.nlwp > 1) s += 'l';
  if (p.tpgid > 0 && p.tpgid === p.pgrp) s += '+';
  return s;
};

/** The format specifiers of ps -o, with procps' headers and widths. */
export const COLUMNS: Record<string, column> = {
  pid: { header: 'PID', width: 7, get: (p) => String(p.pid) },
  ppid: { header: 'PPID', width: 7, get: (p) => String(p.ppid) },
  pgid: { header: 'PGID', width: 7, get: (p) => String(p.pgrp) },
  pgrp: { header: 'PGRP', width: 7, get: (p) => String(p.pgrp) },
  sid: { header: 'SID', width: 7, get: (p) => String(p.session) },
  sess: { header: 'SESS', width: 7, get: (p) => String(p.session) },
  tpgid: { header: 'TPGID', width: 7, get: (p) => String(p.tpgid) },
  tty: { header: 'TT', width: 8, left: true, get: (p) => tty_name(p.tty_nr) },
  tname: { header: 'TTY', width: 8, left: true, get: (p) => tty_name(p.tty_nr) },
  time: { header: 'TIME', width: 8, get: (p) => hhmmss(cputime(p)) },
  cputime: { header: 'TIME', width: 8, get: (p) => hhmmss(cputime(p)) },
  bsdtime: { header: 'TIME', width: 6, get: (p) => mss(cputime(p)) },
  etime: { header: 'ELAPSED', width: 11, get: (p, x) => { const s = Math.floor(x.uptime - p.starttime / USER_HZ); const h = hhmmss(Math.max(0, s)); return s < 3600 ? h.slice(3) : h; } },
  etimes: { header: 'ELAPSED', width: 7, get: (p, x) => String(Math.max(0, Math.floor(x.uptime - p.starttime / USER_HZ))) },
  comm: { header: 'COMMAND', width: 15, left: true, get: (p) => p.comm },
  ucmd: { header: 'CMD', width: 15, left: true, get: (p) => p.comm },
  args: { header: 'COMMAND', width: 27, left: true, get: args_of },
  cmd: { header: 'CMD', width: 27, left: true, get: args_of },
  command: { header: 'COMMAND', width: 27, left: true, get: args_of },
  user: { header: 'USER', width: 8, left: true, get: (p, x) => x.ids.user(p.euid) },
  euser: { header: 'EUSER', width: 8, left: true, get: (p, x) => x.ids.user(p.euid) },
  ruser: { header: 'RUSER', width: 8, left: true, get: (p, x) => x.ids.user(p.uid) },
  uid: { header: 'UID', width: 5, get: (p) => String(p.euid) },
  euid: { header: 'EUID', width: 5, get: (p) => String(p.euid) },
  gid: { header: 'GID', width: 5, get: (p) => String(p.gid) },
  group: { header: 'GROUP', width: 8, left: true, get: (p, x) => x.ids.group(p.gid) },
  uid_hack: { header: 'UID', width: 8, left: true, get: (p, x) => x.ids.user(p.euid) },
  stat: { header: 'STAT', width: 4, left: true, get: stat_flags },
  state: { header: 'S', width: 1, get: (p) => p.state },
  s: { header: 'S', width: 1, get: (p) => p.state },
  nlwp: { header: 'NLWP', width: 4, get: (p) => String(p.nlwp) },
  ni: { header: 'NI', width: 3, get: (p) => String(p.nice) },
  nice: { header: 'NI', width: 3, get: (p) => String(p.nice) },
  pri: { header: 'PRI', width: 3, get: (p) => String(p.priority + 60) },
  psr: { header: 'PSR', width: 3, get: (p) => String(p.processor) },
  c: { header: 'C', width: 2, get: (p, x) => String(Math.floor(Number(pcpu(p, x)))) },
  pcpu: { header: '%CPU', width: 4, get: pcpu },
  '%cpu': { header: '%CPU', width: 4, get: pcpu },
  pmem: { header: '%MEM', width: 4, get: (p, x) => (x.memtotal ? (Math.floor(((p.rss * x.page_kb) / x.memtotal) * 1000) / 10).toFixed(1) : '0.0') },
  '%mem': { header: '%MEM', width: 4, get: (p, x) => (x.memtotal ? (Math.floor(((p.rss * x.page_kb) / x.memtotal) * 1000) / 10).toFixed(1) : '0.0') },
  vsz: { header: 'VSZ', width: 6, get: (p) => String(Math.floor(p.vsize / 1024)) },
  vsize: { header: 'VSZ', width: 6, get: (p) => String(Math.floor(p.vsize / 1024)) },
  rss: { header: 'RSS', width: 5, get: (p, x) => String(p.rss * x.page_kb) },
  rssize: { header: 'RSS', width: 5, get: (p, x) => String(p.rss * x.page_kb) },
  sz: { header: 'SZ', width: 5, get: (p) => String(Math.floor(p.vsize / 4096)) },
  stime: { header: 'STIME', width: 5, get: stime },
  start_time: { header: 'START', width: 5, get: stime },
  start: { header: 'STARTED', width: 8, get: (p, x) => strftime('%H:%M:%S', gmtime(start_secs(p, x))) },
  lstart: { header: 'STARTED', width: 24, get: (p, x) => strftime('%a %b %e %H:%M:%S %Y', gmtime(start_secs(p, x))) },
  f: { header: 'F', width: 1, get: (p) => String((p.flags >> 6) & 7 | (p.flags & 0x00200000 ? 1 : 0)) },
  wchan: { header: 'WCHAN', width: 6, left: true, get: (p) => (p.state === 'S' || p.state === 'D' ? '-' : '-') },
  addr: { header: 'ADDR', width: 2, get: () => '-' },
};

const ALIASES: Record<string, string> = { tt: 'tty', cmd: 'cmd', comm: 'comm', lwp: 'pid', tid: 'pid', spid: 'pid', 'rss': 'rss', 'vsz': 'vsz', tpgid: 'tpgid', '%cpu': '%cpu', cp: 'c' };

function render(cols: { col: column; header: string }[], rows: proc_t[], x: ctx): string {
  const line = (vals: string[]): string => {
    let s = '';
    cols.forEach(({ col }, i) => {
      const v = vals[i];
      const last = i === cols.length - 1;
      if (i) s += ' ';
      if (last && col.left) s += v;
      else s += col.left ? v.padEnd(col.width) : v.padStart(col.width);
    });
    return s.replace(/\s+$/, '') + '\n';
  };
  let out = line(cols.map((c) => c.header));
  for (const p of rows) out += line(cols.map(({ col }) => col.get(p, x)));
  return out;
}

const pick = (spec: string): { col: column; header: string }[] | string => {
  const out: { col: column; header: string }[] = [];
  for (const item of spec.split(/[ ,]+/).filter(Boolean)) {
    const [name, hdr] = item.split('=');
    const col = COLUMNS[name.toLowerCase()] ?? COLUMNS[ALIASES[name.toLowerCase()] ?? ''];
    if (!col) return name;
    const header = hdr ?? col.header;
    out.push({ col: { ...col, width: Math.max(col.width, header.length) }, header });
  }
  return out;
};

export function* ps_main(c: Libc, argv: string[]): KGen<number> {
  if (!(yield* proc_mounted(c))) { yield* c.write(2, 'Error, do this: mount -t proc proc /proc\n'); return 1; }
  let all = false, full = false, long = false, bsd_a = false, bsd_u = false, bsd_x = false, no_header = false;
  let fmt: string | null = null;
  const pids: number[] = [];
  let sort_key: string | null = null;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-headers' || a === '--no-heading') { no_header = true; continue; }
    if (a.startsWith('--sort=')) { sort_key = a.slice(7); continue; }
    if (a === '--sort') { sort_key = args[++i] ?? ''; continue; }
    if (a.startsWith('--pid=') || a === '--pid') { const v = a === '--pid' ? args[++i] : a.slice(6); pids.push(...(v ?? '').split(',').map(Number)); continue; }
    if (a.startsWith('-')) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (ch === 'e' || ch === 'A') all = true;
        else if (ch === 'f') full = true;
        else if (ch === 'l') long = true;
        else if (ch === 'o' || ch === 'p') {
          const v = a.slice(k + 1) || args[++i];
          if (v === undefined) return yield* usage_error_ps(c, `option -${ch} requires an argument`);
          if (ch === 'o') fmt = fmt ? `${fmt},${v}` : v; else pids.push(...v.split(',').map(Number));
          break;
        }
        else if ('adNHwjLT'.includes(ch)) { /* accepted, not distinguished */ }
        else return yield* usage_error_ps(c, `unsupported SysV option`);
      }
      continue;
    }
    if (/^\d+(,\d+)*$/.test(a)) { pids.push(...a.split(',').map(Number)); continue; }
    for (const ch of a) {
      if (ch === 'a') bsd_a = true;
      else if (ch === 'u') bsd_u = true;
      else if (ch === 'x') bsd_x = true;
      else if (ch === 'w' || ch === 'f' || ch === 'e') { /* wide, forest, env: accepted */ }
      else if (ch === 'o') { fmt = args[++i] ?? ''; break; }
      else return yield* usage_error_ps(c, `unsupported option (BSD syntax)`);
    }
  }
  const ids = new idcache(c);
  yield* ids.load();
  const mem = yield* read_meminfo(c);
  const x: ctx = { ids, now: Math.floor((yield* c.clock_gettime(0)) / 1e9), uptime: yield* read_uptime(c), btime: yield* read_btime(c), memtotal: mem?.get('MemTotal') ?? 0, page_kb: 4 };
  const me = yield* read_proc(c, yield* c.getpid());
  const euid = yield* geteuid(c);
  const list = yield* list_pids(c);
  if (typeof list === 'number') return 1;
  const procs: proc_t[] = [];
  for (const pid of list) { const p = yield* read_proc(c, pid); if (p) procs.push(p); }
  const bsd = bsd_a || bsd_u || bsd_x;
  const selected = procs.filter((p) => {
    if (pids.length) return pids.includes(p.pid);
    if (all) return true;
    if (bsd) {
      if (bsd_a && bsd_x) return true;
      if (bsd_a) return p.tty_nr !== 0;
      if (bsd_x) return p.euid === euid;
      return p.euid === euid && p.tty_nr !== 0 && p.tty_nr === me?.tty_nr;
    }
    return p.euid === euid && p.tty_nr === (me?.tty_nr ?? -1);
  });
  if (sort_key) {
    const desc = sort_key.startsWith('-');
    const key = sort_key.replace(/^[-+]/, '');
    const col = COLUMNS[key];
    if (col) selected.sort((a, b) => { const va = col.get(a, x), vb = col.get(b, x); const na = Number(va), nb = Number(vb); const r = !Number.isNaN(na) && !Number.isNaN(nb) ? na - nb : va < vb ? -1 : va > vb ? 1 : 0; return desc ? -r : r; });
  }
  let spec: string;
  if (fmt !== null) spec = fmt;
  else if (bsd_u) spec = 'user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args';
  else if (bsd) spec = 'pid,tname,stat,bsdtime,args';
  else if (full && long) spec = 'f,s,uid_hack,pid,ppid,c,pri,ni,addr,sz,wchan,stime,tname,time,cmd';
  else if (long) spec = 'f,s,uid,pid,ppid,c,pri,ni,addr,sz,wchan,tname,time,ucmd';
  else if (full) spec = 'uid_hack,pid,ppid,c,stime,tname,time,cmd';
  else spec = 'pid,tname,time,ucmd';
  const cols = pick(spec);
  if (typeof cols === 'string') { yield* c.write(2, `error: unknown user-defined format specifier "${cols}"\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`); return 1; }
  let text = render(cols, selected, x);
  if (no_header) text = text.slice(text.indexOf('\n') + 1);
  const out = new ostream(c);
  yield* out.write(text);
  yield* out.flush();
  return selected.length || !pids.length ? 0 : 1;
}

function* usage_error_ps(c: Libc, msg: string): KGen<number> {
  yield* c.write(2, `error: ${msg}\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
  return 1;
}

