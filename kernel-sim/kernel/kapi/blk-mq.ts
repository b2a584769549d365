// blk-mq drivers written in C (block/blk-mq.c's exports): a C blk_mq_tag_set and blk_mq_ops bridged to the kernel's, a C struct request per tag, queue_rq called with the request's bios and bvecs laid out in kernel memory, and blk_mq_start_request/blk_mq_end_request/blk_mq_complete_request back.
//
// The kernel's bios carry their data in page-cache pages the module cannot address, so for the life of a request
// its segments are staged in kernel pages (a bounce buffer, as Linux's blk_queue_bounce does for unreachable pages):
// written data is copied in before queue_rq, read data is copied out when the driver ends the request.
import type { KGen } from '../../include/linux/sched.ts';
import { type bio, type blk_status_t, BLK_STS_OK, bio_op, op_is_write } from '../../include/linux/blk_types.ts';
import { type blk_mq_hw_ctx, type blk_mq_ops, type blk_mq_tag_set, type request, MQ_RQ_COMPLETE } from '../../include/linux/blk-mq.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import {
  blk_mq_alloc_tag_set, blk_mq_complete_request, blk_mq_end_request, blk_mq_free_tag_set, blk_mq_init_queue, blk_mq_kick_requeue_list,
  blk_mq_requeue_request, blk_mq_run_hw_queues, blk_mq_start_request, blk_mq_start_stopped_hw_queues, blk_mq_stop_hw_queue, blk_mq_tag_set_init,
} from '../../block/blk-mq.ts';
import { __alloc_disk_node } from '../../block/genhd.ts';
import { kbytes } from '../../mm/kmem.ts';
import { kfree, kmalloc, __GFP_ZERO } from '../../mm/slab.ts';
import { jiffies_to_nsecs, TICK_NSEC } from '../time/timekeeping.ts';
import {
  blk_mq_hw_ctx_view, blk_mq_ops_view, blk_mq_queue_data_view, blk_mq_tag_set_view, request_view,
  struct_blk_mq_hw_ctx, struct_blk_mq_queue_data, struct_blk_mq_tag_set, struct_request,
} from '../../toolchain/layouts/views.generated.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { defineState } from '../state.ts';
import { ERR_PTR } from './device.ts';
import { c_bdev, c_gendisk_alloc, c_queue, c_queue_addr } from './genhd.ts';
import { stage_bios, unstage_bios, type staged_bios } from './bio.ts';
import { EXPORT_KAPI } from './registry.ts';

/** A C tag set: the kernel's, the driver's ops and module, and every request given a C struct (driver and scheduler tags). */
interface c_tag_set { addr: number; set: blk_mq_tag_set; ops: number; mod: module | null; rqs: Set<request> }

/** A request handed to the driver: its staged bios (the C bios the request points at). */
type staged_rq = staged_bios;

interface BlkMqKapiState {
  sets: Map<number, c_tag_set>;
  /** The C struct request of each preallocated request (and back), made by init_request. */
  rqs: Map<request, number>;
  rq_by_addr: Map<number, request>;
  hctxs: Map<blk_mq_hw_ctx, number>;
  hctx_by_addr: Map<number, blk_mq_hw_ctx>;
  staged: Map<request, staged_rq>;
}
const st = defineState<BlkMqKapiState>('kapi-blk-mq', () => ({
  sets: new Map(), rqs: new Map(), rq_by_addr: new Map(), hctxs: new Map(), hctx_by_addr: new Map(), staged: new Map(),
}));

const jiffies_of = (ns: number): number => Math.ceil(ns / TICK_NSEC);

/** Lays the request's bios out for the driver (stage_bios) and points the C request at them. */
function stage_request(rq: request, crq: number): void {
  const bios: bio[] = [];
  for (let b = rq.bio; b; b = b.bi_next) bios.push(b);
  const s = stage_bios(bios, op_is_write(bio_op(rq.cmd_flags)), c_bdev);
  const v = request_view(crq);
  v.bio = s.bios[0] ?? 0; v.biotail = s.bios[s.bios.length - 1] ?? 0;
  st().staged.set(rq, s);
}

/** The request leaves the driver: read data goes back to the kernel's pages when `copy_out`, the staging is freed. */
function unstage_request(rq: request, copy_out: boolean): void {
  const s = st().staged.get(rq);
  if (!s) return;
  st().staged.delete(rq);
  unstage_bios(s, copy_out);
  const crq = st().rqs.get(rq);
  if (crq) { const v = request_view(crq); v.bio = v.biotail = 0; }
}

/** What the driver reads of the request: copied in before queue_rq (the kernel's request stays the one that moves). */
function sync_request(rq: request, crq: number): void {
  const v = request_view(crq);
  v.q = c_queue_addr(rq.q); v.mq_hctx = st().hctxs.get(rq.mq_hctx) ?? 0;
  v.cmd_flags = rq.cmd_flags; v.rq_flags = rq.rq_flags; v.tag = rq.tag; v.internal_tag = rq.internal_tag;
  v.timeout = jiffies_of(rq.timeout); v.__data_len = rq.__data_len; v.__sector = Math.max(0, rq.__sector);
  v.part = rq.part ? c_bdev(rq.part) : 0; v.start_time_ns = rq.start_time_ns; v.io_start_time_ns = rq.io_start_time_ns;
  v.stats_sectors = rq.stats_sectors & 0xffff; v.nr_phys_segments = rq.nr_phys_segments & 0xffff; v.ioprio = rq.ioprio & 0xffff;
  v.state = rq.state; v.deadline = jiffies_of(rq.deadline);
}

const ts_rq = (a: number): request | null => st().rq_by_addr.get(a) ?? null;

/** The driver's blk_mq_ops as the kernel's dispatch calls them. */
function c_mq_ops(cs: c_tag_set): blk_mq_ops {
  const v = blk_mq_ops_view(cs.ops);
  const queue_rq = v.queue_rq, complete = v.complete, timeout = v.timeout, init_request = v.init_request, commit_rqs = v.commit_rqs;
  return {
    queue_rq(hctx, bd): blk_status_t {
      const rq = bd.rq, crq = c_request(cs, rq, hctx.queue_num);
      sync_request(rq, crq);
      stage_request(rq, crq);
      const d = kmalloc(struct_blk_mq_queue_data.SIZE, __GFP_ZERO);
      const dv = blk_mq_queue_data_view(d);
      dv.rq = crq; dv.last = bd.last;
      const ret = (call_slot_atomic(queue_rq, [st().hctxs.get(hctx) ?? 0, d], 'queue_rq', cs.mod) as number) & 0xff;
      kfree(d);
      // Refused (BLK_STS_RESOURCE) or failed: the kernel requeues or ends it, so the staging goes now.
      if (ret !== BLK_STS_OK) unstage_request(rq, false);
      return ret;
    },
    ...(commit_rqs ? { commit_rqs: (hctx: blk_mq_hw_ctx) => { call_slot_atomic(commit_rqs, [st().hctxs.get(hctx) ?? 0], 'commit_rqs', cs.mod); } } : {}),
    complete(rq) {
      const crq = st().rqs.get(rq);
      if (complete && crq) { request_view(crq).state = MQ_RQ_COMPLETE; call_slot_atomic(complete, [crq], 'complete', cs.mod); return; }
      unstage_request(rq, true);
      blk_mq_end_request(rq, BLK_STS_OK);
    },
    ...(timeout ? { timeout: (rq: request) => (call_slot_atomic(timeout, [c_request(cs, rq, rq.mq_hctx.queue_num)], 'timeout', cs.mod) as number) } : {}),
    init_request(_set, rq, hctx_idx) {
      const crq = c_request(cs, rq, hctx_idx);
      return init_request ? (call_slot_atomic(init_request, [cs.addr, crq, hctx_idx, cs.set.numa_node], 'init_request', cs.mod) as number) : 0;
    },
  };
}

/** The C struct request of `rq`, with cmd_size bytes of driver payload after it (made once per preallocated request). */
function c_request(cs: c_tag_set, rq: request, _hctx_idx: number): number {
  const s = st();
  let a = s.rqs.get(rq);
  if (a === undefined) {
    a = kmalloc(struct_request.SIZE + cs.set.cmd_size, __GFP_ZERO);
    s.rqs.set(rq, a);
    s.rq_by_addr.set(a, rq);
    cs.rqs.add(rq);
  }
  return a;
}

function blk_mq_alloc_tag_set_c(set_a: number): number {
  const v = blk_mq_tag_set_view(set_a);
  if (!v.ops || !blk_mq_ops_view(v.ops).queue_rq) return -EINVAL;
  const cs: c_tag_set = { addr: set_a, ops: v.ops, mod: calling_module(), set: null as unknown as blk_mq_tag_set, rqs: new Set() };
  cs.set = blk_mq_tag_set_init({
    ops: c_mq_ops(cs), nr_hw_queues: v.nr_hw_queues, queue_depth: v.queue_depth, reserved_tags: v.reserved_tags, cmd_size: v.cmd_size,
    numa_node: v.numa_node, timeout: jiffies_to_nsecs(v.timeout), flags: v.flags, driver_data: v.driver_data,
  });
  const r = blk_mq_alloc_tag_set(cs.set);
  if (r) { release_requests(cs); return r; }
  // blk_mq_alloc_tag_set writes back what it settled on (depth capped, queues limited to the CPUs).
  v.nr_hw_queues = cs.set.nr_hw_queues; v.queue_depth = cs.set.queue_depth; v.nr_maps = cs.set.nr_maps;
  if (!v.timeout) v.timeout = jiffies_of(30e9);
  st().sets.set(set_a, cs);
  track_resource('blk_mq_tag_set', `${set_a.toString(16)}`, () => blk_mq_free_tag_set_c(set_a), cs.mod);
  return 0;
}

/** The C requests of a tag set go, after the driver's exit_request for each. */
function release_requests(cs: c_tag_set): void {
  const s = st();
  const exit_request = blk_mq_ops_view(cs.ops).exit_request;
  for (const rq of cs.rqs) {
    const a = s.rqs.get(rq)!;
    if (exit_request) call_slot_atomic(exit_request, [cs.addr, a, rq.mq_hctx?.queue_num ?? 0], 'exit_request', cs.mod);
    unstage_request(rq, false);
    s.rqs.delete(rq); s.rq_by_addr.delete(a);
    kfree(a);
  }
  cs.rqs.clear();
}

function blk_mq_free_tag_set_c(set_a: number): void {
  const cs = st().sets.get(set_a);
  if (!cs) return;
  untrack_resource((r) => r.kind === 'blk_mq_tag_set' && r.name === set_a.toString(16));
  release_requests(cs);
  blk_mq_free_tag_set(cs.set);
  st().sets.delete(set_a);
}

/** __blk_mq_alloc_disk: a queue on the tag set and its disk; each hardware context gets its C struct and the driver's init_hctx. */
function* blk_mq_alloc_disk_c(set_a: number, queuedata: number, _lkclass: number): KGen<number> {
  const s = st(), cs = s.sets.get(set_a);
  if (!cs) return ERR_PTR(-EINVAL);
  const q = blk_mq_init_queue(cs.set, null);
  const disk = __alloc_disk_node(q);
  const hctxs: number[] = [];
  const release = (): void => {
    const exit_hctx = blk_mq_ops_view(cs.ops).exit_hctx;
    q.queue_hw_ctx.forEach((h, i) => {
      const a = s.hctxs.get(h);
      if (a === undefined) return;
      if (exit_hctx) call_slot_atomic(exit_hctx, [a, i], 'exit_hctx', cs.mod);
      s.hctxs.delete(h); s.hctx_by_addr.delete(a);
      kfree(a);
    });
    cs.set.tag_list = cs.set.tag_list.filter((x) => x !== q);
  };
  const disk_a = c_gendisk_alloc(disk, q, queuedata, cs.ops, release);
  const qa = c_queue_addr(q);
  const init_hctx = blk_mq_ops_view(cs.ops).init_hctx;
  for (const [i, h] of q.queue_hw_ctx.entries()) {
    const a = kmalloc(struct_blk_mq_hw_ctx.SIZE, __GFP_ZERO);
    if (!a) return ERR_PTR(-ENOMEM);
    const hv = blk_mq_hw_ctx_view(a);
    hv.queue = qa; hv.queue_num = i; hv.flags = h.flags; hv.nr_ctx = h.nr_ctx; hv.numa_node = cs.set.numa_node >>> 0;
    s.hctxs.set(h, a); s.hctx_by_addr.set(a, h);
    hctxs.push(a);
    if (init_hctx) {
      const r = (yield* call_slot(init_hctx, [a, cs.set.driver_data, i], 'init_hctx', cs.mod)) as number;
      if (r) return ERR_PTR(r);
    }
  }
  return disk_a;
}

/** On a request C names (nothing for a pointer that is no request of a C tag set). */
const on_rq = <A extends unknown[]>(fn: (rq: request, ...a: A) => void) => (a: number, ...args: A): void => { const rq = ts_rq(a); if (rq) fn(rq, ...args); };

export const ksymtab = EXPORT_KAPI({
  blk_mq_alloc_tag_set: blk_mq_alloc_tag_set_c,
  blk_mq_alloc_sq_tag_set: (set_a: number, ops: number, depth: number, flags: number) => {
    kbytes().fill(0, set_a, set_a + struct_blk_mq_tag_set.SIZE);
    const v = blk_mq_tag_set_view(set_a);
    v.ops = ops; v.nr_hw_queues = 1; v.nr_maps = 1; v.queue_depth = depth; v.numa_node = -1; v.flags = flags;
    return blk_mq_alloc_tag_set_c(set_a);
  },
  blk_mq_free_tag_set: blk_mq_free_tag_set_c,
  __blk_mq_alloc_disk: blk_mq_alloc_disk_c,
  blk_mq_start_request: on_rq((rq) => {
    blk_mq_start_request(rq);
    const v = request_view(st().rqs.get(rq)!);
    v.state = rq.state; v.io_start_time_ns = rq.io_start_time_ns; v.deadline = jiffies_of(rq.deadline); v.stats_sectors = rq.stats_sectors & 0xffff;
  }),
  blk_mq_end_request: on_rq((rq, error: number) => { unstage_request(rq, (error & 0xff) === BLK_STS_OK); blk_mq_end_request(rq, error & 0xff); }),
  blk_mq_complete_request: on_rq((rq) => { blk_mq_complete_request(rq); }),
  blk_mq_requeue_request: on_rq((rq, kick: number) => { unstage_request(rq, false); blk_mq_requeue_request(rq, kick !== 0); }),
  blk_mq_kick_requeue_list: (qa: number) => { const q = c_queue(qa); if (q) blk_mq_kick_requeue_list(q); },
  blk_mq_stop_hw_queue: (a: number) => { const h = st().hctx_by_addr.get(a); if (h) blk_mq_stop_hw_queue(h); },
  blk_mq_start_stopped_hw_queues: (qa: number, async: number) => { const q = c_queue(qa); if (q) blk_mq_start_stopped_hw_queues(q, async !== 0); },
  blk_mq_run_hw_queues: (qa: number, async: number) => { const q = c_queue(qa); if (q) blk_mq_run_hw_queues(q, async !== 0); },
});
