// Models GNU coreutils dd(1): if= of= bs= ibs= obs= count= skip= seek= conv= status=, with its "records in/out" and "bytes copied" summary on stderr.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { warn, quote } from '../../lib/stdio.ts';
import { O_WRONLY, O_CREAT, O_TRUNC, O_RDONLY, SEEK_CUR, O_DIRECT, O_DSYNC, O_SYNC, O_APPEND, O_NONBLOCK, O_NOATIME, O_NOFOLLOW, O_DIRECTORY } from '../../../include/uapi/stat.ts';
import { SIGINT } from '../../../include/uapi/signal.ts';

const CLOCK_MONOTONIC = 1;
const MULT: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, kB: 1000, K: 1024, k: 1024, MB: 1e6, M: 1 << 20, xM: 1 << 20, GB: 1e9, G: 1 << 30, T: 2 ** 40, KiB: 1024, MiB: 1 << 20, GiB: 1 << 30 };

/** iflag=/oflag= symbols that are open(2) flags (dd's flags[] table). */
const OPEN_FLAGS: Record<string, number> = {
  direct: O_DIRECT, dsync: O_DSYNC, sync: O_SYNC, append: O_APPEND, nonblock: O_NONBLOCK, noatime: O_NOATIME, nofollow: O_NOFOLLOW, directory: O_DIRECTORY,
};
const F_SETFL = 4, F_GETFL = 3;

function dd_num(s: string): number | null {
  let total = 1;
  for (const part of s.split('x')) {
    const m = /^(\d+)([a-zA-Z]*)$/.exec(part);
    if (!m || MULT[m[2]] === undefined) return null;
    total *= Number(m[1]) * MULT[m[2]];
  }
  return total;
}

/** "4.2 MB/s": coreutils' human_readable with SI units, three significant figures at most. */
function si_rate(bytes_per_s: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes_per_s, u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  const s = v >= 100 || u === 0 ? String(Math.round(v)) : v >= 10 ? String(Math.round(v)) : v.toFixed(1);
  return `${s} ${units[u]}`;
}

function human_pair(n: number): string {
  const si = ['B', 'kB', 'MB', 'GB', 'TB'], iec = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const f = (base: number, units: string[]): string => {
    let v = n, u = 0;
    while (v >= base && u < units.length - 1) { v /= base; u++; }
    return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
  };
  return `${f(1000, si)}, ${f(1024, iec)}`;
}

/** %g as printf prints it. */
export function fmt_g(x: number): string {
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 6) {
    const s = x.toExponential(5).replace(/\.?0+e/, 'e');
    return s.replace(/e([-+])(\d)$/, 'e$10$2');
  }
  return String(Number(x.toPrecision(6)));
}

export function* dd_main(c: Libc, argv: string[]): KGen<number> {
  const o: Record<string, string> = {};
  for (const a of argv.slice(1)) {
    const i = a.indexOf('=');
    if (i < 0) { yield* c.write(2, `dd: unrecognized operand ${quote(a)}\nTry 'dd --help' for more information.\n`); return 1; }
    o[a.slice(0, i)] = a.slice(i + 1);
  }
  const known = ['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'status', 'iflag', 'oflag', 'cbs'];
  for (const k of Object.keys(o)) if (!known.includes(k)) { yield* c.write(2, `dd: unrecognized operand ${quote(`${k}=${o[k]}`)}\nTry 'dd --help' for more information.\n`); return 1; }
  const num = (k: string, d: number): number | null => (o[k] === undefined ? d : dd_num(o[k]));
  const bs = num('bs', 0), ibs0 = num('ibs', 512), obs0 = num('obs', 512), count = num('count', Infinity), skip = num('skip', 0), seek = num('seek', 0);
  for (const [k, v] of [['bs', bs], ['ibs', ibs0], ['obs', obs0], ['count', count], ['skip', skip], ['seek', seek]] as [string, number | null][]) {
    if (v === null || ((k === 'bs' || k === 'ibs' || k === 'obs') && v === 0 && o[k] !== undefined)) { yield* c.write(2, `dd: invalid number: ${quote(o[k])}\n`); return 1; }
  }
  const ibs = bs || ibs0!, obs = bs || obs0!;
  const conv = new Set((o.conv ?? '').split(',').filter(Boolean));
  const status_level = o.status ?? 'default';
  const oflags: number[] = [];
  for (const [k, what] of [['iflag', 'input'], ['oflag', 'output']] as const) {
    let f = 0;
    for (const s of (o[k] ?? '').split(',').filter(Boolean)) {
      if (OPEN_FLAGS[s] === undefined) { yield* c.write(2, `dd: invalid ${what} flag: ${quote(s)}\nTry 'dd --help' for more information.\n`); return 1; }
      f |= OPEN_FLAGS[s];
    }
    oflags.push(f);
  }
  const [iflag, oflag] = oflags;
  let ifd = 0, ofd = 1;
  if (o.if !== undefined) { ifd = yield* c.open(o.if, O_RDONLY | iflag); if (ifd < 0) { yield* warn(c, 'dd', `failed to open ${quote(o.if)}`, ifd); return 1; } }
  if (o.of !== undefined) {
    ofd = yield* c.open(o.of, O_WRONLY | O_CREAT | oflag | (conv.has('notrunc') || seek ? 0 : O_TRUNC), 0o666);
    if (ofd < 0) { yield* warn(c, 'dd', `failed to open ${quote(o.of)}`, ofd); return 1; }
  }
  const t0 = yield* c.clock_gettime(CLOCK_MONOTONIC);
  let in_full = 0, in_part = 0, out_full = 0, out_part = 0, bytes = 0, status = 0;
  let interrupted = false;
  yield* c.signal(SIGINT, function () { interrupted = true; });
  if (skip) {
    const r = yield* c.lseek(ifd, skip! * ibs, SEEK_CUR);
    if (r < 0) for (let k = 0; k < skip!; k++) { const b = yield* c.read(ifd, ibs); if (typeof b === 'number' || !b.length) break; }
  }
  if (seek) yield* c.lseek(ofd, seek! * obs, SEEK_CUR);
  let pending: Uint8Array = new Uint8Array(0);
  const flush_out = function* (all: boolean): KGen<boolean> {
    while (pending.length >= obs || (all && pending.length)) {
      const n = Math.min(obs, pending.length);
      // A short last block cannot go O_DIRECT: dd turns the flag off for it (as coreutils' iwrite does).
      if (n < obs && oflag & O_DIRECT) { const fl = yield* c.syscall('fcntl', ofd, F_GETFL); if (fl >= 0) yield* c.syscall('fcntl', ofd, F_SETFL, fl & ~O_DIRECT); }
      const w = yield* c.write(ofd, pending.subarray(0, n));
      if (w < 0) { yield* warn(c, 'dd', `error writing ${quote(o.of ?? 'standard output')}`, w); status = 1; return false; }
      if (n === obs) out_full++; else out_part++;
      bytes += w;
      pending = pending.subarray(n);
    }
    return true;
  };
  for (let rec = 0; rec < count! && !interrupted; rec++) {
    const b = yield* c.read(ifd, ibs);
    if (typeof b === 'number') {
      if (b === -4) break;
      yield* warn(c, 'dd', `error reading ${quote(o.if ?? 'standard input')}`, b); status = 1; break;
    }
    if (!b.length) break;
    if (b.length === ibs) in_full++; else in_part++;
    let data = b;
    if (conv.has('ucase')) data = new TextEncoder().encode(new TextDecoder().decode(data).toUpperCase());
    if (conv.has('lcase')) data = new TextEncoder().encode(new TextDecoder().decode(data).toLowerCase());
    if (conv.has('sync') && data.length < ibs) { const z = new Uint8Array(ibs); z.set(data); data = z; }
    if (bs) { pending = data; if (!(yield* flush_out(true))) break; continue; }
    const np = new Uint8Array(pending.length + data.length); np.set(pending); np.set(data, pending.length); pending = np;
    if (!(yield* flush_out(false))) break;
  }
  yield* flush_out(true);
  if (conv.has('fsync') || conv.has('fdatasync')) yield* c.syscall('fsync', ofd);
  const t1 = yield* c.clock_gettime(CLOCK_MONOTONIC);
  if (status_level !== 'none') {
    let s = `${in_full}+${in_part} records in\n${out_full}+${out_part} records out\n`;
    if (status_level !== 'noxfer') {
      const dt = (t1 - t0) / 1e9;
      const rate = dt > 0 ? `${si_rate(bytes / dt)}/s` : 'Infinity B/s';
      s += `${bytes} bytes ${bytes >= 1000 ? `(${human_pair(bytes)}) ` : ''}copied, ${fmt_g(dt)} s, ${rate}\n`;
    }
    yield* c.write(2, s);
  }
  if (ifd) yield* c.close(ifd);
  if (ofd !== 1) yield* c.close(ofd);
  return status;
}
