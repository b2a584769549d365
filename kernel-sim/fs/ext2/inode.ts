// Models linux/fs/ext2/inode.c: reading and writing on-disk inodes (ext2_iget, ext2_write_inode), mapping file blocks through the indirect tree (ext2_get_block), truncation, and the address_space operations.
import type { inode, super_block } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, EIO, ESTALE, EFBIG } from '../../include/uapi/asm-generic/errno.ts';
import { S_ISDIR, S_ISREG, S_ISLNK } from '../../include/uapi/stat.ts';
import { MKDEV, new_decode_dev, new_encode_dev, MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { new_inode } from '../inode.ts';
import { sb_bread, sb_getblk, brelse, mark_buffer_dirty, sync_dirty_buffer, block_read_full_folio, block_write_full_folio_bios } from '../buffer.ts';
import { submit_bio } from '../../block/blk-core.ts';
import { blk_status_to_errno } from '../../block/blk.ts';
import { address_space_init, PAGE_SIZE, PAGE_SHIFT, type address_space_operations } from '../../include/linux/pagemap.ts';
import { end_page_writeback } from '../../mm/page-writeback.ts';
import { mpage_readahead, mpage_writepages, type mpage_map } from '../mpage.ts';
import { truncate_inode_pages, mapping_release } from '../../mm/filemap.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import {
  ext2_inode, decode, encode, le32, put_le32, ext2_block_to_path, inode_blocks, I_BLOCK, EXT2_N_BLOCKS, EXT2_ROOT_INO, EXT2_NDIR_BLOCKS,
} from './ext2_fs.ts';
import { EXT2_SB, EXT2_I, ext2_error, to_disk_time, type ext2_inode_info } from './ext2.ts';
import { ext2_get_group_desc, ext2_new_block, ext2_free_blocks } from './balloc.ts';
import { ext2_free_inode } from './ialloc.ts';

/** Where inode `ino` lives: its table block and the byte offset inside it (ext2_get_inode); -EINVAL for a bad number. */
function ext2_inode_loc(sb: super_block, ino: number): { block: number; off: number; group: number } | number {
  const sbi = EXT2_SB(sb), es = sbi.s_es;
  if ((ino !== EXT2_ROOT_INO && ino < es.s_first_ino) || ino > es.s_inodes_count) {
    ext2_error(sb, 'ext2_get_inode', `bad inode number: ${ino}`);
    return -EINVAL;
  }
  const group = Math.floor((ino - 1) / es.s_inodes_per_group), idx = (ino - 1) % es.s_inodes_per_group;
  const gd = ext2_get_group_desc(sb, group);
  if (!gd) return -EIO;
  const block = gd.bg_inode_table + Math.floor(idx / sbi.geo.inodes_per_block);
  if (block >= es.s_blocks_count) { ext2_error(sb, 'ext2_get_inode', `unable to read inode block - inode=${ino}, block=${block}`); return -EIO; }
  return { block, off: (idx % sbi.geo.inodes_per_block) * sbi.geo.inode_size, group };
}

const ext2_aops: address_space_operations = {
  read_folio: function* (mapping, page) {
    const ino = mapping.host, bs = ino.i_sb.s_blocksize;
    return yield* block_read_full_folio(EXT2_SB(ino.i_sb).s_bdev, page.data, (page.index << PAGE_SHIFT) / bs, bs, (ib, c) => ext2_get_block(ino, ib, c));
  },
  writepage: function* (mapping, page) {
    const ino = mapping.host, bs = ino.i_sb.s_blocksize;
    const valid = Math.min(PAGE_SIZE, ino.i_size - (page.index << PAGE_SHIFT));
    const bios = block_write_full_folio_bios(EXT2_SB(ino.i_sb).s_bdev, page.data, (page.index << PAGE_SHIFT) / bs, bs, Math.max(0, valid), (ib, c) => ext2_get_block(ino, ib, c));
    if (typeof bios === 'number') return bios;
    if (!bios.length) { end_page_writeback(page, 0); return 0; }
    // end_buffer_async_write: the page ends writeback when its last bio completes.
    let left = bios.length, err = 0;
    for (const b of bios) {
      b.bi_end_io = (x) => { const e = blk_status_to_errno(x.bi_status); if (e) err = e; if (--left === 0) end_page_writeback(page, err); };
      yield* submit_bio(b);
    }
    return 0;
  },
  // ext2_readahead / ext2_writepages: mpage's multi-page bios over ext2_get_block.
  readahead: (mapping, pages) => mpage_readahead(mapping, pages, ext2_mpage_map(mapping.host)),
  writepages: (mapping, wbc) => mpage_writepages(mapping, wbc, ext2_mpage_map(mapping.host), (m, p) => ext2_aops.writepage(m, p)),
};

function ext2_mpage_map(ino: inode): mpage_map {
  return { bdev: EXT2_SB(ino.i_sb).s_bdev, blocksize: ino.i_sb.s_blocksize, get_block: (ib, c) => ext2_get_block(ino, ib, c) };
}

/** Sets up the VFS side of an inode by its type: the tables live with namei.c/file.c/dir.c, handed over at fill_super. */
const ext2_set_ops = (ino: inode, rdev: number): void => EXT2_SB(ino.i_sb).s_set_ops(ino, rdev);

function new_info(ino: inode, group: number, data: number[]): ext2_inode_info {
  return { i_data: data, i_flags: 0, i_dtime: 0, i_block_group: group, i_mapping: address_space_init(ino, ext2_aops, EXT2_SB(ino.i_sb).s_id) };
}

/** ext2_iget: the in-memory inode for a number, read from the inode table; -errno for a bad or deleted one. */
export function ext2_iget(sb: super_block, ino_nr: number): inode | number {
  const sbi = EXT2_SB(sb);
  const hit = sbi.icache.get(ino_nr);
  if (hit) return hit;
  const loc = ext2_inode_loc(sb, ino_nr);
  if (typeof loc === 'number') return loc;
  const bh = sb_bread(sb, loc.block);
  if (!bh) { ext2_error(sb, 'ext2_get_inode', `unable to read inode block - inode=${ino_nr}, block=${loc.block}`); return -EIO; }
  const raw = decode(ext2_inode, bh.b_data, loc.off);
  const ptrs = inode_blocks(bh.b_data, loc.off);
  brelse(bh);
  if (raw.i_links_count === 0 && (raw.i_mode === 0 || raw.i_dtime)) return -ESTALE;
  const ino = new_inode(sb, raw.i_mode, ino_nr);
  ino.i_uid = raw.i_uid | (raw.i_uid_high << 16);
  ino.i_gid = raw.i_gid | (raw.i_gid_high << 16);
  ino.i_nlink = raw.i_links_count;
  ino.i_size = raw.i_size + (S_ISREG(raw.i_mode) ? raw.i_size_high * 2 ** 32 : 0);
  ino.i_atime = raw.i_atime * 1e9; ino.i_mtime = raw.i_mtime * 1e9; ino.i_ctime = raw.i_ctime * 1e9;
  ino.i_blocks = raw.i_blocks;
  ino.i_private = new_info(ino, loc.group, ptrs);
  EXT2_I(ino).i_flags = raw.i_flags;
  const fast_symlink = S_ISLNK(raw.i_mode) && raw.i_blocks === 0;
  if (fast_symlink) {
    const b = new Uint8Array(EXT2_N_BLOCKS * 4);
    ptrs.forEach((p, i) => put_le32(b, i * 4, p));
    ino.i_link = new TextDecoder().decode(b.subarray(0, Math.min(ino.i_size, b.length)));
  }
  const rdev = ptrs[0] ? MKDEV((ptrs[0] >>> 8) & 0xff, ptrs[0] & 0xff) : new_decode_dev(ptrs[1]);
  ext2_set_ops(ino, rdev);
  sbi.icache.set(ino_nr, ino);
  return ino;
}

/** ext2_write_inode: the inode's fields into its table block (dirty buffer); with `sync`, written now. */
export function ext2_write_inode(ino: inode, sync = false): number {
  const sb = ino.i_sb;
  const loc = ext2_inode_loc(sb, ino.i_ino);
  if (typeof loc === 'number') return loc;
  const bh = sb_bread(sb, loc.block);
  if (!bh) return -EIO;
  const ei = EXT2_I(ino);
  encode(ext2_inode, bh.b_data, {
    i_mode: ino.i_mode, i_uid: ino.i_uid & 0xffff, i_uid_high: ino.i_uid >>> 16, i_gid: ino.i_gid & 0xffff, i_gid_high: ino.i_gid >>> 16,
    i_links_count: ino.i_nlink, i_size: ino.i_size % 2 ** 32, i_size_high: S_ISREG(ino.i_mode) ? Math.floor(ino.i_size / 2 ** 32) : 0,
    i_atime: to_disk_time(ino.i_atime), i_ctime: to_disk_time(ino.i_ctime), i_mtime: to_disk_time(ino.i_mtime),
    i_dtime: ei.i_dtime, i_blocks: ino.i_blocks, i_flags: ei.i_flags,
  }, loc.off);
  if (S_ISLNK(ino.i_mode) && ino.i_blocks === 0 && ino.i_link !== null) {
    const t = new TextEncoder().encode(ino.i_link);
    bh.b_data.fill(0, loc.off + I_BLOCK, loc.off + I_BLOCK + 60);
    bh.b_data.set(t.subarray(0, 59), loc.off + I_BLOCK);
  } else if (ino.i_rdev && !S_ISDIR(ino.i_mode) && !S_ISREG(ino.i_mode) && !S_ISLNK(ino.i_mode)) {
    const old = MAJOR(ino.i_rdev) < 256 && MINOR(ino.i_rdev) < 256;
    put_le32(bh.b_data, loc.off + I_BLOCK, old ? (MAJOR(ino.i_rdev) << 8) | MINOR(ino.i_rdev) : 0);
    put_le32(bh.b_data, loc.off + I_BLOCK + 4, old ? 0 : new_encode_dev(ino.i_rdev));
  } else ei.i_data.forEach((p, i) => put_le32(bh.b_data, loc.off + I_BLOCK + i * 4, p));
  mark_buffer_dirty(bh);
  const r = sync ? sync_dirty_buffer(bh) : 0;
  brelse(bh);
  return r;
}

/** mark_inode_dirty: times and sizes go to the inode table's buffer at once (written back with it). */
export const mark_inode_dirty = (ino: inode): number => ext2_write_inode(ino);

/** ext2_get_block: the device block under file block `iblock` (0 for a hole), allocating the branch when `create`. */
export function ext2_get_block(ino: inode, iblock: number, create: boolean): number {
  const sb = ino.i_sb, sbi = EXT2_SB(sb), ei = EXT2_I(ino);
  const path = ext2_block_to_path(iblock, sbi.geo.addr_per_block);
  if (!path) return create ? -EFBIG : 0;
  let blk = ei.i_data[path[0]];
  let goal = ei.i_data.slice(0, EXT2_NDIR_BLOCKS).reduce((a, b) => Math.max(a, b), 0) + 1;
  const alloc = (): number => {
    const b = ext2_new_block(ino, goal);
    if (b < 0) return b;
    ino.i_blocks += sb.s_blocksize / 512;
    goal = b + 1;
    return b;
  };
  if (!blk) {
    if (!create) return 0;
    blk = alloc();
    if (blk < 0) return blk;
    if (path.length > 1) { const z = sb_getblk(sb, blk)!; z.b_data.fill(0); mark_buffer_dirty(z); brelse(z); }
    ei.i_data[path[0]] = blk;
    mark_inode_dirty(ino);
  }
  for (let d = 1; d < path.length; d++) {
    if (blk >= sbi.s_es.s_blocks_count) { ext2_error(sb, 'ext2_get_branch', `block ${blk} beyond the end of the filesystem in inode ${ino.i_ino}`); return -EIO; }
    const bh = sb_bread(sb, blk);
    if (!bh) return -EIO;
    let next = le32(bh.b_data, path[d] * 4);
    if (!next) {
      if (!create) { brelse(bh); return 0; }
      next = alloc();
      if (next < 0) { brelse(bh); return next; }
      if (d < path.length - 1) { const z = sb_getblk(sb, next)!; z.b_data.fill(0); mark_buffer_dirty(z); brelse(z); }
      put_le32(bh.b_data, path[d] * 4, next);
      mark_buffer_dirty(bh);
      mark_inode_dirty(ino);
    }
    brelse(bh);
    blk = next;
  }
  if (blk >= sbi.s_es.s_blocks_count) { ext2_error(sb, 'ext2_get_block', `block ${blk} beyond the end of the filesystem in inode ${ino.i_ino}`); return -EIO; }
  return blk;
}

/**
 * Frees the subtree under `blk` (depth 0: a data block) for file blocks at or past `from`; returns true if `blk` itself was freed.
 * `seen` holds the indirect blocks already walked in this truncate: a corrupted tree that points back at one is not walked
 * twice, which bounds the work by the filesystem's size (an indirect block naming itself 256 times would otherwise be 16M visits).
 */
function free_branch(ino: inode, blk: number, depth: number, first: number, from: number, seen: Set<number>): boolean {
  const sb = ino.i_sb, apb = EXT2_SB(sb).geo.addr_per_block;
  const span = apb ** depth;
  if (!blk || first + span <= from) return false;
  const es = EXT2_SB(sb).s_es;
  if (blk < es.s_first_data_block || blk >= es.s_blocks_count) {
    ext2_error(sb, 'ext2_free_branches', `Freeing blocks not in datazone - block = ${blk}, count = 1`);
    return true; // the pointer is dropped, nothing behind it is trusted
  }
  if (depth > 0) {
    if (seen.has(blk)) {
      ext2_error(sb, 'ext2_free_branches', `indirect block ${blk} referenced twice in inode ${ino.i_ino}`);
      return true;
    }
    seen.add(blk);
    const bh = sb_bread(sb, blk);
    if (!bh) return false;
    for (let i = 0; i < apb; i++) {
      const child = le32(bh.b_data, i * 4);
      if (free_branch(ino, child, depth - 1, first + i * (span / apb), from, seen)) { put_le32(bh.b_data, i * 4, 0); mark_buffer_dirty(bh); }
    }
    brelse(bh);
    if (first < from) return false; // still holds blocks before `from`
  }
  ext2_free_blocks(ino, blk, 1);
  ino.i_blocks = Math.max(0, ino.i_blocks - sb.s_blocksize / 512);
  return true;
}

/** ext2_truncate_blocks: frees every block past `size`. */
export function ext2_truncate_blocks(ino: inode, size: number): void {
  const ei = EXT2_I(ino), apb = EXT2_SB(ino.i_sb).geo.addr_per_block;
  const from = Math.ceil(size / ino.i_sb.s_blocksize);
  const seen = new Set<number>();
  for (let i = 0; i < EXT2_NDIR_BLOCKS; i++) if (free_branch(ino, ei.i_data[i], 0, i, from, seen)) ei.i_data[i] = 0;
  let first = EXT2_NDIR_BLOCKS;
  for (let d = 1; d <= 3; d++) {
    if (free_branch(ino, ei.i_data[EXT2_NDIR_BLOCKS + d - 1], d, first, from, seen)) ei.i_data[EXT2_NDIR_BLOCKS + d - 1] = 0;
    first += apb ** d;
  }
}

/** ext2_setsize: truncate or extend (a hole) a regular file. */
export function ext2_setsize(ino: inode, size: number): number {
  if (!S_ISREG(ino.i_mode)) return -EINVAL;
  truncate_inode_pages(EXT2_I(ino).i_mapping, size);
  if (size < ino.i_size) ext2_truncate_blocks(ino, size);
  ino.i_size = size;
  ino.i_mtime = ino.i_ctime = ktime_get_real();
  return mark_inode_dirty(ino);
}

/** ext2_new_inode's in-memory half: a fresh inode for number `nr` in the parent's way (setgid directories). */
export function ext2_init_new_inode(dir: inode, nr: number, mode: number, rdev = 0): inode {
  const sb = dir.i_sb;
  const ino = new_inode(sb, mode, nr);
  if (dir.i_mode & 0o2000) { ino.i_gid = dir.i_gid; if (S_ISDIR(mode)) ino.i_mode |= 0o2000; }
  ino.i_private = new_info(ino, Math.floor((nr - 1) / EXT2_SB(sb).s_es.s_inodes_per_group), new Array(EXT2_N_BLOCKS).fill(0));
  ino.i_rdev = rdev;
  ext2_set_ops(ino, rdev);
  EXT2_SB(sb).icache.set(nr, ino);
  return ino;
}

/** ext2_evict_inode for an inode whose last link went: blocks and number are freed, dtime set. */
export function ext2_delete_inode(ino: inode): void {
  const ei = EXT2_I(ino);
  const was_dir = S_ISDIR(ino.i_mode);
  ei.i_dtime = to_disk_time(ktime_get_real());
  if (!(S_ISLNK(ino.i_mode) && ino.i_blocks === 0)) ext2_truncate_blocks(ino, 0);
  ino.i_size = 0;
  mark_inode_dirty(ino);
  mapping_release(ei.i_mapping);
  ext2_free_inode(ino, was_dir);
  EXT2_SB(ino.i_sb).icache.delete(ino.i_ino);
}

export function* ext2_fsync_inode(ino: inode): KGen<number> {
  return ext2_write_inode(ino, true);
}
