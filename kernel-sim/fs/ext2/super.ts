// Models linux/fs/ext2/super.c: ext2_fill_super (checks and messages as Linux prints them), statfs, sync_fs, put_super on umount, and the "ext2" filesystem type in /proc/filesystems.
import type { file_system_type, super_block, inode } from '../../include/linux/fs_types.ts';
import { FS_REQUIRES_DEV, FMODE_READ, FMODE_WRITE } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import { EINVAL, EIO, EBUSY, EACCES, EROFS } from '../../include/uapi/asm-generic/errno.ts';
import { S_ISDIR, S_IFDIR, S_IFMT, S_IFREG, S_IFLNK } from '../../include/uapi/stat.ts';
import { init_special_inode } from '../special_inode.ts';
import { ext2_file_operations, ext2_file_inode_operations } from './file.ts';
import { ext2_dir_operations } from './dir.ts';
import { ext2_dir_inode_operations, ext2_symlink_inode_operations, ext2_special_inode_operations } from './namei.ts';
import { KERN_WARNING } from '../../kernel/printk/printk.ts';
import { defineState } from '../../kernel/state.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { alloc_super, register_filesystem } from '../super.ts';
import { lookup_bdev } from '../namei.ts';
import { new_inode } from '../inode.ts';
import { blkdev_get_by_dev, blkdev_put, blkdev_get_no_open, FMODE_EXCL } from '../../block/bdev.ts';
import { bdev_name } from '../../block/genhd.ts';
import { bdev_nr_sectors, bdev_read_only } from '../../include/linux/blkdev.ts';
import {
  __bread, brelse, sb_set_bdev, sync_blockdev, sync_blockdev_nowait, invalidate_bdev, bio_rw_nowait, block_write_full_folio_bios, type buffer_head,
} from '../buffer.ts';
import { register_writeback_hook } from '../../mm/page-writeback.ts';
import { PAGE_SIZE, PAGE_SHIFT, PG_dirty, account_page_cleaned } from '../../include/linux/pagemap.ts';
import { mapping_release } from '../../mm/filemap.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import {
  ext2_super_block, decode, ext2_geometry_of, ext2_group_sparse, EXT2_SUPER_MAGIC, EXT2_SBLOCK_OFFSET, EXT2_VALID_FS, EXT2_ERROR_FS,
  EXT2_FEATURE_INCOMPAT_SUPP, EXT2_FEATURE_RO_COMPAT_SUPP, EXT2_ROOT_INO, EXT2_DYNAMIC_REV,
} from './ext2_fs.ts';
import { EXT2_SB, EXT2_I, ext2_msg, ext2_error, ext2_sync_super_buffer, to_disk_time, type ext2_sb_info } from './ext2.ts';
import { ext2_get_group_desc, ext2_count_free_blocks } from './balloc.ts';
import { ext2_iget, ext2_write_inode, ext2_get_block } from './inode.ts';

const SB_RDONLY = 1;
const MS_SILENT = 32768;

const ext2State = defineState('ext2', () => ({ mounted: new Map<block_device, super_block>(), hooked: false }));

/** Runs a generator that must finish without sleeping (opening a bio-based disk does). */
function run_nowait<T>(g: KGen<T>, fallback: T): T {
  const r = g.next();
  return r.done ? r.value : fallback;
}

/** ext2_set_file_ops and friends: an inode's operations by its type. */
function ext2_set_inode_ops(ino: inode, rdev: number): void {
  switch (ino.i_mode & S_IFMT) {
    case S_IFREG: ino.i_op = ext2_file_inode_operations; ino.i_fop = ext2_file_operations; break;
    case S_IFDIR: ino.i_op = ext2_dir_inode_operations; ino.i_fop = ext2_dir_operations; break;
    case S_IFLNK: ino.i_op = ext2_symlink_inode_operations; break;
    default: init_special_inode(ino, ino.i_mode, rdev); ino.i_op = ext2_special_inode_operations;
  }
}

/** ext2_check_descriptors: each group's bitmaps and inode table lie inside the group. */
function ext2_check_descriptors(sb: super_block): boolean {
  const sbi = EXT2_SB(sb), es = sbi.s_es;
  for (let g = 0; g < sbi.geo.groups; g++) {
    const gd = ext2_get_group_desc(sb, g);
    if (!gd) return false;
    const first = es.s_first_data_block + g * es.s_blocks_per_group;
    const last = g === sbi.geo.groups - 1 ? es.s_blocks_count - 1 : first + es.s_blocks_per_group - 1;
    const checks: [string, number, number][] = [['Block bitmap', gd.bg_block_bitmap, 1], ['Inode bitmap', gd.bg_inode_bitmap, 1], ['Inode table', gd.bg_inode_table, sbi.geo.itb_per_group]];
    for (const [what, b, n] of checks) {
      if (b < first || b + n - 1 > last) {
        ext2_error(sb, 'ext2_check_descriptors', `${what} for group ${g} not in group (block ${b})!`);
        return false;
      }
    }
  }
  return true;
}

/** ext2_fill_super: reads and checks the superblock and group descriptors, then the root inode. */
function ext2_fill_super(bdev: block_device, flags: number): super_block | number {
  const id = bdev_name(bdev);
  const silent = (flags & MS_SILENT) !== 0;
  const dev_bytes = bdev_nr_sectors(bdev) * 512;
  if (dev_bytes < EXT2_SBLOCK_OFFSET + 1024) { if (!silent) ext2_msg(id, `error: can't find an ext2 filesystem on dev ${id}.`); return -EINVAL; }
  const probe = __bread(bdev, 1, 1024);
  if (!probe) { ext2_msg(id, 'error: unable to read superblock'); return -EIO; }
  const es = decode(ext2_super_block, probe.b_data);
  brelse(probe);
  if (es.s_magic !== EXT2_SUPER_MAGIC) { if (!silent) ext2_msg(id, `error: can't find an ext2 filesystem on dev ${id}.`); return -EINVAL; }
  const bad_incompat = es.s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
  if (bad_incompat) { ext2_msg(id, `error: couldn't mount because of unsupported optional features (${bad_incompat.toString(16)})`); return -EINVAL; }
  const ro = (flags & SB_RDONLY) !== 0 || bdev_read_only(bdev);
  const bad_ro = es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;
  if (!ro && bad_ro) { ext2_msg(id, `error: couldn't mount RDWR because of unsupported optional features (${bad_ro.toString(16)})`); return -EINVAL; }
  if (es.s_log_block_size > 2) { ext2_msg(id, `error: unsupported blocksize ${1024 << Math.min(es.s_log_block_size, 20)}`); return -EINVAL; }
  const geo = ext2_geometry_of(es);
  if (typeof geo === 'string') { ext2_msg(id, `error: ${geo}`); return -EINVAL; }
  if (es.s_blocks_count * geo.block_size > dev_bytes) {
    ext2_msg(id, `error: bad geometry: block count ${es.s_blocks_count} exceeds size of device (${Math.floor(dev_bytes / geo.block_size)} blocks)`);
    return -EINVAL;
  }
  if (es.s_rev_level > EXT2_DYNAMIC_REV) { ext2_msg(id, 'error: revision level too high, forcing read-only mode'); return -EINVAL; }
  const bs = geo.block_size;
  const sb_block = Math.floor(EXT2_SBLOCK_OFFSET / bs);
  const sbh = __bread(bdev, sb_block, bs);
  if (!sbh) { ext2_msg(id, 'error: unable to read superblock'); return -EIO; }
  const gdb: buffer_head[] = [];
  for (let i = 0; i < geo.desc_blocks; i++) {
    const bh = __bread(bdev, es.s_first_data_block + 1 + i, bs);
    if (!bh) { gdb.forEach(brelse); brelse(sbh); ext2_msg(id, 'error: unable to read group descriptors'); return -EIO; }
    gdb.push(bh);
  }
  const sbi: ext2_sb_info = {
    s_bdev: bdev, s_id: id, s_es: es, s_sbh: sbh, s_es_off: EXT2_SBLOCK_OFFSET % bs, s_group_desc: gdb, geo,
    icache: new Map(), s_mount_state: es.s_state, s_set_ops: ext2_set_inode_ops,
  };
  let err = 0;
  const sb = alloc_super(ext2_fs_type, EXT2_SUPER_MAGIC, (s): inode => {
    s.s_fs_info = sbi;
    s.s_blocksize = bs;
    sb_set_bdev(s, bdev);
    if (ro) s.s_flags |= SB_RDONLY;
    if (!ext2_check_descriptors(s)) { ext2_msg(id, 'error: group descriptors corrupted'); err = -EINVAL; return new_inode(s, S_IFDIR | 0o755); }
    const root = ext2_iget(s, EXT2_ROOT_INO);
    if (typeof root === 'number' || !S_ISDIR(root.i_mode) || !root.i_blocks || !root.i_size) {
      ext2_msg(id, 'error: corrupt root inode, run e2fsck');
      err = typeof root === 'number' && root !== -EINVAL ? root : -EINVAL;
      return new_inode(s, S_IFDIR | 0o755);
    }
    return root;
  }, bdev.bd_dev);
  if (err) { sb_set_bdev(sb, null); gdb.forEach(brelse); brelse(sbh); invalidate_bdev(bdev); return err; }
  sb.s_flags = ro ? SB_RDONLY : 0;
  sb.s_op = {
    statfs: ext2_statfs,
    show_options: () => '',
    remount_fs: ext2_remount,
  };
  if (!(sbi.s_mount_state & EXT2_VALID_FS)) ext2_msg(id, 'warning: mounting unchecked fs, running e2fsck is recommended', KERN_WARNING);
  else if (sbi.s_mount_state & EXT2_ERROR_FS) ext2_msg(id, 'warning: mounting fs with errors, running e2fsck is recommended', KERN_WARNING);
  if (!ro) ext2_setup_super(sbi);
  return sb;
}

/** ext2_setup_super: not clean while mounted read-write; counted and stamped. */
function ext2_setup_super(sbi: ext2_sb_info): void {
  const es = sbi.s_es;
  sbi.s_mount_state = es.s_state;
  es.s_state &= ~EXT2_VALID_FS;
  es.s_mnt_count++;
  es.s_mtime = to_disk_time(ktime_get_real());
  ext2_sync_super_buffer(sbi);
  sync_blockdev_nowait(sbi.s_bdev);
}

/** Everything in memory goes to the device and the superblock gets back the state it was mounted with (clean unless errors). */
function ext2_write_back_all(sb: super_block): void {
  const sbi = EXT2_SB(sb);
  for (const ino of sbi.icache.values()) write_pages_nowait(ino);
  write_inodes(sb);
  sbi.s_es.s_state = sbi.s_mount_state | (sbi.s_es.s_state & EXT2_ERROR_FS);
  sbi.s_es.s_wtime = to_disk_time(ktime_get_real());
  ext2_sync_super_buffer(sbi);
  sync_blockdev_nowait(sbi.s_bdev);
}

/** ext2_remount: read-only to read-write marks the filesystem in use; back to read-only writes it all and marks it clean. */
function ext2_remount(sb: super_block, flags: number): number {
  const sbi = EXT2_SB(sb);
  const want_ro = (flags & SB_RDONLY) !== 0;
  if (want_ro === ((sb.s_flags & SB_RDONLY) !== 0)) return 0;
  if (want_ro) { ext2_write_back_all(sb); sb.s_flags |= SB_RDONLY; return 0; }
  if (bdev_read_only(sbi.s_bdev)) return -EACCES;
  if (sbi.s_es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP) {
    ext2_msg(sbi.s_id, `error: couldn't remount RDWR because of unsupported optional features (${(sbi.s_es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP).toString(16)})`);
    return -EROFS;
  }
  sb.s_flags &= ~SB_RDONLY;
  ext2_setup_super(sbi);
  return 0;
}

/** ext2_statfs: blocks less the groups' metadata (the "bsddf" overhead), free counts from the descriptors. */
function ext2_statfs(sb: super_block): { f_type: number; f_bsize: number; f_blocks: number; f_bfree: number; f_files: number; f_ffree: number } {
  const sbi = EXT2_SB(sb), es = sbi.s_es;
  let overhead = es.s_first_data_block;
  for (let g = 0; g < sbi.geo.groups; g++) overhead += (ext2_group_sparse(g) ? 1 + sbi.geo.desc_blocks : 0) + 2 + sbi.geo.itb_per_group;
  return { f_type: EXT2_SUPER_MAGIC, f_bsize: sb.s_blocksize, f_blocks: es.s_blocks_count - overhead, f_bfree: ext2_count_free_blocks(sb), f_files: es.s_inodes_count, f_ffree: es.s_free_inodes_count };
}

/** Writes every in-memory inode into its table block (dirty inodes: chmod, times). */
function write_inodes(sb: super_block): void {
  for (const ino of EXT2_SB(sb).icache.values()) if (ino.i_nlink > 0) ext2_write_inode(ino);
}

/** ext2_sync_fs: inodes and the superblock's write time into their buffers, then (waiting) the device's dirty buffers. */
function* ext2_sync_fs(_wait: boolean): KGen<number> {
  let err = 0;
  for (const sb of [...ext2State().mounted.values()]) {
    if (sb.s_flags & SB_RDONLY) continue;
    const sbi = EXT2_SB(sb);
    write_inodes(sb);
    sbi.s_es.s_wtime = to_disk_time(ktime_get_real());
    ext2_sync_super_buffer(sbi);
    // The flusher and sync alike write the metadata buffers out (no per-buffer age is kept).
    const r = yield* sync_blockdev(sbi.s_bdev);
    if (r && !err) err = r;
  }
  return err;
}

/** Writes a mapping's dirty pages without sleeping (umount runs where it cannot). */
function write_pages_nowait(ino: inode): number {
  const mapping = EXT2_I(ino).i_mapping, bs = ino.i_sb.s_blocksize;
  let err = 0;
  for (const p of mapping.i_pages.values()) {
    if (!(p.flags & PG_dirty)) continue;
    const bios = block_write_full_folio_bios(EXT2_SB(ino.i_sb).s_bdev, p.data, (p.index << PAGE_SHIFT) / bs, bs, Math.max(0, Math.min(PAGE_SIZE, ino.i_size - (p.index << PAGE_SHIFT))), (ib) => ext2_get_block(ino, ib, false));
    if (typeof bios === 'number') { err = bios; continue; }
    for (const b of bios) { const r = bio_rw_nowait(b); if (r) err = r; }
    account_page_cleaned(p);
  }
  return err;
}

/** ext2_put_super: everything written, the state it was mounted with restored (clean unless errors), the device released. */
function ext2_put_super(sb: super_block): void {
  const sbi = EXT2_SB(sb);
  if (!(sb.s_flags & SB_RDONLY)) ext2_write_back_all(sb);
  for (const ino of sbi.icache.values()) mapping_release(EXT2_I(ino).i_mapping);
  sbi.s_group_desc.forEach(brelse);
  brelse(sbi.s_sbh);
  invalidate_bdev(sbi.s_bdev);
  sb_set_bdev(sb, null);
  ext2State().mounted.delete(sbi.s_bdev);
  blkdev_put(sbi.s_bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
}

/** ext2_mount via mount_bdev: the source must be a block special file of a live disk; one superblock per device. */
export const ext2_fs_type: file_system_type = {
  name: 'ext2',
  fs_flags: FS_REQUIRES_DEV,
  mount(flags, dev_name) {
    const dev = lookup_bdev(dev_name, (d) => blkdev_get_no_open(d) !== null);
    if (dev < 0) return dev;
    const st = ext2State();
    const existing = [...st.mounted.entries()].find(([b]) => b.bd_dev === dev);
    if (existing) return existing[1];
    const bdev = run_nowait(blkdev_get_by_dev(dev, FMODE_READ | FMODE_WRITE | FMODE_EXCL, ext2_fs_type), -EBUSY as block_device | number);
    if (typeof bdev === 'number') return bdev;
    const sb = ext2_fill_super(bdev, flags);
    // Nothing of a failed mount stays cached: the device may be rewritten (mkfs) before the next try.
    if (typeof sb === 'number') { invalidate_bdev(bdev); blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL); return sb; }
    st.mounted.set(bdev, sb);
    return sb;
  },
  /** Called by umount when the last mount of the superblock is gone. */
  kill_sb: ext2_put_super,
};

export function init_ext2_fs(): number {
  const st = ext2State();
  if (!st.hooked) { st.hooked = true; register_writeback_hook(ext2_sync_fs); }
  return register_filesystem(ext2_fs_type);
}

export const initcalls: initcall_entry[] = [['fs', 'init_ext2_fs', init_ext2_fs, 30_000]];

