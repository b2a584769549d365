// Disks written in C (block/genhd.c, block/blk-settings.c and block/bdev.c's exports): block majors, a C struct gendisk, request_queue and block_device bound to the kernel's, add_disk/del_gendisk/put_disk, set_capacity, the queue limits, and block_device_operations called back.
//
// The kernel's gendisk stays the one object (cstruct.ts): its numbers, name, flags and private_data are accessors over
// the C struct the driver fills in, so what the driver writes before add_disk is what the block class registers.
import type { KGen } from '../../include/linux/sched.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import { type block_device_operations, type gendisk, type hd_geometry, type request_queue, blk_queue_flag_clear, blk_queue_flag_set, BLK_DEF_MAX_SECTORS, GD_READ_ONLY } from '../../include/linux/blkdev.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { register_blkdev, unregister_blkdev, device_add_disk, del_gendisk, set_capacity, blk_alloc_disk } from '../../block/genhd.ts';
import { kread_cstr } from '../../mm/kmem.ts';
import { kfree, kmalloc, __GFP_ZERO } from '../../mm/slab.ts';
import {
  block_device_view, block_device_operations_view, gendisk_view, hd_geometry_view, request_queue_view,
  struct_block_device, struct_gendisk, struct_hd_geometry, struct_request_queue,
} from '../../toolchain/layouts/views.generated.ts';
import { bind_char_array, bind_fields, ptr_adapter, unbind_fields } from '../module/cstruct.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { pr_info } from '../printk/printk.ts';
import { defineState } from '../state.ts';
import { c_device } from './device.ts';
import { c_submit_bio } from './bio.ts';
import { EXPORT_KAPI } from './registry.ts';

/** A C disk: the kernel's gendisk, its C structs, the module, and what put_disk releases besides (blk-mq's hardware contexts). */
interface c_disk { disk: gendisk; addr: number; queue: number; mod: module | null; release: () => void }

interface GenhdKapiState {
  disks: Map<number, c_disk>;
  by_disk: Map<gendisk, c_disk>;
  /** The C struct block_device of each of a C disk's block devices (part0 at allocation, partitions when first handed to C). */
  bdevs: Map<block_device, number>;
  queues: Map<number, request_queue>;
}
const st = defineState<GenhdKapiState>('kapi-genhd', () => ({ disks: new Map(), by_disk: new Map(), bdevs: new Map(), queues: new Map() }));

const GENDISK_FIELDS = ['major', 'first_minor', 'minors', 'flags', 'state', 'open_partitions'] as const;
const BDEV_FIELDS = ['bd_start_sect', 'bd_nr_sectors', 'bd_read_only', 'bd_dev', 'bd_partno'] as const;
const QUEUE_FIELDS = ['queue_flags'] as const;

/** The C struct block_device of `b` (made on first use for a partition of a C disk), or 0 for another driver's disk. */
export function c_bdev(b: block_device): number {
  const s = st();
  let a = s.bdevs.get(b);
  if (a !== undefined) return a;
  const d = s.by_disk.get(b.bd_disk);
  if (!d) return 0;
  a = kmalloc(struct_block_device.SIZE, __GFP_ZERO);
  const v = block_device_view(a);
  v.bd_disk = d.addr;
  v.bd_queue = d.queue;
  bind_fields(b, v, BDEV_FIELDS);
  s.bdevs.set(b, a);
  return a;
}

/** The kernel's queue behind a C struct request_queue * (for the limit setters). */
export const c_queue = (a: number): request_queue | null => st().queues.get(a) ?? null;
/** The C struct request_queue * of a C disk's queue (0 for another driver's). */
export const c_queue_addr = (q: request_queue): number => (q.disk ? st().by_disk.get(q.disk)?.queue ?? 0 : 0);
const c_gendisk = (a: number): c_disk | null => st().disks.get(a) ?? null;

/**
 * Gives the kernel's disk `disk` on queue `q` its C structs (blk_mq_alloc_disk's half of the work): the queue with the
 * driver's queuedata, the gendisk and its part0. Returns the C struct gendisk *.
 */
export function c_gendisk_alloc(disk: gendisk, q: request_queue, queuedata: number, mq_ops: number, release: () => void): number {
  const s = st();
  const qa = kmalloc(struct_request_queue.SIZE, __GFP_ZERO);
  const qv = request_queue_view(qa);
  qv.queuedata = queuedata;
  qv.mq_ops = mq_ops;
  qv.queue_depth = q.nr_requests;
  qv.nr_hw_queues = q.nr_hw_queues;
  bind_fields(q, qv, QUEUE_FIELDS);
  s.queues.set(qa, q);
  const a = kmalloc(struct_gendisk.SIZE, __GFP_ZERO);
  const v = gendisk_view(a);
  const d: c_disk = { disk, addr: a, queue: qa, mod: calling_module(), release };
  s.disks.set(a, d);
  s.by_disk.set(disk, d);
  v.queue = qa;
  v.node_id = -1;
  v.diskseq = disk.diskseq;
  bind_fields(disk, v, GENDISK_FIELDS);
  bind_char_array(disk, 'disk_name', a + struct_gendisk.OFF.disk_name, 32);
  bind_fields(disk, v, ['private_data'], { private_data: ptr_adapter });
  v.part0 = c_bdev(disk.part0);
  return a;
}

/** hd_geometry from C: the driver fills a struct zeroed but for start (as blkdev_getgeo presets it), the kernel copies it back. */
function getgeo_c(slot: number, d: c_disk): NonNullable<block_device_operations['getgeo']> {
  return (bdev: block_device, geo: hd_geometry): number => {
    const g = kmalloc(struct_hd_geometry.SIZE, __GFP_ZERO);
    const v = hd_geometry_view(g);
    v.start = geo.start;
    const r = call_slot_atomic(slot, [c_bdev(bdev), g], 'getgeo', d.mod) as number;
    if (!r) Object.assign(geo, { heads: v.heads, sectors: v.sectors, cylinders: v.cylinders, start: v.start });
    kfree(g);
    return r;
  };
}

/** The driver's block_device_operations as the kernel calls them. */
function c_block_fops(fops: number, d: c_disk): block_device_operations {
  const v = block_device_operations_view(fops);
  const open = v.open, release = v.release, ioctl = v.ioctl, getgeo = v.getgeo, submit_bio = v.submit_bio;
  return {
    // A bio-based driver: submit_bio_noacct hands it each bio, staged in kernel pages, to end with bio_endio.
    ...(submit_bio ? { submit_bio: c_submit_bio(submit_bio, d.mod, c_bdev) } : {}),
    ...(open ? { open: function* (bdev: block_device, mode: number): KGen<number> { return (yield* call_slot(open, [c_bdev(bdev), mode], 'open', d.mod)) as number; } } : {}),
    // blkdev_put runs release without sleeping here, so the driver's release is called atomically.
    ...(release ? { release: (_disk: gendisk, mode: number): void => { call_slot_atomic(release, [d.addr, mode], 'release', d.mod); } } : {}),
    ...(ioctl ? { ioctl: function* (bdev: block_device, mode: number, cmd: number, arg: number): KGen<number> { return (yield* call_slot(ioctl, [c_bdev(bdev), mode, cmd, arg], 'ioctl', d.mod)) as number; } } : {}),
    ...(getgeo ? { getgeo: getgeo_c(getgeo, d) } : {}),
    owner: d.mod,
  };
}

/** device_add_disk: the fops and numbers the driver wrote go live; the block class registers the disk and scans its partitions. */
function* device_add_disk_c(parent: number, disk_a: number, _groups: number): KGen<number> {
  const d = c_gendisk(disk_a);
  if (!d) return -EINVAL;
  const fops = gendisk_view(disk_a).fops;
  d.disk.fops = fops ? c_block_fops(fops, d) : {};
  const r = yield* device_add_disk(parent ? c_device(parent) : null, d.disk);
  if (!r) track_resource('gendisk', d.disk.disk_name, () => { const g = del_gendisk_c(disk_a); for (let x = g.next(); !x.done; x = g.next()); put_disk_c(disk_a); }, d.mod);
  return r;
}

function* del_gendisk_c(disk_a: number): KGen<void> {
  const d = c_gendisk(disk_a);
  if (!d || !(d.disk.state & (1 << 4))) return;
  untrack_resource((r) => r.kind === 'gendisk' && r.name === d.disk.disk_name);
  yield* del_gendisk(d.disk);
}

/** put_disk: the C structs go; the kernel's objects keep their last values for whoever still holds them. */
function put_disk_c(disk_a: number): void {
  const s = st();
  const d = c_gendisk(disk_a);
  if (!d) return;
  for (const b of d.disk.part_tbl) {
    const a = b ? s.bdevs.get(b) : undefined;
    if (b && a !== undefined) { unbind_fields(b, BDEV_FIELDS); s.bdevs.delete(b); kfree(a); }
  }
  const a = s.bdevs.get(d.disk.part0);
  if (a !== undefined) { unbind_fields(d.disk.part0, BDEV_FIELDS); s.bdevs.delete(d.disk.part0); kfree(a); }
  unbind_fields(d.disk, [...GENDISK_FIELDS, 'disk_name', 'private_data']);
  d.release();
  unbind_fields(d.disk.queue, QUEUE_FIELDS);
  s.queues.delete(d.queue);
  s.disks.delete(disk_a);
  s.by_disk.delete(d.disk);
  kfree(d.queue);
  kfree(disk_a);
}

/** On a queue C names: `fn(q)`, nothing for a pointer that is no queue. */
const on_queue = <A extends unknown[]>(fn: (q: request_queue, ...a: A) => void) => (qa: number, ...a: A): void => { const q = c_queue(qa); if (q) fn(q, ...a); };

/** blk_queue_logical_block_size: the physical size and io_min follow up, and the sector limits round to whole blocks. */
function logical_block_size(q: request_queue, size: number): void {
  const l = q.limits;
  l.logical_block_size = size;
  if (l.physical_block_size < size) l.physical_block_size = size;
  if (l.io_min < l.physical_block_size) l.io_min = l.physical_block_size;
  const per = size >> 9;
  l.max_hw_sectors -= l.max_hw_sectors % per;
  l.max_sectors -= l.max_sectors % per;
}

/** blk_queue_max_hw_sectors: at least a page; max_sectors capped at BLK_DEF_MAX_SECTORS, both in whole logical blocks. */
function max_hw_sectors(q: request_queue, n: number): void {
  const l = q.limits, per = l.logical_block_size >> 9;
  if (n << 9 < 4096) { n = 8; pr_info(`blk_queue_max_hw_sectors: set to minimum ${n}`); }
  l.max_hw_sectors = n - (n % per);
  const m = Math.min(l.max_dev_sectors ? Math.min(l.max_hw_sectors, l.max_dev_sectors) : l.max_hw_sectors, BLK_DEF_MAX_SECTORS);
  l.max_sectors = m - (m % per);
}

export const ksymtab = EXPORT_KAPI({
  __register_blkdev: (major: number, name: number, _probe: number) => {
    const n = kread_cstr(name, 64);
    const r = register_blkdev(major, n);
    if (r >= 0) track_resource('block major', `${r || major} ${n}`, () => unregister_blkdev(r || major, n));
    return r;
  },
  unregister_blkdev: (major: number, name: number) => {
    const n = kread_cstr(name, 64);
    untrack_resource((r) => r.kind === 'block major' && r.name === `${major} ${n}`);
    unregister_blkdev(major, n);
  },
  set_capacity: (disk_a: number, size: bigint) => { const d = c_gendisk(disk_a); if (d) set_capacity(d.disk, Number(size)); },
  set_disk_ro: (disk_a: number, ro: number) => {
    const d = c_gendisk(disk_a);
    if (d) d.disk.state = ro ? d.disk.state | (1 << GD_READ_ONLY) : d.disk.state & ~(1 << GD_READ_ONLY);
  },
  // blk_alloc_disk(node): a disk on a queue without blk-mq; the driver's fops->submit_bio takes its bios.
  __blk_alloc_disk: (_node: number, _lkclass: number) => { const disk = blk_alloc_disk(); return c_gendisk_alloc(disk, disk.queue, 0, 0, () => {}); },
  device_add_disk: device_add_disk_c,
  del_gendisk: del_gendisk_c,
  put_disk: put_disk_c,
  blk_queue_flag_set: (flag: number, qa: number) => { const q = c_queue(qa); if (q && flag < 32) blk_queue_flag_set(flag, q); },
  blk_queue_flag_clear: (flag: number, qa: number) => { const q = c_queue(qa); if (q && flag < 32) blk_queue_flag_clear(flag, q); },
  blk_queue_logical_block_size: on_queue((q, size: number) => logical_block_size(q, size)),
  blk_queue_physical_block_size: on_queue((q, size: number) => {
    const l = q.limits;
    l.physical_block_size = Math.max(size, l.logical_block_size);
    if (l.io_min < l.physical_block_size) l.io_min = l.physical_block_size;
  }),
  blk_queue_max_hw_sectors: on_queue((q, n: number) => max_hw_sectors(q, n)),
  blk_queue_max_segments: on_queue((q, n: number) => { q.limits.max_segments = Math.max(1, n & 0xffff); }),
  blk_queue_max_segment_size: on_queue((q, n: number) => { q.limits.max_segment_size = Math.max(4096, n >>> 0); }),
});
