// Models linux/fs/ext2/ialloc.c: allocating an inode number from the inode bitmaps (directories spread over groups, files near their parent) and freeing it.
import type { inode, super_block } from '../../include/linux/fs_types.ts';
import { ENOSPC, EIO } from '../../include/uapi/asm-generic/errno.ts';
import { S_ISDIR } from '../../include/uapi/stat.ts';
import { sb_bread, brelse, mark_buffer_dirty, type buffer_head } from '../buffer.ts';
import { test_bit, set_bit, clear_bit } from './ext2_fs.ts';
import { EXT2_SB, EXT2_I, ext2_error, ext2_sync_super_buffer } from './ext2.ts';
import { ext2_get_group_desc, ext2_put_group_desc } from './balloc.ts';

function read_inode_bitmap(sb: super_block, g: number): buffer_head | null {
  const gd = ext2_get_group_desc(sb, g);
  if (!gd) return null;
  const bh = sb_bread(sb, gd.bg_inode_bitmap);
  if (!bh) ext2_error(sb, 'read_inode_bitmap', `Cannot read inode bitmap - block_group = ${g}, inode_bitmap = ${gd.bg_inode_bitmap}`);
  return bh;
}

/**
 * ext2_new_inode's search: a directory goes to the group with the most free inodes among those
 * with free blocks (find_group_orlov, simplified), anything else to its parent's group first.
 * Returns the new inode number or -errno.
 */
export function ext2_alloc_ino(dir: inode, mode: number): number {
  const sb = dir.i_sb, sbi = EXT2_SB(sb), es = sbi.s_es, groups = sbi.geo.groups;
  if (!es.s_free_inodes_count) return -ENOSPC;
  const order: number[] = [];
  if (S_ISDIR(mode)) {
    const gds = Array.from({ length: groups }, (_, g) => [g, ext2_get_group_desc(sb, g)] as const);
    order.push(...gds.filter(([, gd]) => gd && gd.bg_free_inodes_count).sort((a, b) => b[1]!.bg_free_inodes_count - a[1]!.bg_free_inodes_count).map(([g]) => g));
  } else {
    const pg = EXT2_I(dir).i_block_group;
    for (let k = 0; k < groups; k++) order.push((pg + k) % groups);
  }
  for (const g of order) {
    const gd = ext2_get_group_desc(sb, g);
    if (!gd) return -EIO;
    if (!gd.bg_free_inodes_count) continue;
    const bh = read_inode_bitmap(sb, g);
    if (!bh) return -EIO;
    for (let i = 0; i < es.s_inodes_per_group; i++) {
      const ino = g * es.s_inodes_per_group + i + 1;
      if (ino < es.s_first_ino || test_bit(bh.b_data, i)) continue;
      set_bit(bh.b_data, i);
      mark_buffer_dirty(bh);
      brelse(bh);
      ext2_put_group_desc(sb, g, { bg_free_inodes_count: gd.bg_free_inodes_count - 1, bg_used_dirs_count: gd.bg_used_dirs_count + (S_ISDIR(mode) ? 1 : 0) });
      es.s_free_inodes_count--;
      ext2_sync_super_buffer(sbi);
      return ino;
    }
    brelse(bh);
    ext2_error(sb, 'ext2_new_inode', `Free inodes count corrupted in group ${g}`);
  }
  return -ENOSPC;
}

/** ext2_free_inode: clears the inode's bit; the inode itself was zeroed by the caller. */
export function ext2_free_inode(ino: inode, was_dir: boolean): void {
  const sb = ino.i_sb, sbi = EXT2_SB(sb), es = sbi.s_es;
  if (ino.i_ino < es.s_first_ino || ino.i_ino > es.s_inodes_count) {
    ext2_error(sb, 'ext2_free_inode', `reserved or nonexistent inode ${ino.i_ino}`);
    return;
  }
  const g = Math.floor((ino.i_ino - 1) / es.s_inodes_per_group), bit = (ino.i_ino - 1) % es.s_inodes_per_group;
  const bh = read_inode_bitmap(sb, g);
  if (!bh) return;
  if (!test_bit(bh.b_data, bit)) { ext2_error(sb, 'ext2_free_inode', `bit already cleared for inode ${ino.i_ino}`); brelse(bh); return; }
  clear_bit(bh.b_data, bit);
  mark_buffer_dirty(bh);
  brelse(bh);
  const gd = ext2_get_group_desc(sb, g)!;
  ext2_put_group_desc(sb, g, { bg_free_inodes_count: gd.bg_free_inodes_count + 1, bg_used_dirs_count: gd.bg_used_dirs_count - (was_dir ? 1 : 0) });
  es.s_free_inodes_count++;
  ext2_sync_super_buffer(sbi);
}
