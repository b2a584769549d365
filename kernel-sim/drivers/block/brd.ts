// Models linux/drivers/block/brd.c: the RAM disk (a bio-based driver, as in 6.1), major 1 "ramdisk", /dev/ram0 backed by 4 KiB pages allocated on first write; here it starts out holding a romfs image of the machine's root tree.
import { pr_info } from '../../kernel/printk/printk.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_blkdev, add_disk, set_capacity, blk_alloc_disk, type gendisk, type block_device_operations } from '../../block/genhd.ts';
import { bio_endio, bio_for_each_segment } from '../../block/bio.ts';
import { type bio, bio_op, op_is_write } from '../../include/linux/blk_types.ts';
import { GENHD_FL_NO_PART, QUEUE_FLAG_NONROT, blk_queue_flag_set } from '../../include/linux/blkdev.ts';
import { run_sync } from '../../drivers/base/sync.ts';
import { initramfs_image } from '../../init/initramfs.ts';
import { mkromfs } from '../../fs/romfs/mkromfs.ts';

export const RAMDISK_MAJOR = 1;
/** CONFIG_BLK_DEV_RAM_SIZE, in KiB. */
export const RD_SIZE_KB = 4096;
const PAGE_SIZE = 4096;

interface brd_device { pages: Map<number, Uint8Array> }

const brdState = defineState('brd', () => ({ devices: [] as gendisk[] }));

function brd_page(b: brd_device, idx: number, alloc: boolean): Uint8Array | null {
  let p = b.pages.get(idx) ?? null;
  if (!p && alloc) { p = new Uint8Array(PAGE_SIZE); b.pages.set(idx, p); }
  return p;
}

/** brd_submit_bio: each segment copied to or from the pages (holes read as zeroes), then the bio ends, all in the submitter's context. */
function brd_submit_bio(bio: bio): void {
  const b = bio.bi_bdev!.bd_disk.private_data as brd_device;
  const write = op_is_write(bio_op(bio.bi_opf));
  bio_for_each_segment(bio, (data, sector) => {
    for (let done = 0; done < data.length;) {
      const pos = sector * 512 + done, idx = Math.floor(pos / PAGE_SIZE), po = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - po, data.length - done);
      const p = brd_page(b, idx, write);
      if (write) p!.set(data.subarray(done, done + n), po);
      else if (p) data.set(p.subarray(po, po + n), done); else data.fill(0, done, done + n);
      done += n;
    }
  });
  bio_endio(bio);
}

const brd_fops: block_device_operations = { submit_bio: brd_submit_bio };

/** brd_alloc: one disk ram<i> of `bytes`, preloaded with `image` (the pages written directly, as a loader would). */
function brd_alloc(i: number, bytes: number, image: Uint8Array): gendisk {
  const dev: brd_device = { pages: new Map() };
  for (let off = 0; off < image.length; off += PAGE_SIZE) brd_page(dev, off / PAGE_SIZE, true)!.set(image.subarray(off, off + PAGE_SIZE));
  const disk = blk_alloc_disk();
  disk.major = RAMDISK_MAJOR; disk.first_minor = i; disk.minors = 1; disk.disk_name = `ram${i}`;
  disk.fops = brd_fops; disk.private_data = dev; disk.flags |= GENHD_FL_NO_PART;
  set_capacity(disk, Math.ceil(bytes / 512));
  blk_queue_flag_set(QUEUE_FLAG_NONROT, disk.queue);
  run_sync(add_disk(disk), 'brd_alloc');
  brdState().devices.push(disk);
  return disk;
}

export function brd_init(): number {
  const r = register_blkdev(RAMDISK_MAJOR, 'ramdisk');
  if (r < 0) return r;
  const image = mkromfs(initramfs_image(), 'rom ram0');
  const bytes = Math.max(RD_SIZE_KB * 1024, Math.ceil(image.length / PAGE_SIZE) * PAGE_SIZE);
  brd_alloc(0, bytes, image);
  pr_info('brd: module loaded');
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'brd_init', brd_init, 350_000]];
