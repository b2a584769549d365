// Models linux/mm/swapfile.c: swap areas — swapon(2) and swapoff(2) on a block device or a regular file (the swap header check, the swap map, extents, priorities), /proc/swaps, si_swapinfo, and the swap-slot helpers hibernation writes its image through (swap_type_of, find_first_swap, alloc_swapdev_block, swapdev_block).
//
// The model never pages anonymous memory out (there is no reclaim to swap), so
// a swap area's slots are used only by the hibernation image: inuse_pages,
// /proc/swaps' Used and SwapFree move while an image is being written.
import type { KGen } from '../include/linux/sched.ts';
import type { dev_t, file, inode } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import type { block_device } from '../include/linux/blk_types.ts';
import { QUEUE_FLAG_NONROT, blk_queue_flag_test } from '../include/linux/blkdev.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EBUSY, EINVAL, ENODEV, ENOENT, EPERM } from '../include/uapi/asm-generic/errno.ts';
import { O_LARGEFILE, O_RDWR, S_ISBLK, S_ISDIR, S_ISREG } from '../include/uapi/stat.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { blkdev_get_by_dev, blkdev_put, FMODE_EXCL } from '../block/bdev.ts';
import { blkdev_rw_sectors } from '../block/fops.ts';
import { filp_open } from '../fs/open.ts';
import { fput } from '../fs/file.ts';
import { kernel_read } from '../fs/kernel_read_file.ts';
import { d_path } from '../fs/dcache.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_add_source } from '../fs/proc/placeholders.ts';
import { capable, CAP_SYS_ADMIN } from '../kernel/capability.ts';
import { current } from '../kernel/sched/core.ts';
import { defineState } from '../kernel/state.ts';
import { pr_err, pr_info, pr_warn } from '../kernel/printk/printk.ts';
import { strncpy_from_user } from './uaccess.ts';
import { EXT2_SUPER_MAGIC } from '../fs/ext2/ext2_fs.ts';
import { ext2_get_block } from '../fs/ext2/inode.ts';
import { sb_bdev } from '../fs/buffer.ts';

export const PAGE_SIZE = 4096;
const PAGE_SHIFT = 12;

/** include/linux/swap.h: the flags swapon(2) takes. */
export const SWAP_FLAG_PREFER = 0x8000, SWAP_FLAG_PRIO_MASK = 0x7fff, SWAP_FLAG_PRIO_SHIFT = 0;
export const SWAP_FLAG_DISCARD = 0x10000, SWAP_FLAG_DISCARD_ONCE = 0x20000, SWAP_FLAG_DISCARD_PAGES = 0x40000;
const SWAP_FLAGS_VALID = SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES;

/** swap_info_struct.flags (the ones the model uses). */
export const SWP_USED = 1 << 0, SWP_WRITEOK = 1 << 1, SWP_DISCARDABLE = 1 << 2, SWP_BLKDEV = 1 << 6, SWP_SOLIDSTATE = 1 << 4;
const SWP_AREA_DISCARD = 1 << 8, SWP_PAGE_DISCARD = 1 << 9;

/**
 * MAX_SWAPFILES on Debian's x86-64 6.1: 32 swap types less the ones swap entries borrow for device-private memory (4),
 * migration (3), hwpoison (1), PTE markers (1) and swapin errors (1).
 */
const MAX_SWAPFILES = 32 - 4 - 3 - 1 - 1 - 1;
/** swapfile_maximum_size: the largest swap offset an x86-64 swap PTE holds (50 bits of offset). */
const SWAPFILE_MAXIMUM_SIZE = 2 ** 50;
/** MAX_SWAP_BADPAGES: what fits in the header page after the header fields. */
const MAX_SWAP_BADPAGES = (PAGE_SIZE - 1536) / 4;
/** CONFIG_FRONTSWAP is set in Debian's 6.1 (zswap), so swapon gives each area a frontswap map: "FS" in its line. */
const CONFIG_FRONTSWAP = true;

/** The swap map's values (swap_map[]): 0 free, SWAP_MAP_BAD for the header and bad pages, 1 for a slot in use. */
const SWAP_MAP_BAD = 0x3f;

/** One run of swap pages on the device (swap_extent): page offsets [start_page, start_page + nr_pages) at start_block. */
export interface swap_extent { start_page: number; nr_pages: number; start_block: number }

export interface swap_info_struct {
  type: number;
  flags: number;
  prio: number;
  /** The area's usable pages (header and bad pages left out). */
  pages: number;
  inuse_pages: number;
  /** Pages the header says the area spans (last_page + 1). */
  max: number;
  swap_map: Uint8Array;
  extents: swap_extent[];
  /** The open swap file or device (swap_file) and the block device the area's IO goes to. */
  swap_file: file;
  bdev: block_device | null;
  /** swapon's argument as given, for its dmesg line. */
  name: string;
  /** Next slot to try when allocating (cluster_next). */
  cluster_next: number;
  /** The device pages from the area's first to its last page (setup_swap_extents' span). */
  span: number;
}

const swapState = defineState('swapfile', () => ({
  swap_info: [] as (swap_info_struct | null)[],
  /** least_priority: areas without a priority get -2, -3, ... in swapon order. */
  least_priority: -1,
  /** S_SWAPFILE: the inodes of active swap files and devices. */
  swap_inodes: new Set<inode>(),
  total_swap_pages: 0,
  nr_swap_pages: 0,
}));

/** IS_SWAPFILE(inode). */
export const IS_SWAPFILE = (ino: inode): boolean => swapState().swap_inodes.has(ino);

/** The active areas in swap_info[] order (swap_active_head is by priority; the model keeps both views). */
export function swap_areas(): swap_info_struct[] {
  return swapState().swap_info.filter((p): p is swap_info_struct => !!p && (p.flags & SWP_WRITEOK) !== 0);
}

/** si_swapinfo(): SwapTotal and SwapFree in pages. */
export function si_swapinfo(): { totalswap: number; freeswap: number } {
  const s = swapState();
  return { totalswap: s.total_swap_pages, freeswap: s.nr_swap_pages };
}

/** alloc_swap_info(): a free slot of swap_info[], or -EPERM when all MAX_SWAPFILES are taken. */
function alloc_swap_info(): number {
  const info = swapState().swap_info;
  let type = info.findIndex((p) => !p);
  if (type < 0) type = info.length;
  return type >= MAX_SWAPFILES ? -EPERM : type;
}

/** claim_swapfile(): a block device is opened exclusively (a mounted or already-swapped device is -EBUSY). */
function* claim_swapfile(holder: object, ino: inode): KGen<{ bdev: block_device | null; flags: number } | number> {
  if (S_ISBLK(ino.i_mode)) {
    const b = yield* blkdev_get_by_dev(ino.i_rdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL, holder);
    return typeof b === 'number' ? b : { bdev: b, flags: SWP_BLKDEV };
  }
  return { bdev: S_ISREG(ino.i_mode) ? sb_bdev(ino.i_sb) : null, flags: 0 };
}

/** union swap_header's v1 fields: version at 1024, last_page, nr_badpages, then the bad page list at 1536. */
interface swap_header { magic: string; version: number; last_page: number; nr_badpages: number; badpages: number[] }

function parse_swap_header(page: Uint8Array): swap_header {
  const dv = new DataView(page.buffer, page.byteOffset, PAGE_SIZE);
  const nr = dv.getUint32(1032, true);
  return {
    magic: String.fromCharCode(...page.subarray(PAGE_SIZE - 10)),
    version: dv.getUint32(1024, true),
    last_page: dv.getUint32(1028, true),
    nr_badpages: nr,
    badpages: Array.from({ length: Math.min(nr, MAX_SWAP_BADPAGES) }, (_, i) => dv.getUint32(1536 + 4 * i, true)),
  };
}

/** read_swap_header(): the area's size in pages from a SWAPSPACE2 header, or 0 with the reason logged. */
function read_swap_header(h: swap_header, ino: inode, bdev: block_device | null): number {
  if (h.magic !== 'SWAPSPACE2') {
    pr_err('Unable to find swap-space signature');
    return 0;
  }
  // The endianness hack (a byte-swapped header from another architecture) is not modelled: x86-64 only.
  if (h.version !== 1) {
    pr_warn(`Unable to handle swap header version ${h.version}`);
    return 0;
  }
  let maxpages = SWAPFILE_MAXIMUM_SIZE;
  if (!h.last_page) {
    pr_warn('Empty swap-file');
    return 0;
  }
  if (h.last_page > maxpages) pr_warn(`Truncating oversized swap area, only using ${maxpages * 4}k out of ${h.last_page * 4}k`);
  if (maxpages > h.last_page) maxpages = h.last_page + 1;
  const swapfilepages = Math.floor(i_size(ino, bdev) / PAGE_SIZE);
  if (swapfilepages && maxpages > swapfilepages) {
    pr_warn('Swap area shorter than signature indicates');
    return 0;
  }
  if (h.nr_badpages && S_ISREG(ino.i_mode)) return 0;
  if (h.nr_badpages > MAX_SWAP_BADPAGES) return 0;
  return maxpages;
}

/** i_size_read(mapping->host): a block device's mapping is its bd_inode, whose size is the device's. */
function i_size(ino: inode, bdev: block_device | null): number {
  return S_ISBLK(ino.i_mode) && bdev ? bdev.bd_nr_sectors * 512 : ino.i_size;
}

/**
 * bmap(): the device block under a file block, 0 for a hole or a filesystem without bmap. Of the model's
 * filesystems ext2 maps blocks (ext2_bmap through ext2_get_block); tmpfs and ramfs have none, as in 6.1.
 */
function bmap(ino: inode, block: number): number {
  return ino.i_sb.s_magic === EXT2_SUPER_MAGIC ? Math.max(0, ext2_get_block(ino, block, false)) : 0;
}

/**
 * generic_swapfile_activate(): each page of the file must be a page-aligned run of blocks on the device; such pages
 * become extents (contiguous ones merged, add_swap_extent), others are skipped, a hole refuses the file.
 */
function generic_swapfile_activate(p: swap_info_struct, ino: inode): number {
  const blkbits = Math.log2(ino.i_sb.s_blocksize), blocks_per_page = PAGE_SIZE >> blkbits;
  const last_block = Math.floor(ino.i_size / ino.i_sb.s_blocksize);
  let probe_block = 0, page_no = 0, nr_extents = 0, lowest = Infinity, highest = 0;
  p.extents = [];
  probe: while (probe_block + blocks_per_page <= last_block && page_no < p.max) {
    const first_block = bmap(ino, probe_block);
    if (!first_block) { pr_err('swapon: swapfile has holes'); return -EINVAL; }
    if (first_block & (blocks_per_page - 1)) { probe_block++; continue; }
    for (let b = 1; b < blocks_per_page; b++) {
      const blk = bmap(ino, probe_block + b);
      if (!blk) { pr_err('swapon: swapfile has holes'); return -EINVAL; }
      if (blk !== first_block + b) { probe_block++; continue probe; }
    }
    const page_block = first_block >> (PAGE_SHIFT - blkbits);
    if (page_no) { lowest = Math.min(lowest, page_block); highest = Math.max(highest, page_block); }
    const last = p.extents[p.extents.length - 1];
    if (last && last.start_page + last.nr_pages === page_no && last.start_block + last.nr_pages === page_block) last.nr_pages++;
    else { p.extents.push({ start_page: page_no, nr_pages: 1, start_block: page_block }); nr_extents++; }
    page_no++;
    probe_block += blocks_per_page;
  }
  p.span = page_no > 1 ? 1 + highest - lowest : 0;
  p.max = Math.max(page_no, 1);
  p.pages = p.max - 1;
  return nr_extents;
}

/**
 * setup_swap_extents(): a block device is one extent from its first page, spanning its usable pages; a regular file
 * is mapped through its filesystem's bmap.
 */
function setup_swap_extents(p: swap_info_struct, ino: inode): number {
  if (S_ISBLK(ino.i_mode)) {
    p.extents = [{ start_page: 0, nr_pages: p.max, start_block: 0 }];
    p.span = p.pages;
    return 1;
  }
  return generic_swapfile_activate(p, ino);
}

/** setup_swap_map_and_extents(): the header page and bad pages marked, the extents made; the extent count or -errno. */
function setup_swap_map_and_extents(p: swap_info_struct, h: swap_header, ino: inode): number {
  let nr_good_pages = p.max - 1;
  for (const page_nr of h.badpages) {
    if (page_nr === 0 || page_nr > h.last_page) return -EINVAL;
    if (page_nr < p.max) {
      p.swap_map[page_nr] = SWAP_MAP_BAD;
      nr_good_pages--;
    }
  }
  let nr_extents = 0;
  if (nr_good_pages) {
    p.swap_map[0] = SWAP_MAP_BAD;
    p.pages = nr_good_pages;
    nr_extents = setup_swap_extents(p, ino);
    if (nr_extents < 0) return nr_extents;
    nr_good_pages = p.pages;
  }
  if (!nr_good_pages) {
    pr_warn('Empty swap-file');
    return -EINVAL;
  }
  return nr_extents;
}

/** The swapon flags' discard policy on a device that can discard (bdev_max_discard_sectors); none can in the model's default disks. */
function discard_flags(swap_flags: number, bdev: block_device | null): number {
  if (!(swap_flags & SWAP_FLAG_DISCARD) || !bdev?.bd_disk.queue.limits.max_discard_sectors) return 0;
  let f = SWP_DISCARDABLE | SWP_AREA_DISCARD | SWP_PAGE_DISCARD;
  if (swap_flags & SWAP_FLAG_DISCARD_ONCE) f &= ~SWP_PAGE_DISCARD;
  else if (swap_flags & SWAP_FLAG_DISCARD_PAGES) f &= ~SWP_AREA_DISCARD;
  return f;
}

/** The file's inode (file_inode; a block device file's is the device node's). */
const file_inode = (f: file): inode => f.f_inode;

/** Whether two open files are the same swap target (swap_file->f_mapping == mapping): one device, or one inode. */
function same_mapping(a: file, b: file): boolean {
  const ia = file_inode(a), ib = file_inode(b);
  if (S_ISBLK(ia.i_mode) && S_ISBLK(ib.i_mode)) return ia.i_rdev === ib.i_rdev;
  return ia === ib;
}

/** enable_swap_info(): the area takes its priority and becomes usable (SWP_WRITEOK), its pages counted. */
function enable_swap_info(p: swap_info_struct, prio: number): void {
  const s = swapState();
  p.prio = prio >= 0 ? prio : --s.least_priority;
  p.flags |= SWP_WRITEOK;
  s.total_swap_pages += p.pages;
  s.nr_swap_pages += p.pages;
  s.swap_info[p.type] = p;
}

function* sys_swapon(specialfile: number, swap_flags: number): KGen<number> {
  if (swap_flags & ~SWAP_FLAGS_VALID) return -EINVAL;
  if (!capable(CAP_SYS_ADMIN)) return -EPERM;
  const type = alloc_swap_info();
  if (type < 0) return type;
  const name = strncpy_from_user(specialfile);
  if (typeof name === 'number') return name;
  const swap_file = yield* filp_open(name, O_RDWR | O_LARGEFILE);
  if (typeof swap_file === 'number') return swap_file;
  const holder = {};
  const claimed = yield* claim_swapfile(holder, file_inode(swap_file));
  if (typeof claimed === 'number') {
    yield* fput(swap_file);
    return claimed;
  }
  const error = yield* swapon_claimed(type, name, swap_file, claimed.bdev, claimed.flags, swap_flags);
  if (error) {
    if (claimed.flags & SWP_BLKDEV && claimed.bdev) blkdev_put(claimed.bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
    yield* fput(swap_file);
  }
  return error;
}

/** swapon's work once the file is open and claimed: header, swap map, extents, then enable; 0 or -errno. */
function* swapon_claimed(type: number, name: string, swap_file: file, bdev: block_device | null, flags: number, swap_flags: number): KGen<number> {
  const ino = file_inode(swap_file);
  if (swap_file.f_path.dentry.d_unhashed) return -ENOENT;
  if (IS_SWAPFILE(ino)) return -EBUSY;
  if (S_ISDIR(ino.i_mode)) return -EINVAL; // no read_folio for a directory's mapping
  const page = yield* read_header_page(swap_file, bdev);
  if (typeof page === 'number') return page;
  const h = parse_swap_header(page);
  const maxpages = read_swap_header(h, ino, bdev);
  if (!maxpages) return -EINVAL;
  const rq = bdev?.bd_disk.queue;
  if (rq && blk_queue_flag_test(QUEUE_FLAG_NONROT, rq)) flags |= SWP_SOLIDSTATE;
  const p: swap_info_struct = {
    type, flags: flags | SWP_USED, prio: 0, pages: 0, inuse_pages: 0, max: maxpages, swap_map: new Uint8Array(maxpages),
    extents: [], swap_file, bdev: bdev ?? null, name, cluster_next: 1, span: 0,
  };
  const nr_extents = setup_swap_map_and_extents(p, h, ino);
  if (nr_extents < 0) return nr_extents;
  p.flags |= discard_flags(swap_flags, bdev);
  swapState().swap_inodes.add(ino);
  if (bdev && S_ISBLK(ino.i_mode)) bdev.bd_swapfile = true; // a block device's S_SWAPFILE is on its bd_inode
  enable_swap_info(p, swap_flags & SWAP_FLAG_PREFER ? (swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT : -1);
  const f = p.flags;
  pr_info(`Adding ${p.pages << (PAGE_SHIFT - 10)}k swap on ${name}.  Priority:${p.prio} extents:${nr_extents} across:${p.span << (PAGE_SHIFT - 10)}k ` +
    `${f & SWP_SOLIDSTATE ? 'SS' : ''}${f & SWP_DISCARDABLE ? 'D' : ''}${f & SWP_AREA_DISCARD ? 's' : ''}${f & SWP_PAGE_DISCARD ? 'c' : ''}${CONFIG_FRONTSWAP ? 'FS' : ''}`);
  return 0;
}

/** read_mapping_page(mapping, 0): the area's first page, from the device or through the file. */
function* read_header_page(swap_file: file, bdev: block_device | null): KGen<Uint8Array | number> {
  if (bdev && S_ISBLK(file_inode(swap_file).i_mode)) {
    const page = new Uint8Array(PAGE_SIZE);
    const r = yield* blkdev_rw_sectors(bdev, 0, page, false);
    return r < 0 ? r : page;
  }
  const data = yield* kernel_read(swap_file, PAGE_SIZE, 0);
  if (typeof data === 'number') return data;
  const page = new Uint8Array(PAGE_SIZE);
  page.set(data.subarray(0, PAGE_SIZE));
  return page;
}

function* sys_swapoff(specialfile: number): KGen<number> {
  if (!capable(CAP_SYS_ADMIN)) return -EPERM;
  const name = strncpy_from_user(specialfile);
  if (typeof name === 'number') return name;
  const victim = yield* filp_open(name, O_RDWR | O_LARGEFILE);
  if (typeof victim === 'number') return victim;
  const s = swapState();
  const p = swap_areas().find((a) => same_mapping(a.swap_file, victim));
  yield* fput(victim);
  if (!p) return -EINVAL;
  // try_to_unuse(): no page of the model's memory is ever in a swap slot, and an image's slots are freed once written.
  p.flags &= ~SWP_WRITEOK;
  s.total_swap_pages -= p.pages;
  s.nr_swap_pages -= p.pages - p.inuse_pages;
  // Areas after it in priority order move up one, and the next swapon reuses the priority.
  if (p.prio < 0) {
    for (const o of swap_areas()) if (o.prio < p.prio) o.prio++;
    s.least_priority++;
  }
  s.swap_info[p.type] = null;
  s.swap_inodes.delete(file_inode(p.swap_file));
  if (p.bdev && S_ISBLK(file_inode(p.swap_file).i_mode)) {
    p.bdev.bd_swapfile = false;
    blkdev_put(p.bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
  }
  yield* fput(p.swap_file);
  return 0;
}

/** swap_show(): /proc/swaps' line per area, the path padded to 40 columns, tabs as 6.1 prints them. */
function swap_show(m: Parameters<typeof seq_puts>[0]): void {
  for (const si of swap_areas()) {
    const path = d_path(si.swap_file.f_path, current().fs.root).replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
    const bytes = si.pages << (PAGE_SHIFT - 10), inuse = si.inuse_pages << (PAGE_SHIFT - 10);
    const pad = ' '.repeat(path.length < 40 ? 40 - path.length : 1);
    const kind = S_ISBLK(file_inode(si.swap_file).i_mode) ? 'partition' : 'file\t';
    seq_puts(m, `${path}${pad}${kind}\t${bytes}\t${bytes < 10000000 ? '\t' : ''}${inuse}\t${inuse < 10000000 ? '\t' : ''}${si.prio}\n`);
  }
}

/** swap_type_of(): the area on `device` (whose first page is at `offset` pages on it), or -ENODEV. */
export function swap_type_of(device: dev_t, offset: number): number {
  if (!device) return -ENODEV;
  const p = swap_areas().find((a) => a.bdev?.bd_dev === device && swapdev_block(a.type, 0) === offset);
  return p ? p.type : -ENODEV;
}

/** find_first_swap(): the first usable area that is not a swap file on a filesystem; its type and device. */
export function find_first_swap(): { type: number; device: dev_t } | number {
  const p = swap_areas().find((a) => a.bdev && S_ISBLK(file_inode(a.swap_file).i_mode));
  return p && p.bdev ? { type: p.type, device: p.bdev.bd_dev } : -ENODEV;
}

export const swap_info = (type: number): swap_info_struct | null => swapState().swap_info[type] ?? null;

/** swapdev_block(): the device block (in pages) of page `offset` of the area, through its extents; -1 if unmapped. */
export function swapdev_block(type: number, offset: number): number {
  const p = swap_info(type);
  const e = p?.extents.find((x) => offset >= x.start_page && offset < x.start_page + x.nr_pages);
  return e ? e.start_block + offset - e.start_page : -1;
}

/** alloc_swapdev_block(): a free slot of the area marked used (get_swap_page_of_type), as a device block; 0 when full. */
export function alloc_swapdev_block(type: number): number {
  const p = swap_info(type);
  if (!p || !(p.flags & SWP_WRITEOK)) return 0;
  for (let n = 0; n < p.max; n++) {
    const off = ((p.cluster_next - 1 + n) % (p.max - 1)) + 1;
    if (p.swap_map[off]) continue;
    p.swap_map[off] = 1;
    p.inuse_pages++;
    swapState().nr_swap_pages--;
    p.cluster_next = off + 1;
    return swapdev_block(type, off);
  }
  return 0;
}

/** free_all_swap_pages(): the slots the image took go back (swap_free of each one alloc_swapdev_block gave). */
export function free_swap_slots(type: number, blocks: readonly number[]): void {
  const p = swap_info(type);
  if (!p) return;
  for (const b of blocks) {
    const e = p.extents.find((x) => b >= x.start_block && b < x.start_block + x.nr_pages);
    const off = e ? e.start_page + b - e.start_block : -1;
    if (off > 0 && p.swap_map[off] === 1) {
      p.swap_map[off] = 0;
      p.inuse_pages--;
      swapState().nr_swap_pages++;
    }
  }
}

/** procswaps_init(): /proc/swaps prints the areas under the header the placeholder keeps. */
function procswaps_init(): number {
  proc_add_source('swaps', swap_show);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'procswaps_init', procswaps_init, 2_000]];

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('swapon', ['path', 'hex'], sys_swapon),
  SYSCALL_DEFINE('swapoff', ['path'], sys_swapoff),
];
