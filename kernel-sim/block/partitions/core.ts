// Models linux/block/partitions/core.c: reading a disk's partition table (efi, then msdos, as check_part orders them) and adding its partitions as block devices (BLKRRPART drops and re-reads them).
import type { KGen } from '../../include/linux/sched.ts';
import { type gendisk, DISK_MAX_PARTS, GENHD_FL_NO_PART, get_capacity } from '../../include/linux/blkdev.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { EBUSY } from '../../include/uapi/asm-generic/errno.ts';
import { printk, KERN_INFO } from '../../kernel/printk/printk.ts';
import { bdev_alloc, bdev_add, bdev_unhash, blkState } from '../bdev.ts';
import { blkdev_rw_sectors } from '../fops.ts';
import type { parsed_partitions } from './check.ts';
import { efi_partition } from './efi.ts';
import { msdos_partition } from './msdos.ts';

const BLOCK_EXT_MAJOR = 259;
/** check_part[]: the parsers in the order Linux tries them. */
const check_part: ReadonlyArray<(s: parsed_partitions) => number> = [efi_partition, msdos_partition];

/** blk_alloc_ext_minor: partitions past the disk's own minors get numbers under major 259. */
function blk_alloc_ext_minor(): number {
  const used = new Set<number>();
  for (const dev of blkState().bdevs.keys()) if (dev >>> 20 === BLOCK_EXT_MAJOR) used.add(dev & 0xfffff);
  let m = 0;
  while (used.has(m)) m++;
  return m;
}

/**
 * check_partition: runs the parsers over sectors read through the block layer. A parser is a pure function of
 * the sectors it asks for; the ones it missed are read and it runs again (a chain of EBRs takes a few rounds).
 */
function* check_partition(disk: gendisk): KGen<parsed_partitions | null> {
  const cache = new Map<number, Uint8Array>();
  for (let round = 0; round < 64; round++) {
    const missing: number[] = [];
    const state: parsed_partitions = {
      name: disk.disk_name, nr_sectors: get_capacity(disk), parts: [], pp_buf: ` ${disk.disk_name}:`,
      limit: disk.minors || DISK_MAX_PARTS,
      read(sector, n) {
        if (sector + n > get_capacity(disk)) return null;
        const out = new Uint8Array(n * 512);
        for (let i = 0; i < n; i++) {
          const s = cache.get(sector + i);
          if (!s) { missing.push(sector + i); continue; }
          out.set(s, i * 512);
        }
        return missing.length ? out : out;
      },
    };
    let res = 0;
    for (const parse of check_part) {
      res = parse(state);
      if (missing.length || res) break;
    }
    if (!missing.length) return res > 0 ? state : null;
    for (const s of new Set(missing)) {
      const buf = new Uint8Array(4096);
      const n = Math.min(8, get_capacity(disk) - s);
      const r = yield* blkdev_rw_sectors(disk.part0, s, buf.subarray(0, n * 512), false);
      if (r < 0) { printk(`${KERN_INFO} ${disk.disk_name}: unable to read partition table`); return null; }
      for (let i = 0; i < n; i++) cache.set(s + i, buf.slice(i * 512, i * 512 + 512));
    }
  }
  return null;
}

/**
 * bdev_disk_changed: drops the disk's partitions (-EBUSY while one is open) and adds those of its table;
 * add/del make and remove their devices (the block class, a layer up).
 */
export function* bdev_disk_changed(disk: gendisk, _invalidate: boolean, add: (p: block_device) => KGen<number>, del: (p: block_device) => KGen<void>): KGen<number> {
  if (disk.open_partitions) return -EBUSY;
  for (let i = 1; i < disk.part_tbl.length; i++) {
    const p = disk.part_tbl[i];
    if (!p) continue;
    yield* del(p);
    bdev_unhash(p);
    disk.part_tbl[i] = undefined;
  }
  disk.part_tbl.length = 1;
  if (disk.flags & GENHD_FL_NO_PART || !get_capacity(disk)) return 0;
  const state = yield* check_partition(disk);
  if (!state) return 0;
  printk(`${KERN_INFO}${state.pp_buf}`);
  for (const pp of state.parts) {
    if (pp.start >= get_capacity(disk)) continue;
    const p = bdev_alloc(disk, pp.partno);
    p.bd_start_sect = pp.start;
    p.bd_nr_sectors = Math.min(pp.size, get_capacity(disk) - pp.start);
    p.bd_meta_info = pp.volname || pp.uuid ? { volname: pp.volname, uuid: pp.uuid } : null;
    bdev_add(p, pp.partno < disk.minors ? MKDEV(disk.major, disk.first_minor + pp.partno) : MKDEV(BLOCK_EXT_MAJOR, blk_alloc_ext_minor()));
    disk.part_tbl[pp.partno] = p;
    const r = yield* add(p);
    if (r < 0) { bdev_unhash(p); disk.part_tbl[pp.partno] = undefined; }
  }
  return 0;
}
