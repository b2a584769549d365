// Models linux/block/blk-sysfs.c, blk-mq-sysfs.c and elevator.c's `scheduler` attribute: /sys/block/X/queue/ (limits and knobs, writable where Linux allows) and /sys/block/X/mq/N/.
import type { KGen } from '../include/linux/sched.ts';
import {
  type gendisk, type request_queue, QUEUE_FLAG_ADD_RANDOM, QUEUE_FLAG_DAX, QUEUE_FLAG_FUA, QUEUE_FLAG_IO_STAT, QUEUE_FLAG_NOMERGES,
  QUEUE_FLAG_NONROT, QUEUE_FLAG_NOXMERGES, QUEUE_FLAG_POLL, QUEUE_FLAG_SAME_COMP, QUEUE_FLAG_SAME_FORCE, QUEUE_FLAG_STABLE_WRITES,
  QUEUE_FLAG_WC, blk_queue_flag_clear, blk_queue_flag_set, blk_queue_flag_test,
} from '../include/linux/blkdev.ts';
import type { blk_mq_hw_ctx } from '../include/linux/blk-mq.ts';
import { EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { kobject_alloc, kobject_init_and_add, kobject_del, kobject_put, type kobj_type, type kobject } from '../lib/kobject.ts';
import type { attribute, attribute_group } from '../fs/sysfs/sysfs.ts';
import { NSEC_PER_MSEC } from '../kernel/time/timekeeping.ts';
import { blk_mq_sched_update_nr_requests } from './blk-mq-sched.ts';
import { elevator_init_mq, elv_iosched_show, elv_iosched_store, elv_register_queue, elv_unregister_queue } from './elevator.ts';
import { blk_debugfs_register_queue, blk_debugfs_unregister_queue } from '../kernel/trace/blktrace.ts';

/** A queue attribute: show from the queue, store (when writable) parsed input or -errno. */
interface queue_sysfs_entry extends attribute {
  show(q: request_queue): string;
  store?(q: request_queue, v: string): number | KGen<number>;
}

const flag = (f: number) => (q: request_queue): string => `${blk_queue_flag_test(f, q) ? 1 : 0}\n`;
const set_flag = (f: number, invert = false) => (q: request_queue, v: string): number => {
  const n = parse_ulong(v);
  if (n < 0) return n;
  if ((n !== 0) !== invert) blk_queue_flag_set(f, q); else blk_queue_flag_clear(f, q);
  return 0;
};
function parse_ulong(v: string): number {
  const t = v.trim();
  return /^[0-9]+$/.test(t) ? Number(t) : -EINVAL;
}
const ro = (name: string, show: (q: request_queue) => string): queue_sysfs_entry => ({ name, mode: 0o444, show });
const rw = (name: string, show: (q: request_queue) => string, store: (q: request_queue, v: string) => number | KGen<number>): queue_sysfs_entry => ({ name, mode: 0o644, show, store });
const num = (f: (q: request_queue) => number) => (q: request_queue): string => `${f(q)}\n`;

const queue_attrs: queue_sysfs_entry[] = [
  rw('add_random', flag(QUEUE_FLAG_ADD_RANDOM), set_flag(QUEUE_FLAG_ADD_RANDOM)),
  ro('chunk_sectors', num((q) => q.limits.chunk_sectors)),
  ro('dax', flag(QUEUE_FLAG_DAX)),
  ro('discard_granularity', num((q) => q.limits.discard_granularity)),
  rw('discard_max_bytes', num((q) => q.limits.max_discard_sectors * 512), (q, v) => {
    const n = parse_ulong(v);
    if (n < 0 || (q.limits.discard_granularity && n % q.limits.discard_granularity)) return -EINVAL;
    q.limits.max_discard_sectors = Math.min(Math.floor(n / 512), q.limits.max_hw_discard_sectors);
    return 0;
  }),
  ro('discard_max_hw_bytes', num((q) => q.limits.max_hw_discard_sectors * 512)),
  ro('discard_zeroes_data', () => '0\n'),
  ro('dma_alignment', num((q) => q.limits.dma_alignment)),
  ro('fua', flag(QUEUE_FLAG_FUA)),
  ro('hw_sector_size', num((q) => q.limits.logical_block_size)),
  rw('io_poll', flag(QUEUE_FLAG_POLL), (q, v) => (parse_ulong(v) < 0 ? -EINVAL : 0)),
  rw('io_poll_delay', () => '-1\n', (_q, v) => (/^-?[0-9]+$/.test(v.trim()) ? 0 : -EINVAL)),
  rw('io_timeout', num((q) => Math.floor(q.rq_timeout / NSEC_PER_MSEC)), (q, v) => {
    const n = parse_ulong(v);
    if (n <= 0) return -EINVAL;
    q.rq_timeout = n * NSEC_PER_MSEC;
    return 0;
  }),
  rw('iostats', flag(QUEUE_FLAG_IO_STAT), set_flag(QUEUE_FLAG_IO_STAT)),
  ro('logical_block_size', num((q) => q.limits.logical_block_size)),
  ro('max_discard_segments', num((q) => q.limits.max_discard_segments)),
  ro('max_hw_sectors_kb', num((q) => Math.floor(q.limits.max_hw_sectors / 2))),
  ro('max_integrity_segments', num((q) => q.limits.max_integrity_segments)),
  rw('max_sectors_kb', num((q) => Math.floor(q.limits.max_sectors / 2)), (q, v) => {
    const n = parse_ulong(v);
    const max_hw = Math.floor(q.limits.max_hw_sectors / 2);
    if (n < 0 || n > max_hw || n < 4096 / 1024) return -EINVAL;
    q.limits.max_sectors = n * 2;
    return 0;
  }),
  ro('max_segment_size', num((q) => q.limits.max_segment_size)),
  ro('max_segments', num((q) => q.limits.max_segments)),
  ro('minimum_io_size', num((q) => q.limits.io_min)),
  rw('nomerges', (q) => `${blk_queue_flag_test(QUEUE_FLAG_NOMERGES, q) ? 2 : blk_queue_flag_test(QUEUE_FLAG_NOXMERGES, q) ? 1 : 0}\n`, (q, v) => {
    const n = parse_ulong(v);
    if (n < 0) return n;
    blk_queue_flag_clear(QUEUE_FLAG_NOMERGES, q);
    blk_queue_flag_clear(QUEUE_FLAG_NOXMERGES, q);
    if (n === 2) blk_queue_flag_set(QUEUE_FLAG_NOMERGES, q); else if (n) blk_queue_flag_set(QUEUE_FLAG_NOXMERGES, q);
    return 0;
  }),
  rw('nr_requests', num((q) => q.nr_requests), (q, v) => {
    const n = parse_ulong(v);
    if (n < 0) return n;
    // With a scheduler its tags are resized, the queue frozen meanwhile (BLKDEV_MIN_RQ is 4).
    if (q.elevator) return blk_mq_sched_update_nr_requests(q, Math.max(4, n));
    // blk_mq_update_nr_requests: without a scheduler the depth cannot exceed the driver's tags.
    q.nr_requests = Math.max(4, Math.min(n, q.tag_set?.queue_depth ?? n));
    return 0;
  }),
  ro('nr_zones', () => '0\n'),
  ro('optimal_io_size', num((q) => q.limits.io_opt)),
  ro('physical_block_size', num((q) => q.limits.physical_block_size)),
  rw('read_ahead_kb', num((q) => q.ra_pages * 4), (q, v) => {
    const n = parse_ulong(v);
    if (n < 0) return n;
    q.ra_pages = Math.floor(n / 4);
    return 0;
  }),
  rw('rotational', (q) => `${blk_queue_flag_test(QUEUE_FLAG_NONROT, q) ? 0 : 1}\n`, set_flag(QUEUE_FLAG_NONROT, true)),
  rw('rq_affinity', (q) => `${blk_queue_flag_test(QUEUE_FLAG_SAME_FORCE, q) ? 2 : blk_queue_flag_test(QUEUE_FLAG_SAME_COMP, q) ? 1 : 0}\n`, (q, v) => {
    const n = parse_ulong(v);
    if (n < 0) return n;
    blk_queue_flag_clear(QUEUE_FLAG_SAME_COMP, q);
    blk_queue_flag_clear(QUEUE_FLAG_SAME_FORCE, q);
    if (n >= 1) blk_queue_flag_set(QUEUE_FLAG_SAME_COMP, q);
    if (n === 2) blk_queue_flag_set(QUEUE_FLAG_SAME_FORCE, q);
    return 0;
  }),
  { name: 'scheduler', mode: 0o644, show: elv_iosched_show, store: elv_iosched_store },
  rw('stable_writes', flag(QUEUE_FLAG_STABLE_WRITES), set_flag(QUEUE_FLAG_STABLE_WRITES)),
  ro('virt_boundary_mask', num((q) => q.limits.virt_boundary_mask)),
  rw('wbt_lat_usec', (q) => `${q.wbt_lat_nsec < 0 ? (blk_queue_flag_test(QUEUE_FLAG_NONROT, q) ? 2000 : 75000) : Math.floor(q.wbt_lat_nsec / 1000)}\n`, (q, v) => {
    const t = v.trim();
    if (!/^-?[0-9]+$/.test(t) || Number(t) < -1) return -EINVAL;
    q.wbt_lat_nsec = Number(t) === -1 ? -1 : Number(t) * 1000;
    return 0;
  }),
  rw('write_cache', (q) => (blk_queue_flag_test(QUEUE_FLAG_WC, q) ? 'write back\n' : 'write through\n'), (q, v) => {
    const t = v.trim();
    if (t === 'write back') blk_queue_flag_set(QUEUE_FLAG_WC, q);
    else if (t === 'write through' || t === 'none') blk_queue_flag_clear(QUEUE_FLAG_WC, q);
    else return -EINVAL;
    return 0;
  }),
  ro('write_same_max_bytes', () => '0\n'),
  ro('write_zeroes_max_bytes', num((q) => q.limits.max_write_zeroes_sectors * 512)),
  ro('zone_append_max_bytes', num((q) => q.limits.max_zone_append_sectors * 512)),
  ro('zone_write_granularity', num((q) => q.limits.zone_write_granularity)),
  ro('zoned', () => 'none\n'),
];

const queue_of = (k: kobject): request_queue => k.container as request_queue;

/** queue_attr_visible: io_timeout only for drivers with a timeout handler; the rest always. */
const queue_attr_group: attribute_group = {
  attrs: queue_attrs,
  is_visible: (k, a) => (a.name === 'io_timeout' && !queue_of(k).mq_ops?.timeout ? 0 : a.mode),
};

const blk_queue_ktype: kobj_type = {
  sysfs_ops: {
    show: (k, a) => (a as queue_sysfs_entry).show(queue_of(k)),
    store: (k, a, buf): number | KGen<number> => {
      const e = a as queue_sysfs_entry;
      if (!e.store) return -EINVAL;
      const r = e.store(queue_of(k), buf);
      if (typeof r !== 'number') return (function* () { const n = yield* r; return n < 0 ? n : buf.length; })();
      return r < 0 ? r : buf.length;
    },
  },
  default_groups: [queue_attr_group],
  release: () => {},
};

/** blk_mq_hw_sysfs: nr_tags, nr_reserved_tags, cpu_list ("0, 1"). */
interface hctx_entry extends attribute { show(h: blk_mq_hw_ctx): string }
const hctx_attrs: hctx_entry[] = [
  { name: 'nr_tags', mode: 0o444, show: (h) => `${h.tags.nr_tags}\n` },
  { name: 'nr_reserved_tags', mode: 0o444, show: (h) => `${h.tags.nr_reserved_tags}\n` },
  { name: 'cpu_list', mode: 0o444, show: (h) => `${h.cpumask.join(', ')}\n` },
];
const blk_mq_hw_ktype: kobj_type = {
  sysfs_ops: { show: (k, a) => (a as hctx_entry).show(k.container as blk_mq_hw_ctx) },
  default_groups: [{ attrs: hctx_attrs }],
  release: () => {},
};
const plain_ktype: kobj_type = { release: () => {} };

function kobj_add(container: unknown, ktype: kobj_type, parent: kobject, name: string): kobject | null {
  const k = kobject_alloc(container);
  return kobject_init_and_add(k, ktype, parent, name) ? null : k;
}

/** blk_register_queue: queue/ under the disk, and mq/ with a directory per hardware queue and its CPUs. */
export function blk_register_queue(disk: gendisk): void {
  const parent = disk.part0.bd_device?.kobj;
  if (!parent) return;
  const q = disk.queue;
  // device_add_disk's elevator_init_mq: the default scheduler is chosen before the queue becomes visible.
  elevator_init_mq(q);
  disk.queue_kobj = kobj_add(q, blk_queue_ktype, parent, 'queue');
  blk_debugfs_register_queue(q, disk.disk_name); // q->debugfs_dir: /sys/kernel/debug/block/<disk> (blktrace's files go there)
  if (q.elevator) elv_register_queue(q, false);
  if (!q.mq_ops) return;
  const mq = kobj_add(null, plain_ktype, parent, 'mq');
  disk.mq_kobj = mq;
  if (!mq) return;
  for (const h of q.queue_hw_ctx) {
    const hk = kobj_add(h, blk_mq_hw_ktype, mq, String(h.queue_num));
    h.kobj = hk;
    if (hk) for (const ctx of h.ctxs) ctx.kobj = kobj_add(ctx, plain_ktype, hk, `cpu${ctx.cpu}`);
  }
}

export function blk_unregister_queue(disk: gendisk): void {
  blk_debugfs_unregister_queue(disk.queue); // blk_trace_shutdown and the queue's debugfs directory
  elv_unregister_queue(disk.queue);
  // blk_mq_sysfs_unregister: each hardware queue's CPUs, then the hardware queue.
  const drop = (k: kobject | null | undefined): void => { if (k) { kobject_del(k); kobject_put(k); } };
  for (const h of disk.queue.queue_hw_ctx) {
    for (const ctx of h.ctxs) { drop(ctx.kobj); ctx.kobj = null; }
    drop(h.kobj);
    h.kobj = null;
  }
  for (const k of [disk.mq_kobj, disk.queue_kobj]) if (k) { kobject_del(k); kobject_put(k); }
  disk.mq_kobj = disk.queue_kobj = null;
}
