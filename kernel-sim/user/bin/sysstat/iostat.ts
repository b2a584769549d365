// Models sysstat 12.6's iostat(1): the CPU line from /proc/stat and each disk's rates from /proc/diskstats over the interval (since boot, from /proc/uptime, for the first report) — the basic table (tps, kB_read/s ...) or -x's extended one (r/s rkB/s rrqm/s %rrqm r_await rareq-sz, the w, d and f columns, aqu-sz, %util); -c -d -k -m -p -z, devices, interval and count.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { gmtime, strftime } from '../../lib/time.ts';

const CLOCK_REALTIME = 0;

/** A /proc/diskstats line (kernel 6.1's 20 fields). */
interface io_stats {
  name: string; partition: boolean;
  rd_ios: number; rd_merges: number; rd_sec: number; rd_ticks: number; wr_ios: number; wr_merges: number; wr_sec: number; wr_ticks: number;
  tot_ticks: number; rq_ticks: number; dc_ios: number; dc_merges: number; dc_sec: number; dc_ticks: number; fl_ios: number; fl_ticks: number;
}

interface snapshot { uptime_cs: number; cpu: number[]; disks: Map<string, io_stats> }

function* read_snapshot(c: Libc): KGen<snapshot | string> {
  const up = yield* c.read_text('/proc/uptime'), stat = yield* c.read_text('/proc/stat'), ds = yield* c.read_text('/proc/diskstats');
  if (typeof up !== 'string' || typeof stat !== 'string') return 'Cannot open /proc/stat: No such file or directory\n';
  if (typeof ds !== 'string') return 'Cannot find disk data\n';
  const cpu = (/^cpu +(.*)$/m.exec(stat)?.[1] ?? '').trim().split(/\s+/).map(Number);
  const disks = new Map<string, io_stats>();
  for (const line of ds.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const n = f.slice(3).map(Number);
    const name = f[2]!;
    // A partition has its disk's directory above it in sysfs; its name is the disk's plus a number.
    const partition = [...disks.keys()].some((d) => name !== d && name.startsWith(d) && /^p?\d+$/.test(name.slice(d.length)));
    disks.set(name, {
      name, partition, rd_ios: n[0]!, rd_merges: n[1]!, rd_sec: n[2]!, rd_ticks: n[3]!, wr_ios: n[4]!, wr_merges: n[5]!, wr_sec: n[6]!, wr_ticks: n[7]!,
      tot_ticks: n[9]!, rq_ticks: n[10]!, dc_ios: n[11] ?? 0, dc_merges: n[12] ?? 0, dc_sec: n[13] ?? 0, dc_ticks: n[14] ?? 0, fl_ios: n[15] ?? 0, fl_ticks: n[16] ?? 0,
    });
  }
  return { uptime_cs: Math.round(Number(up.split(/\s+/)[0]) * 100), cpu, disks };
}

const ZERO: Omit<io_stats, 'name' | 'partition'> = {
  rd_ios: 0, rd_merges: 0, rd_sec: 0, rd_ticks: 0, wr_ios: 0, wr_merges: 0, wr_sec: 0, wr_ticks: 0, tot_ticks: 0, rq_ticks: 0,
  dc_ios: 0, dc_merges: 0, dc_sec: 0, dc_ticks: 0, fl_ios: 0, fl_ticks: 0,
};

const f2 = (v: number, w: number): string => (Number.isFinite(v) ? v : 0).toFixed(2).padStart(w);

/** write_cpu_stat: %system counts hard and soft interrupts too, as iostat adds them. */
function cpu_report(prev: number[], cur: number[]): string {
  const d = cur.map((v, i) => v - (prev[i] ?? 0));
  const [user = 0, nice = 0, sys = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = d;
  const total = d.slice(0, 8).reduce((a, b) => a + b, 0) || 1;
  const pc = (v: number): string => f2((100 * v) / total, 8);
  return `avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n       ${pc(user)}${pc(nice)}${pc(sys + irq + softirq)}${pc(iowait)}${pc(steal)}${pc(idle)}\n\n`;
}

interface options { cpu: boolean; dev: boolean; ext: boolean; unit: 'kB' | 'MB'; zero: boolean; parts: string[] | 'ALL' | null; devices: string[]; interval: number; count: number }

/** write_ext_stat / write_basic_stat: one device's line from two snapshots `itv` hundredths of a second apart. */
function device_line(o: options, p: io_stats, c: io_stats, itv: number): string {
  const per_s = (a: number, b: number): number => ((b - a) / itv) * 100;
  const div = o.unit === 'MB' ? 2048 : 2;
  const d = (k: keyof typeof ZERO): number => c[k] - p[k];
  const name = c.name.length > 13 ? `${c.name}\n${' '.repeat(13)}` : c.name.padEnd(13);
  if (!o.ext) {
    const tps = per_s(p.rd_ios + p.wr_ios + p.dc_ios, c.rd_ios + c.wr_ios + c.dc_ios);
    const tot = (k: 'rd_sec' | 'wr_sec' | 'dc_sec'): string => String(Math.floor(d(k) / div)).padStart(11);
    return `${name}${f2(tps, 9)}${f2(per_s(p.rd_sec, c.rd_sec) / div, 13)}${f2(per_s(p.wr_sec, c.wr_sec) / div, 13)}${f2(per_s(p.dc_sec, c.dc_sec) / div, 13)}${tot('rd_sec')}${tot('wr_sec')}${tot('dc_sec')}\n`;
  }
  const dir = (ios: number, merges: number, sec: number, ticks: number): string =>
    `${f2((ios / itv) * 100, 8)}${f2(((sec / itv) * 100) / div, 10)}${f2((merges / itv) * 100, 9)}${f2(merges + ios ? (100 * merges) / (merges + ios) : 0, 7)}${f2(ios ? ticks / ios : 0, 8)}${f2(ios ? sec / 2 / ios : 0, 9)}`;
  return `${name}${dir(d('rd_ios'), d('rd_merges'), d('rd_sec'), d('rd_ticks'))}${dir(d('wr_ios'), d('wr_merges'), d('wr_sec'), d('wr_ticks'))}`
    + `${dir(d('dc_ios'), d('dc_merges'), d('dc_sec'), d('dc_ticks'))}${f2((d('fl_ios') / itv) * 100, 8)}${f2(d('fl_ios') ? d('fl_ticks') / d('fl_ios') : 0, 8)}`
    // aqu-sz: time in queue over the interval; %util: time busy over the interval (ticks in ms, the interval in 1/100 s).
    + `${f2(d('rq_ticks') / itv / 10, 8)}${f2(Math.min(100, (10 * d('tot_ticks')) / itv), 7)}\n`;
}

function header(o: options): string {
  const u = o.unit === 'MB' ? 'MB' : 'kB';
  if (!o.ext) return `Device             tps    ${u}_read/s    ${u}_wrtn/s    ${u}_dscd/s    ${u}_read    ${u}_wrtn    ${u}_dscd\n`;
  const cols = (x: string): string => `     ${x}/s     ${x}${u}/s   ${x}rqm/s  %${x}rqm ${x}_await ${x}areq-sz`;
  return `Device       ${cols('r')}${cols('w')}${cols('d')}     f/s f_await  aqu-sz  %util\n`;
}

function parse(argv: string[]): options | string {
  const o: options = { cpu: true, dev: true, ext: false, unit: 'kB', zero: false, parts: null, devices: [], interval: 0, count: 0 };
  let only_c = false, only_d = false;
  const nums: number[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-p') {
      const v = argv[i + 1];
      if (v && !v.startsWith('-') && !/^\d+$/.test(v)) { i++; o.parts = v === 'ALL' ? 'ALL' : v.split(','); if (v !== 'ALL') o.devices.push(...v.split(',')); } else o.parts = 'ALL';
    } else if (/^-[cdxkmz]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === 'c') only_c = true; else if (ch === 'd') only_d = true; else if (ch === 'x') o.ext = true;
        else if (ch === 'k') o.unit = 'kB'; else if (ch === 'm') o.unit = 'MB'; else o.zero = true;
      }
    } else if (/^\d+$/.test(a)) nums.push(Number(a));
    else if (a.startsWith('-')) return 'Usage: iostat [ options ] [ <interval> [ <count> ] ]\nOptions are:\n[ -c ] [ -d ] [ -k | -m ] [ -x ] [ -z ] [ -p [ <device> [,...] | ALL ] ]\n[ <device> [...] ]\n';
    else o.devices.push(a.replace(/^\/dev\//, ''));
  }
  if (only_c && !only_d) o.dev = false;
  if (only_d && !only_c) o.cpu = false;
  [o.interval = 0, o.count = 0] = nums;
  if (o.interval && !o.count) o.count = Infinity;
  if (!o.interval) o.count = 1;
  return o;
}

/** Which devices a report shows: the named ones (and their partitions with -p), or every disk that saw IO; -z hides idle intervals. */
function shown(o: options, s: io_stats, prev: io_stats): boolean {
  if (o.devices.length) {
    if (o.devices.includes(s.name)) return true;
    // -p DISK: the disk and its partitions.
    const disk = o.devices.find((d) => s.name.startsWith(d) && /^p?\d+$/.test(s.name.slice(d.length)));
    return o.parts !== null && s.partition && disk !== undefined && (o.parts === 'ALL' || o.parts.includes(disk));
  }
  if (s.partition && o.parts !== 'ALL') return false;
  // Unused devices (no IO since boot) are not displayed; -z also hides those idle during the interval.
  if (!(s.rd_ios + s.wr_ios + s.dc_ios)) return false;
  return !o.zero || s.rd_ios + s.wr_ios + s.dc_ios !== prev.rd_ios + prev.wr_ios + prev.dc_ios;
}

export function* iostat_main(c: Libc, argv: string[]): KGen<number> {
  const o = parse(argv);
  if (typeof o === 'string') { yield* c.write(2, o); return 1; }
  const u = yield* c.uname();
  const ncpu = (yield* c.read_text('/proc/stat'));
  const cpus = typeof ncpu === 'string' ? (ncpu.match(/^cpu\d+ /gm)?.length ?? 1) : 1;
  const now = yield* c.clock_gettime(CLOCK_REALTIME);
  const date = strftime('%m/%d/%y', gmtime(Math.floor(now / 1e9), 0));
  if (typeof u !== 'number') yield* c.write(1, `${u.sysname} ${u.release} (${u.nodename}) \t${date} \t_${u.machine}_\t(${cpus} CPU)\n\n`);
  let prev: snapshot = { uptime_cs: 0, cpu: [], disks: new Map() };
  for (let n = 0; n < o.count; n++) {
    if (n) yield* c.nanosleep(o.interval * 1e9);
    const cur = yield* read_snapshot(c);
    if (typeof cur === 'string') { yield* c.write(2, cur); return 1; }
    const itv = Math.max(1, cur.uptime_cs - prev.uptime_cs);
    let out = o.cpu ? cpu_report(prev.cpu, cur.cpu) : '';
    if (o.dev) {
      out += header(o);
      for (const s of cur.disks.values()) {
        const p = prev.disks.get(s.name) ?? { ...ZERO, name: s.name, partition: s.partition };
        if (shown(o, s, p)) out += device_line(o, p, s, itv);
      }
      out += '\n';
    }
    yield* c.write(1, out);
    prev = cur;
  }
  return 0;
}
