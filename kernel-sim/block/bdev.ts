// Models linux/block/bdev.c: the block_device of each disk and partition by number (the bdev map), opening and closing them (blkdev_get_by_dev, blkdev_put).
import type { dev_t } from '../include/linux/fs_types.ts';
import { FMODE_WRITE } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { type block_device, new_disk_stats } from '../include/linux/blk_types.ts';
import { type gendisk, disk_live } from '../include/linux/blkdev.ts';
import { EBUSY, ENXIO } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';

export type { block_device_operations, gendisk } from '../include/linux/blkdev.ts';
export type { block_device } from '../include/linux/blk_types.ts';

/** FMODE_EXCL: open for exclusive use by `holder` (a mounted filesystem). */
export const FMODE_EXCL = 0x80;

export const blkState = defineState('genhd', () => ({
  majors: [] as { major: number; name: string }[],
  /** Disks in the order they were added (block_class's device list). */
  disks: [] as gendisk[],
  /** Every block_device by number, whole disks and partitions (the bdev inode hash). */
  bdevs: new Map<dev_t, block_device>(),
  sourced: false,
  /** disk_seq counter (diskseq). */
  diskseq: 0,
  /** The sysfs/uevent/partition half of add_disk and del_gendisk, installed by the block class's initcall. */
  hooks: null as add_disk_hooks | null,
}));

/** What device_add_disk and del_gendisk run above the bdev map (block/genhd_sysfs.ts). */
export interface add_disk_hooks {
  register(disk: gendisk, parent: unknown): KGen<number>;
  unregister(disk: gendisk): KGen<void>;
  /** BLKRRPART: drop and re-read the partition table; -EBUSY while a partition is open. */
  rescan(disk: gendisk): KGen<number>;
}

/** bdev_alloc: the block_device of partition `partno` of `disk`, not yet hashed. */
export function bdev_alloc(disk: gendisk, partno: number): block_device {
  return {
    bd_start_sect: 0, bd_nr_sectors: 0, bd_stats: new_disk_stats(), bd_dev: 0, bd_disk: disk, bd_partno: partno,
    bd_read_only: false, bd_openers: 0, bd_holder: null, bd_holders: 0, bd_device: null, bd_meta_info: null,
  };
}

/** bdev_add: the device becomes findable by its number. */
export function bdev_add(bdev: block_device, dev: dev_t): void {
  bdev.bd_dev = dev;
  blkState().bdevs.set(dev, bdev);
}

export function bdev_unhash(bdev: block_device): void {
  const m = blkState().bdevs;
  if (m.get(bdev.bd_dev) === bdev) m.delete(bdev.bd_dev);
}

/** blkdev_get_no_open: the block_device of a number, if its disk is live. */
export function blkdev_get_no_open(dev: dev_t): block_device | null {
  const b = blkState().bdevs.get(dev);
  return b && disk_live(b.bd_disk) ? b : null;
}

/** The disk owning a device number (get_gendisk). */
export function get_gendisk(dev: dev_t): gendisk | null {
  return blkdev_get_no_open(dev)?.bd_disk ?? null;
}

/**
 * blkdev_get_by_dev: opens the block device `dev` (FMODE_READ/WRITE, FMODE_EXCL with a holder, as a
 * mount does); the disk's fops.open runs on the first open. Returns the block_device or -errno.
 */
export function* blkdev_get_by_dev(dev: dev_t, mode: number, holder: unknown = null): KGen<block_device | number> {
  const bdev = blkdev_get_no_open(dev);
  if (!bdev) return -ENXIO;
  if (mode & FMODE_EXCL && bdev.bd_holder !== null && bdev.bd_holder !== holder) return -EBUSY;
  const disk = bdev.bd_disk;
  if (disk.fops.open && disk.part0.bd_openers === 0) {
    const r = yield* disk.fops.open(bdev, mode);
    if (r < 0) return r;
  }
  bdev.bd_openers++;
  if (bdev !== disk.part0) { disk.part0.bd_openers++; if (bdev.bd_openers === 1) disk.open_partitions++; }
  if (mode & FMODE_EXCL) { bdev.bd_holder = holder; bdev.bd_holders++; }
  return bdev;
}

/** blkdev_put: closes what blkdev_get_by_dev opened (same mode). */
export function blkdev_put(bdev: block_device, mode: number): void {
  const disk = bdev.bd_disk;
  if (mode & FMODE_EXCL && bdev.bd_holders > 0 && --bdev.bd_holders === 0) bdev.bd_holder = null;
  if (bdev.bd_openers > 0) bdev.bd_openers--;
  if (bdev !== disk.part0) {
    if (disk.part0.bd_openers > 0) disk.part0.bd_openers--;
    if (bdev.bd_openers === 0 && disk.open_partitions > 0) disk.open_partitions--;
  }
  if (disk.part0.bd_openers === 0) disk.fops.release?.(disk, mode);
}

/** Whether writing to the device is refused (bdev_read_only); FMODE_WRITE opens check it in blkdev_open. */
export const bdev_write_denied = (bdev: block_device, mode: number): boolean =>
  (mode & FMODE_WRITE) !== 0 && (bdev.bd_read_only || bdev.bd_disk.part0.bd_read_only);
