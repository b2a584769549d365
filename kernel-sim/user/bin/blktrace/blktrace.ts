// Models blktrace 1.3.0's blktrace(8): BLKTRACESETUP and BLKTRACESTART on each -d device, the per-CPU relay files under <debugfs>/block/<dev>/ read until -w runs out or a signal arrives, written to <name>.blktrace.<cpu> or to stdout (-o -), then BLKTRACESTOP, the last data, BLKTRACETEARDOWN and the per-device summary.
//
// blktrace runs a thread per CPU, each polling its trace file; here one loop polls all of them, with the same
// 500 ms timeout (relay wakes readers only when a sub-buffer fills, or at stop).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { statfs } from '../../lib/statfs.ts';
import { poll, POLLIN } from '../../lib/socket.ts';
import { O_CREAT, O_NONBLOCK, O_RDONLY, O_TRUNC, O_WRONLY } from '../../../include/uapi/stat.ts';
import {
  BLK_IO_TRACE_SIZE, BLKTRACESETUP, BLKTRACESTART, BLKTRACESTOP, BLKTRACETEARDOWN, BLK_USER_TRACE_SETUP_SIZE,
  blk_user_trace_setup_decode, blk_user_trace_setup_encode,
} from '../../../include/uapi/linux/blktrace_api.ts';
import { DEFAULT_ACT_MASK, find_mask_map } from './act_mask.ts';

const DEBUGFS_TYPE = 0x64626720;
const SIGHUP = 1, SIGINT = 2, SIGALRM = 14, SIGTERM = 15;
const CLOCK_MONOTONIC = 1;
const BUF_SIZE_DEFAULT_KIB = 512, BUF_NR_DEFAULT = 4;
const POLL_TIMEOUT_MS = 500;

const USAGE = `Usage: blktrace 2.0.0
Use -d DEV or -I FILE to specify devices to trace.
  -d DEV       Trace DEV
  -r DIR       Debugfs mount point (default /sys/kernel/debug)
  -o FILE      Output file base name; - for stdout
  -D DIR       Directory to put the output files in
  -w SECS      Stop after SECS seconds
  -a ACTION    Only trace ACTION (queue, complete, issue, read, write, sync, fs, pc, ...)
  -A MASK      Set the action mask to MASK (hex)
  -b SIZE      Sub buffer size in KiB (default 512)
  -n NUM       Number of sub buffers (default 4)
  -k           Kill a running trace
  -v           Print program version info
`;

/** One traced device: its fd, the name the kernel gave it, its per-CPU trace files and what was read from each. */
interface devpath { path: string; fd: number; name: string; ifds: number[]; ofds: number[]; data_read: number[] }

interface options { devs: string[]; debugfs: string; output: string | null; outdir: string | null; stopwatch: number; act_mask: number; buf_size: number; buf_nr: number; kill: boolean }

function parse_args(argv: string[]): options | string {
  const o: options = { devs: [], debugfs: '/sys/kernel/debug', output: null, outdir: null, stopwatch: 0, act_mask: 0, buf_size: BUF_SIZE_DEFAULT_KIB, buf_nr: BUF_NR_DEFAULT, kill: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const takes = 'draoDwbnA'.includes(a[1] ?? '') && a.length === 2;
    const v = takes ? argv[++i] : undefined;
    if (takes && v === undefined) return `blktrace: option requires an argument -- '${a[1]}'\n`;
    switch (a) {
      case '-d': o.devs.push(v!); break;
      case '-r': o.debugfs = v!; break;
      case '-o': o.output = v!; break;
      case '-D': o.outdir = v!; break;
      case '-w': o.stopwatch = Number.parseInt(v!, 10); if (!(o.stopwatch > 0)) return 'Invalid stopwatch value (need >0 seconds)\n'; break;
      case '-a': { const m = find_mask_map(v!); if (m < 0) return `Invalid action mask ${v}\n`; o.act_mask |= m; break; }
      case '-A': { const m = Number.parseInt(v!, 16); if (!Number.isFinite(m) || m < 0 || m > 0xffff) return `Invalid set action mask ${v}/0x${m.toString(16)}\n`; o.act_mask = m; break; }
      case '-b': o.buf_size = Number.parseInt(v!, 10); if (!(o.buf_size > 0 && o.buf_size <= 16 * 1024)) return 'Invalid buffer size (1 - 16384)\n'; break;
      case '-n': o.buf_nr = Number.parseInt(v!, 10); if (!(o.buf_nr > 0)) return 'Invalid buffer nr (1 - ...)\n'; break;
      case '-k': o.kill = true; break;
      case '-v': case '-V': return 'blktrace version 2.0.0\n';
      default: if (a.startsWith('-')) return USAGE; o.devs.push(a);
    }
  }
  return o;
}

/** errno and glibc's strerror, as blktrace prints them (%d/%s); 0 is "Success". */
const errstr = (e: number): string => `${e}/${e ? strerror(e) : 'Success'}`;

/** setup_buts: BLKTRACESETUP on each device; the kernel answers with the name its directory has. */
function* setup_buts(c: Libc, d: devpath, o: options): KGen<number> {
  const buts = blk_user_trace_setup_encode({ name: '', act_mask: o.act_mask || DEFAULT_ACT_MASK, buf_size: o.buf_size * 1024, buf_nr: o.buf_nr, start_lba: 0, end_lba: 0, pid: 0 });
  const [r, out] = yield* c.ioctl(d.fd, BLKTRACESETUP, buts, BLK_USER_TRACE_SETUP_SIZE);
  if (r < 0) { yield* c.write(2, `BLKTRACESETUP(2) ${d.path} failed: ${errstr(-r)}\n`); return r; }
  d.name = blk_user_trace_setup_decode(out).name;
  return 0;
}

/** The per-CPU relay files the kernel made (trace0, trace1, ...), opened non-blocking. */
function* open_ios(c: Libc, d: devpath, o: options, piped: boolean): KGen<number> {
  for (let cpu = 0; ; cpu++) {
    const fd = yield* c.open(`${o.debugfs}/block/${d.name}/trace${cpu}`, O_RDONLY | O_NONBLOCK);
    if (fd < 0) break;
    d.ifds.push(fd);
    d.data_read.push(0);
    if (piped) { d.ofds.push(1); continue; }
    const base = `${o.output ?? d.name}.blktrace.${cpu}`;
    const ofd = yield* c.open(o.outdir ? `${o.outdir}/${base}` : base, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    if (ofd < 0) { yield* c.write(2, `open: ${base}: ${strerror(-ofd)}\n`); return ofd; }
    d.ofds.push(ofd);
  }
  return d.ifds.length ? 0 : -2;
}

/** handle_pfds: everything the relay files hold now, copied to the outputs. */
function* drain(c: Libc, devs: devpath[]): KGen<void> {
  for (const d of devs) {
    for (let cpu = 0; cpu < d.ifds.length; cpu++) {
      for (;;) {
        const b = yield* c.read(d.ifds[cpu]!, 64 * 1024);
        if (typeof b === 'number' || b.length === 0) break;
        d.data_read[cpu]! += b.length;
        yield* c.write(d.ofds[cpu]!, b);
      }
    }
  }
}

/** show_stats: per device, each CPU's events (estimated from the bytes, as blktrace does) and the drops; not when piped. */
function* show_stats(c: Libc, devs: devpath[], o: options): KGen<void> {
  let out = '', total_drops = 0, total_events = 0;
  for (const d of devs) {
    const dropped = yield* c.read_text(`${o.debugfs}/block/${d.name}/dropped`);
    const drops = typeof dropped === 'string' ? Number(dropped.trim()) || 0 : 0;
    let nevents = 0, data = 0;
    out += `=== ${d.name} ===\n`;
    d.data_read.forEach((bytes, cpu) => {
      const ev = Math.floor(bytes / BLK_IO_TRACE_SIZE);
      out += `  CPU${String(cpu).padStart(3)}: ${String(ev).padStart(20)} events, ${String((bytes + 1023) >> 10).padStart(8)} KiB data\n`;
      nevents += ev; data += bytes;
    });
    out += `  Total:  ${String(nevents).padStart(20)} events (dropped ${drops}), ${String((data + 1024) >> 10).padStart(8)} KiB data\n`;
    total_drops += drops; total_events += nevents + drops;
  }
  // Piped, the data owns stdout: blktrace writes the summary to /dev/null.
  if (o.output !== '-') yield* c.write(1, out);
  if (total_drops) {
    const ratio = total_events ? total_drops / total_events : 1;
    yield* c.write(2, `\nYou have ${total_drops} (${(100 * ratio).toFixed(1).padStart(5)}%) dropped events\nConsider using a larger buffer size (-b) and/or more buffers (-n)\n`);
  }
}

export function* blktrace_main(c: Libc, argv: string[]): KGen<number> {
  const o = parse_args(argv);
  if (typeof o === 'string') { yield* c.write(o.startsWith('blktrace version') ? 1 : 2, o); return o.startsWith('blktrace version') ? 0 : 1; }
  if (!o.devs.length) { yield* c.write(2, USAGE); return 1; }
  const st = yield* statfs(c, o.debugfs);
  if (typeof st === 'number' || st.f_type !== DEBUGFS_TYPE) {
    yield* c.write(2, `Invalid debug path ${o.debugfs}: ${errstr(typeof st === 'number' ? -st : 0)}\n`);
    return 1;
  }
  const devs: devpath[] = [];
  for (const path of o.devs) {
    const fd = yield* c.open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) { yield* c.write(2, `Invalid path ${path} specified: ${errstr(-fd)}\n`); return 1; }
    devs.push({ path, fd, name: '', ifds: [], ofds: [], data_read: [] });
  }
  if (o.kill) {
    // -k: stop and tear down whatever trace the devices have.
    for (const d of devs) { yield* c.ioctl(d.fd, BLKTRACESTOP); yield* c.ioctl(d.fd, BLKTRACETEARDOWN); }
    return 0;
  }
  const teardown = function* (): KGen<void> { for (const d of devs) { yield* c.ioctl(d.fd, BLKTRACESTOP); yield* c.ioctl(d.fd, BLKTRACETEARDOWN); } };
  for (const d of devs) if ((yield* setup_buts(c, d, o)) < 0) { yield* teardown(); return 1; }
  const piped = o.output === '-';
  for (const d of devs) if ((yield* open_ios(c, d, o, piped)) < 0) { yield* teardown(); return 1; }
  let done = false;
  const stop = (): void => { done = true; };
  for (const sig of [SIGINT, SIGHUP, SIGTERM, SIGALRM]) yield* c.signal(sig, stop);
  for (const d of devs) {
    const r = (yield* c.ioctl(d.fd, BLKTRACESTART))[0];
    if (r < 0) { yield* c.write(2, `BLKTRACESTART ${d.path} failed: ${errstr(-r)}\n`); yield* teardown(); return 1; }
  }
  const deadline = o.stopwatch ? (yield* c.clock_gettime(CLOCK_MONOTONIC)) + o.stopwatch * 1e9 : Infinity;
  const fds = devs.flatMap((d) => d.ifds.map((fd) => ({ fd, events: POLLIN })));
  while (!done) {
    const now = yield* c.clock_gettime(CLOCK_MONOTONIC);
    if (now >= deadline) break;
    yield* poll(c, fds, Math.max(1, Math.min(POLL_TIMEOUT_MS, Math.ceil((deadline - now) / 1e6))));
    yield* drain(c, devs);
  }
  // stop_tracers, then what the relay still held after its flush, then the teardown.
  for (const d of devs) yield* c.ioctl(d.fd, BLKTRACESTOP);
  yield* drain(c, devs);
  yield* show_stats(c, devs, o);
  for (const d of devs) {
    yield* c.ioctl(d.fd, BLKTRACETEARDOWN);
    for (const fd of d.ifds) yield* c.close(fd);
    for (const fd of d.ofds) if (fd !== 1) yield* c.close(fd);
    yield* c.close(d.fd);
  }
  return 0;
}
