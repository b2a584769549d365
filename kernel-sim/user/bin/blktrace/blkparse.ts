// Models blktrace 1.3.0's blkparse(1): struct blk_io_trace records from a pipe (-i -) or from <name>.blktrace.<cpu> files, process names from the notify records, every record in time order as a default-format line with its action letter (Q G I M F D C P U UT X R A B m), and the per-CPU and total summary per device.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../../include/uapi/stat.ts';
import {
  BLK_IO_TRACE_MAGIC, BLK_IO_TRACE_SIZE, BLK_TC_ACT, BLK_TC_NOTIFY, BLK_TC_PC, BLK_TC_SHIFT, BLK_TC_WRITE, BLK_TN_MESSAGE,
  BLK_TN_PROCESS, __BLK_TA_BACKMERGE, __BLK_TA_BOUNCE, __BLK_TA_COMPLETE, __BLK_TA_DRV_DATA, __BLK_TA_FRONTMERGE,
  __BLK_TA_GETRQ, __BLK_TA_INSERT, __BLK_TA_ISSUE, __BLK_TA_PLUG, __BLK_TA_QUEUE, __BLK_TA_REMAP, __BLK_TA_REQUEUE,
  __BLK_TA_SLEEPRQ, __BLK_TA_SPLIT, __BLK_TA_UNPLUG_IO, __BLK_TA_UNPLUG_TIMER, blk_io_trace_decode, type blk_io_trace,
} from '../../../include/uapi/linux/blktrace_api.ts';
import { find_mask_map } from './act_mask.ts';
import { isatty } from '../../lib/unistd.ts';
import { MAJOR, MINOR, VALID_SPECS, grouped, message_line, process_default, process_fmt } from './blkparse_fmt.ts';

/** struct io_stats: counts and KiB per direction (index 0 read, 1 write). */
interface io_stats {
  q: [number, number]; q_kb: [number, number]; i: [number, number]; i_kb: [number, number]; rq: [number, number];
  c: [number, number]; c_kb: [number, number]; m: [number, number]; m_kb: [number, number];
  q_pc: [number, number]; q_kb_pc: [number, number]; i_pc: [number, number]; i_kb_pc: [number, number]; rq_pc: [number, number]; c_pc: [number, number];
  io_unplugs: number; timer_unplugs: number;
}
const pair = (): [number, number] => [0, 0];
const new_stats = (): io_stats => ({
  q: pair(), q_kb: pair(), i: pair(), i_kb: pair(), rq: pair(), c: pair(), c_kb: pair(), m: pair(), m_kb: pair(),
  q_pc: pair(), q_kb_pc: pair(), i_pc: pair(), i_kb_pc: pair(), rq_pc: pair(), c_pc: pair(), io_unplugs: 0, timer_unplugs: 0,
});

interface per_cpu_info { nelems: number; ios: io_stats }
interface per_dev_info {
  dev: number; name: string | null; cpus: Map<number, per_cpu_info>; events: number;
  first_reported_time: number; last_reported_time: number; cur_depth: [number, number]; max_depth: [number, number];
}

/** A record and its payload. */
interface trace { t: blk_io_trace; pdu: Uint8Array }

interface parse_state {
  devs: per_dev_info[]; ppm: Map<number, string>; act_mask: number; out: string[]; have_drv_data: boolean;
  /** override_format: the user's format per action letter (-f, -F); fatal: why process_fmt made blkparse exit. */
  formats: Readonly<Record<string, string>>; fatal: string | null;
}

const t_kb = (t: blk_io_trace): number => t.bytes >>> 10;

function get_dev_info(s: parse_state, dev: number, name: string | null = null): per_dev_info {
  let pdi = s.devs.find((d) => d.dev === dev || (d.dev === -1 && d.name === name));
  if (!pdi) {
    pdi = { dev, name, cpus: new Map(), events: 0, first_reported_time: 0, last_reported_time: 0, cur_depth: pair(), max_depth: pair() };
    s.devs.push(pdi);
  }
  if (pdi.dev === -1) pdi.dev = dev;
  return pdi;
}

function get_cpu_info(pdi: per_dev_info, cpu: number): per_cpu_info {
  let pci = pdi.cpus.get(cpu);
  if (!pci) { pci = { nelems: 0, ios: new_stats() }; pdi.cpus.set(cpu, pci); }
  return pci;
}

/** dump_trace_fs / dump_trace_pc: account one record and print its line. */
function dump_trace(s: parse_state, pdi: per_dev_info, cpu: number, tr: trace): void {
  const { t, pdu } = tr;
  if (!pdi.events) pdi.first_reported_time = t.time;
  pdi.events++;
  if (t.action === BLK_TN_MESSAGE) { s.out.push(message_line(t, pdu)); return; }
  const ios = get_cpu_info(pdi, cpu).ios;
  const w = (t.action & BLK_TC_ACT(BLK_TC_WRITE)) ? 1 : 0;
  const pc = (t.action & BLK_TC_ACT(BLK_TC_PC)) !== 0;
  const log = (act: string): void => {
    const fmt = s.formats[act[0]!], name = s.ppm.get(t.pid) ?? null;
    if (fmt === undefined) { s.out.push(process_default(act, cpu, t, -1, pdu, name)); return; }
    const r = process_fmt(fmt, act, cpu, t, -1, pdu, name);
    if (typeof r === 'string') s.out.push(r); else s.fatal ??= r.error;
  };
  const depth_up = (): void => { pdi.cur_depth[w]++; pdi.max_depth[w] = Math.max(pdi.max_depth[w], pdi.cur_depth[w]); };
  const depth_down = (): void => { if (pdi.cur_depth[w]) pdi.cur_depth[w]--; };
  switch (t.action & 0xffff) {
    case __BLK_TA_QUEUE: if (pc) { ios.q_pc[w]++; ios.q_kb_pc[w] += t_kb(t); } else { ios.q[w]++; ios.q_kb[w] += t_kb(t); } log('Q'); break;
    case __BLK_TA_INSERT: log('I'); break;
    case __BLK_TA_BACKMERGE: ios.m[w]++; ios.m_kb[w] += t_kb(t); log('M'); break;
    case __BLK_TA_FRONTMERGE: ios.m[w]++; ios.m_kb[w] += t_kb(t); log('F'); break;
    case __BLK_TA_GETRQ: log('G'); break;
    case __BLK_TA_SLEEPRQ: log('S'); break;
    case __BLK_TA_REQUEUE:
      depth_down();
      if (pc) { ios.rq_pc[w]++; ios.i_kb_pc[w] -= t_kb(t); } else { ios.rq[w]++; ios.i_kb[w] -= t_kb(t); }
      log('R'); break;
    case __BLK_TA_ISSUE:
      if (pc) { ios.i_pc[w]++; ios.i_kb_pc[w] += t.bytes >> 10; } else { ios.i[w]++; ios.i_kb[w] += t.bytes >> 10; }
      depth_up(); log('D'); break;
    case __BLK_TA_COMPLETE:
      depth_down();
      if (pc) ios.c_pc[w]++; else { ios.c[w]++; ios.c_kb[w] += t.bytes >> 10; }
      log('C'); break;
    case __BLK_TA_PLUG: log('P'); break;
    case __BLK_TA_UNPLUG_IO: ios.io_unplugs++; log('U'); break;
    case __BLK_TA_UNPLUG_TIMER: ios.timer_unplugs++; log('UT'); break;
    case __BLK_TA_SPLIT: log('X'); break;
    case __BLK_TA_BOUNCE: log('B'); break;
    case __BLK_TA_REMAP: log('A'); break;
    case __BLK_TA_DRV_DATA: s.have_drv_data = true; break;
    default: s.out.push(`Bad ${pc ? 'pc' : 'fs'} action ${(t.action & 0xffff).toString(16)}\n`);
  }
}

/** Splits a byte stream into records; notify records other than messages are handled at once (process names). */
function read_events(s: parse_state, data: Uint8Array, into: trace[]): string | null {
  for (let off = 0; off + BLK_IO_TRACE_SIZE <= data.length;) {
    const t = blk_io_trace_decode(data, off);
    if ((t.magic & 0xffffff00) !== BLK_IO_TRACE_MAGIC) return `Bad magic ${t.magic.toString(16)}\n`;
    const pdu = data.slice(off + BLK_IO_TRACE_SIZE, off + BLK_IO_TRACE_SIZE + t.pdu_len);
    off += BLK_IO_TRACE_SIZE + t.pdu_len;
    if (t.action & BLK_TC_ACT(BLK_TC_NOTIFY) && t.action !== BLK_TN_MESSAGE) {
      // add_ppm_hash: the first name seen for a pid stays.
      if (t.action === BLK_TN_PROCESS && !s.ppm.has(t.pid)) s.ppm.set(t.pid, new TextDecoder().decode(pdu.subarray(0, pdu.indexOf(0) < 0 ? pdu.length : pdu.indexOf(0))));
      continue;
    }
    into.push({ t, pdu });
  }
  return null;
}

/** size_cnv: a count (or KiB) in 8 columns, scaled to K/M/G past a million. */
function size_cnv(n: number, in_kb: boolean): string {
  const suff = ['', 'K', 'M', 'G', 'P'];
  let i = in_kb ? 1 : 0;
  while (n > 1000 * 1000 && i < suff.length - 1) { i++; n = Math.floor(n / 1000); }
  return `${grouped(n, 8)}${suff[i]}`;
}

/** dump_io_stats: the block of two columns (reads, writes) blkparse prints per CPU and in total. */
function dump_io_stats(ios: io_stats, msg: string, pdi: per_dev_info | null): string {
  const row = (l: string, r: string, n: [number, number], kb?: [number, number]): string => kb
    ? ` ${l}${size_cnv(n[0], false)}, ${size_cnv(kb[0], true)}iB\t ${r}${size_cnv(n[1], false)}, ${size_cnv(kb[1], true)}iB\n`
    : ` ${l}${size_cnv(n[0], false)}\t\t ${r}${size_cnv(n[1], false)}\n`;
  let o = `${msg}\n`;
  o += row('Reads Queued:    ', 'Writes Queued:    ', ios.q, ios.q_kb);
  o += row('Read Dispatches: ', 'Write Dispatches: ', ios.i, ios.i_kb);
  o += row('Reads Requeued:  ', 'Writes Requeued:  ', ios.rq);
  o += row('Reads Completed: ', 'Writes Completed: ', ios.c, ios.c_kb);
  o += row('Read Merges:     ', 'Write Merges:     ', ios.m, ios.m_kb);
  if (pdi) o += ` Read depth:      ${grouped(pdi.max_depth[0], 8)}${' '.repeat(8)}\t Write depth:      ${grouped(pdi.max_depth[1], 8)}\n`;
  if ([ios.q_pc, ios.i_pc, ios.rq_pc, ios.c_pc].some((p) => p[0] || p[1])) {
    o += row('PC Reads Queued: ', 'PC Writes Queued: ', ios.q_pc, ios.q_kb_pc);
    o += row('PC Read Disp.:   ', 'PC Write Disp.:   ', ios.i_pc, ios.i_kb_pc);
    o += row('PC Reads Req.:   ', 'PC Writes Req.:   ', ios.rq_pc);
    o += row('PC Reads Compl.: ', 'PC Writes Compl.: ', [ios.c_pc[0], ios.c[1]]);
  }
  o += ` IO unplugs:      ${grouped(ios.io_unplugs, 8)}${' '.repeat(8)}\t Timer unplugs:    ${grouped(ios.timer_unplugs, 8)}\n`;
  return o;
}

const add_stats = (a: io_stats, b: io_stats): void => {
  for (const k of Object.keys(a) as (keyof io_stats)[]) {
    const x = a[k], y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) { x[0] += y[0]; x[1] += y[1]; } else (a[k] as number) += y as number;
  }
};

/** show_device_and_cpu_stats. */
function show_device_and_cpu_stats(s: parse_state): string {
  let o = '';
  s.devs.forEach((pdi, n) => {
    const name = pdi.name ?? `${MAJOR(pdi.dev)},${MINOR(pdi.dev)}`;
    const total = new_stats();
    let pci_events = 0;
    if (n > 0) o += '\n';
    for (const cpu of [...pdi.cpus.keys()].sort((a, b) => a - b)) {
      const pci = pdi.cpus.get(cpu)!;
      if (!pci.nelems) continue;
      add_stats(total, pci.ios);
      o += dump_io_stats(pci.ios, `CPU${cpu} (${name}):`, pdi);
      pci_events++;
    }
    if (pci_events > 1) o += `\n${dump_io_stats(total, `Total (${name}):`, null)}`;
    const msec = Math.floor((pdi.last_reported_time - pdi.first_reported_time) / 1e6);
    const rrate = msec ? Math.floor((1000 * total.c_kb[0]) / msec) : 0, wrate = msec ? Math.floor((1000 * total.c_kb[1]) / msec) : 0;
    o += `\nThroughput (R/W): ${grouped(rrate)}KiB/s / ${grouped(wrate)}KiB/s\n`;
    o += `Events (${name}): ${grouped(pdi.events)} entries\n`;
    o += 'Skips: 0 forward (0 -   0.0%)\n';
  });
  return o;
}

interface options { inputs: string[]; pipe: string | null; output: string | null; quiet: boolean; act_mask: number; dir: string | null; formats: Record<string, string> }

/** add_format_spec: -F spec,fmt (M sets both merges); the error blkparse prints otherwise. */
function add_format_spec(formats: Record<string, string>, arg: string): string | null {
  const spec = arg[0] ?? '';
  if (!spec || !VALID_SPECS.includes(spec)) return `Bad format specifier ${spec}\n`;
  if (arg[1] !== ',') return `Bad format specifier - need ',' ${arg}\n`;
  const fmt = arg.slice(2);
  if (!fmt) return `Bad format specifier - need fmt ${fmt}\n`;
  for (const k of spec === 'M' ? ['B', 'M'] : [spec]) formats[k] = fmt;
  return null;
}

function parse_args(argv: string[]): options | string {
  const o: options = { inputs: [], pipe: null, output: null, quiet: false, act_mask: 0, dir: null, formats: {} };
  const input = (v: string): void => { if (v === '-' && !o.pipe) o.pipe = v; else o.inputs.push(v); };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const long = a.startsWith('--') ? a.slice(2).split('=') : null;
    const opt = long ? ({ input: '-i', output: '-o', 'act-mask': '-a', quiet: '-q', 'input-directory': '-D', format: '-f', 'format-spec': '-F' } as Record<string, string>)[long[0]!] ?? a : a;
    const v = long?.[1] ?? ('ioaDfF'.includes(opt[1] ?? '') && opt.length === 2 ? argv[++i] : undefined);
    switch (opt) {
      case '-i': if (v === undefined) return 'blkparse: option requires an argument -- \'i\'\n'; input(v); break;
      case '-o': if (v === undefined) return 'blkparse: option requires an argument -- \'o\'\n'; o.output = v; break;
      case '-D': if (v === undefined) return 'blkparse: option requires an argument -- \'D\'\n'; o.dir = v; break;
      case '-a': { const m = v === undefined ? -1 : find_mask_map(v); if (m < 0) return `Invalid action mask ${v}\n`; o.act_mask |= m; break; }
      case '-q': o.quiet = true; break;
      // set_all_format_specs: every action without its own -F format.
      case '-f': if (v === undefined) return 'blkparse: option requires an argument -- \'f\'\n'; for (const k of VALID_SPECS) o.formats[k] ??= v; break;
      case '-F': { if (v === undefined) return 'blkparse: option requires an argument -- \'F\'\n'; const e = add_format_spec(o.formats, v); if (e) return e; break; }
      case '-V': case '--version': return 'blkparse version 1.3.0\n';
      default: if (opt.startsWith('-') && opt !== '-') return `Usage: blkparse -i <file> [-a <action field>] [-D <dir>] [-o <file>] [-q]\n`; input(opt);
    }
  }
  return o;
}

/** do_file's inputs: <name>.blktrace.0, .1 ... for each name, until one is missing ("Input file ... added" for each). */
function* read_files(c: Libc, s: parse_state, o: options, name: string, traces: trace[], say: string[]): KGen<string | null> {
  const base = name.replace(/\.blktrace\..*$/, '');
  get_dev_info(s, -1, base.split('/').pop()!);
  for (let cpu = 0; ; cpu++) {
    const path = `${o.dir ? `${o.dir}/` : ''}${base}.blktrace.${cpu}`;
    const fd = yield* c.open(path, O_RDONLY);
    if (fd < 0) return null;
    const data = yield* c.read_all(fd);
    yield* c.close(fd);
    if (typeof data === 'number' || !data.length) continue;
    say.push(`Input file ${path} added\n`);
    const from = traces.length;
    const err = read_events(s, data, traces);
    for (const tr of traces.slice(from)) (tr as trace & { devname?: string }).devname = base.split('/').pop()!;
    if (err) return err;
  }
}

export function* blkparse_main(c: Libc, argv: string[]): KGen<number> {
  const o = parse_args(argv);
  if (typeof o === 'string') { const ok = o.startsWith('blkparse version'); yield* c.write(ok ? 1 : 2, o); return ok ? 0 : 1; }
  if (!o.pipe && !o.inputs.length) { yield* c.write(2, 'Usage: blkparse -i <file> [-a <action field>] [-D <dir>] [-o <file>] [-q]\n'); return 1; }
  const s: parse_state = { devs: [], ppm: new Map(), act_mask: o.act_mask || 0xffff, out: [], have_drv_data: false, formats: o.formats, fatal: null };
  const traces: trace[] = [], say: string[] = [];
  let err: string | null = null;
  if (o.pipe) {
    const data = yield* c.read_all(0);
    if (typeof data === 'number') { yield* c.perror('blkparse', 'read', data); return 1; }
    err = read_events(s, data, traces);
  } else {
    for (const name of o.inputs) { err = yield* read_files(c, s, o, name, traces, say); if (err) break; }
  }
  if (err) yield* c.write(2, err);
  // "Input file ... added" is printf'd to stdout, the trace to ofp (fdopen(1), fully buffered): on a terminal the
  // lines come at once, into a pipe or file stdout is flushed at exit, after ofp (as the real blkparse 1.3.0 prints).
  const say_first = say.length > 0 && (yield* isatty(c, 1));
  if (say_first) yield* c.write(1, say.join(''));
  // Time order across CPUs (each CPU's records are in order already), times relative to the first record.
  traces.sort((a, b) => a.t.time - b.t.time || a.t.cpu - b.t.cpu || a.t.sequence - b.t.sequence);
  const genesis = traces.length ? traces[0]!.t.time : 0;
  for (const tr of traces) {
    tr.t.time = Math.max(0, tr.t.time - genesis);
    const named = (tr as trace & { devname?: string }).devname;
    const pdi = get_dev_info(s, tr.t.device, named ?? null);
    const pci = get_cpu_info(pdi, tr.t.cpu);
    pci.nelems++;
    pdi.last_reported_time = tr.t.time;
    if (tr.t.action & ((s.act_mask << BLK_TC_SHIFT) >>> 0)) dump_trace(s, pdi, tr.t.cpu, tr);
    // exit(1) in process_fmt: what was printed stays, no summary.
    if (s.fatal) { yield* c.write(1, s.out.join('') + (say_first ? '' : say.join(''))); yield* c.write(2, s.fatal); return 1; }
  }
  if (!o.quiet) s.out.push(show_device_and_cpu_stats(s));
  if (s.have_drv_data) s.out.push('\ndiscarded traces containing low-level device driver specific data (only available in binary output)\n');
  const text = s.out.join('');
  if (o.output) {
    const fd = yield* c.open(o.output, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    if (fd < 0) { yield* c.perror('blkparse', 'fopen', fd); return 1; }
    yield* c.write(fd, text);
    yield* c.close(fd);
  } else yield* c.write(1, text);
  if (say.length && !say_first) yield* c.write(1, say.join(''));
  return 0;
}
