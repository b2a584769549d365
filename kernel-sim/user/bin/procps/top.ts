// Models procps-ng 4 top(1): the summary area (uptime, tasks, %Cpu(s), MiB Mem/Swap) and the task area with its default fields, sorted by %CPU; batch mode (-b) and the full-screen display refreshed every -d seconds until q.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt } from '../../lib/getopt.ts';
import { ostream } from '../../lib/stdio.ts';
import { idcache, tcgetattr, tcsetattr, get_winsize } from '../../lib/unistd.ts';
import { poll, POLLIN } from '../../lib/socket.ts';
import * as T from '../../../drivers/tty/termios.ts';
import { list_pids, mem_summary_of, proc_mounted, read_meminfo, read_proc, read_uptime, USER_HZ, type proc_t } from './proc.ts';
import { sprint_uptime } from './uptime.ts';

/** One task as a frame shows it: its /proc/PID/stat and statm, and the ticks it used since the last frame. */
interface task { p: proc_t; ticks: number; virt_kb: number; res_kb: number; shr_kb: number }

/** The aggregate "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal. */
type cpu_jiffies = [number, number, number, number, number, number, number, number];

interface frame_state { cpu: cpu_jiffies | null; ticks: Map<number, number>; uptime: number }

const PAGE_KB = 4;
/** The states top counts in its Tasks line; I (idle kernel threads) and D count as sleeping. */
const STATE_CLASS: Readonly<Record<string, 'running' | 'sleeping' | 'stopped' | 'zombie'>> = {
  R: 'running', S: 'sleeping', D: 'sleeping', I: 'sleeping', T: 'stopped', t: 'stopped', Z: 'zombie',
};

/** The default fields: header, width, alignment and value, declared as data as top's Fieldstab is. */
const FIELDS: readonly { head: string; width: number; left?: boolean; get: (t: task, pct_cpu: number, memtotal: number, ids: idcache) => string }[] = [
  { head: 'PID', width: 7, get: (t) => String(t.p.pid) },
  { head: 'USER', width: 8, left: true, get: (t, _c, _m, ids) => ids.user(t.p.euid).slice(0, 8) },
  { head: 'PR', width: 3, get: (t) => (t.p.priority < -99 ? 'rt' : String(t.p.priority)) },
  { head: 'NI', width: 3, get: (t) => String(t.p.nice) },
  { head: 'VIRT', width: 7, get: (t) => String(t.virt_kb) },
  { head: 'RES', width: 6, get: (t) => String(t.res_kb) },
  { head: 'SHR', width: 6, get: (t) => String(t.shr_kb) },
  { head: 'S', width: 1, get: (t) => t.p.state },
  { head: '%CPU', width: 5, get: (_t, pct) => pct.toFixed(1) },
  { head: '%MEM', width: 5, get: (t, _c, memtotal) => (memtotal ? (100 * t.res_kb) / memtotal : 0).toFixed(1) },
  { head: 'TIME+', width: 9, get: (t) => time_plus(t.p.utime + t.p.stime) },
  { head: 'COMMAND', width: 0, left: true, get: (t) => t.p.comm },
];

/** TIME+: minutes:seconds.hundredths of CPU time. */
function time_plus(ticks: number): string {
  const cs = Math.floor((ticks * 100) / USER_HZ);
  const s = Math.floor(cs / 100);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

const cell = (v: string, width: number, left = false): string => (left ? v.padEnd(width) : v.padStart(width));
const f1 = (x: number, w: number): string => x.toFixed(1).padStart(w);

function* read_cpu(c: Libc): KGen<cpu_jiffies | null> {
  const t = yield* c.read_text('/proc/stat');
  if (typeof t !== 'string') return null;
  const m = /^cpu\s+(.*)$/m.exec(t);
  if (!m) return null;
  const v = m[1]!.trim().split(/\s+/).map(Number);
  return [0, 1, 2, 3, 4, 5, 6, 7].map((i) => v[i] ?? 0) as cpu_jiffies;
}

function* read_task(c: Libc, pid: number): KGen<task | null> {
  const p = yield* read_proc(c, pid);
  if (!p) return null;
  const statm = yield* c.read_text(`/proc/${pid}/statm`);
  const [size = 0, resident = 0, shared = 0] = typeof statm === 'string' ? statm.trim().split(/\s+/).map(Number) : [];
  return { p, ticks: 0, virt_kb: size * PAGE_KB, res_kb: resident * PAGE_KB, shr_kb: shared * PAGE_KB };
}

/**
 * One frame's lines. %CPU is the share of one CPU a task used since the previous frame; in the first frame,
 * since the task started (no earlier sample exists), as %Cpu(s) there shows the averages since boot.
 */
function* make_frame(c: Libc, st: frame_state, ids: idcache, pids_wanted: readonly number[]): KGen<string[]> {
  const up = yield* read_uptime(c);
  const now = (yield* c.clock_gettime(0)) / 1e9;
  const lines = [`top -${yield* sprint_uptime(c, now, up)}`];
  const pids = yield* list_pids(c);
  const tasks: task[] = [];
  for (const pid of typeof pids === 'number' ? [] : pids) {
    if (pids_wanted.length && !pids_wanted.includes(pid)) continue;
    const t = yield* read_task(c, pid);
    if (t) tasks.push(t);
  }
  const count = { running: 0, sleeping: 0, stopped: 0, zombie: 0 };
  for (const t of tasks) count[STATE_CLASS[t.p.state] ?? 'sleeping']++;
  lines.push(`Tasks:${String(tasks.length).padStart(4)} total,${String(count.running).padStart(4)} running,${String(count.sleeping).padStart(4)} sleeping,${String(count.stopped).padStart(4)} stopped,${String(count.zombie).padStart(4)} zombie`);

  const cpu = yield* read_cpu(c);
  const delta = cpu ? cpu.map((v, i) => v - (st.cpu?.[i] ?? 0)) : [0, 0, 0, 1, 0, 0, 0, 0];
  const sum = delta.reduce((a, b) => a + b, 0) || 1;
  const pc = (i: number): string => f1((100 * delta[i]!) / sum, 5);
  lines.push(`%Cpu(s):${pc(0)} us,${pc(2)} sy,${pc(1)} ni,${pc(3)} id,${pc(4)} wa,${pc(5)} hi,${pc(6)} si,${pc(7)} st`);
  st.cpu = cpu;

  const mi = yield* read_meminfo(c);
  const m = mem_summary_of(mi ?? new Map());
  const mib = (kb: number): string => f1(kb / 1024, 9);
  lines.push(`MiB Mem :${mib(m.total)} total,${mib(m.free)} free,${mib(m.used)} used,${mib(m.buffers + m.cache)} buff/cache`);
  lines.push(`MiB Swap:${mib(m.swap_total)} total,${mib(m.swap_free)} free,${mib(m.swap_total - m.swap_free)} used.${mib(m.available)} avail Mem`);
  lines.push('');

  const elapsed = Math.max(up - st.uptime, 1e-9);
  const pct = new Map<task, number>();
  for (const t of tasks) {
    const used = t.p.utime + t.p.stime;
    const prev = st.ticks.get(t.p.pid);
    const secs = prev === undefined ? Math.max(up - t.p.starttime / USER_HZ, 1e-9) : elapsed;
    pct.set(t, Math.min(100, (100 * (used - (prev ?? 0))) / USER_HZ / secs));
  }
  st.ticks = new Map(tasks.map((t) => [t.p.pid, t.p.utime + t.p.stime]));
  st.uptime = up;
  tasks.sort((a, b) => pct.get(b)! - pct.get(a)! || a.p.pid - b.p.pid);
  lines.push(FIELDS.map((f) => cell(f.head, f.width, f.left)).join(' '));
  for (const t of tasks) lines.push(FIELDS.map((f) => cell(f.get(t, pct.get(t)!, m.total, ids), f.width, f.left)).join(' '));
  return lines;
}

/** The terminal in the mode top's full-screen display wants (no echo, keys one at a time, ^C read as a key) and back. */
function* raw_mode(c: Libc): KGen<(() => KGen<void>) | null> {
  const saved = yield* tcgetattr(c, 0);
  if (typeof saved === 'number') return null;
  const raw = { ...saved, c_cc: saved.c_cc.slice(), c_lflag: saved.c_lflag & ~(T.ICANON | T.ECHO | T.ISIG) };
  yield* tcsetattr(c, 0, T.TCSETSW, raw);
  return function* () { yield* tcsetattr(c, 0, T.TCSETSW, saved); };
}

const CLEAR = '\x1b[H\x1b[2J';

export function* top_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'bn:d:p:u:Hhv' });
  if (p.error) { yield* c.write(2, `top: ${p.error}\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`); return 1; }
  if (!(yield* proc_mounted(c))) { yield* c.write(2, 'top: failed /proc/stat open: No such file or directory\n'); return 1; }
  let batch = false, frames = Infinity, delay = 3;
  const pids: number[] = [];
  for (const [k, v] of p.opts) {
    if (k === 'b') batch = true;
    if (k === 'n') { frames = Number(v); if (!Number.isInteger(frames) || frames < 1) { yield* c.write(2, `top: bad iterations argument '${v}'\n`); return 1; } }
    if (k === 'd') { delay = Number(v); if (!(delay >= 0)) { yield* c.write(2, `top: bad delay interval '${v}'\n`); return 1; } }
    if (k === 'p') pids.push(...v.split(',').map(Number));
    if (k === 'h' || k === 'v') { yield* c.write(1, 'top from procps-ng 4.0.2\n'); return 0; }
  }
  const ids = new idcache(c);
  yield* ids.load();
  const st: frame_state = { cpu: null, ticks: new Map(), uptime: 0 };
  const restore = batch ? null : yield* raw_mode(c);
  if (!batch && !restore) { yield* c.write(2, 'top: failed tty get\n'); return 1; }
  const out = new ostream(c);
  try {
    for (let n = 0; n < frames; n++) {
      const lines = yield* make_frame(c, st, ids, pids);
      if (batch) {
        yield* out.write(`${lines.join('\n')}\n\n`);
      } else {
        const ws = yield* get_winsize(c, 1);
        const rows = ws?.rows || 24, cols = ws?.cols || 80;
        yield* out.write(CLEAR + lines.slice(0, rows - 1).map((l) => l.slice(0, cols)).join('\r\n'));
      }
      yield* out.flush();
      if (n + 1 >= frames) break;
      if (batch) { yield* c.nanosleep(delay * 1e9); continue; }
      // Wait for the next refresh or a key: q (or ^C) quits, anything else refreshes now.
      const r = yield* poll(c, [{ fd: 0, events: POLLIN }], Math.round(delay * 1000));
      if (typeof r !== 'number' && r[0]! & POLLIN) {
        const key = yield* c.read(0, 16);
        if (typeof key === 'number' || key.length === 0 || key.includes(0x71) || key.includes(0x03)) break;
      }
    }
  } finally {
    if (restore) { yield* out.write('\r\n'); yield* out.flush(); yield* restore(); }
  }
  return 0;
}
