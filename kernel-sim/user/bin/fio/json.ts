// Models fio 3.33's json.c (json_print_object: two spaces a level, "name" : value, integers %lld and floats %f) and stat.c's JSON report (show_thread_status_json, add_ddir_status_json, add_ddir_lat_json, json_add_job_opts, diskutil.c's json_object_add_disk_utils).
import { type ddir_stat, type io_stat, type thread_stat, PERCENTILES, calc_dist_values, calc_lat, calc_lat_dist, clat_percentile_values, new_ddir, LAT_EDGES, plat_idx_to_val } from './stat.ts';

/** A JSON value as fio's json.c holds it: integers and floats print differently. */
export type json_value = { s: string } | { i: number } | { f: number } | { o: json_object } | { a: json_value[] };
export type json_object = [string, json_value][];

const S = (s: string): json_value => ({ s }), I = (i: number): json_value => ({ i: Math.trunc(i) }), F = (f: number): json_value => ({ f });

/** json_print_object/array/value: `level` is the object's own depth. */
function print_value(v: json_value, level: number): string {
  if ('s' in v) return `"${v.s}"`;
  if ('i' in v) return String(v.i);
  if ('f' in v) return v.f.toFixed(6);
  const pad = (n: number): string => '  '.repeat(n);
  if ('o' in v) return `{\n${v.o.map(([k, x]) => `${pad(level + 1)}"${k}" : ${print_value(x, level + 1)}`).join(',\n')}\n${pad(level)}}`;
  return `[\n${v.a.map((x) => `${pad(level + 1)}${print_value(x, level + 1)}`).join(',\n')}\n${pad(level)}]`;
}
export const json_print_object = (o: json_object): string => print_value({ o }, 0);

/** json_add_job_opts: the options given for the job (or globally), as strings; nothing when there are none. */
export function json_add_job_opts(root: json_object, name: string, opts: readonly [string, string][]): void {
  if (opts.length) root.push([name, { o: opts.map(([k, v]) => [k, S(v)]) }]);
}

/** A finished job's eta as fio 3.33 prints it (INT_MAX; 3.33 has no job_start yet: both as captured from it). */
const ETA_DONE = 2147483647;

/** add_ddir_lat_json: min, max, mean, stddev, N, and with `percentiles` (and samples) the percentile table in ns; json+ adds the histogram's non-empty bins, by each bucket's value. */
function add_ddir_lat_json(s: io_stat, d: ddir_stat | null, plus: boolean): json_value {
  const l = calc_lat(s);
  const o: json_object = [['min', I(l?.min ?? 0)], ['max', I(l?.max ?? 0)], ['mean', F(l?.mean ?? 0)], ['stddev', F(l?.dev ?? 0)], ['N', I(s.n)]];
  if (d && s.n) {
    const vals = clat_percentile_values(d);
    o.push(['percentile', { o: vals.map((v, k) => [PERCENTILES[k]!.toFixed(6), I(v)]) }]);
    if (plus) {
      const idxs = Object.keys(d.plat).map(Number).filter((i) => d.plat[i]).sort((a, b) => a - b);
      o.push(['bins', { o: idxs.map((i) => [String(plat_idx_to_val(i)), I(d.plat[i]!)]) }]);
    }
  }
  return { o };
}

/** convert_agg_kbytes_percent: the job's mean bandwidth (an int in the C) as a share of the group's, at most 100. */
const agg_percent = (agg: number, mean: number): number => (agg > 1024 ? Math.min(100, (Math.trunc(mean) * 100) / (agg / 1024)) : 100);

/** add_ddir_status_json for read, write and trim (synchronous engines record no submission latency: its N is 0). */
function add_ddir_status_json(d: ddir_stat, agg: number, plus: boolean): json_value {
  const runt = d.runtime_ms;
  const bw_bytes = runt ? Math.floor((1000 * d.io_bytes) / runt) : 0;
  const o: json_object = [
    ['io_bytes', I(d.io_bytes)], ['io_kbytes', I(Math.floor(d.io_bytes / 1024))], ['bw_bytes', I(bw_bytes)], ['bw', I(Math.floor(bw_bytes / 1024))],
    ['iops', F(runt ? (1000 * d.total_io_u) / runt : 0)], ['runtime', I(runt)], ['total_ios', I(d.total_io_u)], ['short_ios', I(0)], ['drop_ios', I(0)],
    ['slat_ns', add_ddir_lat_json(d.slat, null, plus)], ['clat_ns', add_ddir_lat_json(d.clat, d, plus)], ['lat_ns', add_ddir_lat_json(d.lat, null, plus)],
  ];
  const b = calc_lat(d.bw);
  o.push(['bw_min', I(b?.min ?? 0)], ['bw_max', I(b?.max ?? 0)], ['bw_agg', F(b ? agg_percent(agg, b.mean) : 0)], ['bw_mean', F(b?.mean ?? 0)], ['bw_dev', F(b?.dev ?? 0)], ['bw_samples', I(d.bw.n)]);
  const io = calc_lat(d.iops);
  o.push(['iops_min', I(io?.min ?? 0)], ['iops_max', I(io?.max ?? 0)], ['iops_mean', F(io?.mean ?? 0)], ['iops_stddev', F(io?.dev ?? 0)], ['iops_samples', I(d.iops.n)]);
  return { o };
}

/** The sync direction: fsync latencies, which the report does not keep apart (none counted). */
const sync_status = (): json_value => ({ o: [['total_ios', I(0)], ['lat_ns', add_ddir_lat_json({ n: 0, min: 0, max: 0, sum: 0, sumsq: 0 }, null, false)]] });

const DEPTH_KEYS = ['1', '2', '4', '8', '16', '32', '>=64'], BATCH_KEYS = ['0', '4', '8', '16', '32', '64', '>=64'];
const LAT_KEYS = LAT_EDGES.map(String), MSEC_KEYS = [...LAT_KEYS, '2000', '>=2000'];
const dist = (keys: string[], vals: number[]): json_value => ({ o: keys.map((k, i) => [k, F(vals[i] ?? 0)]) });

/** What the job block needs beyond its statistics; `plus` for --output-format=json+. */
export interface json_job_ctx { agg: [number, number]; opts: readonly [string, string][]; elapsed_s: number; plus: boolean }

/** show_thread_status_json: one job's object. */
export function show_thread_status_json(ts: thread_stat, ctx: json_job_ctx): json_value {
  const root: json_object = [['jobname', S(ts.name)], ['groupid', I(ts.groupid)], ['error', I(ts.error)], ['eta', I(ETA_DONE)], ['elapsed', I(ctx.elapsed_s)]];
  json_add_job_opts(root, 'job options', ctx.opts);
  root.push(['read', add_ddir_status_json(ts.dir[0], ctx.agg[0], ctx.plus)], ['write', add_ddir_status_json(ts.dir[1], ctx.agg[1], ctx.plus)], ['trim', add_ddir_status_json(new_ddir(), 0, ctx.plus)], ['sync', sync_status()]);
  const runt = Math.max(ts.dir[0].runtime_ms, ts.dir[1].runtime_ms);
  root.push(['job_runtime', I(runt)], ['usr_cpu', F(runt ? (100 * ts.usr_ms) / runt : 0)], ['sys_cpu', F(runt ? (100 * ts.sys_ms) / runt : 0)], ['ctx', I(ts.ctx)], ['majf', I(ts.majf)], ['minf', I(ts.minf)]);
  const total = ts.dir[0].total_io_u + ts.dir[1].total_io_u;
  root.push(['iodepth_level', dist(DEPTH_KEYS, calc_dist_values(ts.io_u_map, total))], ['iodepth_submit', dist(BATCH_KEYS, calc_dist_values(ts.io_u_submit, ts.total_submit))],
    ['iodepth_complete', dist(BATCH_KEYS, calc_dist_values(ts.io_u_complete, ts.total_complete))], ['latency_ns', dist(LAT_KEYS, calc_lat_dist(ts.lat_n, total))],
    ['latency_us', dist(LAT_KEYS, calc_lat_dist(ts.lat_u, total))], ['latency_ms', dist(MSEC_KEYS, calc_lat_dist(ts.lat_m, total))]);
  // latency_depth is the job's iodepth (the normal report's "latency : ... depth=" line).
  root.push(['latency_depth', I(ts.iodepth)], ['latency_target', I(0)], ['latency_percentile', F(100)], ['latency_window', I(0)]);
  return { o: root };
}

/** One disk's numbers over the run, as print_disk_util has them. */
export interface disk_util { name: string; ios: [number, number]; merges: [number, number]; ticks: [number, number]; in_queue: number; util: number }

/** json_object_add_disk_utils. */
export function json_disk_utils(disks: disk_util[]): json_value {
  return { a: disks.map((d) => ({ o: [['name', S(d.name)], ['read_ios', I(d.ios[0])], ['write_ios', I(d.ios[1])], ['read_merges', I(d.merges[0])], ['write_merges', I(d.merges[1])],
    ['read_ticks', I(d.ticks[0])], ['write_ticks', I(d.ticks[1])], ['in_queue', I(d.in_queue)], ['util', F(d.util)]] as json_object })) };
}
