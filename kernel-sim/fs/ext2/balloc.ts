// Models linux/fs/ext2/balloc.c: group descriptors, allocating blocks from the block bitmaps near a goal, freeing them, and counting free blocks.
import type { inode, super_block } from '../../include/linux/fs_types.ts';
import { ENOSPC, EIO } from '../../include/uapi/asm-generic/errno.ts';
import { sb_bread, brelse, mark_buffer_dirty, type buffer_head } from '../buffer.ts';
import { ext2_group_desc, decode, encode, test_bit, set_bit, clear_bit, EXT2_DESC_SIZE, type ext2_group_desc as gd_t } from './ext2_fs.ts';
import { EXT2_SB, EXT2_I, ext2_error, ext2_sync_super_buffer } from './ext2.ts';

/** ext2_get_group_desc: group g's descriptor, decoded from the buffered table. */
export function ext2_get_group_desc(sb: super_block, g: number): gd_t | null {
  const sbi = EXT2_SB(sb);
  if (g >= sbi.geo.groups) { ext2_error(sb, 'ext2_get_group_desc', `block_group >= groups_count - block_group = ${g}, groups_count = ${sbi.geo.groups}`); return null; }
  const per = sb.s_blocksize / EXT2_DESC_SIZE;
  return decode(ext2_group_desc, sbi.s_group_desc[Math.floor(g / per)].b_data, (g % per) * EXT2_DESC_SIZE);
}

/** Writes back a changed descriptor into its buffer. */
export function ext2_put_group_desc(sb: super_block, g: number, gd: Partial<gd_t>): void {
  const sbi = EXT2_SB(sb);
  const per = sb.s_blocksize / EXT2_DESC_SIZE;
  const bh = sbi.s_group_desc[Math.floor(g / per)];
  encode(ext2_group_desc, bh.b_data, gd, (g % per) * EXT2_DESC_SIZE);
  mark_buffer_dirty(bh);
}

/** read_block_bitmap: group g's block bitmap, checked to lie inside the filesystem. */
export function read_block_bitmap(sb: super_block, g: number): buffer_head | null {
  const gd = ext2_get_group_desc(sb, g);
  if (!gd) return null;
  const es = EXT2_SB(sb).s_es;
  if (gd.bg_block_bitmap < es.s_first_data_block || gd.bg_block_bitmap >= es.s_blocks_count) {
    ext2_error(sb, 'read_block_bitmap', `Invalid block bitmap - block_group = ${g}, block_bitmap = ${gd.bg_block_bitmap}`);
    return null;
  }
  const bh = sb_bread(sb, gd.bg_block_bitmap);
  if (!bh) ext2_error(sb, 'read_block_bitmap', `Cannot read block bitmap - block_group = ${g}, block_bitmap = ${gd.bg_block_bitmap}`);
  return bh;
}

/** Whether `blk` is one of the group metadata blocks (bitmaps, inode table): freeing it is corruption. */
function in_metadata(sb: super_block, g: number, blk: number): boolean {
  const gd = ext2_get_group_desc(sb, g);
  if (!gd) return true;
  return blk === gd.bg_block_bitmap || blk === gd.bg_inode_bitmap || (blk >= gd.bg_inode_table && blk < gd.bg_inode_table + EXT2_SB(sb).geo.itb_per_group);
}

/** ext2_new_block: a free block, searching from `goal` (the group of the inode or its last block) on; -ENOSPC when full. */
export function ext2_new_block(ino: inode, goal: number): number {
  const sb = ino.i_sb, sbi = EXT2_SB(sb), es = sbi.s_es;
  if (es.s_free_blocks_count <= (ino.i_uid === 0 ? 0 : es.s_r_blocks_count)) return -ENOSPC;
  if (goal < es.s_first_data_block || goal >= es.s_blocks_count) goal = es.s_first_data_block + EXT2_I(ino).i_block_group * es.s_blocks_per_group;
  const bpg = es.s_blocks_per_group;
  const g0 = Math.floor((goal - es.s_first_data_block) / bpg);
  for (let k = 0; k <= sbi.geo.groups; k++) {
    const g = (g0 + k) % sbi.geo.groups;
    const gd = ext2_get_group_desc(sb, g);
    if (!gd) return -EIO;
    if (!gd.bg_free_blocks_count) continue;
    const bh = read_block_bitmap(sb, g);
    if (!bh) return -EIO;
    const start = k === 0 ? (goal - es.s_first_data_block) % bpg : 0;
    const limit = Math.min(bpg, es.s_blocks_count - es.s_first_data_block - g * bpg);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = pass ? 0 : start; i < (pass ? start : limit); i++) {
        if (test_bit(bh.b_data, i)) continue;
        const blk = es.s_first_data_block + g * bpg + i;
        if (in_metadata(sb, g, blk)) {
          ext2_error(sb, 'ext2_new_blocks', `Allocating block in system zone - blocks from ${blk}, length 1`);
          set_bit(bh.b_data, i); mark_buffer_dirty(bh); continue;
        }
        set_bit(bh.b_data, i);
        mark_buffer_dirty(bh);
        brelse(bh);
        ext2_put_group_desc(sb, g, { bg_free_blocks_count: gd.bg_free_blocks_count - 1 });
        es.s_free_blocks_count--;
        ext2_sync_super_buffer(sbi);
        return blk;
      }
    }
    brelse(bh);
  }
  return -ENOSPC;
}

/** ext2_free_blocks: returns `count` blocks from `block` to their bitmaps; a block already free is reported. */
export function ext2_free_blocks(ino: inode, block: number, count: number): void {
  const sb = ino.i_sb, sbi = EXT2_SB(sb), es = sbi.s_es;
  if (block < es.s_first_data_block || block + count > es.s_blocks_count) {
    ext2_error(sb, 'ext2_free_blocks', `Freeing blocks not in datazone - block = ${block}, count = ${count}`);
    return;
  }
  for (let b = block; b < block + count; b++) {
    const g = Math.floor((b - es.s_first_data_block) / es.s_blocks_per_group);
    const bit = (b - es.s_first_data_block) % es.s_blocks_per_group;
    if (in_metadata(sb, g, b)) { ext2_error(sb, 'ext2_free_blocks', `Freeing blocks in system zones - Block = ${b}, count = 1`); continue; }
    const bh = read_block_bitmap(sb, g);
    if (!bh) return;
    if (!test_bit(bh.b_data, bit)) { ext2_error(sb, 'ext2_free_blocks', `bit already cleared for block ${b}`); brelse(bh); continue; }
    clear_bit(bh.b_data, bit);
    mark_buffer_dirty(bh);
    brelse(bh);
    const gd = ext2_get_group_desc(sb, g)!;
    ext2_put_group_desc(sb, g, { bg_free_blocks_count: gd.bg_free_blocks_count + 1 });
    es.s_free_blocks_count++;
  }
  ext2_sync_super_buffer(sbi);
}

/** ext2_count_free_blocks: the sum of the groups' free counts (statfs). */
export function ext2_count_free_blocks(sb: super_block): number {
  let n = 0;
  for (let g = 0; g < EXT2_SB(sb).geo.groups; g++) n += ext2_get_group_desc(sb, g)?.bg_free_blocks_count ?? 0;
  return n;
}
