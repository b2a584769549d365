// Models fio 3.33's stat.c: a job's per-direction statistics (latency sums and the log-linear histogram the percentiles come from, latency buckets, bandwidth and IOPS samples) and the normal output — the job block, "Run status group" and the percentile table.
import { num2str, N2S_BYTE, N2S_BYTEPERSEC, N2S_NONE } from './num2str.ts';

/** FIO_IO_U_PLAT_BITS/VAL/NR: 64 buckets per power of two. */
const PLAT_BITS = 6, PLAT_VAL = 1 << PLAT_BITS, PLAT_NR = 29 * PLAT_VAL;
export const PERCENTILES = [1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99];

/** A latency summary (fio's io_stat) in ns. */
export interface io_stat { n: number; min: number; max: number; sum: number; sumsq: number }
export const new_io_stat = (): io_stat => ({ n: 0, min: Infinity, max: 0, sum: 0, sumsq: 0 });
export function add_stat(s: io_stat, v: number): void { s.n++; s.min = Math.min(s.min, v); s.max = Math.max(s.max, v); s.sum += v; s.sumsq += v * v; }

/** One direction's numbers. */
/** A direction's numbers: submission (slat: async engines only), completion (clat, with its histogram) and total (lat) latencies in ns. */
export interface ddir_stat { io_bytes: number; total_io_u: number; runtime_ms: number; slat: io_stat; clat: io_stat; lat: io_stat; plat: Record<number, number>; bw: io_stat; iops: io_stat }
export const new_ddir = (): ddir_stat => ({ io_bytes: 0, total_io_u: 0, runtime_ms: 0, slat: new_io_stat(), clat: new_io_stat(), lat: new_io_stat(), plat: {}, bw: new_io_stat(), iops: new_io_stat() });
/** The latency statistics of a direction (each serialized with min = Infinity as null). */
export const DDIR_STATS = ['slat', 'clat', 'lat', 'bw', 'iops'] as const;

/** A job's (or a reporting group's) statistics. */
export interface thread_stat {
  name: string; groupid: number; jobs: number; pid: number; error: number; started: string;
  dir: [ddir_stat, ddir_stat];
  /** io_u_lat_n/u/m: completions per latency bucket (nsec, usec, msec). */
  lat_n: number[]; lat_u: number[]; lat_m: number[];
  usr_ms: number; sys_ms: number; ctx: number; majf: number; minf: number; iodepth: number;
  /** io_u_map / io_u_submit / io_u_complete: IOs by the depth they were committed at, and submit/reap calls by how many they carried. */
  io_u_map: number[]; io_u_submit: number[]; io_u_complete: number[]; total_submit: number; total_complete: number;
}

export const new_thread_stat = (name: string, pid: number, iodepth: number, started: string): thread_stat => ({
  name, groupid: 0, jobs: 1, pid, error: 0, started, dir: [new_ddir(), new_ddir()], lat_n: Array(10).fill(0), lat_u: Array(10).fill(0),
  lat_m: Array(12).fill(0), usr_ms: 0, sys_ms: 0, ctx: 0, majf: 0, minf: 0, iodepth,
  io_u_map: Array(7).fill(0), io_u_submit: Array(7).fill(0), io_u_complete: Array(7).fill(0), total_submit: 0, total_complete: 0,
});

/** io_u_mark_depth's buckets (1, 2-3, 4-7, 8-15, 16-31, 32-63, 64+) and io_u_mark_submit/complete's (0, 1-4, 5-8, 9-16, 17-32, 33-64, 65+). */
const depth_idx = (d: number): number => (d >= 64 ? 6 : d >= 32 ? 5 : d >= 16 ? 4 : d >= 8 ? 3 : d >= 4 ? 2 : d >= 2 ? 1 : 0);
const batch_idx = (n: number): number => (n > 64 ? 6 : n > 32 ? 5 : n > 16 ? 4 : n > 8 ? 3 : n > 4 ? 2 : n > 0 ? 1 : 0);

/** One commit of an IO at `depth` in flight (0: none), `submitted` per submit call, `completed` reaped by one call (0: no reap). */
export function io_u_mark(ts: thread_stat, depth: number, submitted: number, completed: number): void {
  if (depth) ts.io_u_map[depth_idx(depth)]!++;
  if (submitted) { ts.io_u_submit[batch_idx(submitted)]!++; ts.total_submit++; }
  if (completed) { ts.io_u_complete[batch_idx(completed)]!++; ts.total_complete++; }
}

/** stat_calc_dist: percentages of `total`, a non-empty bucket under 0.1% shown as 0.1. */
export const calc_dist_values = (map: number[], total: number): number[] => map.map((v) => { const p = total ? (100 * v) / total : 0; return v && p < 0.1 ? 0.1 : p; });
const calc_dist = (map: number[], total: number): string[] => calc_dist_values(map, total).map((p) => p.toFixed(1));

/** plat_val_to_idx. */
function plat_val_to_idx(v: number): number {
  const msb = v === 0 ? 0 : Math.floor(Math.log2(v));
  if (msb <= PLAT_BITS) return v;
  const error_bits = msb - PLAT_BITS;
  const idx = ((error_bits + 1) << PLAT_BITS) + ((PLAT_VAL - 1) & Math.floor(v / 2 ** error_bits));
  return Math.min(idx, PLAT_NR - 1);
}

/** plat_idx_to_val: the middle of the bucket. */
export function plat_idx_to_val(idx: number): number {
  if (idx < PLAT_VAL << 1) return idx;
  const error_bits = (idx >> PLAT_BITS) - 1;
  return 2 ** (error_bits + PLAT_BITS) + Math.floor((idx % PLAT_VAL + 0.5) * 2 ** error_bits);
}

/** io_u_mark_lat_nsec/usec/msec bucket: the label is the range's upper end. */
export const LAT_EDGES = [2, 4, 10, 20, 50, 100, 250, 500, 750, 1000];
const lat_bucket = (v: number): number => { const i = LAT_EDGES.findIndex((e) => v < e); return i < 0 ? LAT_EDGES.length : i; };

/**
 * One completed IO (io_u.c's io_completed): its completion latency in ns and, from an engine that queues
 * (libaio), its submission latency (io_u_queued's slat, start to issue); the total latency is their sum and is
 * what the lat (nsec/usec/msec) buckets count (io_u_mark_latency).
 */
export function add_clat(ts: thread_stat, ddir: 0 | 1, clat_ns: number, bytes: number, slat_ns: number | null = null): void {
  const d = ts.dir[ddir];
  d.io_bytes += bytes; d.total_io_u++;
  add_stat(d.clat, clat_ns);
  if (slat_ns !== null) add_stat(d.slat, slat_ns);
  const ns = clat_ns + (slat_ns ?? 0);
  add_stat(d.lat, ns);
  const idx = plat_val_to_idx(Math.round(clat_ns));
  d.plat[idx] = (d.plat[idx] ?? 0) + 1;
  if (ns < 1000) ts.lat_n[lat_bucket(ns)]!++;
  else if (ns < 1_000_000) ts.lat_u[lat_bucket(Math.floor(ns / 1000))]!++;
  else { const ms = Math.floor(ns / 1e6); ts.lat_m[ms >= 2000 ? 11 : ms >= 1000 ? 10 : lat_bucket(ms)]!++; }
}

/** sum_thread_stats: a reporting group's numbers from its jobs'. */
export function sum_thread_stats(dst: thread_stat, src: thread_stat): void {
  for (const k of [0, 1] as const) {
    const a = dst.dir[k], b = src.dir[k];
    a.io_bytes += b.io_bytes; a.total_io_u += b.total_io_u; a.runtime_ms = Math.max(a.runtime_ms, b.runtime_ms);
    for (const s of DDIR_STATS) {
      a[s].n += b[s].n; a[s].min = Math.min(a[s].min, b[s].min); a[s].max = Math.max(a[s].max, b[s].max); a[s].sum += b[s].sum; a[s].sumsq += b[s].sumsq;
    }
    for (const [i, c] of Object.entries(b.plat)) a.plat[Number(i)] = (a.plat[Number(i)] ?? 0) + c;
  }
  for (const l of ['lat_n', 'lat_u', 'lat_m', 'io_u_map', 'io_u_submit', 'io_u_complete'] as const) src[l].forEach((c, i) => { dst[l][i]! += c; });
  dst.total_submit += src.total_submit; dst.total_complete += src.total_complete;
  dst.usr_ms += src.usr_ms; dst.sys_ms += src.sys_ms; dst.ctx += src.ctx; dst.majf += src.majf; dst.minf += src.minf;
}

/** calc_lat: min, max, mean and sample standard deviation. */
export function calc_lat(s: io_stat): { min: number; max: number; mean: number; dev: number } | null {
  if (!s.n) return null;
  const mean = s.sum / s.n;
  const dev = s.n > 1 ? Math.sqrt(Math.max(0, (s.sumsq - s.n * mean * mean) / (s.n - 1))) : 0;
  return { min: s.min, max: s.max, mean, dev };
}

const f2 = (v: number, w = 5): string => v.toFixed(2).padStart(w);

/** display_lat: "clat (usec): min=..., max=..., avg=..., stdev=..." in the unit the numbers call for. */
function display_lat(name: string, s: io_stat): string {
  const l = calc_lat(s);
  if (!l) return '';
  let base = '(nsec)', div = 1;
  if (l.min > 2_000_000 && l.mean > 2_000_000 && l.dev > 2_000_000) { base = '(msec)'; div = 1e6; } else if (l.min > 2000 && l.mean > 2000 && l.dev > 2000) { base = '(usec)'; div = 1e3; }
  const min = num2str(Math.floor(l.min / div), 6, false, N2S_NONE), max = num2str(Math.floor(l.max / div), 6, false, N2S_NONE);
  return `    ${name} ${base}: min=${min}, max=${max}, avg=${f2(l.mean / div)}, stdev=${f2(l.dev / div)}\n`;
}

/** show_clat_percentiles: the percentile table, four to a line, in the unit the range calls for. */
function show_clat_percentiles(d: ddir_stat): string {
  if (!d.clat.n) return '';
  const vals = clat_percentile_values(d);
  const minv = Math.min(...vals), maxv = Math.max(...vals);
  let unit = 'nsec', scale = 0, div = 1;
  if (minv > 2_000_000 && maxv > 99_999_999) { unit = 'msec'; scale = 2; div = 1e6; } else if (minv > 2000 && maxv > 99_999) { unit = 'usec'; scale = 1; div = 1e3; }
  const width = Math.max(5, Math.floor(Math.log10(maxv / div)) + 1);
  let o = `    clat percentiles (${unit}):\n     |`;
  vals.forEach((v0, k) => {
    let v = v0;
    for (let s = 0; s < scale; s++) v = Math.floor((v + 999) / 1000);
    if (k !== 0 && k % 4 === 0) o += '     |';
    const last = k === vals.length - 1;
    o += ` ${PERCENTILES[k]!.toFixed(2).padStart(5)}th=[${String(v).padStart(width)}]${last ? '\n' : ','}`;
    if (!last && k % 4 === 3) o += '\n';
  });
  return o;
}

/** show_lat: the latency distribution lines, five buckets to a line, only the buckets that saw IOs. */
function show_lat(counts: number[], total: number, labels: string[], unit: string): string {
  let o = '', line = 0, fresh = true;
  counts.forEach((c, i) => {
    if (!c) return;
    if (fresh) { o += `${line ? '\n' : ''}  lat (${unit})   : `; fresh = false; line = 0; }
    o += `${line ? ', ' : ''}${labels[i]}=${((100 * c) / total).toFixed(2)}%`;
    if (++line === 5) fresh = true;
  });
  return o ? `${o}\n` : '';
}

const LAT_LABELS = LAT_EDGES.map(String);
const MSEC_LABELS = [...LAT_LABELS, '2000', '>=2000'];

/** show_ddir_status: a direction's lines in the job block. */
function show_ddir_status(ts: thread_stat, k: 0 | 1, agg_bw: number): string {
  const d = ts.dir[k];
  const runt = d.runtime_ms;
  if (!d.total_io_u || !runt) return '';
  const bw = (1000 * d.io_bytes) / runt, iops = (1000 * d.total_io_u) / runt;
  let o = `  ${k ? 'write' : 'read'}: IOPS=${num2str(iops, 4, false, N2S_NONE)}, BW=${num2str(bw, 4, true, N2S_BYTEPERSEC)} (${num2str(bw, 4, false, N2S_BYTEPERSEC)})(${num2str(d.io_bytes, 4, true, N2S_BYTE)}/${runt}msec)\n`;
  o += display_lat('slat', d.slat);
  o += display_lat('clat', d.clat);
  o += display_lat(' lat', d.lat);
  o += show_clat_percentiles(d);
  const b = calc_lat(d.bw);
  if (b) {
    let per = 100;
    if (agg_bw) per = Math.min(100, (b.mean * 100) / (agg_bw / 1024));
    let unit = 'KiB', div = 1;
    if (b.mean > 1024 * 1024) { unit = 'MiB'; div = 1024; }
    o += `   bw (${unit.padStart(5)}/s): min=${String(Math.floor(b.min / div)).padStart(5)}, max=${String(Math.floor(b.max / div)).padStart(5)}, per=${per.toFixed(2)}%, avg=${f2(b.mean / div)}, stdev=${f2(b.dev / div)}, samples=${d.bw.n}\n`;
  }
  const io = calc_lat(d.iops);
  if (io) o += `   iops        : min=${String(Math.floor(io.min)).padStart(5)}, max=${String(Math.floor(io.max)).padStart(5)}, avg=${f2(io.mean)}, stdev=${f2(io.dev)}, samples=${d.iops.n}\n`;
  return o;
}

/** show_thread_status_normal: the block fio prints for a job (or a reporting group). */
export function show_thread_status(ts: thread_stat, agg_bw: [number, number]): string {
  let o = `${ts.name}: (groupid=${ts.groupid}, jobs=${ts.jobs}): err=${String(ts.error).padStart(2)}: pid=${ts.pid}: ${ts.started}\n`;
  o += show_ddir_status(ts, 0, agg_bw[0]) + show_ddir_status(ts, 1, agg_bw[1]);
  const total = ts.dir[0].total_io_u + ts.dir[1].total_io_u;
  if (total) {
    o += show_lat(ts.lat_n, total, LAT_LABELS, 'nsec') + show_lat(ts.lat_u, total, LAT_LABELS, 'usec') + show_lat(ts.lat_m, total, MSEC_LABELS, 'msec');
  }
  const runt = Math.max(ts.dir[0].runtime_ms, ts.dir[1].runtime_ms) || 1;
  o += `  cpu          : usr=${((100 * ts.usr_ms) / runt).toFixed(2)}%, sys=${((100 * ts.sys_ms) / runt).toFixed(2)}%, ctx=${ts.ctx}, majf=${ts.majf}, minf=${ts.minf}\n`;
  const dep = calc_dist(ts.io_u_map, total), sub = calc_dist(ts.io_u_submit, ts.total_submit), com = calc_dist(ts.io_u_complete, ts.total_complete);
  o += `  IO depths    : 1=${dep[0]}%, 2=${dep[1]}%, 4=${dep[2]}%, 8=${dep[3]}%, 16=${dep[4]}%, 32=${dep[5]}%, >=64=${dep[6]}%\n`;
  o += `     submit    : 0=${sub[0]}%, 4=${sub[1]}%, 8=${sub[2]}%, 16=${sub[3]}%, 32=${sub[4]}%, 64=${sub[5]}%, >=64=${sub[6]}%\n`;
  o += `     complete  : 0=${com[0]}%, 4=${com[1]}%, 8=${com[2]}%, 16=${com[3]}%, 32=${com[4]}%, 64=${com[5]}%, >=64=${com[6]}%\n`;
  o += `     issued rwts: total=${ts.dir[0].total_io_u},${ts.dir[1].total_io_u},0,0 short=0,0,0,0 dropped=0,0,0,0\n`;
  o += `     latency   : target=0, window=0, percentile=100.00%, depth=${ts.iodepth}\n`;
  return o;
}

/** The group's aggregate for one direction (struct group_run_stats). */
export interface group_ddir { agg: number; min_bw: number; max_bw: number; io: number; min_run: number; max_run: number }

export function group_stats(stats: thread_stat[]): [group_ddir, group_ddir] {
  return ([0, 1] as const).map((k) => {
    const g: group_ddir = { agg: 0, min_bw: Infinity, max_bw: 0, io: 0, min_run: Infinity, max_run: 0 };
    for (const ts of stats) {
      const d = ts.dir[k];
      if (!d.runtime_ms || !d.total_io_u) continue;
      const bw = (1000 * d.io_bytes) / d.runtime_ms;
      g.min_bw = Math.min(g.min_bw, bw); g.max_bw = Math.max(g.max_bw, bw);
      g.io += d.io_bytes; g.min_run = Math.min(g.min_run, d.runtime_ms); g.max_run = Math.max(g.max_run, d.runtime_ms);
    }
    g.agg = g.max_run ? (1000 * g.io) / g.max_run : 0;
    return g;
  }) as [group_ddir, group_ddir];
}

/** show_group_stats: "Run status group N (all jobs):" and a line per direction with IO. */
export function show_group_stats(groupid: number, g: [group_ddir, group_ddir]): string {
  let o = `\nRun status group ${groupid} (all jobs):\n`;
  g.forEach((d, k) => {
    if (!d.max_run) return;
    const b = (v: number, pow2: boolean): string => num2str(v, 4, pow2, N2S_BYTEPERSEC);
    o += `${k ? '  WRITE' : '   READ'}: bw=${b(d.agg, true)} (${b(d.agg, false)}), ${b(d.min_bw, true)}-${b(d.max_bw, true)} (${b(d.min_bw, false)}-${b(d.max_bw, false)}), io=${num2str(d.io, 4, true, N2S_BYTE)} (${num2str(d.io, 4, false, N2S_BYTE)}), run=${d.min_run}-${d.max_run}msec\n`;
  });
  return o;
}

/** fio's default percentile_list; terse output pads it to FIO_IO_U_LIST_MAX_LEN (20) with "0%=0". */
const TERSE_LIST_LEN = 20;

/** stat_calc_lat: percent of all IOs per bucket, a non-empty bucket under 0.01% shown as 0.01. */
export function calc_lat_dist(src: number[], total: number): number[] {
  return src.map((v) => { if (!total) return 0; const p = (100 * v) / total; return p < 0.01 && v ? 0.01 : p; });
}

/** calc_clat_percentiles: the bucket value (ns) each percentile falls in; with no samples every one is bucket 0's. */
export function clat_percentile_values(d: ddir_stat): number[] {
  const nr = d.clat.n, vals: number[] = [];
  let sum = 0, j = 0;
  const idxs = nr ? Object.keys(d.plat).map(Number).sort((a, b) => a - b) : [0];
  for (const i of idxs) {
    sum += d.plat[i] ?? 0;
    while (j < PERCENTILES.length && sum >= (PERCENTILES[j]! / 100) * nr) { vals.push(plat_idx_to_val(i)); j++; }
  }
  return vals;
}

/** printf's %f. */
const pf = (v: number): string => v.toFixed(6);
/** min;max;mean;dev of a latency in usec (min and max truncated, as the C divides integers), zeros when there are no samples. */
function terse_lat(s: io_stat): string {
  const l = calc_lat(s);
  return l ? `;${Math.floor(l.min / 1000)};${Math.floor(l.max / 1000)};${pf(l.mean / 1000)};${pf(l.dev / 1000)}` : ';0;0;0.000000;0.000000';
}

/** show_ddir_status_terse: one direction's fields (KiB, KiB/s, IOPS, runtime; slat, clat, percentiles, lat in usec; bw in KiB/s; v5 adds samples and IOPS). */
function show_ddir_status_terse(d: ddir_stat, agg: number, ver: number): string {
  const runt = d.runtime_ms;
  const bw = runt ? Math.floor(Math.floor((1000 * d.io_bytes) / runt) / 1024) : 0, iops = runt ? Math.floor((1000 * d.total_io_u) / runt) : 0;
  let o = `;${Math.floor(d.io_bytes / 1024)};${bw};${iops};${runt}`;
  // Synchronous engines record no submission latency (zeros).
  o += terse_lat(d.slat);
  o += terse_lat(d.clat);
  const vals = clat_percentile_values(d);
  for (let i = 0; i < TERSE_LIST_LEN; i++) o += i < vals.length ? `;${pf(PERCENTILES[i]!)}%=${Math.floor(vals[i]! / 1000)}` : ';0%=0';
  o += terse_lat(d.lat);
  const b = calc_lat(d.bw);
  if (b) {
    let per = 100;
    const agg_kib = Math.floor(agg / 1024);
    if (agg_kib) per = Math.min(100, (b.mean * 100) / agg_kib);
    o += `;${b.min};${b.max};${pf(per)}%;${pf(b.mean)};${pf(b.dev)}`;
  } else o += ';0;0;0.000000%;0.000000;0.000000';
  if (ver === 5) {
    o += `;${b ? d.bw.n : 0}`;
    const io = calc_lat(d.iops);
    o += io ? `;${io.min};${io.max};${pf(io.mean)};${pf(io.dev)};${d.iops.n}` : ';0;0;0.000000;0.000000;0';
  }
  return o;
}

/** show_thread_status_terse_all: a job's line in terse version `ver` (2-5); `disks` is show_disk_util's terse part (versions 3 and later). */
export function show_thread_status_terse(ts: thread_stat, agg_bw: [number, number], ver: number, disks: string): string {
  let o = ver === 2 ? `2;${ts.name};${ts.groupid};${ts.error}` : `${ver};fio-3.33;${ts.name};${ts.groupid};${ts.error}`;
  o += show_ddir_status_terse(ts.dir[0], agg_bw[0], ver) + show_ddir_status_terse(ts.dir[1], agg_bw[1], ver);
  if (ver === 2 || ver === 4 || ver === 5) o += show_ddir_status_terse(new_ddir(), 0, ver);
  const runt = Math.max(ts.dir[0].runtime_ms, ts.dir[1].runtime_ms);
  o += `;${pf(runt ? (100 * ts.usr_ms) / runt : 0)}%;${pf(runt ? (100 * ts.sys_ms) / runt : 0)}%;${ts.ctx};${ts.majf};${ts.minf}`;
  const total = ts.dir[0].total_io_u + ts.dir[1].total_io_u;
  o += calc_dist(ts.io_u_map, total).map((p) => `;${p}%`).join('');
  // stat_calc_lat_nu: the nsec buckets go into the first usec bucket, to keep the terse format unaltered.
  const lat_u = calc_lat_dist(ts.lat_u, total);
  if (total) lat_u[0]! += (100 * ts.lat_n.reduce((a, b) => a + b, 0)) / total;
  o += lat_u.map((p) => `;${p.toFixed(2)}%`).join('') + calc_lat_dist(ts.lat_m, total).map((p) => `;${p.toFixed(2)}%`).join('');
  if (ver >= 3) o += disks;
  return `${o}\n`;
}
