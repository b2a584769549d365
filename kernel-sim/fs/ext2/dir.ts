// Models linux/fs/ext2/dir.c: directory blocks of ext2_dir_entry_2 records chained by rec_len — checking them, finding, adding and deleting entries, readdir, and empty-directory tests.
import type { inode, file_operations } from '../../include/linux/fs_types.ts';
import { EIO, EEXIST, ENOSPC } from '../../include/uapi/asm-generic/errno.ts';
import { DT_UNKNOWN } from '../../include/uapi/stat.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { sb_bread, brelse, mark_buffer_dirty, type buffer_head } from '../buffer.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { le32, put_le32, EXT2_DIR_REC_LEN, ext2_type_by_mode, EXT2_FEATURE_INCOMPAT_FILETYPE } from './ext2_fs.ts';
import { EXT2_SB, ext2_error } from './ext2.ts';
import { ext2_get_block, mark_inode_dirty } from './inode.ts';

const enc = new TextEncoder(), dec = new TextDecoder();

export interface ext2_dirent { inode: number; rec_len: number; name_len: number; file_type: number; name: string; off: number }
/** Where an entry was found: its block's buffer (held) and the entry, and the previous entry's offset in the block. */
export interface ext2_dir_loc { bh: buffer_head; de: ext2_dirent; prev: number }

const rec_len_at = (b: Uint8Array, off: number): number => b[off + 4] | (b[off + 5] << 8);
function set_rec_len(b: Uint8Array, off: number, len: number): void { b[off + 4] = len & 0xff; b[off + 5] = len >>> 8; }

function parse(b: Uint8Array, off: number): ext2_dirent {
  const name_len = b[off + 6];
  return { inode: le32(b, off), rec_len: rec_len_at(b, off), name_len, file_type: b[off + 7], name: dec.decode(b.subarray(off + 8, off + 8 + name_len)), off };
}

/** ext2_check_page: every record of a block is sane; otherwise the error Linux prints, and false. */
function ext2_check_block(dir: inode, bh: buffer_head, n: number): boolean {
  const sb = dir.i_sb, bs = sb.s_blocksize, max_ino = EXT2_SB(sb).s_es.s_inodes_count;
  for (let off = 0; off < bs;) {
    const d = parse(bh.b_data, off);
    const why = d.rec_len < EXT2_DIR_REC_LEN(1) ? 'rec_len is smaller than minimal'
      : d.rec_len & 3 ? 'unaligned directory entry'
      : d.rec_len < EXT2_DIR_REC_LEN(d.name_len) ? 'rec_len is too small for name_len'
      : off + d.rec_len > bs ? 'directory entry across blocks'
      : d.inode > max_ino ? 'inode out of bounds' : null;
    if (why) {
      ext2_error(sb, 'ext2_check_page', `bad entry in directory #${dir.i_ino}: : ${why} - offset=${n * bs + off}, inode=${d.inode}, rec_len=${d.rec_len}, name_len=${d.name_len}`);
      return false;
    }
    off += d.rec_len;
  }
  return true;
}

/** ext2_get_page: directory block `n`, read and checked; null on an error (already reported). */
function dir_block(dir: inode, n: number): buffer_head | null {
  const blk = ext2_get_block(dir, n, false);
  if (blk <= 0) {
    if (blk === 0) ext2_error(dir.i_sb, 'ext2_get_page', `directory #${dir.i_ino} contains a hole at offset ${n * dir.i_sb.s_blocksize}`);
    return null;
  }
  const bh = sb_bread(dir.i_sb, blk);
  if (!bh) return null;
  if (!ext2_check_block(dir, bh, n)) { brelse(bh); return null; }
  return bh;
}

const nblocks = (dir: inode): number => Math.ceil(dir.i_size / dir.i_sb.s_blocksize);

/** Calls fn on each entry in use until it returns true; -EIO when a block is bad. */
function for_each_entry(dir: inode, fn: (bh: buffer_head, de: ext2_dirent, prev: number, n: number) => boolean): number {
  for (let n = 0; n < nblocks(dir); n++) {
    const bh = dir_block(dir, n);
    if (!bh) return -EIO;
    for (let off = 0, prev = -1; off < dir.i_sb.s_blocksize;) {
      const de = parse(bh.b_data, off);
      if (fn(bh, de, prev, n)) { brelse(bh); return 1; }
      prev = off;
      off += de.rec_len;
    }
    brelse(bh);
  }
  return 0;
}

/** ext2_find_entry: the entry named `name`, null when absent, or -EIO. The caller brelse()s loc.bh. */
export function ext2_find_entry(dir: inode, name: string): ext2_dir_loc | null | number {
  let found: ext2_dir_loc | null = null;
  const r = for_each_entry(dir, (bh, de, prev) => {
    if (de.inode && de.name === name) { bh.b_count++; found = { bh, de, prev }; return true; }
    return false;
  });
  return r < 0 ? r : found;
}

function write_entry(sbi_filetype: boolean, b: Uint8Array, off: number, ino: number, name: Uint8Array, mode: number, rec_len: number): void {
  put_le32(b, off, ino);
  set_rec_len(b, off, rec_len);
  b[off + 6] = name.length;
  b[off + 7] = sbi_filetype ? ext2_type_by_mode(mode) : 0;
  b.set(name, off + 8);
}

const has_filetype = (dir: inode): boolean => (EXT2_SB(dir.i_sb).s_es.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) !== 0;

/** ext2_add_link: a record for `name` -> `ino` in a free slot, by splitting a record, or in a new block. */
export function ext2_add_link(dir: inode, name: string, ino: inode): number {
  const nb = enc.encode(name);
  const need = EXT2_DIR_REC_LEN(nb.length);
  const bs = dir.i_sb.s_blocksize;
  let done = 0;
  const r = for_each_entry(dir, (bh, de) => {
    if (de.inode && de.name === name) { done = -EEXIST; return true; }
    if (!de.inode && de.rec_len >= need) {
      write_entry(has_filetype(dir), bh.b_data, de.off, ino.i_ino, nb, ino.i_mode, de.rec_len);
      mark_buffer_dirty(bh); done = 1; return true;
    }
    const used = de.inode ? EXT2_DIR_REC_LEN(de.name_len) : 0;
    if (de.inode && de.rec_len - used >= need) {
      set_rec_len(bh.b_data, de.off, used);
      write_entry(has_filetype(dir), bh.b_data, de.off + used, ino.i_ino, nb, ino.i_mode, de.rec_len - used);
      mark_buffer_dirty(bh); done = 1; return true;
    }
    return false;
  });
  if (r < 0) return r;
  if (done < 0) return done;
  if (!done) {
    const n = nblocks(dir);
    const blk = ext2_get_block(dir, n, true);
    if (blk < 0) return blk === -ENOSPC ? -ENOSPC : blk;
    const bh = sb_bread(dir.i_sb, blk);
    if (!bh) return -EIO;
    bh.b_data.fill(0);
    write_entry(has_filetype(dir), bh.b_data, 0, ino.i_ino, nb, ino.i_mode, bs);
    mark_buffer_dirty(bh);
    brelse(bh);
    dir.i_size += bs;
  }
  dir.i_mtime = dir.i_ctime = ktime_get_real();
  return mark_inode_dirty(dir);
}

/** ext2_delete_entry: the record is merged into the one before it, or emptied when first in its block. */
export function ext2_delete_entry(dir: inode, loc: ext2_dir_loc): number {
  const b = loc.bh.b_data;
  if (loc.prev >= 0) set_rec_len(b, loc.prev, rec_len_at(b, loc.prev) + loc.de.rec_len);
  else put_le32(b, loc.de.off, 0);
  mark_buffer_dirty(loc.bh);
  dir.i_mtime = dir.i_ctime = ktime_get_real();
  return mark_inode_dirty(dir);
}

/** ext2_set_link: points an existing entry at another inode (rename over a target, "..") */
export function ext2_set_link(dir: inode, loc: ext2_dir_loc, ino: inode): number {
  put_le32(loc.bh.b_data, loc.de.off, ino.i_ino);
  loc.bh.b_data[loc.de.off + 7] = has_filetype(dir) ? ext2_type_by_mode(ino.i_mode) : 0;
  mark_buffer_dirty(loc.bh);
  dir.i_mtime = dir.i_ctime = ktime_get_real();
  return mark_inode_dirty(dir);
}

/** ext2_make_empty: a new directory's first block with "." and "..". */
export function ext2_make_empty(ino: inode, parent: inode): number {
  const blk = ext2_get_block(ino, 0, true);
  if (blk < 0) return blk;
  const bh = sb_bread(ino.i_sb, blk);
  if (!bh) return -EIO;
  bh.b_data.fill(0);
  write_entry(has_filetype(ino), bh.b_data, 0, ino.i_ino, enc.encode('.'), ino.i_mode, 12);
  write_entry(has_filetype(ino), bh.b_data, 12, parent.i_ino, enc.encode('..'), parent.i_mode, ino.i_sb.s_blocksize - 12);
  mark_buffer_dirty(bh);
  brelse(bh);
  ino.i_size = ino.i_sb.s_blocksize;
  return mark_inode_dirty(ino);
}

/** ext2_empty_dir: nothing but "." and ".." in use. A bad block counts as not empty. */
export function ext2_empty_dir(ino: inode): boolean {
  let other = false;
  const r = for_each_entry(ino, (_bh, de) => { if (de.inode && de.name !== '.' && de.name !== '..') { other = true; return true; } return false; });
  return r >= 0 && !other;
}

/** ext2_readdir: entries from ctx.pos (a byte offset in the directory) on. */
export const ext2_dir_operations: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, file.f_inode.i_size); },
  iterate_shared: function* (file, ctx) {
    const dir = file.f_inode, bs = dir.i_sb.s_blocksize;
    for (let n = Math.floor(ctx.pos / bs); n < nblocks(dir); n++) {
      const bh = dir_block(dir, n);
      if (!bh) return -EIO;
      for (let off = 0; off < bs;) {
        const de = parse(bh.b_data, off);
        const pos = n * bs + off;
        off += de.rec_len;
        if (pos < ctx.pos) continue;
        if (de.inode && !ctx.actor(de.name, de.inode, de.file_type ? [0, 8, 4, 2, 6, 1, 12, 10][de.file_type] ?? DT_UNKNOWN : DT_UNKNOWN)) { brelse(bh); return 0; }
        ctx.pos = n * bs + off;
      }
      brelse(bh);
    }
    return 0;
  },
};
