// Models linux/kernel/power/snapshot.c: the hibernation image in memory — hibernate_preallocate_memory() counting the saveable pages and reserving frames for their copy, and swsusp_save() copying them ("Creating image:").
//
// The machine's memory model (mm/meminfo.ts) counts pages, not their contents:
// the saveable pages are the RAM in use (totalram less free), the reclaimable
// share is the page cache and buffers (what shrink_all_memory could drop), and
// copying takes CPU time per page, as memcpy of a page does.
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { pr_err, pr_info } from '../printk/printk.ts';
import { account_ns, ktime_get, NSEC_PER_MSEC } from '../time/timekeeping.ts';
import { si_meminfo, vmstat } from '../../mm/meminfo.ts';
import { defineState } from '../state.ts';
import { pmState } from './power.ts';

const PAGE_SIZE = 4096;
/** PAGES_FOR_IO: pages kept free for the image's I/O (snapshot.c). */
const PAGES_FOR_IO = (4096 * 1024) >> 12;
/** What reserving and copying one page frame costs the CPU (allocation walk, memcpy of 4 KiB). */
const PREALLOC_NS_PER_PAGE = 400;
const COPY_NS_PER_PAGE = 250;

const snapshotState = defineState('hibernate_snapshot', () => ({
  /** Page frames preallocated for the copy (alloc_normal), 0 when none are held. */
  alloc_normal: 0,
  /** nr_copy_pages: pages in the image once swsusp_save() made it. */
  nr_copy_pages: 0,
}));

/** count_data_pages(): pages in use that the image must hold (no highmem on x86-64). */
export function count_data_pages(): number {
  const i = si_meminfo();
  return Math.floor((i.totalram - i.freeram) / PAGE_SIZE);
}

/** minimum_image_size(): the saveable pages less what reclaim could drop (the page cache and buffers). */
function minimum_image_size(saveable: number): number {
  const vm = vmstat();
  const reclaimable = Math.floor((vm.NR_FILE_PAGES_BYTES + vm.NR_BUFFERS_BYTES) / PAGE_SIZE);
  return Math.max(0, saveable - reclaimable);
}

/** swsusp_show_speed(): "Allocated 123456 kbytes in 0.05 seconds (2469.12 MB/s)". */
export function swsusp_show_speed(start: number, stop: number, nr_pages: number, msg: string): void {
  const centisecs = Math.floor((stop - start) / (10 * NSEC_PER_MSEC)) || 1;
  const k = nr_pages * (PAGE_SIZE / 1024);
  const kps = Math.floor((k * 100) / centisecs);
  const two = (n: number): string => String(n).padStart(2, '0');
  pr_info(`PM: hibernation: ${msg} ${k} kbytes in ${Math.floor(centisecs / 100)}.${two(centisecs % 100)} seconds (${Math.floor(kps / 1000)}.${two(Math.floor((kps % 1000) / 10))} MB/s)`);
}

/**
 * hibernate_preallocate_memory(): frames for the copy, as many as the image will have pages — all saveable pages
 * when image_size allows it, else image_size's worth but never less than the minimum image (max_size caps both).
 */
export function hibernate_preallocate_memory(): number {
  pr_info('PM: hibernation: Preallocating image memory');
  const start = ktime_get();
  const saveable = count_data_pages();
  const info = si_meminfo();
  const free = Math.floor(info.freeram / PAGE_SIZE);
  const count = saveable + free;
  const max_size = Math.floor((count - PAGES_FOR_IO) / 2) - 2 * Math.ceil(pmState().reserved_size / PAGE_SIZE);
  let size = Math.min(Math.ceil(pmState().image_size / PAGE_SIZE), max_size);
  let pages: number;
  if (size >= saveable) {
    pages = saveable;
  } else {
    size = Math.max(size, Math.min(minimum_image_size(saveable), max_size));
    pages = size;
  }
  if (pages > free) {
    pr_err(`PM: hibernation: Image allocation is ${pages - free} pages short`);
    return -ENOMEM;
  }
  account_ns(pages * PREALLOC_NS_PER_PAGE);
  snapshotState().alloc_normal = pages;
  pr_info(`PM: hibernation: Allocated ${pages} pages for snapshot`);
  swsusp_show_speed(start, ktime_get(), pages, 'Allocated');
  return 0;
}

/**
 * swsusp_save(): the atomic copy, with interrupts off and only the boot CPU running. When image_size forced a
 * smaller image, shrink_all_memory() would have reclaimed the page cache down to it; the model keeps the cache, so
 * the copy is bounded by the frames preallocated instead.
 */
export function swsusp_save(): number {
  pr_info('PM: hibernation: Creating image:');
  const nr_pages = Math.min(count_data_pages(), snapshotState().alloc_normal);
  pr_info(`PM: hibernation: Need to copy ${nr_pages} pages`);
  account_ns(nr_pages * COPY_NS_PER_PAGE);
  snapshotState().nr_copy_pages = nr_pages;
  pr_info(`PM: hibernation: Image created (${nr_pages} pages copied)`);
  return 0;
}

/** nr_meta_pages: the page frame list of an image of `n` copied pages, an unsigned long per page. */
const nr_meta_pages = (n: number): number => Math.ceil((n * 8) / PAGE_SIZE);

/** snapshot_get_image_size(): the copied pages plus their metadata pages and the header. */
export function snapshot_get_image_size(): number {
  const n = snapshotState().nr_copy_pages;
  return n + nr_meta_pages(n) + 1;
}

export const snapshot_nr_copy_pages = (): number => snapshotState().nr_copy_pages;

/**
 * The frame of the i-th copied page. The model counts pages without placing them, so the image lists the frames
 * from 1 MiB up, in order (Linux lists the saveable frames of its memory bitmap).
 */
const image_pfn = (i: number): number => 0x100 + i;

/**
 * snapshot_read_next() after the header: the metadata pages (pack_pfns: the frames, 512 a page), then one page per
 * copied frame. A copied page's contents are not modelled: it holds its own frame number, so a page read back can
 * be checked against the frame the list names.
 */
export function* snapshot_image_pages(nr_copy: number): Generator<Uint8Array> {
  const per = PAGE_SIZE / 8;
  for (let m = 0; m < nr_meta_pages(nr_copy); m++) {
    const page = new Uint8Array(PAGE_SIZE);
    const dv = new DataView(page.buffer);
    for (let k = 0; k < per && m * per + k < nr_copy; k++) dv.setBigUint64(k * 8, BigInt(image_pfn(m * per + k)), true);
    yield page;
  }
  for (let i = 0; i < nr_copy; i++) {
    const page = new Uint8Array(PAGE_SIZE);
    new DataView(page.buffer).setBigUint64(0, BigInt(image_pfn(i)), true);
    yield page;
  }
}

/** swsusp_free(): the preallocated frames and the image go back. */
export function swsusp_free(): void {
  const s = snapshotState();
  s.alloc_normal = 0;
  s.nr_copy_pages = 0;
}
