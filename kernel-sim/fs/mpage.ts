// Models linux/fs/mpage.c: multi-page bios for filesystems that map blocks through get_block — mpage_readahead reads a readahead batch in as few REQ_RAHEAD bios as the disk layout allows, mpage_writepages writes consecutive dirty pages with one bio per run of adjacent blocks.
//
// A page goes into the current bio when its blocks are adjacent on disk to each other and to the
// bio's last block; anything else (a hole before mapped blocks, scattered blocks: "confused") ends
// the bio and the page goes through the buffer path: a bio per block (read) or per run (write).
// Not modelled: BH_Boundary (ext2's early submit at the end of an indirect block's range); the
// indirect block usually sits between those runs on disk, which ends the bio there anyway.
import type { KGen } from '../include/linux/sched.ts';
import { type bio, type block_device, REQ_OP_READ, REQ_OP_WRITE, REQ_RAHEAD, SECTOR_SHIFT } from '../include/linux/blk_types.ts';
import { PAGE_SHIFT, PAGE_SIZE, PG_uptodate, type address_space, type page } from '../include/linux/pagemap.ts';
import { bio_alloc, bio_add_page, BIO_MAX_VECS } from '../block/bio.ts';
import { submit_bio, blk_start_plug, blk_finish_plug } from '../block/blk-core.ts';
import { blk_status_to_errno } from '../block/blk.ts';
import { folio_unlock } from '../mm/folio_lock.ts';
import { end_page_writeback, wbc_to_write_flags, write_cache_pages, type writeback_control } from '../mm/page-writeback.ts';
import type { get_block_t } from './buffer.ts';

/** What a filesystem hands mpage: its device, block size and block mapper for one inode. */
export interface mpage_map {
  bdev: block_device;
  blocksize: number;
  get_block: get_block_t;
}

/** A page's share of the bios that carry it: it completes when the last one ends. */
interface page_io { p: page; left: number; err: number }

/** The blocks under a page, up to `last_block` (exclusive): device block numbers, 0 for a hole; a -errno of get_block. */
function map_page_blocks(m: mpage_map, p: page, last_block: number): number[] | number {
  const per = PAGE_SIZE / m.blocksize, first = (p.index << PAGE_SHIFT) / m.blocksize;
  const blocks: number[] = [];
  for (let i = 0; i < per; i++) {
    const ib = first + i;
    const blk = ib < last_block ? m.get_block(ib, false) : 0;
    if (blk < 0) return blk;
    blocks.push(blk);
  }
  return blocks;
}

/** Blocks mapped from the start and adjacent, then only holes: how many (the first hole), or -1 when confused. */
function simple_run(blocks: number[]): number {
  let first_hole = blocks.length;
  for (let i = 0; i < blocks.length; i++) {
    if (!blocks[i]) { if (first_hole === blocks.length) first_hole = i; continue; }
    if (first_hole !== blocks.length) return -1; // hole -> non-hole
    if (i && blocks[i] !== blocks[i - 1]! + 1) return -1;
  }
  return first_hole;
}

/** Ends one bio's share of each page it carries; `done` runs for a page whose last share ended. */
function mpage_end_io(ios: page_io[], done: (io: page_io) => void): (b: bio) => void {
  return (b) => {
    const e = blk_status_to_errno(b.bi_status);
    for (const io of ios) { if (e) io.err = e; if (--io.left === 0) done(io); }
  };
}

/** mpage_read_end_io: a read page becomes uptodate unless its IO failed, and is unlocked. */
function read_done(io: page_io): void {
  if (!io.err) io.p.flags |= PG_uptodate;
  folio_unlock(io.p);
}

/** mpage's state (mpage_readpage_args / mpage_data): the bio being built, the pages it carries, and the disk block it ends at. */
interface mpage_readpage_args { bio: bio | null; ios: page_io[]; last_block_in_bio: number }

function* mpage_bio_submit(a: { bio: bio | null; ios: page_io[] }, done: (io: page_io) => void): KGen<void> {
  const b = a.bio;
  if (!b) return;
  b.bi_end_io = mpage_end_io(a.ios, done);
  a.bio = null; a.ios = [];
  yield* submit_bio(b);
}

/**
 * The page's first `n_mapped` blocks (adjacent on disk) join the bio when they continue it, else the bio goes
 * and a new one starts there; a page that ends in a hole (or past EOF) ends its bio (mpage_bio_submit).
 */
function* mpage_add_page(a: mpage_readpage_args, m: mpage_map, p: page, blocks: number[], n_mapped: number, opf: number, nr_vecs: number, done: (io: page_io) => void): KGen<void> {
  if (a.bio && a.last_block_in_bio !== blocks[0]! - 1) yield* mpage_bio_submit(a, done);
  for (;;) {
    if (!a.bio) {
      a.bio = bio_alloc(m.bdev, nr_vecs, opf);
      a.bio.bi_iter.bi_sector = blocks[0]! * (m.blocksize >> SECTOR_SHIFT);
    }
    if (bio_add_page(a.bio, p.data, n_mapped * m.blocksize, 0)) break;
    yield* mpage_bio_submit(a, done);
  }
  a.ios.push({ p, left: 1, err: 0 });
  if (n_mapped !== blocks.length) yield* mpage_bio_submit(a, done);
  else a.last_block_in_bio = blocks[blocks.length - 1]!;
}

/** block_read_full_folio, asynchronously: a bio per mapped block (submit_bh), holes zeroed; the page unlocks when all ended. */
function* read_confused(m: mpage_map, p: page, blocks: number[]): KGen<void> {
  const io: page_io = { p, left: 1, err: 0 };
  for (let i = 0; i < blocks.length; i++) {
    if (!blocks[i]) { p.data.fill(0, i * m.blocksize, (i + 1) * m.blocksize); continue; }
    const b = bio_alloc(m.bdev, 1, REQ_OP_READ);
    b.bi_iter.bi_sector = blocks[i]! * (m.blocksize >> SECTOR_SHIFT);
    bio_add_page(b, p.data, m.blocksize, i * m.blocksize);
    b.bi_end_io = mpage_end_io([io], read_done);
    io.left++;
    yield* submit_bio(b);
  }
  if (--io.left === 0) read_done(io);
}

/** do_mpage_readpage: one locked page of the batch into the current bio, or through the buffer path. */
function* do_mpage_readpage(m: mpage_map, a: mpage_readpage_args, p: page, nr_pages: number, last_block: number): KGen<void> {
  const blocks = map_page_blocks(m, p, last_block);
  if (typeof blocks === 'number') { folio_unlock(p); return; } // not uptodate: the reader retries with read_folio
  const first_hole = simple_run(blocks);
  if (first_hole < 0) { yield* mpage_bio_submit(a, read_done); yield* read_confused(m, p, blocks); return; }
  if (first_hole !== blocks.length) {
    p.data.fill(0, first_hole * m.blocksize);
    if (first_hole === 0) { p.flags |= PG_uptodate; folio_unlock(p); return; }
  }
  yield* mpage_add_page(a, m, p, blocks, first_hole, REQ_OP_READ | REQ_RAHEAD, Math.min(nr_pages, BIO_MAX_VECS), read_done);
}

/** mpage_readahead: the batch's pages (new, locked, consecutive) into bios; they unlock as their bios end. */
export function* mpage_readahead(mapping: address_space, pages: page[], m: mpage_map): KGen<void> {
  const last_block = Math.ceil(mapping.host.i_size / m.blocksize);
  const a: mpage_readpage_args = { bio: null, ios: [], last_block_in_bio: 0 };
  for (let i = 0; i < pages.length; i++) yield* do_mpage_readpage(m, a, pages[i]!, pages.length - i, last_block);
  yield* mpage_bio_submit(a, read_done);
}

/** mpage_end_io for writes: the page ends writeback (with the error, if any) when its bio has. */
const write_done = (io: page_io): void => end_page_writeback(io.p, io.err);

/**
 * mpage_writepages: write_cache_pages with the task plugged; a page whose blocks up to i_size are
 * adjacent joins the bio when it continues it, else the bio goes and a new one starts. `fallback`
 * (the filesystem's ->writepage, block_write_full_page) takes a confused page.
 */
export function* mpage_writepages(mapping: address_space, wbc: writeback_control, m: mpage_map, fallback: (mapping: address_space, p: page) => KGen<number>): KGen<number> {
  const a: mpage_readpage_args = { bio: null, ios: [], last_block_in_bio: 0 };
  const __mpage_writepage = function* (mp: address_space, p: page): KGen<number> {
    const i_size = mp.host.i_size;
    const blocks = map_page_blocks(m, p, Math.ceil(i_size / m.blocksize));
    const end_index = Math.floor(i_size / PAGE_SIZE);
    const first_unmapped = typeof blocks === 'number' ? -1 : simple_run(blocks);
    if (typeof blocks === 'number' || first_unmapped <= 0 || p.index > end_index || (p.index === end_index && !(i_size & (PAGE_SIZE - 1)))) {
      yield* mpage_bio_submit(a, write_done);
      return yield* fallback(mp, p);
    }
    if (p.index === end_index) p.data.fill(0, i_size & (PAGE_SIZE - 1));
    yield* mpage_add_page(a, m, p, blocks, first_unmapped, REQ_OP_WRITE | wbc_to_write_flags(wbc), BIO_MAX_VECS, write_done);
    return 0;
  };
  const plug = blk_start_plug();
  const r = yield* write_cache_pages(mapping, wbc, __mpage_writepage);
  yield* mpage_bio_submit(a, write_done);
  blk_finish_plug(plug);
  return r;
}
