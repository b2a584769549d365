// bios for drivers written in C (block/bio.c's bio_endio and a bio-based disk's submit_bio): a kernel bio laid out as a C struct bio with its bio_vecs over kernel pages (a bounce buffer: the bio's own pages are the page cache's, out of the module's reach), handed to the driver's submit_bio, and ended by the driver's bio_endio, which copies read data back.
import { type bio, bio_op, op_is_write } from '../../include/linux/blk_types.ts';
import { bio_endio, bio_segments_of, PAGE_SIZE } from '../../block/bio.ts';
import { alloc_pages_exact, free_pages_exact, kbytes } from '../../mm/kmem.ts';
import { kfree, kmalloc, __GFP_ZERO } from '../../mm/slab.ts';
import { bio_view, bio_vec_view, struct_bio, struct_bio_vec } from '../../toolchain/layouts/views.generated.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import { call_slot_atomic } from '../module/fops.ts';
import type { module } from '../module/types.ts';
import { defineState } from '../state.ts';
import { virt_to_page } from './page.ts';
import { EXPORT_KAPI } from './registry.ts';

/** One segment staged for the driver: the kernel's bytes and where the module sees them. */
interface staged_seg { data: Uint8Array; addr: number }
/** bios handed to a driver: the C bios (chained by bi_next) and vectors, the bounce pages and the segments in them. */
export interface staged_bios { bios: number[]; vecs: number[]; pages: number; segs: staged_seg[]; read: boolean }

/** Lays each segment of `list` out in kernel pages (keeping its offset in the page) as C bios and bio_vecs; written data is copied in. */
export function stage_bios(list: bio[], write: boolean, c_bdev: (b: block_device) => number): staged_bios {
  const per_bio = list.map((b) => bio_segments_of(b));
  const span = (off: number, len: number): number => Math.ceil(((off % PAGE_SIZE) + len) / PAGE_SIZE) * PAGE_SIZE;
  const total = per_bio.flat().reduce((n, v) => n + span(v.bv_offset, v.bv_len), 0);
  const pages = total ? alloc_pages_exact(total) : 0;
  const s: staged_bios = { bios: [], vecs: [], pages, segs: [], read: !write };
  let at = pages, prev = 0;
  list.forEach((b, i) => {
    const segs = per_bio[i]!;
    const vecs = segs.length ? kmalloc(segs.length * struct_bio_vec.SIZE, __GFP_ZERO) : 0;
    segs.forEach((v, j) => {
      const addr = at + (v.bv_offset % PAGE_SIZE);
      const data = v.bv_page.subarray(v.bv_offset, v.bv_offset + v.bv_len);
      if (write) kbytes().set(data, addr);
      const bv = bio_vec_view(vecs + j * struct_bio_vec.SIZE);
      bv.bv_page = virt_to_page(at); bv.bv_len = v.bv_len; bv.bv_offset = v.bv_offset % PAGE_SIZE;
      s.segs.push({ data, addr });
      at += span(v.bv_offset, v.bv_len);
    });
    const cb = kmalloc(struct_bio.SIZE, __GFP_ZERO);
    const bv = bio_view(cb);
    bv.bi_bdev = b.bi_bdev ? c_bdev(b.bi_bdev) : 0;
    bv.bi_opf = b.bi_opf; bv.bi_flags = b.bi_flags & 0xffff; bv.bi_status = b.bi_status;
    bv.bi_iter.bi_sector = b.bi_iter.bi_sector; bv.bi_iter.bi_size = b.bi_iter.bi_size;
    bv.bi_vcnt = bv.bi_max_vecs = segs.length; bv.bi_io_vec = vecs;
    if (prev) bio_view(prev).bi_next = cb;
    prev = cb;
    s.bios.push(cb); s.vecs.push(vecs);
  });
  return s;
}

/** The bios leave the driver: read data goes back to the kernel's pages when `copy_out`, the staging is freed. */
export function unstage_bios(s: staged_bios, copy_out: boolean): void {
  if (copy_out && s.read) for (const g of s.segs) g.data.set(kbytes().subarray(g.addr, g.addr + g.data.length));
  for (const b of s.bios) kfree(b);
  for (const v of s.vecs) if (v) kfree(v);
  if (s.pages) free_pages_exact(s.pages);
}

/** bios in a bio-based driver's hands, by their C address, until its bio_endio. */
const bioState = defineState('kapi-bio', () => ({ inflight: new Map<number, { bio: bio; staged: staged_bios }>() }));

/**
 * A C driver's submit_bio as the block layer calls it (submit_bio_noacct → disk->fops->submit_bio): the bio is
 * staged and handed over; it ends when the driver calls bio_endio, now or later.
 */
export function c_submit_bio(slot: number, mod: module | null, c_bdev: (b: block_device) => number): (b: bio) => void {
  return (b) => {
    const staged = stage_bios([b], op_is_write(bio_op(b.bi_opf)), c_bdev);
    bioState().inflight.set(staged.bios[0]!, { bio: b, staged });
    call_slot_atomic(slot, [staged.bios[0]!], 'submit_bio', mod);
  };
}

/** bio_endio from C: the status the driver set, read data copied back, the kernel's bio ended (its waiter woken). */
function bio_endio_c(cb: number): void {
  const e = bioState().inflight.get(cb);
  if (!e) return;
  bioState().inflight.delete(cb);
  const status = bio_view(cb).bi_status & 0xff;
  unstage_bios(e.staged, status === 0);
  e.bio.bi_status = status;
  bio_endio(e.bio);
}

export const ksymtab = EXPORT_KAPI({ bio_endio: bio_endio_c });
