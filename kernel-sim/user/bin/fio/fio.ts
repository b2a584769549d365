// Models fio 3.33 (fio.c, backend.c, engines/sync.c, engines/libaio.c): jobs from job files and the command line run as processes doing real IO through the guest's system calls (pread/pwrite for psync, read/write after lseek for sync, io_submit/io_getevents with iodepth IOs in flight for libaio), optionally O_DIRECT, sequential or random (each block once per pass, from a seeded generator) or mixed by rwmixread, for a size or a runtime; then fio's normal report, the run status group and the disks' stats from /sys/block/<disk>/stat.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { major, minor } from '../../lib/unistd.ts';
import { gmtime, strftime } from '../../lib/time.ts';
import { O_CREAT, O_DIRECT, O_RDONLY, O_RDWR, O_WRONLY } from '../../../include/uapi/stat.ts';
import { ENGINES, FIO_OUTPUT_JSON, FIO_OUTPUT_JSON_PLUS, FIO_OUTPUT_NORMAL, FIO_OUTPUT_TERSE, parse_cmdline, type job_options } from './options.ts';
import { type disk_util, type json_object, json_add_job_opts, json_disk_utils, json_print_object, show_thread_status_json } from './json.ts';
import { num2str, N2S_BYTE } from './num2str.ts';
import { add_clat, add_stat, DDIR_STATS, io_u_mark, group_stats, new_thread_stat, show_group_stats, show_thread_status, show_thread_status_terse, sum_thread_stats, type thread_stat } from './stat.ts';

const FIO_VERSION = 'fio-3.33';
const CLOCK_MONOTONIC = 1, CLOCK_REALTIME = 0;
const S_IFMT = 0o170000, S_IFBLK = 0o060000;
const BLKGETSIZE64 = 0x80081272;
/** bw_avg_time / iops_avg_time: a bandwidth and IOPS sample every 500 ms. */
const AVG_TIME_NS = 500e6;
const PROT_RW = 3, MAP_PRIVATE_ANON = 0x22;

/** ctime(3) without its newline: "Thu Jan  1 00:00:05 2026". */
const ctime = (ns: number): string => strftime('%a %b %e %H:%M:%S %Y', gmtime(Math.floor(ns / 1e9), 0));

/** The job's random generator (fio seeds its generators from randseed; a 32-bit xorshift here). */
function prng(seed: number): () => number {
  let x = (seed >>> 0) || 0x89;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 0x100000000; };
}

const is_read_only = (j: job_options): boolean => j.rw === 'read' || j.rw === 'randread';
const is_random = (j: job_options): boolean => j.rw.startsWith('rand');
const job_filename = (j: job_options, jobnum: number): string => j.filename || `${j.name}.${jobnum}.0`;

/** uapi/linux/aio_abi.h: struct iocb (64 bytes) and struct io_event (32 bytes). */
const IOCB_CMD_PREAD = 0, IOCB_CMD_PWRITE = 1, IOCB_SIZE = 64, IO_EVENT_SIZE = 32;

/**
 * engines/libaio.c with backend.c's loop: io_setup(iodepth); each IO is prepared in its own iocb and buffer and
 * committed alone (iodepth_batch_submit=1, one io_submit each) while fewer than iodepth are in flight; then
 * io_getevents reaps at least one (iodepth_batch_complete_min=1) and up to iodepth. Depth, submit and complete
 * counts go to the report's distributions.
 */
function* libaio_loop(
  c: Libc, j: job_options, fd: number, next_io: () => KGen<{ ddir: 0 | 1; off: number } | null>,
  io_done: (ddir: 0 | 1, off: number, clat: number, r: number, t1: number, slat?: number) => KGen<boolean>, ts: thread_stat,
): KGen<void> {
  const depth = j.iodepth;
  const bufs_len = depth * j.bs, iocbs = bufs_len, ptrs = iocbs + depth * IOCB_SIZE, events = ptrs + depth * 8, ctxp = events + depth * IO_EVENT_SIZE;
  const base = yield* c.syscall('mmap', 0, ctxp + 8, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
  if (base < 0) { ts.error = -base; return; }
  const mem = (): DataView => new DataView(c.mem().buffer);
  const r0 = yield* c.syscall('io_setup', depth, base + ctxp);
  if (r0 < 0) { ts.error = -r0; yield* c.write(2, `fio: io_setup: ${strerror(-r0)}\n`); return; }
  const ctx = Number(mem().getBigUint64(base + ctxp, true));
  const free = Array.from({ length: depth }, (_, i) => depth - 1 - i);
  /** Each IO in flight: when it was started (start_time) and when io_submit had taken it (issue_time). */
  const inflight = new Map<number, { ddir: 0 | 1; off: number; t0: number; issued: number }>();
  let more = true, ok = true;
  while (ok) {
    while (more && free.length) {
      const io = yield* next_io();
      if (!io) { more = false; break; }
      const slot = free.pop()!, cb = base + iocbs + slot * IOCB_SIZE, dv = mem();
      for (let k = 0; k < IOCB_SIZE; k += 8) dv.setBigUint64(cb + k, 0n, true);
      dv.setBigUint64(cb, BigInt(slot), true);
      dv.setUint16(cb + 16, io.ddir ? IOCB_CMD_PWRITE : IOCB_CMD_PREAD, true);
      dv.setUint32(cb + 20, fd, true);
      dv.setBigUint64(cb + 24, BigInt(base + slot * j.bs), true);
      dv.setBigUint64(cb + 32, BigInt(j.bs), true);
      dv.setBigInt64(cb + 40, BigInt(io.off), true);
      dv.setBigUint64(base + ptrs + slot * 8, BigInt(cb), true);
      const t0 = yield* c.clock_gettime(CLOCK_MONOTONIC);
      const r = yield* c.syscall('io_submit', ctx, 1, base + ptrs + slot * 8);
      if (r !== 1) { ok = yield* io_done(io.ddir, io.off, 0, r < 0 ? r : -11, t0); free.push(slot); more = false; break; }
      const issued = yield* c.clock_gettime(CLOCK_MONOTONIC);
      inflight.set(slot, { ddir: io.ddir, off: io.off, t0, issued });
      io_u_mark(ts, inflight.size, 1, 0);
    }
    if (!inflight.size) break;
    const n = yield* c.syscall('io_getevents', ctx, 1, depth, base + events, 0);
    if (n < 0) { ts.error = -n; break; }
    const t1 = yield* c.clock_gettime(CLOCK_MONOTONIC);
    io_u_mark(ts, 0, 0, n);
    for (let e = 0; e < n; e++) {
      const dv = mem(), ev = base + events + e * IO_EVENT_SIZE;
      const slot = Number(dv.getBigUint64(ev, true)), res = Number(dv.getBigInt64(ev + 16, true));
      const io = inflight.get(slot)!;
      inflight.delete(slot);
      free.push(slot);
      if (ok && !(yield* io_done(io.ddir, io.off, t1 - io.issued, res, t1, io.issued - io.t0))) { ok = false; more = false; }
    }
  }
  yield* c.syscall('io_destroy', ctx);
}

/** The file's size: a block device's from BLKGETSIZE64, a file's from stat; -errno when it cannot be opened. */
function* file_size(c: Libc, path: string): KGen<{ size: number; blk: boolean } | number> {
  const st = yield* c.stat(path);
  if (typeof st === 'number') return st;
  if ((st.mode & S_IFMT) !== S_IFBLK) return { size: st.size, blk: false };
  const fd = yield* c.open(path, O_RDONLY);
  if (fd < 0) return fd;
  const [r, out] = yield* c.ioctl(fd, BLKGETSIZE64, new Uint8Array(8), 8);
  yield* c.close(fd);
  return r < 0 ? r : { size: Number(new DataView(out.buffer, out.byteOffset, 8).getBigUint64(0, true)), blk: true };
}

/** setup_files / extend_file: a regular file shorter than the job's size is laid out first (written out when the job reads). */
function* layout_file(c: Libc, j: job_options, path: string, have: number, normal: boolean): KGen<number> {
  // Said only in the normal output (filesetup.c checks FIO_OUTPUT_NORMAL).
  if (normal) yield* c.write(1, `${j.name}: Laying out IO file (1 file / ${Math.floor(j.size / 1048576)}MiB)\n`);
  const fd = yield* c.open(path, O_WRONLY | O_CREAT, 0o644);
  if (fd < 0) return fd;
  const r = yield* c.syscall('ftruncate', fd, j.size);
  if (r >= 0 && !(j.rw === 'write' || j.rw === 'randwrite')) {
    const chunk = new Uint8Array(Math.min(1048576, j.size));
    for (let off = have - (have % chunk.length); off < j.size; off += chunk.length) {
      yield* c.lseek(fd, off, 0);
      const w = yield* c.write(fd, chunk.subarray(0, Math.min(chunk.length, j.size - off)));
      if (w < 0) { yield* c.close(fd); return w; }
    }
  }
  yield* c.close(fd);
  return r < 0 ? r : 0;
}

/** do_io: the job's IO loop in this process; its statistics, or an error line. */
function* do_io(c: Libc, j: job_options, jobnum: number, normal: boolean): KGen<thread_stat | string> {
  const path = job_filename(j, jobnum);
  const fs = yield* file_size(c, path);
  const exists = typeof fs !== 'number';
  if (!exists && fs !== -2) return `fio: ${path}: ${strerror(-fs)}\n`;
  if (!j.size) {
    if (!exists || !fs.size) return `${j.name}: you need to specify size=\n`;
    j.size = fs.size - j.offset;
  }
  if (!exists || (!fs.blk && fs.size < j.offset + j.size)) {
    const r = yield* layout_file(c, j, path, exists ? fs.size : 0, normal);
    if (r < 0) return `fio: pid=${yield* c.getpid()}, err=${-r}/file:filesetup.c:0, func=open, error=${strerror(-r)}\n`;
  }
  const fd = yield* c.open(path, (is_read_only(j) ? O_RDONLY : O_RDWR) | (j.direct ? O_DIRECT : 0));
  if (fd < 0) return `fio: pid=${yield* c.getpid()}, err=${-fd}/file:filesetup.c:0, func=open(${path}), error=${strerror(-fd)}\n`;
  const buf = yield* c.syscall('mmap', 0, j.bs, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
  if (buf < 0) return `fio: pid=${yield* c.getpid()}, err=${-buf}/file:memory.c:0, func=mmap, error=${strerror(-buf)}\n`;
  const pid = yield* c.getpid();
  const now_ns = yield* c.clock_gettime(CLOCK_REALTIME);
  const ts = new_thread_stat(j.name, pid, j.iodepth, ctime(now_ns));
  const rand = prng(j.randseed + jobnum);
  const nblocks = Math.max(1, Math.floor(j.size / j.bs));
  let order: number[] = [], pos = 0, writes_since_fsync = 0, issued_bytes = 0;
  const next_block = (): number => {
    if (!is_random(j)) return pos++ % nblocks;
    if (pos % nblocks === 0) {
      // A random map: every block once per pass, in an order of the job's generator.
      order = Array.from({ length: nblocks }, (_, i) => i);
      for (let i = nblocks - 1; i > 0; i--) { const k = Math.floor(rand() * (i + 1)); [order[i], order[k]] = [order[k]!, order[i]!]; }
    }
    return order[pos++ % nblocks]!;
  };
  const start = yield* c.clock_gettime(CLOCK_MONOTONIC);
  const deadline = j.runtime ? start + j.runtime * 1e9 : Infinity;
  let win_start = start, win_bytes: [number, number] = [0, 0], win_ios: [number, number] = [0, 0];
  /** The next IO's direction and offset, or null when the job is done (size reached or runtime over). */
  const next_io = function* (): KGen<{ ddir: 0 | 1; off: number } | null> {
    const now = yield* c.clock_gettime(CLOCK_MONOTONIC);
    if (now >= deadline || (!j.time_based && issued_bytes >= nblocks * j.bs)) return null;
    const ddir: 0 | 1 = j.rw === 'rw' || j.rw === 'randrw' ? (rand() * 100 < j.rwmixread ? 0 : 1) : j.rw.endsWith('read') ? 0 : 1;
    issued_bytes += j.bs;
    return { ddir, off: j.offset + next_block() * j.bs };
  };
  /** An IO ended at t1 after `lat` ns of completion latency (and `slat` of submission latency, from libaio) with result r: its statistics; false on an error (reported, the job stops). */
  const io_done = function* (ddir: 0 | 1, off: number, lat: number, r: number, t1: number, slat?: number): KGen<boolean> {
    if (r < 0) {
      ts.error = -r;
      yield* c.write(2, `fio: io_u error on file ${path}: ${strerror(-r)}: ${ddir ? 'write' : 'read'} offset=${off}, buflen=${j.bs}\n`);
      return false;
    }
    add_clat(ts, ddir, lat, r, slat ?? null);
    win_bytes[ddir] += r; win_ios[ddir]++;
    if (ddir && j.fsync && ++writes_since_fsync >= j.fsync) { yield* c.syscall('fsync', fd); writes_since_fsync = 0; }
    if (t1 - win_start >= AVG_TIME_NS) {
      const ms = (t1 - win_start) / 1e6;
      for (const k of [0, 1] as const) {
        if (!ts.dir[k].total_io_u) continue;
        add_stat(ts.dir[k].bw, Math.floor((win_bytes[k] / 1024) * (1000 / ms)));
        add_stat(ts.dir[k].iops, Math.floor(win_ios[k] * (1000 / ms)));
      }
      win_start = t1; win_bytes = [0, 0]; win_ios = [0, 0];
    }
    return true;
  };
  if (j.ioengine === 'libaio') yield* libaio_loop(c, j, fd, next_io, io_done, ts);
  else {
    for (;;) {
      const io = yield* next_io();
      if (!io) break;
      let r: number;
      const t0 = yield* c.clock_gettime(CLOCK_MONOTONIC);
      if (j.ioengine === 'sync') {
        r = yield* c.lseek(fd, io.off, 0);
        if (r >= 0) r = yield* c.syscall(io.ddir ? 'write' : 'read', fd, buf, j.bs);
      } else r = yield* c.syscall(io.ddir ? 'pwrite64' : 'pread64', fd, buf, j.bs, io.off);
      const t1 = yield* c.clock_gettime(CLOCK_MONOTONIC);
      io_u_mark(ts, 1, 1, 1);
      if (!(yield* io_done(io.ddir, io.off, t1 - t0, r, t1))) break;
    }
  }
  if (j.end_fsync && !is_read_only(j)) yield* c.syscall('fsync', fd);
  const end = yield* c.clock_gettime(CLOCK_MONOTONIC);
  const runtime_ms = Math.max(1, Math.floor((end - start) / 1e6));
  for (const d of ts.dir) if (d.total_io_u) d.runtime_ms = runtime_ms;
  const ru = yield* c.scratch(function* () {
    const p = c.alloc(144);
    return (yield* c.syscall('getrusage', 0, p)) < 0 ? null : new DataView(c.get(p, 144).buffer);
  });
  if (ru) {
    const tv = (o: number): number => Number(ru.getBigInt64(o, true)) * 1000 + Number(ru.getBigInt64(o + 8, true)) / 1000;
    ts.usr_ms = tv(0); ts.sys_ms = tv(16); ts.ctx = Number(ru.getBigInt64(128, true) + ru.getBigInt64(136, true));
    ts.majf = Number(ru.getBigInt64(72, true)); ts.minf = Number(ru.getBigInt64(64, true));
  }
  yield* c.close(fd);
  return ts;
}

/** The disk a file lives on (fio's disk util): the device's /sys/dev/block entry, a partition's parent disk. */
function* disk_of(c: Libc, path: string): KGen<string | null> {
  const st = yield* c.stat(path);
  if (typeof st === 'number') return null;
  const dev = (st.mode & S_IFMT) === S_IFBLK ? st.rdev : st.dev;
  const sys = `/sys/dev/block/${major(dev)}:${minor(dev)}`;
  const link = yield* c.readlink(sys);
  if (typeof link === 'number') return null;
  const parts = link.split('/');
  const partition = yield* c.read_text(`${sys}/partition`);
  return typeof partition === 'string' ? parts[parts.length - 2]! : parts[parts.length - 1]!;
}

/** /sys/block/<disk>/stat as numbers. */
function* disk_stat(c: Libc, disk: string): KGen<number[] | null> {
  const t = yield* c.read_text(`/sys/block/${disk}/stat`);
  return typeof t === 'string' ? t.trim().split(/\s+/).map(Number) : null;
}

const bs_str = (bs: number): string => num2str(bs, 4, true, N2S_BYTE);

export function* fio_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.includes('--version')) { yield* c.write(1, `${FIO_VERSION}\n`); return 0; }
  const files = new Map<string, string | null>();
  for (const a of argv.slice(1)) if (!a.startsWith('--')) { const t = yield* c.read_text(a); files.set(a, typeof t === 'string' ? t : null); }
  const p = parse_cmdline(argv, (f) => files.get(f) ?? null);
  if (p.error) { yield* c.write(2, p.error); return 1; }
  if (!p.jobs.length) { yield* c.write(2, 'No job(s) defined\n\nfio-3.33\nfio [options] [job options] <job file(s)>\n'); return 1; }
  for (const j of p.jobs) {
    if (!ENGINES.includes(j.ioengine)) { yield* c.write(2, `fio: engine ${j.ioengine} not loadable\nfio: failed to load engine\n`); return 1; }
  }
  // The job lines, the version and "Starting" belong to the normal output only.
  const normal = (p.output_format & FIO_OUTPUT_NORMAL) !== 0, terse = (p.output_format & FIO_OUTPUT_TERSE) !== 0, json = (p.output_format & FIO_OUTPUT_JSON) !== 0;
  const genesis = yield* c.clock_gettime(CLOCK_MONOTONIC);
  let out = '';
  for (const j of p.jobs) {
    const bs = `${bs_str(j.bs)}-${bs_str(j.bs)}`;
    out += `${j.name}: (g=0): rw=${j.rw}, bs=(R) ${bs}, (W) ${bs}, (T) ${bs}, ioengine=${j.ioengine}, iodepth=${j.iodepth}\n`;
    if (j.numjobs > 1) out += '...\n';
  }
  const nproc = p.jobs.reduce((n, j) => n + j.numjobs, 0);
  out += `${FIO_VERSION}\nStarting ${nproc} process${nproc > 1 ? 'es' : ''}\n`;
  if (normal) yield* c.write(1, out);
  const disks = new Set<string>();
  for (const j of p.jobs) { const d = yield* disk_of(c, j.filename || '.'); if (d) disks.add(d); }
  const before = new Map<string, number[]>();
  for (const d of disks) { const s = yield* disk_stat(c, d); if (s) before.set(d, s); }
  const t_start = yield* c.clock_gettime(CLOCK_MONOTONIC);
  // Every job and clone runs at once (no stonewall), each in its own process reporting back through a pipe.
  const kids: { job: number; pid: number; rfd: number }[] = [];
  for (const [ji, j] of p.jobs.entries()) {
    for (let n = 0; n < j.numjobs; n++) {
      const pp = yield* c.pipe();
      if (typeof pp === 'number') { yield* c.perror('fio', 'pipe', pp); return 1; }
      const [rfd, wfd] = pp;
      const pid = yield* c.fork(function* (cc) {
        yield* cc.close(rfd);
        const r = yield* do_io(cc, { ...j }, n, normal);
        if (typeof r === 'string') { yield* cc.write(2, r); yield* cc.write(wfd, 'null'); return 1; }
        yield* cc.write(wfd, JSON.stringify(r));
        return 0;
      });
      yield* c.close(wfd);
      if (pid < 0) { yield* c.perror('fio', 'fork', pid); return 1; }
      kids.push({ job: ji, pid, rfd });
    }
  }
  const stats: { job: number; ts: thread_stat | null }[] = [];
  for (const k of kids) {
    const data = yield* c.read_all(k.rfd);
    yield* c.close(k.rfd);
    yield* c.waitpid(k.pid);
    const text = typeof data === 'number' ? 'null' : new TextDecoder().decode(data);
    stats.push({ job: k.job, ts: text ? (JSON.parse(text) as thread_stat | null) : null });
  }
  const t_end = yield* c.clock_gettime(CLOCK_MONOTONIC);
  // JSON has no Infinity: a direction without IO comes back with min null.
  const done = stats.filter((s): s is { job: number; ts: thread_stat } => s.ts !== null);
  for (const s of done) for (const d of s.ts.dir) for (const k of DDIR_STATS) if (d[k].min === null) d[k].min = Infinity;
  const reported: thread_stat[] = [], reported_opts: (readonly [string, string][])[] = [];
  for (const [ji, j] of p.jobs.entries()) {
    const mine = done.filter((s) => s.job === ji).map((s) => s.ts);
    if (!mine.length) continue;
    if (j.group_reporting) {
      const g = { ...mine[0]!, dir: [{ ...mine[0]!.dir[0], plat: { ...mine[0]!.dir[0].plat } }, { ...mine[0]!.dir[1], plat: { ...mine[0]!.dir[1].plat } }] as thread_stat['dir'], lat_n: [...mine[0]!.lat_n], lat_u: [...mine[0]!.lat_u], lat_m: [...mine[0]!.lat_m], io_u_map: [...mine[0]!.io_u_map], io_u_submit: [...mine[0]!.io_u_submit], io_u_complete: [...mine[0]!.io_u_complete] };
      for (const ts of mine.slice(1)) sum_thread_stats(g, ts);
      g.jobs = mine.length;
      reported.push(g);
      reported_opts.push(j.opts);
    } else { reported.push(...mine); for (let k = 0; k < mine.length; k++) reported_opts.push(j.opts); }
  }
  const all = done.map((s) => s.ts);
  const g = group_stats(all);
  // The disks' numbers over the run (print_disk_util): the normal lines and the terse fields.
  let disk_lines = '', disk_terse = '';
  const dus: disk_util[] = [];
  const msec = Math.max(1, (t_end - t_start) / 1e6);
  for (const [d, s0] of before) {
    const s1 = (yield* disk_stat(c, d)) ?? s0;
    const dl = (i: number): number => (s1[i] ?? 0) - (s0[i] ?? 0);
    const util_pct = Math.min(100, (100 * dl(9)) / msec), util = util_pct.toFixed(2);
    dus.push({ name: d, ios: [dl(0), dl(4)], merges: [dl(1), dl(5)], ticks: [dl(3), dl(7)], in_queue: dl(10), util: util_pct });
    disk_lines += `  ${d}: ios=${dl(0)}/${dl(4)}, merge=${dl(1)}/${dl(5)}, ticks=${dl(3)}/${dl(7)}, in_queue=${dl(10)}, util=${util}%\n`;
    disk_terse += `;${d};${dl(0)};${dl(4)};${dl(1)};${dl(5)};${dl(3)};${dl(7)};${dl(10)};${util}%`;
  }
  // __show_run_stats fills one buffer per format and prints them in enum order: every job's terse line, then the normal report.
  const agg: [number, number] = [g[0].agg, g[1].agg];
  let rep = terse ? reported.map((ts) => show_thread_status_terse(ts, agg, p.terse_version, disk_terse)).join('') : '';
  if (json) {
    const now = yield* c.clock_gettime(CLOCK_REALTIME);
    const elapsed_s = Math.ceil((t_end - genesis) / 1e9);
    const root: json_object = [['fio version', { s: FIO_VERSION }], ['timestamp', { i: Math.floor(now / 1e9) }], ['timestamp_ms', { i: Math.floor(now / 1e6) }], ['time', { s: ctime(now) }]];
    json_add_job_opts(root, 'global options', p.global_opts);
    root.push(['jobs', { a: reported.map((ts, k) => show_thread_status_json(ts, { agg, opts: reported_opts[k]!, elapsed_s, plus: (p.output_format & FIO_OUTPUT_JSON_PLUS) !== 0 })) }]);
    if (dus.length) root.push(['disk_util', json_disk_utils(dus)]);
    rep += `${json_print_object(root)}\n`;
  }
  if (normal) {
    rep += `\n${reported.map((ts) => show_thread_status(ts, agg)).join('')}${show_group_stats(0, g)}`;
    if (before.size) rep += `\nDisk stats (read/write):\n${disk_lines}`;
  }
  yield* c.write(1, rep);
  return done.length === stats.length && done.every((s) => !s.ts.error) ? 0 : 1;
}
