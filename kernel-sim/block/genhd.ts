// Models linux/block/genhd.c: block major numbers (register_blkdev, /proc/devices "Block devices:"), allocating gendisks, add_disk/del_gendisk and looking a disk up by number or name.
import type { dev_t } from '../include/linux/fs_types.ts';
import { MKDEV, MAJOR, MINOR } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { type gendisk, type request_queue, blk_default_limits, GD_ADDED, GD_DEAD, QUEUE_FLAG_NOWAIT } from '../include/linux/blkdev.ts';
import { blkState, bdev_alloc, bdev_add, bdev_unhash, type add_disk_hooks } from './bdev.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_add_source } from '../fs/proc/placeholders.ts';
import { type block_device, REQ_OP_READ } from '../include/linux/blk_types.ts';
import { bio_alloc, bio_add_page, PAGE_SIZE } from './bio.ts';

export const BLKDEV_MAJOR_MAX = 512;
export const BLOCK_EXT_MAJOR = 259;
export { SECTOR_SHIFT } from '../include/linux/blk_types.ts';

export type { block_device_operations, gendisk } from './bdev.ts';
export { get_gendisk } from './bdev.ts';
export { get_capacity } from '../include/linux/blkdev.ts';

/** Reserves a block major; 0 picks a free one from 254 down. Returns the major (or 0 for a fixed one), or -errno. */
export function register_blkdev(major: number, name: string): number {
  const s = blkState();
  if (!s.sourced) {
    s.sourced = true;
    proc_add_source('blkdev', (m) => { for (const r of blkState().majors) seq_puts(m, `${String(r.major).padStart(3, ' ')} ${r.name}\n`); });
  }
  if (major < 0 || major >= BLKDEV_MAJOR_MAX) return -EINVAL;
  let ret = 0;
  if (major === 0) {
    for (let m = 254; m > 0; m--) if (!s.majors.some((r) => r.major === m)) { major = m; break; }
    if (major === 0) return -EBUSY;
    ret = major;
  }
  if (s.majors.some((r) => r.major === major)) return -EBUSY;
  s.majors.push({ major, name });
  s.majors.sort((a, b) => a.major - b.major);
  return ret;
}

export function unregister_blkdev(major: number, name: string): void {
  const s = blkState();
  s.majors = s.majors.filter((r) => !(r.major === major && r.name === name));
}

export function disk_devt(disk: gendisk): dev_t { return disk.part0.bd_dev || MKDEV(disk.major, disk.first_minor); }

/** set_capacity: the disk's size in 512-byte sectors. */
export function set_capacity(disk: gendisk, sectors: number): void { disk.part0.bd_nr_sectors = sectors; }

/** blk_alloc_queue: a queue for a bio-based driver (no blk-mq). */
export function blk_alloc_queue(): request_queue {
  return {
    queuedata: null, queue_flags: 1 << QUEUE_FLAG_NOWAIT, limits: blk_default_limits(), mq_ops: null, tag_set: null, queue_ctx: [], queue_hw_ctx: [],
    nr_hw_queues: 0, elevator: null, disk: null, nr_requests: 128, rq_timeout: 0, last_merge: null, requeue_list: [], nr_flushes: 0,
    iostats_passthrough: 0, dma_pad_mask: 0, id: -1, ra_pages: 32, wbt_lat_nsec: -1, mq_freeze_depth: 0, timeout_timer: null,
    requeue_timer: null, quiesce_depth: 0,
  };
}

/** __alloc_disk_node: a gendisk on queue `q`, with its whole-disk block_device (part0). */
export function __alloc_disk_node(q: request_queue): gendisk {
  const disk = {
    major: 0, first_minor: 0, minors: 0, disk_name: '', flags: 0, state: 0, part_tbl: [], fops: {}, queue: q, private_data: null,
    open_partitions: 0, slave_dir: null, queue_kobj: null, mq_kobj: null, events: 0, diskseq: ++blkState().diskseq,
  } as unknown as gendisk;
  disk.part0 = bdev_alloc(disk, 0);
  disk.part_tbl[0] = disk.part0;
  q.disk = disk;
  return disk;
}

/** blk_alloc_disk: a bio-based driver's disk and queue. */
export function blk_alloc_disk(): gendisk {
  return __alloc_disk_node(blk_alloc_queue());
}

/**
 * device_add_disk: the disk's numbers become live; its device, sysfs and partitions follow through the
 * registered hooks (the block class is a layer above the bdev map).
 */
export function* device_add_disk(parent: unknown, disk: gendisk, hooks: add_disk_hooks | null = blk_hooks()): KGen<number> {
  if (!disk.minors && !disk.major) return -EINVAL;
  const devt = MKDEV(disk.major, disk.first_minor);
  bdev_add(disk.part0, devt);
  blkState().disks.push(disk);
  disk.state |= 1 << GD_ADDED;
  if (hooks) {
    const r = yield* hooks.register(disk, parent);
    if (r < 0) { disk.state &= ~(1 << GD_ADDED); bdev_unhash(disk.part0); blkState().disks = blkState().disks.filter((d) => d !== disk); return r; }
  }
  return 0;
}

export function* add_disk(disk: gendisk): KGen<number> {
  return yield* device_add_disk(null, disk);
}

/** del_gendisk: the disk and its partitions go away; IO still queued fails. */
export function* del_gendisk(disk: gendisk): KGen<void> {
  const hooks = blk_hooks();
  if (hooks) yield* hooks.unregister(disk);
  disk.state |= 1 << GD_DEAD;
  for (const p of disk.part_tbl) if (p) bdev_unhash(p);
  const s = blkState();
  s.disks = s.disks.filter((d) => d !== disk);
}

export function put_disk(_disk: gendisk): void {}

/** The block class installs the sysfs/uevent half of add_disk at its initcall (block/genhd_sysfs.ts). */
export function blk_hooks(): add_disk_hooks | null { return blkState().hooks; }
export function blk_set_hooks(h: add_disk_hooks): void { blkState().hooks = h; }

/** blk_lookup_devt: a disk's (or partition's) number from its name ("vda", "vda1"), or 0. */
export function blk_lookup_devt(name: string): dev_t {
  for (const b of blkState().bdevs.values()) if (bdev_name(b) === name) return b.bd_dev;
  return 0;
}

export function bdev_name(b: block_device): string {
  const n = b.bd_disk.disk_name;
  return b.bd_partno ? (/[0-9]$/.test(n) ? `${n}p${b.bd_partno}` : `${n}${b.bd_partno}`) : n;
}

/** __bdevname: "ram0" for a known device, "unknown-block(M,m)" otherwise. */
export function bdevname(dev: dev_t): string {
  const b = blkState().bdevs.get(dev);
  return b ? bdev_name(b) : `unknown-block(${MAJOR(dev)},${MINOR(dev)})`;
}

export function all_disks(): gendisk[] { return blkState().disks; }

/**
 * Synchronous read of a byte range of a bio-based disk that completes in submit_bio (a RAM disk), for
 * callers that cannot sleep (romfs' fill_super); null for other disks or a range past the end.
 */
export function bdev_read(dev: dev_t, off: number, len: number): Uint8Array | null {
  const b = blkState().bdevs.get(dev);
  if (!b || off < 0 || len < 0 || off + len > b.bd_nr_sectors * 512 || !b.bd_disk.fops.submit_bio) return null;
  const out = new Uint8Array(len);
  const first = Math.floor(off / 512), last = Math.ceil((off + len) / 512);
  const buf = new Uint8Array((last - first) * 512);
  let ok = true;
  for (let pos = 0; pos < buf.length; pos += PAGE_SIZE) {
    const n = Math.min(PAGE_SIZE, buf.length - pos);
    const bio = bio_alloc(b, 1, REQ_OP_READ);
    bio.bi_iter.bi_sector = first + pos / 512 + b.bd_start_sect;
    bio_add_page(bio, buf.subarray(pos, pos + n), n, 0);
    let done = false;
    bio.bi_end_io = (x) => { done = true; if (x.bi_status) ok = false; };
    b.bd_disk.fops.submit_bio(bio);
    if (!done) return null;
  }
  if (!ok) return null;
  out.set(buf.subarray(off - first * 512, off - first * 512 + len));
  return out;
}
