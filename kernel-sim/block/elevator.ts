// Models linux/block/elevator.c: the list of I/O schedulers (elv_register), the queue's `scheduler` file and its iosched/ directory, the default per device (elevator_init_mq) and switching at run time with the queue frozen (elevator_switch).
import type { KGen } from '../include/linux/sched.ts';
import type { request_queue } from '../include/linux/blkdev.ts';
import type { elevator_queue, elevator_type, elv_fs_entry } from '../include/linux/elevator.ts';
import { BLK_MQ_F_NO_SCHED, BLK_MQ_F_NO_SCHED_BY_DEFAULT, HCTX_TYPE_POLL } from '../include/linux/blk-mq.ts';
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { kobject_alloc, kobject_del, kobject_init_and_add, kobject_put, type kobj_type } from '../lib/kobject.ts';
import { kobject_uevent, KOBJ_ADD } from '../lib/kobject_uevent.ts';
import { __request_module } from '../kernel/kapi/kmod.ts';
import { find_module } from '../kernel/module/list.ts';
import { module_put, try_module_get } from '../kernel/module/main.ts';
import { printk, KERN_INFO } from '../kernel/printk/printk.ts';
import { trace_event } from '../kernel/trace/trace.ts';
import { defineState } from '../kernel/state.ts';
import { blk_attempt_bio_merge, blk_mq_freeze_queue, blk_mq_unfreeze_queue } from './blk-mq.ts';
import type { bio } from '../include/linux/blk_types.ts';
import { type request, blk_rq_pos, blk_rq_sectors } from '../include/linux/blk-mq.ts';
import { bio_sectors } from './bio.ts';
import { ELEVATOR_BACK_MERGE, ELEVATOR_FRONT_MERGE } from './blk-merge.ts';
import type { elv_rqhash } from './elv-rb.ts';
import { HZ, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import { blk_mq_exit_sched, blk_mq_init_sched } from './blk-mq-sched.ts';
import { trace_dev } from './blk.ts';

/** elv_list: the registered schedulers in registration order (what the scheduler file lists after `none`). */
const elvState = defineState('elevator', () => ({ elv_list: [] as elevator_type[] }));

export const elv_list = (): readonly elevator_type[] => elvState().elv_list;

/** The module a scheduler lives in (null when built in). */
const elv_module = (e: elevator_type) => (e.elevator_owner ? find_module(e.elevator_owner) ?? null : null);

/** elevator_find: by name or alias. */
export function elevator_find(name: string): elevator_type | null {
  return elvState().elv_list.find((e) => e.elevator_name === name || e.elevator_alias === name) ?? null;
}

/** elv_register: insert_requests and dispatch_request are mandatory; a name registered twice is -EBUSY. */
export function elv_register(e: elevator_type): number {
  if (!e.ops.insert_requests || !e.ops.dispatch_request) return -EINVAL;
  if (elevator_find(e.elevator_name)) return -EBUSY;
  elvState().elv_list.push(e);
  printk(`${KERN_INFO}io scheduler ${e.elevator_name} registered`);
  return 0;
}

export function elv_unregister(e: elevator_type): void {
  const l = elvState().elv_list, i = l.indexOf(e);
  if (i >= 0) l.splice(i, 1);
}

/** elv_support_iosched: blk-mq queues whose driver did not ask for BLK_MQ_F_NO_SCHED. */
const elv_support_iosched = (q: request_queue): boolean => !!q.mq_ops && !((q.tag_set?.flags ?? 0) & BLK_MQ_F_NO_SCHED);

/** elevator_find_get: a scheduler not registered yet is asked for with request_module("%s-iosched"), as Linux does. */
function* elevator_find_get(name: string): KGen<elevator_type | null> {
  let e = elevator_find(name);
  if (!e) {
    yield* __request_module(true, `${name}-iosched`);
    e = elevator_find(name);
  }
  return e;
}

// kernel-static: one sysfs ktype per scheduler type, built from its constant attribute table (no per-boot data).
const iosched_ktypes = new WeakMap<elevator_type, kobj_type>();
function elv_ktype(t: elevator_type): kobj_type {
  let kt = iosched_ktypes.get(t);
  if (!kt) {
    kt = {
      sysfs_ops: {
        show: (k, a) => (a as elv_fs_entry).show(k.container as elevator_queue),
        store: (k, a, buf) => {
          const ent = a as elv_fs_entry;
          const r = ent.store ? ent.store(k.container as elevator_queue, buf) : -EINVAL;
          return r < 0 ? r : buf.length;
        },
      },
      default_groups: [{ attrs: [...t.elevator_attrs] }],
      release: () => {},
    };
    iosched_ktypes.set(t, kt);
  }
  return kt;
}

/** elv_register_queue: /sys/block/X/queue/iosched/ with the scheduler's tunables (and a uevent when asked). */
export function elv_register_queue(q: request_queue, uevent: boolean): number {
  const e = q.elevator, parent = q.disk?.queue_kobj;
  if (!e || !parent) return 0;
  const k = kobject_alloc(e);
  const err = kobject_init_and_add(k, elv_ktype(e.type), parent, 'iosched');
  if (err) return err;
  if (uevent) kobject_uevent(k, KOBJ_ADD);
  e.kobj = k;
  e.registered = true;
  return 0;
}

export function elv_unregister_queue(q: request_queue): void {
  const e = q.elevator;
  if (!e?.kobj) return;
  kobject_del(e.kobj);
  kobject_put(e.kobj);
  e.kobj = null;
  e.registered = false;
}

/** elevator_get_default: mq-deadline for a single-queue device unless the driver says otherwise. */
function elevator_get_default(q: request_queue): elevator_type | null {
  const flags = q.tag_set?.flags ?? 0;
  if (flags & BLK_MQ_F_NO_SCHED_BY_DEFAULT) return null;
  // Linux counts poll queues among nr_hw_queues; kernel-sim folds the poll map (nr_maps > HCTX_TYPE_POLL) away, so count one.
  if (q.nr_hw_queues + ((q.tag_set?.nr_maps ?? 1) > HCTX_TYPE_POLL ? 1 : 0) !== 1) return null;
  return elevator_find('mq-deadline');
}

/** elevator_init_mq: from device_add_disk, before the queue is visible; no I/O is in flight yet. */
export function elevator_init_mq(q: request_queue): void {
  if (!elv_support_iosched(q) || q.elevator) return;
  const e = elevator_get_default(q);
  if (e && blk_mq_init_sched(q, e)) printk(`${KERN_INFO}"${e.elevator_name}" elevator initialization failed, falling back to "none"`);
}

/**
 * elevator_switch: freeze the queue (new submitters wait, every allocated request completes), leave the old
 * scheduler, start the new one and give it its iosched/ directory, then let submitters in again. No request is
 * lost: none exists while the schedulers change.
 */
export function* elevator_switch(q: request_queue, new_e: elevator_type | null): KGen<number> {
  const old_e = q.elevator?.type ?? null;
  const from = old_e?.elevator_name ?? 'none';
  // elevator_find_get's try_module_get: the module of a scheduler in use cannot be removed.
  if (new_e && !try_module_get(elv_module(new_e))) return -EINVAL;
  yield* blk_mq_freeze_queue(q);
  let ret = 0;
  if (old_e) {
    elv_unregister_queue(q);
    blk_mq_exit_sched(q);
    module_put(elv_module(old_e));
  }
  if (new_e) {
    ret = blk_mq_init_sched(q, new_e);
    if (!ret) ret = elv_register_queue(q, true);
    if (ret && q.elevator) blk_mq_exit_sched(q);
    if (ret) module_put(elv_module(new_e));
  }
  blk_mq_unfreeze_queue(q);
  trace_event('iosched', 'elevator_switch', { dev: trace_dev(q.disk?.part0.bd_dev ?? 0), from, to: ret ? 'none' : new_e?.elevator_name ?? 'none' });
  return ret;
}

/** elevator_change: "none" detaches; an unknown name is -EINVAL; the current one is a no-op. */
export function* elevator_change(q: request_queue, name: string): KGen<number> {
  const n = name.trim();
  if (n === 'none') return q.elevator ? yield* elevator_switch(q, null) : 0;
  if (q.elevator && (q.elevator.type.elevator_name === n || q.elevator.type.elevator_alias === n)) return 0;
  const e = yield* elevator_find_get(n);
  if (!e) return -EINVAL;
  return yield* elevator_switch(q, e);
}

/** elv_iosched_show: "[none] mq-deadline kyber bfq " with none first while it is current, else "mq-deadline [bfq] none" with none last, as 6.1 prints them. */
export function elv_iosched_show(q: request_queue): string {
  if (!q.mq_ops) return 'none\n';
  let s = q.elevator ? '' : '[none] ';
  if (elv_support_iosched(q)) for (const e of elvState().elv_list) s += q.elevator?.type === e ? `[${e.elevator_name}] ` : `${e.elevator_name} `;
  if (q.elevator) s += 'none';
  return `${s}\n`;
}

/** elv_iosched_store: a queue that cannot have a scheduler ignores the write, as Linux does. */
export function* elv_iosched_store(q: request_queue, name: string): KGen<number> {
  if (!elv_support_iosched(q)) return 0;
  return yield* elevator_change(q, name);
}

/** Shared show/store helpers for the schedulers' tunables (SHOW_INT/STORE_INT and the _JIFFIES forms in ms). */
export function elv_attr<T>(name: string, data: (e: elevator_queue) => T, get: (d: T) => number, set: (d: T, v: number) => void, min = 0, max = Number.MAX_SAFE_INTEGER): elv_fs_entry {
  return {
    name, mode: 0o644,
    show: (e) => `${get(data(e))}\n`,
    store: (e, page) => {
      const t = page.trim();
      if (!/^-?[0-9]+$/.test(t)) return -EINVAL;
      set(data(e), Math.min(max, Math.max(min, Number(t))));
      return 0;
    },
  };
}

/** elevator_alloc: the elevator_queue a scheduler's init_sched attaches to the queue with its data. */
export function elevator_alloc<T>(q: request_queue, e: elevator_type, data: T): elevator_queue {
  const eq: elevator_queue = { type: e, elevator_data: data, kobj: null, registered: false };
  q.elevator = eq;
  return eq;
}

/** elevator_data of the queue's scheduler, typed by the scheduler that owns it. */
export const elv_data = <T>(q: request_queue): T => q.elevator!.elevator_data as T;

/**
 * elv_merge + blk_mq_sched_try_merge for a scheduler that keeps an elv_rqhash and a sector-sorted list: a back
 * merge into the request ending where the bio starts, else a front merge into the one starting where it ends
 * (`front` finds it, null when front merges are off); `merged` lets the scheduler re-sort a request that moved.
 */
export function elv_bio_merge(b: bio, nr_segs: number, hash: elv_rqhash, front: (end: number) => request | null,
  merged: (rq: request, type: number, old_end: number) => void): boolean {
  const back = hash.find(b.bi_iter.bi_sector);
  if (back) {
    const old_end = blk_rq_pos(back) + blk_rq_sectors(back);
    if (blk_attempt_bio_merge(back, b, nr_segs)) { merged(back, ELEVATOR_BACK_MERGE, old_end); return true; }
  }
  const f = front(b.bi_iter.bi_sector + bio_sectors(b));
  if (f) {
    const old_end = blk_rq_pos(f) + blk_rq_sectors(f);
    if (blk_attempt_bio_merge(f, b, nr_segs)) { merged(f, ELEVATOR_FRONT_MERGE, old_end); return true; }
  }
  return false;
}

/** msecs_to_jiffies / jiffies_to_msecs at HZ=250: what the _JIFFIES tunables store and show (100 ms stays 100, 1 ms shows 4). */
export const msecs_to_ns_jiffies = (ms: number): number => Math.ceil((ms * HZ) / 1000) * (NSEC_PER_SEC / HZ);
export const ns_to_msecs_jiffies = (ns: number): number => Math.round(ns / (NSEC_PER_SEC / HZ)) * (1000 / HZ);
