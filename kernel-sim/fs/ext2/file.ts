// Models linux/fs/ext2/file.c with mm/filemap.c's generic_file_read_iter/write_iter and fs/direct-io.c: buffered reads and writes through the page cache, O_DIRECT straight to the device, fsync.
import type { file, file_operations, inode, inode_operations, iattr, dentry } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, EFBIG, EIO } from '../../include/uapi/asm-generic/errno.ts';
import { O_APPEND, O_DIRECT, O_DSYNC } from '../../include/uapi/stat.ts';
import { RLIMIT_FSIZE } from '../../include/uapi/resource.ts';
import { SIGXFSZ } from '../../include/uapi/signal.ts';
import { current } from '../../kernel/sched/core.ts';
import { send_signal } from '../../kernel/signal.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { generic_file_llseek } from '../libfs.ts';
import { __blockdev_direct_IO } from '../direct-io.ts';
import { sync_blockdev } from '../buffer.ts';
import { filemap_read, generic_perform_write, invalidate_mapping_pages, filemap_check_errors, PAGE_SHIFT } from '../../mm/filemap.ts';
import { filemap_write_and_wait } from '../../mm/page-writeback.ts';
import { file_ra_state_init, type file_ra_state } from '../../mm/readahead.ts';
import { EXT2_SB, EXT2_I } from './ext2.ts';
import { ext2_get_block, ext2_write_inode, mark_inode_dirty, ext2_setsize } from './inode.ts';

/** s_maxbytes of a revision-1 ext2 with large_file: what the triple-indirect tree reaches. */
const ext2_max_size = (ino: inode): number => {
  const bs = ino.i_sb.s_blocksize, a = bs / 4;
  return Math.min((12 + a + a * a + a * a * a) * bs, 2 ** 41);
};

const ra_of = (f: file): file_ra_state => (f.private_data as file_ra_state | null) ?? (f.private_data = file_ra_state_init()) as file_ra_state;

/**
 * ext2_direct_IO (blockdev_direct_IO): 512-byte aligned transfers between user memory and the
 * device, bypassing the page cache — which is written back first, and invalidated after a write.
 */
function* ext2_direct_IO(f: file, write: boolean, buf: number, count: number, pos: number): KGen<number> {
  const ino = f.f_inode, mapping = EXT2_I(ino).i_mapping;
  const w = yield* filemap_write_and_wait(mapping, 'fsync');
  if (w) return w;
  const m = { bdev: EXT2_SB(ino.i_sb).s_bdev, blocksize: ino.i_sb.s_blocksize, get_block: (ib: number, c: boolean) => ext2_get_block(ino, ib, c) };
  const done = yield* __blockdev_direct_IO(m, write, f.f_flags, ino.i_size, buf, count, pos);
  if (write && done > 0) {
    invalidate_mapping_pages(mapping);
    if (pos + done > ino.i_size) ino.i_size = pos + done;
    ino.i_mtime = ino.i_ctime = ktime_get_real();
    mark_inode_dirty(ino);
  }
  return done;
}

/** ext2_fsync (generic_file_fsync): the file's pages, its inode, the device's dirty metadata, then the error seen by writeback. */
export function* ext2_fsync(f: file): KGen<number> {
  const ino = f.f_inode;
  const r = yield* filemap_write_and_wait(EXT2_I(ino).i_mapping, 'fsync');
  ext2_write_inode(ino);
  const m = yield* sync_blockdev(EXT2_SB(ino.i_sb).s_bdev);
  return r || m || filemap_check_errors(EXT2_I(ino).i_mapping);
}

export const ext2_file_operations: file_operations = {
  llseek: generic_file_llseek,
  open: function* (_ino, f) { f.private_data = file_ra_state_init(); return 0; },
  read: function* (f, buf, count, ppos) {
    if (ppos.pos < 0) return -EINVAL;
    if (f.f_flags & O_DIRECT) {
      const r = yield* ext2_direct_IO(f, false, buf, count, ppos.pos);
      if (r > 0) ppos.pos += r;
      return r;
    }
    return yield* filemap_read(EXT2_I(f.f_inode).i_mapping, ra_of(f), buf, count, ppos);
  },
  write: function* (f, buf, count, ppos) {
    const ino = f.f_inode;
    const pos = f.f_flags & O_APPEND ? ino.i_size : ppos.pos;
    if (pos < 0) return -EINVAL;
    const limit = current().signal.rlim[RLIMIT_FSIZE].rlim_cur;
    if (pos >= limit && count > 0) { send_signal(SIGXFSZ, current()); return -EFBIG; }
    if (pos >= ext2_max_size(ino) && count > 0) return -EFBIG;
    count = Math.min(count, limit - pos, ext2_max_size(ino) - pos);
    let r: number;
    if (f.f_flags & O_DIRECT) r = yield* ext2_direct_IO(f, true, buf, count, pos);
    else {
      const bs = ino.i_sb.s_blocksize;
      r = yield* generic_perform_write(EXT2_I(ino).i_mapping, buf, count, pos, (p, len) => {
        for (let b = Math.floor(p / bs); b * bs < p + len; b++) { const e = ext2_get_block(ino, b, true); if (e < 0) return e; }
        return 0;
      });
      if (r > 0) { ino.i_mtime = ino.i_ctime = ktime_get_real(); mark_inode_dirty(ino); }
      if (r > 0 && f.f_flags & O_DSYNC) { const e = yield* ext2_fsync(f); if (e) return e; }
    }
    if (r > 0) ppos.pos = pos + r;
    return r;
  },
  fsync: ext2_fsync,
};

export const ext2_file_inode_operations: inode_operations = {
  setattr: (d: dentry, attr: iattr) => {
    const ino = d.d_inode!;
    if (attr.ia_size !== undefined) {
      if (attr.ia_size > ext2_max_size(ino)) return -EFBIG;
      const r = ext2_setsize(ino, attr.ia_size);
      if (r) return r;
    }
    if (attr.ia_mode !== undefined) ino.i_mode = attr.ia_mode;
    return mark_inode_dirty(ino);
  },
};

export { PAGE_SHIFT, EIO };
