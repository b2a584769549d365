// Models the disk lookup of linux/block/genhd.c and bdev.c (the bdev map): which gendisk answers a device number, per machine.
import type { dev_t } from '../include/linux/fs_types.ts';
import { MAJOR, MINOR } from '../include/linux/fs_types.ts';
import { defineState } from '../kernel/state.ts';

/** What a driver does with sectors: synchronous byte-range copies (a RAM disk's submit_bio). */
export interface block_device_operations {
  /** Copies `len` bytes at byte offset `off` of the disk into a new array. */
  read(disk: gendisk, off: number, len: number): Uint8Array;
  write(disk: gendisk, off: number, data: Uint8Array): void;
}

export interface gendisk {
  major: number;
  first_minor: number;
  minors: number;
  disk_name: string;
  fops: block_device_operations;
  /** Size in 512-byte sectors (set_capacity). */
  capacity: number;
  private_data: unknown;
  read_only: boolean;
}

export const blkState = defineState('genhd', () => ({ majors: [] as { major: number; name: string }[], disks: [] as gendisk[], sourced: false }));

/** The disk owning a device number (get_gendisk / blkdev_get_no_open). */
export function get_gendisk(dev: dev_t): gendisk | null {
  return blkState().disks.find((d) => d.major === MAJOR(dev) && MINOR(dev) >= d.first_minor && MINOR(dev) < d.first_minor + d.minors) ?? null;
}

