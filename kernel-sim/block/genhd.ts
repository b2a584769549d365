// Models linux/block/genhd.c: block major numbers (register_blkdev, /proc/devices "Block devices:"), gendisks (add_disk) and looking a disk up by number or name.
import type { dev_t } from '../include/linux/fs_types.ts';
import { MKDEV, MAJOR, MINOR } from '../include/linux/fs_types.ts';
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { blkState, get_gendisk, type gendisk } from './bdev.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_add_source } from '../fs/proc/placeholders.ts';
import { devtmpfs_create_node } from '../drivers/base/devtmpfs.ts';

export const BLKDEV_MAJOR_MAX = 512;
export const SECTOR_SHIFT = 9;

export type { block_device_operations, gendisk } from './bdev.ts';
export { get_gendisk } from './bdev.ts';

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

export function disk_devt(disk: gendisk): dev_t { return MKDEV(disk.major, disk.first_minor); }

export function set_capacity(disk: gendisk, sectors: number): void { disk.capacity = sectors; }
export function get_capacity(disk: gendisk): number { return disk.capacity; }

/** add_disk: the disk becomes visible by number and as /dev/NAME. */
export function add_disk(disk: gendisk): number {
  blkState().disks.push(disk);
  devtmpfs_create_node(disk.disk_name, 0o660, disk_devt(disk), 0, 6, true);
  return 0;
}

/** blk_lookup_devt: a disk's number from its name ("ram0"), or 0. */
export function blk_lookup_devt(name: string): dev_t {
  const d = blkState().disks.find((x) => x.disk_name === name);
  return d ? disk_devt(d) : 0;
}

/** __bdevname: "ram0" for a known disk, "unknown-block(M,m)" otherwise. */
export function bdevname(dev: dev_t): string {
  const d = get_gendisk(dev);
  return d ? d.disk_name : `unknown-block(${MAJOR(dev)},${MINOR(dev)})`;
}

/** Synchronous read of a byte range of the disk behind `dev` (bdev reads of the page cache, for filesystems' fill_super). */
export function bdev_read(dev: dev_t, off: number, len: number): Uint8Array | null {
  const d = get_gendisk(dev);
  if (!d || off < 0 || len < 0 || off + len > d.capacity * 512) return null;
  return d.fops.read(d, off, len);
}

export function all_disks(): gendisk[] { return blkState().disks; }
