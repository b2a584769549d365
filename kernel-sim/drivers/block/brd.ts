// Models linux/drivers/block/brd.c: the RAM disk, major 1 "ramdisk", /dev/ram0 backed by 4 KiB pages allocated on first write; here it starts out holding a romfs image of the machine's root tree.
import { pr_info } from '../../kernel/printk/printk.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_blkdev, add_disk, set_capacity, type gendisk, type block_device_operations } from '../../block/genhd.ts';
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

/** copy_from_brd / copy_to_brd: byte ranges split over pages; holes read as zeroes. */
const brd_fops: block_device_operations = {
  read(disk, off, len) {
    const b = disk.private_data as brd_device;
    const out = new Uint8Array(len);
    for (let done = 0; done < len;) {
      const pos = off + done, idx = Math.floor(pos / PAGE_SIZE), po = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - po, len - done);
      const p = brd_page(b, idx, false);
      if (p) out.set(p.subarray(po, po + n), done);
      done += n;
    }
    return out;
  },
  write(disk, off, data) {
    const b = disk.private_data as brd_device;
    for (let done = 0; done < data.length;) {
      const pos = off + done, idx = Math.floor(pos / PAGE_SIZE), po = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - po, data.length - done);
      brd_page(b, idx, true)!.set(data.subarray(done, done + n), po);
      done += n;
    }
  },
};

/** brd_alloc: one disk ram<i> of `bytes`, preloaded with `image`. */
function brd_alloc(i: number, bytes: number, image: Uint8Array): gendisk {
  const disk: gendisk = {
    major: RAMDISK_MAJOR, first_minor: i, minors: 1, disk_name: `ram${i}`, fops: brd_fops, capacity: 0,
    private_data: { pages: new Map() } as brd_device, read_only: false,
  };
  set_capacity(disk, Math.ceil(bytes / 512));
  if (image.length) brd_fops.write(disk, 0, image);
  add_disk(disk);
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
