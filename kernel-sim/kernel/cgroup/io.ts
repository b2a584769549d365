// Models linux/block/blk-cgroup.c (io.stat), blk-throttle.c (io.max) and blk-iocost.c's interface (io.weight, io.cost.qos and io.cost.model; the controller is block/blk-iocost.ts): per-device accounting and throttling of the bios a cgroup's tasks submit.
import type { KGen } from '../../include/linux/sched.ts';
import type { bio } from '../../include/linux/blk_types.ts';
import { bio_op, REQ_OP_DISCARD, op_is_write } from '../../include/linux/blk_types.ts';
import { EINVAL, ENODEV, ERANGE } from '../../include/uapi/asm-generic/errno.ts';
import { MAJOR, MINOR, MKDEV } from '../../include/linux/fs_types.ts';
import { get_gendisk } from '../../block/bdev.ts';
import { ktime_get } from '../time/timekeeping.ts';
import { current, schedule_timeout_uninterruptible } from '../sched/core.ts';
import { CFTYPE_NOT_ON_ROOT, CFTYPE_ONLY_ON_ROOT, ssid, type cgroup, type cgroup_subsys, type io_limits, type io_stat } from './cgroup-defs.ts';
import { cgroup_e_css, cgroup_path, cgroup_subtree, css_chain, task_dfl_cgroup } from './cgroup.ts';
import { psi_account } from './psi.ts';
import { trace_event } from '../trace/trace.ts';
import { blk_queue_flag_test, QUEUE_FLAG_NONROT } from '../../include/linux/blkdev.ts';
import {
  blk_iocost_init, ioc_all, ioc_autop_params, ioc_of, ioc_cost_model_prfill, ioc_pd_stat, ioc_qos_prfill, ioc_refresh_params, ioc_rqos_throttle,
  VRATE_MAX_PPM, VRATE_MIN_PPM, type ioc,
} from '../../block/blk-iocost.ts';

const empty_stat = (): io_stat => ({ rbytes: 0, wbytes: 0, rios: 0, wios: 0, dbytes: 0, dios: 0 });
const NO_LIMIT: io_limits = { rbps: Infinity, wbps: Infinity, riops: Infinity, wiops: Infinity };

/** The whole disk a bio goes to, as io.max and io.stat name it ("MAJ:MIN"). */
function bio_disk_key(b: bio): string | null {
  const disk = b.bi_bdev?.bd_disk;
  return disk ? `${disk.major}:${disk.first_minor}` : null;
}

/** A bio io.max holds: how long, and whose pressure the wait counts as. */
export interface blkcg_throttle { cg: cgroup; key: string; bytes: number; wait: number }

/**
 * blkcg_bio_issue_init + blk_throtl_bio's accounting: called by submit_bio_noacct for every bio. Counts it in
 * io.stat of the submitter's io css and spends its budget under io.max of that cgroup and each ancestor (bytes
 * and IOs per second, each direction's budget spent in order). Returns the wait the bio must sleep, or null —
 * not a generator, so the common bio (no io.max anywhere) costs the submitter no sleeping call (blk_throtl_bio's
 * own fast path when no throttle group has limits).
 */
export function blkcg_bio_issue(b: bio): blkcg_throttle | null {
  const key = bio_disk_key(b);
  if (!key) return null;
  const cg = cgroup_e_css(task_dfl_cgroup(current()), ssid.io);
  const op = bio_op(b.bi_opf);
  const bytes = b.bi_iter.bi_size;
  const s = cg.io.stat.get(key) ?? empty_stat();
  cg.io.stat.set(key, s);
  if (op === REQ_OP_DISCARD) { s.dbytes += bytes; s.dios++; } else if (op_is_write(op)) { s.wbytes += bytes; s.wios++; } else { s.rbytes += bytes; s.rios++; }
  const write = op_is_write(op);
  let wait_until = ktime_get();
  for (const c of css_chain(cg, ssid.io)) {
    const lim = c.io.max.get(key);
    if (!lim) continue;
    const bps = write ? lim.wbps : lim.rbps, iops = write ? lim.wiops : lim.riops;
    const cost = (bps === Infinity ? 0 : (bytes / bps) * 1e9) + (iops === Infinity ? 0 : 1e9 / iops);
    if (!cost) continue;
    const slot = `${key}:${write ? 'w' : 'r'}`;
    const start = Math.max(ktime_get(), c.io.next_dispatch.get(slot) ?? 0);
    c.io.next_dispatch.set(slot, start + cost);
    wait_until = Math.max(wait_until, start);
  }
  // blk-iocost's rq_qos throttle: the bio's device time charged to the cgroup's budget at its io.weight share.
  if (ioc_of(key)?.enabled) wait_until = Math.max(wait_until, ktime_get() + ioc_rqos_throttle(key, css_chain(cg, ssid.io), b, ktime_get()));
  const wait = wait_until - ktime_get();
  return wait > 0 ? { cg, key, bytes, wait } : null;
}

/** blk_throtl_bio's hold: the bio sleeps its wait out, counted as io pressure. */
export function* blkcg_bio_throttle(t: blkcg_throttle): KGen<void> {
  trace_event('cgroup', 'cgroup_io_throttle', { path: cgroup_path(t.cg), dev: t.key, bytes: t.bytes, wait_ns: Math.round(t.wait) });
  yield* schedule_timeout_uninterruptible(Math.ceil(t.wait));
  psi_account(t.cg, 'io', Math.ceil(t.wait), Math.ceil(t.wait));
}

function io_stat_show(cg: cgroup): string {
  const sum = new Map<string, io_stat>();
  for (const c of cgroup_subtree(cg)) {
    for (const [k, s] of c.io.stat) {
      const t = sum.get(k) ?? empty_stat();
      for (const f of Object.keys(s) as (keyof io_stat)[]) t[f] += s[f];
      sum.set(k, t);
    }
  }
  return [...sum].sort(([a], [b]) => dev_order(a) - dev_order(b))
    .map(([k, s]) => `${k} rbytes=${s.rbytes} wbytes=${s.wbytes} rios=${s.rios} wios=${s.wios} dbytes=${s.dbytes} dios=${s.dios}${ioc_pd_stat(cg, k)}\n`).join('');
}
const dev_order = (k: string): number => { const [ma, mi] = k.split(':').map(Number); return MKDEV(ma, mi); };
const lim_str = (v: number): string => (v === Infinity ? 'max' : String(v));

/** Parses "MAJ:MIN" naming an existing whole disk (blkg_conf_prep); -ENODEV or -EINVAL otherwise. */
function parse_dev(tok: string | undefined): string | number {
  const m = /^(\d+):(\d+)$/.exec(tok ?? '');
  if (!m) return -EINVAL;
  const dev = MKDEV(Number(m[1]), Number(m[2]));
  const disk = get_gendisk(dev);
  if (!disk || disk.major !== MAJOR(dev) || disk.first_minor !== MINOR(dev)) return -ENODEV;
  return `${m[1]}:${m[2]}`;
}

/** tg_set_limit: "MAJ:MIN rbps=N wbps=N riops=N wiops=N" ("max" lifts one); a device with no limit left is dropped. */
function io_max_write(cg: cgroup, buf: string): number {
  const [dev, ...toks] = buf.trim().split(/\s+/);
  const key = parse_dev(dev);
  if (typeof key === 'number') return key;
  const lim = { ...(cg.io.max.get(key) ?? NO_LIMIT) };
  for (const t of toks) {
    const m = /^(rbps|wbps|riops|wiops)=(max|\d+)$/.exec(t);
    if (!m) return -EINVAL;
    lim[m[1] as keyof io_limits] = m[2] === 'max' ? Infinity : Number(m[2]);
  }
  if (Object.values(lim).every((v) => v === Infinity)) cg.io.max.delete(key);
  else cg.io.max.set(key, lim);
  return 0;
}

/** io.weight: "default N" or "MAJ:MIN N|default" (1..10000), as blk-iocost's ioc_weight_write parses it. */
function io_weight_write(cg: cgroup, buf: string): number {
  const toks = buf.trim().split(/\s+/);
  if (toks.length === 1 || toks[0] === 'default') {
    const v = Number(toks[toks.length - 1]);
    if (!Number.isInteger(v)) return -EINVAL;
    if (v < 1 || v > 10000) return -ERANGE;
    cg.io.weight = v;
    return 0;
  }
  const key = parse_dev(toks[0]);
  if (typeof key === 'number') return key;
  if (toks[1] === 'default') { cg.io.dev_weight.delete(key); return 0; }
  const v = Number(toks[1]);
  if (!Number.isInteger(v)) return -EINVAL;
  if (v < 1 || v > 10000) return -ERANGE;
  cg.io.dev_weight.set(key, v);
  return 0;
}

/** What picks a disk's autop set (ioc_autop_idx): whether its queue is rotational, and its depth. */
function disk_kind(key: string): [boolean, number] | null {
  const [ma, mi] = key.split(':').map(Number);
  const q = get_gendisk(MKDEV(ma!, mi!))?.queue;
  return q ? [!blk_queue_flag_test(QUEUE_FLAG_NONROT, q), q.nr_requests] : null;
}

/** The disk's controller, made on first use (blk_iocost_init) with the autop set its queue calls for. */
function disk_ioc(key: string): ioc | null {
  const k = disk_kind(key);
  return k ? blk_iocost_init(key, ...k) : null;
}

/** blkg_conf_prep for io.cost.*: the disk named first, its controller (set up now if need be) and the tokens after it. */
function ioc_conf_prep(buf: string): { key: string; ioc: ioc; toks: string[] } | number {
  const [dev, ...toks] = buf.trim().split(/\s+/);
  const key = parse_dev(dev);
  if (typeof key === 'number') return key;
  const ioc = disk_ioc(key);
  return ioc ? { key, ioc, toks } : -ENODEV;
}

/** cgroup_parse_float(s, 2): a percentage with up to two decimals, in ppm; NaN when malformed. */
const parse_pct_ppm = (v: string): number => (/^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 10000) : NaN);

/** ioc_qos_write: "MAJ:MIN [enable=0|1] [ctrl=auto|user] [rpct=P] [rlat=USEC] [wpct=P] [wlat=USEC] [min=P] [max=P]". */
function ioc_qos_write(_cg: cgroup, buf: string): number {
  const t0 = ioc_conf_prep(buf);
  if (typeof t0 === 'number') return t0;
  const { key, ioc, toks } = t0;
  const q = { ...ioc.params.qos };
  let enable = ioc.enabled, user = ioc.user_qos_params;
  for (const t of toks) {
    const [k, v = ''] = t.split('=');
    if (k === 'enable' && /^[01]$/.test(v)) { enable = v === '1'; continue; }
    if (k === 'ctrl' && (v === 'auto' || v === 'user')) { user = v === 'user'; continue; }
    if (k === 'rlat' || k === 'wlat') { if (!/^\d+$/.test(v)) return -EINVAL; q[k] = Number(v); user = true; continue; }
    const ppm = parse_pct_ppm(v);
    if (k === 'rpct' || k === 'wpct') { if (!(ppm <= 100 * 10000)) return -EINVAL; q[k === 'rpct' ? 'rppm' : 'wppm'] = ppm; user = true; continue; }
    if (k === 'min' || k === 'max') { if (!(ppm >= VRATE_MIN_PPM && ppm <= VRATE_MAX_PPM)) return -EINVAL; q[k] = ppm; user = true; continue; }
    return -EINVAL;
  }
  if (q.min > q.max) return -EINVAL;
  ioc.params.qos = user ? q : ioc_autop_params(...disk_kind(key)!).qos;
  ioc.user_qos_params = user;
  ioc.enabled = enable;
  ioc_refresh_params(ioc);
  return 0;
}

const LCOEF_KEYS = ['rbps', 'rseqiops', 'rrandiops', 'wbps', 'wseqiops', 'wrandiops'] as const;

/** ioc_cost_model_write: "MAJ:MIN [ctrl=auto|user] [model=linear] [rbps=N] [rseqiops=N] [rrandiops=N] [wbps=N] [wseqiops=N] [wrandiops=N]". */
function ioc_cost_model_write(_cg: cgroup, buf: string): number {
  const t0 = ioc_conf_prep(buf);
  if (typeof t0 === 'number') return t0;
  const { key, ioc, toks } = t0;
  const u = { ...ioc.params.i_lcoefs };
  let user = ioc.user_cost_model;
  for (const t of toks) {
    const [k, v = ''] = t.split('=');
    if (k === 'ctrl' && (v === 'auto' || v === 'user')) { user = v === 'user'; continue; }
    if (k === 'model' && v === 'linear') continue;
    const lk = LCOEF_KEYS.find((x) => x === k);
    if (!lk || !/^\d+$/.test(v)) return -EINVAL;
    u[lk] = Number(v);
    user = true;
  }
  ioc.params.i_lcoefs = user ? u : ioc_autop_params(...disk_kind(key)!).i_lcoefs;
  ioc.user_cost_model = user;
  ioc_refresh_params(ioc);
  return 0;
}

export const io_cgrp_subsys: cgroup_subsys = {
  id: ssid.io, name: 'io', legacy_name: 'blkio', dfl: true,
  css_reset: (cg) => { cg.io.weight = 100; cg.io.dev_weight.clear(); cg.io.max.clear(); cg.io.next_dispatch.clear(); },
  dfl_cftypes: [
    { name: 'io.stat', seq_show: io_stat_show },
    {
      name: 'io.weight', flags: CFTYPE_NOT_ON_ROOT, write: io_weight_write,
      seq_show: (cg) => `default ${cg.io.weight}\n` + [...cg.io.dev_weight].map(([k, v]) => `${k} ${v}\n`).join(''),
    },
    {
      name: 'io.max', flags: CFTYPE_NOT_ON_ROOT, write: io_max_write,
      seq_show: (cg) => [...cg.io.max].map(([k, l]) => `${k} rbps=${lim_str(l.rbps)} wbps=${lim_str(l.wbps)} riops=${lim_str(l.riops)} wiops=${lim_str(l.wiops)}\n`).join(''),
    },
    { name: 'io.cost.qos', flags: CFTYPE_ONLY_ON_ROOT, seq_show: () => ioc_all().map(([k, c]) => ioc_qos_prfill(k, c)).join(''), write: ioc_qos_write },
    { name: 'io.cost.model', flags: CFTYPE_ONLY_ON_ROOT, seq_show: () => ioc_all().map(([k, c]) => ioc_cost_model_prfill(k, c)).join(''), write: ioc_cost_model_write },
  ],
};
