// Models linux/block/kyber-iosched.c (6.1): requests split into token domains (reads, writes, discards, others), each domain a pool of tokens a request needs to reach the device; latency histograms per domain measured against read_lat_nsec/write_lat_nsec, and a 100 ms timer that shrinks the pools of domains with good latency when any domain's device latency is bad.
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elevator_queue, elevator_type } from '../include/linux/elevator.ts';
import type { blk_mq_hw_ctx, request } from '../include/linux/blk-mq.ts';
import { REQ_OP_DISCARD, REQ_OP_MASK, REQ_OP_READ, REQ_OP_WRITE, type bio } from '../include/linux/blk_types.ts';
import type { ts_module_def } from '../kernel/module/obj_m.ts';
import { trace_enabled, trace_event } from '../kernel/trace/trace.ts';
import { hrtimer_active, hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import type { hrtimer } from '../kernel/time/timer_queue.ts';
import { elevator_alloc, elv_attr, elv_data, elv_register, elv_unregister } from './elevator.ts';
import { blk_attempt_bio_merge, blk_mq_run_hw_queue } from './blk-mq.ts';
import { trace_dev } from './blk.ts';

/** enum kyber_domains and their names as the tracepoints print them. */
export const KYBER_READ = 0, KYBER_WRITE = 1, KYBER_DISCARD = 2, KYBER_OTHER = 3, KYBER_NUM_DOMAINS = 4;
export const kyber_domain_names = ['READ', 'WRITE', 'DISCARD', 'OTHER'] as const;
const kyber_latency_type_names = ['total', 'I/O'] as const;
const KYBER_TOTAL_LATENCY = 0, KYBER_IO_LATENCY = 1;

/** Maximum tokens per domain (kyber_depth) and how many requests a domain dispatches before the next gets a turn. */
export const kyber_depth = [256, 128, 64, 16] as const;
const kyber_batch_size = [16, 8, 1, 1] as const;
/** Default latency targets: reads 2 ms, writes 10 ms, discards 5 s. */
const kyber_latency_targets = [2 * NSEC_PER_MSEC, 10 * NSEC_PER_MSEC, 5 * NSEC_PER_SEC] as const;
/** Buckets are 1/4 of the target wide: the first four are "good" (within the target), the next four "bad". */
const KYBER_LATENCY_SHIFT = 2, KYBER_GOOD_BUCKETS = 1 << KYBER_LATENCY_SHIFT, KYBER_LATENCY_BUCKETS = 2 << KYBER_LATENCY_SHIFT;

/** A domain's token pool (an sbitmap_queue in Linux): its depth and the tokens out. */
interface kyber_tokens { depth: number; busy: number }

interface kyber_queue_data {
  q: request_queue;
  dev: string;
  domain_tokens: kyber_tokens[];
  /** latency_buckets[domain][type][bucket], summed since the last percentile was taken. */
  latency_buckets: number[][][];
  /** When the current histogram window of a domain ends (one second after its first sample), 0 for none. */
  latency_timeout: number[];
  /** The last p99 seen per domain, kept for the next window with congestion (-1: none). */
  domain_p99: number[];
  latency_targets: number[];
  timer: hrtimer;
}

/** Per hardware queue: the domains' request lists (Linux keeps them per software queue and flushes them in) and the round robin. */
interface kyber_hctx_data {
  rqs: request[][];
  cur_domain: number;
  batching: number;
  /** The queue waits for a token of this domain (domain_wait): a freed token runs it again. */
  waiting: boolean[];
}

const kqd_of = (q: request_queue): kyber_queue_data => elv_data<kyber_queue_data>(q);
const khd_of = (hctx: blk_mq_hw_ctx): kyber_hctx_data => hctx.sched_data as kyber_hctx_data;

function kyber_sched_domain(opf: number): number {
  switch (opf & REQ_OP_MASK) {
    case REQ_OP_READ: return KYBER_READ;
    case REQ_OP_WRITE: return KYBER_WRITE;
    case REQ_OP_DISCARD: return KYBER_DISCARD;
    default: return KYBER_OTHER;
  }
}

/** add_latency_sample: bucket = (latency - 1) / (target / 4), capped at the last bucket. */
function add_latency_sample(kqd: kyber_queue_data, domain: number, type: number, target: number, latency: number): void {
  const divisor = Math.max(Math.floor(target / (1 << KYBER_LATENCY_SHIFT)), 1);
  const bucket = latency > 0 ? Math.min(Math.floor((latency - 1) / divisor), KYBER_LATENCY_BUCKETS - 1) : 0;
  kqd.latency_buckets[domain]![type]![bucket]!++;
}

/** calculate_percentile: the bucket holding the percentile, once 500 samples or a second of them exist; -1 before. */
function calculate_percentile(kqd: kyber_queue_data, domain: number, type: number, percentile: number): number {
  const buckets = kqd.latency_buckets[domain]![type]!;
  const samples = buckets.reduce((a, b) => a + b, 0);
  if (!samples) return -1;
  const now = ktime_get();
  if (!kqd.latency_timeout[domain]) kqd.latency_timeout[domain] = Math.max(now + NSEC_PER_SEC, 1);
  if (samples < 500 && kqd.latency_timeout[domain]! > now) return -1;
  kqd.latency_timeout[domain] = 0;
  let percentile_samples = Math.ceil((samples * percentile) / 100), bucket = 0;
  for (; bucket < KYBER_LATENCY_BUCKETS - 1; bucket++) {
    if (buckets[bucket]! >= percentile_samples) break;
    percentile_samples -= buckets[bucket]!;
  }
  buckets.fill(0);
  trace_event('kyber', 'kyber_latency', {
    dev: kqd.dev, domain: kyber_domain_names[domain]!, type: kyber_latency_type_names[type]!, percentile,
    numerator: bucket + 1, denominator: 1 << KYBER_LATENCY_SHIFT, samples,
  });
  return bucket;
}

/** kyber_resize_domain: the pool's new depth, between 1 and the domain's maximum. */
function kyber_resize_domain(kqd: kyber_queue_data, domain: number, depth: number): void {
  const d = Math.min(Math.max(depth, 1), kyber_depth[domain]!);
  if (d === kqd.domain_tokens[domain]!.depth) return;
  kqd.domain_tokens[domain]!.depth = d;
  trace_event('kyber', 'kyber_adjust', { dev: kqd.dev, domain: kyber_domain_names[domain]!, depth: d });
  // A pool that grew may let waiting requests through.
  for (const hctx of kqd.q.queue_hw_ctx) if (khd_of(hctx).waiting[domain]) { khd_of(hctx).waiting[domain] = false; blk_mq_run_hw_queue(hctx, true); }
}

/**
 * kyber_timer_fn: congestion is a device (I/O) latency p90 in the bad buckets of any domain. Then domains with good
 * total latency are throttled; domains with bad latency always get more room. The depth scales with p99/target.
 */
function kyber_timer_fn(kqd: kyber_queue_data): void {
  let bad = false;
  for (let d = 0; d < KYBER_OTHER; d++) {
    if (calculate_percentile(kqd, d, KYBER_IO_LATENCY, 90) >= KYBER_GOOD_BUCKETS) bad = true;
  }
  for (let d = 0; d < KYBER_OTHER; d++) {
    let p99 = calculate_percentile(kqd, d, KYBER_TOTAL_LATENCY, 99);
    // Domains do not all have enough samples in the same window: remember the p99 for the next congested one.
    if (bad) {
      if (p99 < 0) p99 = kqd.domain_p99[d]!;
      kqd.domain_p99[d] = -1;
    } else if (p99 >= 0) {
      kqd.domain_p99[d] = p99;
    }
    if (p99 < 0) continue;
    if (bad || p99 >= KYBER_GOOD_BUCKETS) {
      const orig = kqd.domain_tokens[d]!.depth;
      kyber_resize_domain(kqd, d, (orig * (p99 + 1)) >> KYBER_LATENCY_SHIFT);
    }
  }
}

function kyber_init_sched(q: request_queue, e: elevator_type): number {
  const kqd: kyber_queue_data = {
    q, dev: trace_dev(q.disk?.part0.bd_dev ?? 0),
    domain_tokens: kyber_depth.map((depth) => ({ depth, busy: 0 })),
    latency_buckets: Array.from({ length: KYBER_OTHER }, () => [new Array<number>(KYBER_LATENCY_BUCKETS).fill(0), new Array<number>(KYBER_LATENCY_BUCKETS).fill(0)]),
    latency_timeout: [0, 0, 0], domain_p99: [-1, -1, -1], latency_targets: [...kyber_latency_targets],
    timer: null as unknown as hrtimer,
  };
  kqd.timer = hrtimer_create('kyber_timer_fn', () => kyber_timer_fn(kqd));
  elevator_alloc(q, e, kqd);
  return 0;
}

function kyber_exit_sched(e: elevator_queue): void {
  hrtimer_cancel((e.elevator_data as kyber_queue_data).timer);
}

function kyber_init_hctx(hctx: blk_mq_hw_ctx): number {
  const khd: kyber_hctx_data = { rqs: [[], [], [], []], cur_domain: 0, batching: 0, waiting: [false, false, false, false] };
  hctx.sched_data = khd;
  return 0;
}

/** kyber_bio_merge: the last requests of the bio's domain list may take it (blk_bio_list_merge looks at eight). */
function kyber_bio_merge(q: request_queue, b: bio, nr_segs: number): boolean {
  const hctx = q.queue_hw_ctx[0]!;
  const list = khd_of(hctx).rqs[kyber_sched_domain(b.bi_opf)]!;
  for (let i = list.length - 1, n = 0; i >= 0 && n < 8; i--, n++) if (blk_attempt_bio_merge(list[i]!, b, nr_segs)) return true;
  return false;
}

function kyber_insert_requests(hctx: blk_mq_hw_ctx, list: request[], at_head: boolean): void {
  const khd = khd_of(hctx);
  for (const rq of list) {
    const d = khd.rqs[kyber_sched_domain(rq.cmd_flags)]!;
    if (at_head) d.unshift(rq); else d.push(rq);
  }
}

/** kyber_get_domain_token: a token of the current domain, or -1 with the queue marked waiting for one. */
function kyber_get_domain_token(kqd: kyber_queue_data, khd: kyber_hctx_data): boolean {
  const t = kqd.domain_tokens[khd.cur_domain]!;
  if (t.busy < t.depth) { t.busy++; return true; }
  khd.waiting[khd.cur_domain] = true;
  return false;
}

function kyber_dispatch_cur_domain(kqd: kyber_queue_data, khd: kyber_hctx_data): request | null {
  const rqs = khd.rqs[khd.cur_domain]!;
  if (!rqs.length) return null;
  if (!kyber_get_domain_token(kqd, khd)) {
    if (trace_enabled('kyber')) trace_event('kyber', 'kyber_throttled', { dev: kqd.dev, domain: kyber_domain_names[khd.cur_domain]! });
    return null;
  }
  khd.batching++;
  const rq = rqs.shift()!;
  rq.elv_priv[1] = khd.cur_domain;
  return rq;
}

/** kyber_dispatch_request: finish the current domain's batch, then round robin over the domains. */
function kyber_dispatch_request(hctx: blk_mq_hw_ctx): request | null {
  const kqd = kqd_of(hctx.queue), khd = khd_of(hctx);
  if (khd.batching < kyber_batch_size[khd.cur_domain]!) {
    const rq = kyber_dispatch_cur_domain(kqd, khd);
    if (rq) return rq;
  }
  for (let i = 0; i < KYBER_NUM_DOMAINS; i++) {
    khd.cur_domain = khd.cur_domain === KYBER_NUM_DOMAINS - 1 ? 0 : khd.cur_domain + 1;
    khd.batching = 0;
    const rq = kyber_dispatch_cur_domain(kqd, khd);
    if (rq) return rq;
  }
  return null;
}

const kyber_has_work = (hctx: blk_mq_hw_ctx): boolean => khd_of(hctx).rqs.some((l) => l.length > 0);

/** kyber_finish_request: the token goes back; a queue waiting for one runs again. */
function kyber_finish_request(rq: request): void {
  const d = rq.elv_priv[1] as number | null;
  if (d === null) return;
  rq.elv_priv[1] = null;
  const kqd = kqd_of(rq.q);
  kqd.domain_tokens[d]!.busy--;
  const khd = khd_of(rq.mq_hctx);
  if (khd.waiting[d]) { khd.waiting[d] = false; blk_mq_run_hw_queue(rq.mq_hctx, true); }
}

/** kyber_completed_request: total (from allocation) and device (from issue) latency samples; the timer fires within 100 ms. */
function kyber_completed_request(rq: request, now: number): void {
  const d = kyber_sched_domain(rq.cmd_flags);
  if (d === KYBER_OTHER) return;
  const kqd = kqd_of(rq.q), target = kqd.latency_targets[d]!;
  add_latency_sample(kqd, d, KYBER_TOTAL_LATENCY, target, now - rq.start_time_ns);
  add_latency_sample(kqd, d, KYBER_IO_LATENCY, target, now - rq.io_start_time_ns);
  // timer_reduce(&kqd->timer, jiffies + HZ / 10)
  const at = now + NSEC_PER_SEC / 10;
  if (!hrtimer_active(kqd.timer) || kqd.timer.expires > at) hrtimer_start(kqd.timer, at);
}

const kqd = (e: elevator_queue): kyber_queue_data => e.elevator_data as kyber_queue_data;

export const kyber_sched: elevator_type = {
  elevator_name: 'kyber',
  elevator_owner: 'kyber_iosched',
  ops: {
    init_sched: kyber_init_sched, exit_sched: kyber_exit_sched, init_hctx: kyber_init_hctx,
    exit_hctx: (hctx) => { hctx.sched_data = undefined; },
    bio_merge: kyber_bio_merge, prepare_request: (rq) => { rq.elv_priv[1] = null; }, insert_requests: kyber_insert_requests,
    finish_request: kyber_finish_request, requeue_request: kyber_finish_request, completed_request: kyber_completed_request,
    dispatch_request: kyber_dispatch_request, has_work: kyber_has_work,
  },
  elevator_attrs: [
    elv_attr('read_lat_nsec', kqd, (k) => k.latency_targets[KYBER_READ]!, (k, v) => { k.latency_targets[KYBER_READ] = v; }),
    elv_attr('write_lat_nsec', kqd, (k) => k.latency_targets[KYBER_WRITE]!, (k, v) => { k.latency_targets[KYBER_WRITE] = v; }),
  ],
};

/** kyber-iosched.ko (CONFIG_MQ_IOSCHED_KYBER=m): module_init registers the scheduler, module_exit removes it. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'kyber_iosched', path: 'kernel/block/kyber-iosched.ko', description: 'Kyber I/O scheduler', license: 'GPL', author: 'Omar Sandoval',
  size: 36864, init: () => elv_register(kyber_sched), exit: () => { elv_unregister(kyber_sched); },
}];
