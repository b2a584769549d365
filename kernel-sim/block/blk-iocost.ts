// Models linux/block/blk-iocost.c: the io.weight controller — a per-disk linear cost model (io.cost.model) turning each bio into device time in vtime, and per-cgroup vtime budgets advancing by cost / hierarchical weight share, so cgroups sharing a saturated disk get it in proportion to io.weight (io.cost.qos enables it per disk).
//
// What is kept: the autop parameter sets (HDD for a rotational queue, SSD_QD1 for depth 1, SSD_DFL otherwise),
// calc_lcoefs and calc_vtime_cost_builtin (page, sequential and random IO costs; a seek of more than
// LCOEF_RANDIO_PAGES pages is random), ioc_refresh_period_us (the period from the latency target and percentile),
// iocg_activate (an iocg starts a period with vnow - margins.target of budget), hweight_inuse as the product of
// weight / active siblings' weights at each level, and ioc_rqos_throttle's rule (a bio within budget goes at once;
// otherwise it waits until vnow reaches the iocg's vtime, its cost committed in order). What is not: the period
// timer's vrate adjustment from latency misses and queue depth (vrate stays 100%), debt and donation of surplus
// weight between siblings.
import type { bio } from '../include/linux/blk_types.ts';
import { bio_op, REQ_OP_READ, REQ_OP_WRITE } from '../include/linux/blk_types.ts';
import type { cgroup } from '../kernel/cgroup/cgroup-defs.ts';
import { defineState } from '../kernel/state.ts';

/** Fixed-point vtime: 2^37 per second of device time (VTIME_PER_SEC_SHIFT). */
const VTIME_PER_SEC = 2 ** 37, VTIME_PER_NSEC = VTIME_PER_SEC / 1e9, VTIME_PER_USEC = Math.floor(VTIME_PER_SEC / 1e6);
const MILLION = 1_000_000, IOC_PAGE_SIZE = 4096, IOC_SECT_TO_PAGE_SHIFT = 3, LCOEF_RANDIO_PAGES = 4096;
const MIN_PERIOD = 1000, MAX_PERIOD = 1_000_000, MARGIN_TARGET_PCT = 50;
export const VRATE_MIN_PPM = 10_000, VRATE_MAX_PPM = 100_000_000;

/** enum ioc_params' qos (ppm and usec) and the linear model's inputs (bytes/s and IOs/s). */
export interface ioc_qos { rppm: number; rlat: number; wppm: number; wlat: number; min: number; max: number }
export interface ioc_lcoefs_in { rbps: number; rseqiops: number; rrandiops: number; wbps: number; wseqiops: number; wrandiops: number }
interface ioc_params { qos: ioc_qos; i_lcoefs: ioc_lcoefs_in }

const autop_qos = (lat: number): ioc_qos => ({ rppm: 0, rlat: lat, wppm: 0, wlat: lat, min: VRATE_MIN_PPM, max: VRATE_MAX_PPM });
/** autop[]: AUTOP_HDD, AUTOP_SSD_QD1, AUTOP_SSD_DFL (the sets a disk starts with; SSD_FAST is only stepped up to by the vrate, not modelled). */
const AUTOP: Readonly<Record<'hdd' | 'ssd_qd1' | 'ssd_dfl', ioc_params>> = {
  hdd: { qos: autop_qos(250_000), i_lcoefs: { rbps: 174019176, rseqiops: 41708, rrandiops: 370, wbps: 178075866, wseqiops: 42705, wrandiops: 378 } },
  ssd_qd1: { qos: autop_qos(25_000), i_lcoefs: { rbps: 245855193, rseqiops: 61575, rrandiops: 6946, wbps: 141365009, wseqiops: 33716, wrandiops: 26796 } },
  ssd_dfl: { qos: autop_qos(25_000), i_lcoefs: { rbps: 488636629, rseqiops: 8932, rrandiops: 8518, wbps: 427891549, wseqiops: 28755, wrandiops: 21940 } },
};

/** struct ioc: one disk's controller. */
export interface ioc {
  enabled: boolean;
  user_qos_params: boolean;
  user_cost_model: boolean;
  params: ioc_params;
  /** [page, seqio, randio] costs in vtime for reads and writes (ioc_refresh_lcoefs). */
  lcoefs: { r: [number, number, number]; w: [number, number, number] };
  period_us: number;
  margin_target: number;
}

/** struct ioc_gq: a cgroup's state on one disk. */
interface ioc_gq { vtime: number; active_until: number; cursor: number; usage_us: number }

interface IocostState { iocs: Map<string, ioc>; iocgs: WeakMap<cgroup, Map<string, ioc_gq>> }
const iocostState = defineState<IocostState>('blk_iocost', () => ({ iocs: new Map(), iocgs: new WeakMap() }));

const div_round_up = (a: number, b: number): number => Math.ceil(a / b);

/** calc_lcoefs: per-page, per-sequential-IO and per-random-IO costs from bytes/s and IOs/s. */
function calc_lcoefs(bps: number, seqiops: number, randiops: number): [number, number, number] {
  let page = 0, seqio = 0, randio = 0;
  if (bps) { const pages = div_round_up(bps, IOC_PAGE_SIZE); page = pages ? div_round_up(VTIME_PER_SEC, pages) : 1; }
  if (seqiops) { const v = div_round_up(VTIME_PER_SEC, seqiops); if (v > page) seqio = v - page; }
  if (randiops) { const v = div_round_up(VTIME_PER_SEC, randiops); if (v > page) randio = v - page; }
  return [page, seqio, randio];
}

/** ioc_refresh_params: the coefficients, the period (a multiple of the higher latency target) and the budget margin. */
export function ioc_refresh_params(ioc: ioc): void {
  const u = ioc.params.i_lcoefs, q = ioc.params.qos;
  ioc.lcoefs = { r: calc_lcoefs(u.rbps, u.rseqiops, u.rrandiops), w: calc_lcoefs(u.wbps, u.wseqiops, u.wrandiops) };
  const [ppm, lat] = q.rlat >= q.wlat ? [q.rppm, q.rlat] : [q.wppm, q.wlat];
  const multi = ppm ? Math.max(Math.floor((MILLION - ppm) / 50000), 2) : 2;
  ioc.period_us = Math.min(MAX_PERIOD, Math.max(MIN_PERIOD, multi * lat));
  ioc.margin_target = Math.floor((ioc.period_us * MARGIN_TARGET_PCT) / 100) * VTIME_PER_USEC;
}

/** blk_iocost_init: a disk's controller with the autop set its queue calls for (ioc_autop_idx), not yet enabled. */
export function blk_iocost_init(key: string, rotational: boolean, queue_depth: number): ioc {
  const st = iocostState();
  let ioc = st.iocs.get(key);
  if (ioc) return ioc;
  ioc = { enabled: false, user_qos_params: false, user_cost_model: false, params: ioc_autop_params(rotational, queue_depth), lcoefs: { r: [0, 0, 0], w: [0, 0, 0] }, period_us: 0, margin_target: 0 };
  ioc_refresh_params(ioc);
  st.iocs.set(key, ioc);
  return ioc;
}

/** The controller of a disk ("MAJ:MIN"), if io.cost.qos or io.cost.model set one up. */
export const ioc_of = (key: string): ioc | undefined => iocostState().iocs.get(key);
/** Every disk with a controller, for io.cost.qos and io.cost.model. */
export const ioc_all = (): [string, ioc][] => [...iocostState().iocs];

function iocg_of(cg: cgroup, key: string): ioc_gq {
  const st = iocostState();
  let m = st.iocgs.get(cg);
  if (!m) { m = new Map(); st.iocgs.set(cg, m); }
  let g = m.get(key);
  if (!g) { g = { vtime: 0, active_until: -1, cursor: 0, usage_us: 0 }; m.set(key, g); }
  return g;
}

/** A cgroup's weight on the disk: its per-device io.weight line, else its default. */
const cfg_weight = (cg: cgroup, key: string): number => cg.io.dev_weight.get(key) ?? cg.io.weight;

/** current_hweight's inuse share: at each level below the root, the weight over the active siblings' weights. */
function hweight_inuse(chain: readonly cgroup[], key: string, now: number): number {
  let hw = 1;
  for (const c of chain) {
    if (!c.parent) break;
    let sum = 0;
    for (const s of c.parent.children.values()) {
      const g = s === c ? null : iocostState().iocgs.get(s)?.get(key);
      if (s === c || (g && g.active_until >= now)) sum += cfg_weight(s, key);
    }
    hw *= cfg_weight(c, key) / sum;
  }
  return hw;
}

/** calc_vtime_cost_builtin: the bio's absolute cost (a seek past LCOEF_RANDIO_PAGES pages from the iocg's cursor is random). */
function calc_vtime_cost(ioc: ioc, g: ioc_gq, b: bio): number {
  const op = bio_op(b.bi_opf);
  if (op !== REQ_OP_READ && op !== REQ_OP_WRITE) return 0;
  const [page, seqio, randio] = op === REQ_OP_READ ? ioc.lcoefs.r : ioc.lcoefs.w;
  const pages = Math.max((b.bi_iter.bi_size >> 9) >> IOC_SECT_TO_PAGE_SHIFT, 1);
  const seek_pages = g.cursor ? Math.abs(b.bi_iter.bi_sector - g.cursor) >> IOC_SECT_TO_PAGE_SHIFT : 0;
  return (seek_pages > LCOEF_RANDIO_PAGES ? randio : seqio) + pages * page;
}

/**
 * ioc_rqos_throttle: charges the bio to the submitter's iocg (`chain`: its io cgroup, then its ancestors) on an
 * enabled disk and returns how many ns it must wait for vnow to reach the iocg's vtime (0: within budget).
 */
export function ioc_rqos_throttle(key: string, chain: readonly cgroup[], b: bio, now_ns: number): number {
  const ioc = iocostState().iocs.get(key);
  if (!ioc?.enabled || !chain.length) return 0;
  const g = iocg_of(chain[0]!, key);
  const vnow = now_ns * VTIME_PER_NSEC;
  // iocg_activate: an iocg idle for a period starts again with the target margin of budget, no more.
  if (g.active_until < now_ns || g.vtime < vnow - ioc.margin_target) g.vtime = vnow - ioc.margin_target;
  const abs_cost = calc_vtime_cost(ioc, g, b);
  g.cursor = b.bi_iter.bi_sector + (b.bi_iter.bi_size >> 9);
  const period_ns = ioc.period_us * 1000;
  for (const c of chain) iocg_of(c, key).active_until = now_ns + period_ns;
  if (!abs_cost) return 0;
  const cost = abs_cost / hweight_inuse(chain, key, now_ns);
  const start = g.vtime;
  g.vtime += cost;
  for (const c of chain) iocg_of(c, key).usage_us += abs_cost / VTIME_PER_USEC;
  return start > vnow ? Math.ceil((start - vnow) / VTIME_PER_NSEC) : 0;
}

/** io.stat's cost fields of a cgroup on the disk (ioc_pd_stat): the root's vrate, and usage in device usec (its subtree's). */
export function ioc_pd_stat(cg: cgroup, key: string): string {
  const ioc = iocostState().iocs.get(key);
  if (!ioc?.enabled) return '';
  const usage = Math.floor(iocostState().iocgs.get(cg)?.get(key)?.usage_us ?? 0);
  return `${cg.parent ? '' : ' cost.vrate=100.00'} cost.usage=${usage}`;
}

/** One io.cost.qos line (ioc_qos_prfill): percentiles and vrate bounds in ppm printed as percent with two decimals. */
export function ioc_qos_prfill(key: string, ioc: ioc): string {
  const pct = (ppm: number): string => `${Math.floor(ppm / 10000)}.${String(Math.floor((ppm % 10000) / 100)).padStart(2, '0')}`;
  const q = ioc.params.qos;
  return `${key} enable=${ioc.enabled ? 1 : 0} ctrl=${ioc.user_qos_params ? 'user' : 'auto'} rpct=${pct(q.rppm)} rlat=${q.rlat} wpct=${pct(q.wppm)} wlat=${q.wlat} min=${pct(q.min)} max=${pct(q.max)}\n`;
}

/** One io.cost.model line (ioc_cost_model_prfill). */
export function ioc_cost_model_prfill(key: string, ioc: ioc): string {
  const u = ioc.params.i_lcoefs;
  return `${key} ctrl=${ioc.user_cost_model ? 'user' : 'auto'} model=linear rbps=${u.rbps} rseqiops=${u.rseqiops} rrandiops=${u.rrandiops} wbps=${u.wbps} wseqiops=${u.wseqiops} wrandiops=${u.wrandiops}\n`;
}

/** The autop set a controller returns to on ctrl=auto. */
export function ioc_autop_params(rotational: boolean, queue_depth: number): ioc_params {
  const p = AUTOP[rotational ? 'hdd' : queue_depth === 1 ? 'ssd_qd1' : 'ssd_dfl'];
  return { qos: { ...p.qos }, i_lcoefs: { ...p.i_lcoefs } };
}
