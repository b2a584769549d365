// Models linux/kernel/power/swap.c: the hibernation image on a swap area — swsusp_write() (get_swap_writer through swsusp_swap_check, swap_map pages chaining the image's slots, save_image with its progress lines, mark_swapfiles turning SWAPSPACE2 into S1SUSPEND), swsusp_check() (the signature found and reset) and swsusp_read() (load_image).
//
// The writer is 6.1's uncompressed one (save_image/load_image, what Linux uses
// with hibernate=nocompress): the model's memory pages have no contents to
// compress, so Linux's default LZO path ("Compressing and saving image data")
// is not modelled and every image carries SF_NOCOMPRESS_MODE. The image's
// pages are real blocks on the swap device, written and read through the
// block layer (blktrace sees them): the swsusp_info header, the page frame
// list, and one page per copied page holding its frame number (the model
// keeps no page contents; see snapshot.ts).
import type { KGen } from '../../include/linux/sched.ts';
import { FMODE_READ, FMODE_WRITE } from '../../include/linux/fs_types.ts';
import { type block_device, REQ_OP_READ, REQ_OP_WRITE, REQ_SYNC } from '../../include/linux/blk_types.ts';
import { EFAULT, EINVAL, ENODATA, ENODEV, ENOSPC, ENXIO, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { blkdev_get_by_dev, blkdev_get_no_open, blkdev_put, FMODE_EXCL } from '../../block/bdev.ts';
import { dio_submit_wait } from '../../block/fops.ts';
import { bio_alloc, bio_add_page } from '../../block/bio.ts';
import { bio_rw_nowait } from '../../fs/buffer.ts';
import { alloc_swapdev_block, find_first_swap, free_swap_slots, swap_info, swap_type_of, si_swapinfo } from '../../mm/swapfile.ts';
import { memState } from '../../mm/meminfo.ts';
import { init_nsproxy } from '../nsproxy.ts';
import { num_online_cpus } from '../cpu.ts';
import { pr_cont, pr_err, pr_info } from '../printk/printk.ts';
import { DEFINE_DYNAMIC_DEBUG_METADATA, __dynamic_pr_debug } from '../../lib/dynamic_debug.ts';

// The pr_debug() call sites of Linux 6.1's kernel/power/swap.c (KBUILD_MODNAME swap), for /proc/dynamic_debug/control.
const dd = (fn: string, line: number, fmt: string) => DEFINE_DYNAMIC_DEBUG_METADATA('swap', fn, 'kernel/power/swap.c', line, fmt);
const DD_free_swap = dd('enough_swap', 894, 'Free swap pages: %u\n');
const DD_loaded = dd('swsusp_read', 1507, 'Image successfully loaded\n');
const DD_resume_error = dd('swsusp_read', 1509, 'Error %d resuming\n');
const DD_sig_found = dd('swsusp_check', 1556, 'Image signature found, resuming\n');
const DD_not_found = dd('swsusp_check', 1562, 'Image not found (code %d)\n');
import { ktime_get } from '../time/timekeeping.ts';
import { defineState } from '../state.ts';
import { pmState } from './power.ts';
import { snapshot_get_image_size, snapshot_image_pages, snapshot_nr_copy_pages, swsusp_show_speed } from './snapshot.ts';

const PAGE_SIZE = 4096;
const SECTORS_PER_PAGE = PAGE_SIZE >> 9;
/** swap_map_page: 511 slot numbers and the next map page's slot. */
const MAP_PAGE_ENTRIES = PAGE_SIZE / 8 - 1;
/** PAGES_FOR_IO (snapshot.c): enough_swap() keeps this many slots spare. */
const PAGES_FOR_IO = 1024;
/** The header flags (swsusp_header->flags): the image was made in platform mode, uncompressed. */
export const SF_PLATFORM_MODE = 1, SF_NOCOMPRESS_MODE = 2;
const HIBERNATE_SIG = 'S1SUSPEND';
/** LINUX_VERSION_CODE of 6.1. */
const LINUX_VERSION_CODE = (6 << 16) | (1 << 8);
/** Pages submitted per batch of the image's IO (hib_bio_batch keeps them in flight together). */
const BATCH = 256;

/** struct swsusp_header's fields, at the end of the swap area's first page (x86-64 layout). */
const HDR = { hw_sig: 4056, crc32: 4060, image: 4064, flags: 4072, orig_sig: 4076, sig: 4086 } as const;

const hibSwapState = defineState('hibernate_swap', () => ({
  /** root_swap: the swap type the image goes to (-1 none). */
  root_swap: -1,
  /** The slots the writer took (swsusp_extents), freed again when the image is not kept. */
  slots: [] as number[],
  /** The flags of the image read back last (swsusp_read's *flags_p). */
  flags: 0,
  /** The signature page swsusp_check() found an image in (swsusp_header, a static page in swap.c). */
  header: null as Uint8Array | null,
}));

const sig_of = (page: Uint8Array, at: number): string => String.fromCharCode(...page.subarray(at, at + 10)).replace(/\0+$/, '');

/** hib_submit_io for many pages at once: each (slot, page) written or read, a page per swap slot; 0 or -errno. */
function* hib_io(bdev: block_device, write: boolean, pages: [number, Uint8Array][], may_sleep: boolean): KGen<number> {
  if (!pages.length) return 0;
  const segs = pages.map(([slot, data]) => ({ sector: slot * SECTORS_PER_PAGE, data }));
  if (may_sleep) return yield* dio_submit_wait(bdev, write ? REQ_OP_WRITE | REQ_SYNC : REQ_OP_READ, segs, true);
  // From an initcall (software_resume at boot) the IO cannot sleep: each run of slots is one bio, polled to completion.
  for (let i = 0; i < segs.length;) {
    const b = bio_alloc(bdev, 64, write ? REQ_OP_WRITE | REQ_SYNC : REQ_OP_READ);
    b.bi_iter.bi_sector = segs[i]!.sector;
    let n = 0;
    while (i < segs.length && n < 64 && segs[i]!.sector === b.bi_iter.bi_sector + n * SECTORS_PER_PAGE) {
      bio_add_page(b, segs[i]!.data, PAGE_SIZE, 0);
      i++; n++;
    }
    const r = bio_rw_nowait(b);
    if (r) return r;
  }
  return 0;
}

/** swsusp_swap_check(): the swap area on the resume device (resume=, /sys/power/resume) or the first one; its type. */
function swsusp_swap_check(): number {
  const s = pmState();
  let res: number;
  if (s.resume_dev) {
    res = swap_type_of(s.resume_dev, s.resume_offset);
  } else {
    const f = find_first_swap();
    if (typeof f === 'number') return f;
    s.resume_dev = f.device;
    res = f.type;
  }
  if (res >= 0) hibSwapState().root_swap = res;
  return res;
}

/** The swap map handle of the writer: the current map page, its slot, the first map page's slot. */
interface swap_map_handle { cur: Uint8Array; cur_swap: number; k: number; first_sector: number; queue: [number, Uint8Array][] }

function alloc_slot(): number {
  const st = hibSwapState();
  const b = alloc_swapdev_block(st.root_swap);
  if (b) st.slots.push(b);
  return b;
}

/** swap_write_page(): a page to a new slot, recorded in the map page; a full map page goes out chained to the next. */
function* swap_write_page(h: swap_map_handle, bdev: block_device, buf: Uint8Array): KGen<number> {
  const offset = alloc_slot();
  if (!offset) return -ENOSPC;
  h.queue.push([offset, buf]);
  new DataView(h.cur.buffer).setBigUint64(h.k++ * 8, BigInt(offset), true);
  if (h.k >= MAP_PAGE_ENTRIES) {
    const next = alloc_slot();
    if (!next) return -ENOSPC;
    new DataView(h.cur.buffer).setBigUint64(MAP_PAGE_ENTRIES * 8, BigInt(next), true);
    h.queue.push([h.cur_swap, h.cur]);
    h.cur = new Uint8Array(PAGE_SIZE);
    h.cur_swap = next;
    h.k = 0;
  }
  if (h.queue.length < BATCH) return 0;
  const q = h.queue;
  h.queue = [];
  return yield* hib_io(bdev, true, q, true);
}

/** The swsusp_info header page: utsname, version, the machine's pages, CPUs, the image's size. */
function swsusp_info_page(image_pages: number, pages: number): Uint8Array {
  const page = new Uint8Array(PAGE_SIZE);
  const uts = init_nsproxy()?.uts_ns.name;
  const enc = new TextEncoder();
  [uts?.sysname, uts?.nodename, uts?.release, uts?.version, uts?.machine, uts?.domainname].forEach((s, i) => page.set(enc.encode(s ?? '').subarray(0, 64), i * 65));
  const dv = new DataView(page.buffer);
  dv.setUint32(392, LINUX_VERSION_CODE, true);
  dv.setBigUint64(400, BigInt(get_num_physpages()), true);
  dv.setInt32(408, num_online_cpus(), true);
  dv.setBigUint64(416, BigInt(image_pages), true);
  dv.setBigUint64(424, BigInt(pages), true);
  dv.setBigUint64(432, BigInt(pages * PAGE_SIZE), true);
  return page;
}

/** get_num_physpages(): the machine's RAM in pages. */
const get_num_physpages = (): number => Math.floor(memState().total_bytes / PAGE_SIZE);

/** check_header() / check_image_kernel(): why an image cannot be restored by this kernel, or null. */
function image_mismatch(page: Uint8Array): string | null {
  const dv = new DataView(page.buffer, page.byteOffset, PAGE_SIZE);
  const field = (i: number): string => new TextDecoder().decode(page.subarray(i * 65, i * 65 + 65)).replace(/\0.*$/s, '');
  const uts = init_nsproxy()?.uts_ns.name;
  if (dv.getUint32(392, true) !== LINUX_VERSION_CODE) return 'kernel version';
  if (field(0) !== uts?.sysname) return 'system type';
  if (field(2) !== uts?.release) return 'kernel release';
  if (field(4) !== uts?.machine) return 'machine';
  if (field(3) !== uts?.version) return 'version';
  if (Number(dv.getBigUint64(400, true)) !== get_num_physpages()) return 'memory size';
  return null;
}

/** What the progress lines of save_image/load_image print: every tenth of the pages, from 0%. */
function progress(nr_pages: number, m: number, verb: 'saving' | 'loading'): void {
  if (!(nr_pages % m)) pr_info(`PM: Image ${verb} progress: ${String((nr_pages / m) * 10).padStart(3)}%`);
}

/** save_image(): the metadata and data pages after the header, with the progress and speed lines. */
function* save_image(h: swap_map_handle, bdev: block_device, nr_to_write: number): KGen<number> {
  pr_info(`PM: Saving image data pages (${nr_to_write} pages)...`);
  const m = Math.floor(nr_to_write / 10) || 1;
  const start = ktime_get();
  let ret = 0, nr_pages = 0;
  for (const page of snapshot_image_pages(snapshot_nr_copy_pages())) {
    ret = yield* swap_write_page(h, bdev, page);
    if (ret) break;
    progress(nr_pages, m, 'saving');
    nr_pages++;
  }
  const q = h.queue;
  h.queue = [];
  const err2 = yield* hib_io(bdev, true, q, true);
  if (!ret) ret = err2;
  if (!ret) pr_info('PM: Image saving done');
  swsusp_show_speed(start, ktime_get(), nr_to_write, 'Wrote');
  return ret;
}

/** mark_swapfiles(): the area's signature page gets HIBERNATE_SIG, the old signature and where the image starts. */
function* mark_swapfiles(bdev: block_device, first_sector: number, flags: number): KGen<number> {
  const page = new Uint8Array(PAGE_SIZE);
  let error = yield* hib_io(bdev, false, [[pmState().resume_offset, page]], true);
  if (error) return error;
  const sig = sig_of(page, HDR.sig);
  if (sig !== 'SWAP-SPACE' && sig !== 'SWAPSPACE2') {
    pr_err('PM: Swap header not found!');
    return -ENODEV;
  }
  page.copyWithin(HDR.orig_sig, HDR.sig, HDR.sig + 10);
  page.set(new TextEncoder().encode(HIBERNATE_SIG.padEnd(10, '\0')), HDR.sig);
  const dv = new DataView(page.buffer);
  dv.setBigUint64(HDR.image, BigInt(first_sector), true);
  dv.setUint32(HDR.flags, flags, true);
  error = yield* hib_io(bdev, true, [[pmState().resume_offset, page]], true);
  return error;
}

/** swsusp_write(): the image to swap — the writer, enough_swap (uncompressed), the header, save_image, the mark. */
export function* swsusp_write(flags: number): KGen<number> {
  flags |= SF_NOCOMPRESS_MODE;
  const pages = snapshot_get_image_size();
  const res = swsusp_swap_check();
  if (res < 0) {
    if (res !== -ENOSPC) pr_err('PM: Cannot find swap device, try swapon -a');
    pr_err('PM: Cannot get swap writer');
    return res;
  }
  const opened = yield* blkdev_get_by_dev(pmState().resume_dev, FMODE_WRITE);
  if (typeof opened === 'number') {
    pr_err('PM: Cannot find swap device, try swapon -a');
    pr_err('PM: Cannot get swap writer');
    return opened;
  }
  const bdev = opened;
  const st = hibSwapState();
  st.slots = [];
  const first = alloc_slot();
  let error = 0;
  if (!first) {
    pr_err('PM: Cannot get swap writer');
    error = -ENOSPC;
  } else {
    const h: swap_map_handle = { cur: new Uint8Array(PAGE_SIZE), cur_swap: first, k: 0, first_sector: first, queue: [] };
    // enough_swap(): count_swap_pages(root_swap, 1) must exceed the image plus PAGES_FOR_IO.
    __dynamic_pr_debug(DD_free_swap, `PM: Free swap pages: ${si_swapinfo().freeswap}`);
    if (si_swapinfo().freeswap <= PAGES_FOR_IO + pages) {
      pr_err('PM: Not enough free swap');
      error = -ENOSPC;
    }
    if (!error) error = yield* swap_write_page(h, bdev, swsusp_info_page(snapshot_nr_copy_pages(), pages));
    if (!error) error = yield* save_image(h, bdev, pages - 1);
    // swap_writer_finish(): "S" and "|" around the signature's rewrite, then the last map page.
    if (!error) {
      pr_info('PM: S');
      error = yield* mark_swapfiles(bdev, h.first_sector, flags);
      pr_cont('|\n');
      h.queue.push([h.cur_swap, h.cur]);
      yield* hib_io(bdev, true, h.queue, true);
    }
  }
  if (error) free_image_slots();
  blkdev_put(bdev, FMODE_WRITE);
  return error;
}

/** free_all_swap_pages(root_swap): the image's slots go back to the swap area. */
export function free_image_slots(): void {
  const st = hibSwapState();
  if (st.root_swap >= 0 && swap_info(st.root_swap)) free_swap_slots(st.root_swap, st.slots);
  st.slots = [];
}

/**
 * swsusp_check(): the resume device's signature page; HIBERNATE_SIG there means an image: the old signature is
 * written back at once ("Reset swap signature now") and 0 returned. -EINVAL without an image, -ENXIO with no device.
 * `may_sleep` is false at boot (software_resume runs from an initcall, whose IO is polled).
 */
export function* swsusp_check(snapshot_test: boolean, may_sleep = true): KGen<number> {
  const bdev = blkdev_get_no_open(pmState().resume_dev);
  if (!bdev) return -ENXIO;
  // FMODE_EXCL only for test_resume, with a holder of its own (a local's address in 6.1.176): a swap area on the
  // device already holds it, so that open is -EBUSY.
  const mode = FMODE_READ | (snapshot_test ? FMODE_EXCL : 0);
  const opened = yield* blkdev_get_by_dev(bdev.bd_dev, mode, {});
  if (typeof opened === 'number') {
    __dynamic_pr_debug(DD_not_found, `PM: Image not found (code ${opened})`);
    return opened;
  }
  const page = new Uint8Array(PAGE_SIZE);
  let error = yield* hib_io(opened, false, [[pmState().resume_offset, page]], may_sleep);
  if (!error && sig_of(page, HDR.sig) === HIBERNATE_SIG) {
    page.copyWithin(HDR.sig, HDR.orig_sig, HDR.orig_sig + 10);
    error = yield* hib_io(opened, true, [[pmState().resume_offset, page]], may_sleep);
    hibSwapState().header = page;
  } else if (!error) {
    error = -EINVAL;
  }
  blkdev_put(opened, mode);
  if (error) __dynamic_pr_debug(DD_not_found, `PM: Image not found (code ${error})`);
  else __dynamic_pr_debug(DD_sig_found, 'PM: Image signature found, resuming');
  return error;
}

/** The slots of the image in the order they were written, from its chain of swap_map pages. */
function* read_map(bdev: block_device, first: number, may_sleep: boolean, want: number): KGen<number[] | number> {
  const slots: number[] = [];
  for (let map = first; map && slots.length < want;) {
    const page = new Uint8Array(PAGE_SIZE);
    const r = yield* hib_io(bdev, false, [[map, page]], may_sleep);
    if (r) return r;
    const dv = new DataView(page.buffer);
    for (let k = 0; k < MAP_PAGE_ENTRIES && slots.length < want; k++) slots.push(Number(dv.getBigUint64(k * 8, true)));
    map = Number(dv.getBigUint64(MAP_PAGE_ENTRIES * 8, true));
  }
  return slots.length === want ? slots : -EFAULT;
}

/**
 * swsusp_read(): the header page checked against this kernel ("Image mismatch: ..."), then load_image() reads every
 * metadata and data page with the progress and speed lines, each page checked against the frame it names.
 */
export function* swsusp_read(may_sleep = true): KGen<number> {
  const bdev = blkdev_get_no_open(pmState().resume_dev);
  const sig = hibSwapState().header;
  hibSwapState().header = null;
  if (!bdev || !sig) return -ENODEV;
  const dv = new DataView(sig.buffer);
  hibSwapState().flags = dv.getUint32(HDR.flags, true);
  const first = Number(dv.getBigUint64(HDR.image, true));
  const head = yield* read_map(bdev, first, may_sleep, 1);
  if (typeof head === 'number') return head;
  const info = new Uint8Array(PAGE_SIZE);
  let error = yield* hib_io(bdev, false, [[head[0]!, info]], may_sleep);
  if (error) return error;
  const why = image_mismatch(info);
  if (why) {
    pr_err(`PM: hibernation: Image mismatch: ${why}`);
    return -EPERM;
  }
  const idv = new DataView(info.buffer);
  const pages = Number(idv.getBigUint64(424, true));
  const slots = yield* read_map(bdev, first, may_sleep, pages);
  if (typeof slots === 'number') return slots;
  error = yield* load_image(bdev, slots.slice(1), Number(idv.getBigUint64(416, true)), may_sleep);
  if (!error) __dynamic_pr_debug(DD_loaded, 'PM: Image successfully loaded');
  else __dynamic_pr_debug(DD_resume_error, `PM: Error ${error} resuming`);
  return error;
}

/** load_image(): the pages after the header, read back in batches; the data pages must hold the frames listed. */
function* load_image(bdev: block_device, slots: number[], nr_copy: number, may_sleep: boolean): KGen<number> {
  const nr_to_read = slots.length;
  pr_info(`PM: Loading image data pages (${nr_to_read} pages)...`);
  const m = Math.floor(nr_to_read / 10) || 1;
  const start = ktime_get();
  const expected = snapshot_image_pages(nr_copy);
  let ret = 0;
  for (let i = 0; i < nr_to_read && !ret; i += BATCH) {
    const batch = slots.slice(i, i + BATCH).map((s): [number, Uint8Array] => [s, new Uint8Array(PAGE_SIZE)]);
    ret = yield* hib_io(bdev, false, batch, may_sleep);
    for (let j = 0; j < batch.length && !ret; j++) {
      const want = expected.next();
      // snapshot_write_next() puts each page where its frame is: one that does not match is a damaged image.
      if (want.done || !same_page(want.value, batch[j]![1])) ret = -ENODATA;
      else progress(i + j, m, 'loading');
    }
  }
  if (!ret) pr_info('PM: Image loading done');
  swsusp_show_speed(start, ktime_get(), nr_to_read, 'Read');
  return ret;
}

function same_page(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < PAGE_SIZE; i += 8) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) return false;
  return true;
}

/** The image's flags as read (SF_PLATFORM_MODE: restore through the platform). */
export const swsusp_read_flags = (): number => hibSwapState().flags;

/** swsusp_unmark(): after hibernation_mode "suspend" woke, the old signature goes back and the image's slots are freed. */
export function* swsusp_unmark(): KGen<number> {
  const bdev = blkdev_get_no_open(pmState().resume_dev);
  let error = -ENODEV;
  if (bdev) {
    const page = new Uint8Array(PAGE_SIZE);
    error = yield* hib_io(bdev, false, [[pmState().resume_offset, page]], true);
    if (!error && sig_of(page, HDR.sig) === HIBERNATE_SIG) {
      page.copyWithin(HDR.sig, HDR.orig_sig, HDR.orig_sig + 10);
      error = yield* hib_io(bdev, true, [[pmState().resume_offset, page]], true);
    } else if (!error) {
      pr_err('PM: Cannot find swsusp signature!');
      error = -ENODEV;
    }
  }
  free_image_slots();
  return error;
}
