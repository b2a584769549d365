// Models linux/fs/ext2/namei.c and symlink.c: the directory inode operations (lookup, create, mknod, symlink, link, unlink, mkdir, rmdir, rename) and symlinks, fast (in i_block) and slow (in a block).
import type { inode, inode_operations, dentry, iattr } from '../../include/linux/fs_types.ts';
import { EIO, EMLINK, ENOTEMPTY, ENAMETOOLONG, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFREG, S_ISDIR } from '../../include/uapi/stat.ts';
import { d_add } from '../dcache.ts';
import { pr_warn } from '../../kernel/printk/printk.ts';
import { sb_bread, brelse, mark_buffer_dirty } from '../buffer.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { EXT2_NAME_LEN } from './ext2_fs.ts';
import { ext2_error, EXT2_SB } from './ext2.ts';
import { ext2_alloc_ino } from './ialloc.ts';
import { ext2_iget, ext2_init_new_inode, ext2_write_inode, ext2_delete_inode, ext2_get_block, ext2_setsize, mark_inode_dirty } from './inode.ts';
import { ext2_find_entry, ext2_add_link, ext2_delete_entry, ext2_set_link, ext2_make_empty, ext2_empty_dir } from './dir.ts';

const EXT2_LINK_MAX = 32000;
const enc = new TextEncoder();

function ext2_lookup(dir: inode, d: dentry): dentry | null {
  if (enc.encode(d.d_name).length > EXT2_NAME_LEN) return null;
  const loc = ext2_find_entry(dir, d.d_name);
  if (!loc || typeof loc === 'number') return null;
  brelse(loc.bh);
  const ino = ext2_iget(dir.i_sb, loc.de.inode);
  if (typeof ino === 'number') {
    if (ino === -116) ext2_error(dir.i_sb, 'ext2_lookup', `deleted inode referenced: ${loc.de.inode}`);
    return null;
  }
  if (S_ISDIR(ino.i_mode) && d_ancestor_inode(d.d_parent, ino)) {
    // d_splice_alias: a directory that is already one of its own ancestors (a corrupted entry) would make the tree a cycle.
    pr_warn(`VFS: Lookup of '${d.d_name}' in ext2 ${EXT2_SB(dir.i_sb).s_id} would have caused loop`);
    return null;
  }
  return d_add(d, ino);
}

/** Whether `ino` is the inode of `d` or of one of its ancestors in the same filesystem. */
function d_ancestor_inode(d: dentry, ino: inode): boolean {
  for (let p = d; ; p = p.d_parent) {
    if (p.d_inode === ino) return true;
    if (p.d_parent === p || p.d_sb !== d.d_sb) return false;
  }
}

/** ext2_new_inode + ext2_add_nondir: a new inode of `mode` linked into `dir` as the dentry's name. */
function new_linked(dir: inode, d: dentry, mode: number, rdev: number, init?: (ino: inode) => number): number {
  if (enc.encode(d.d_name).length > EXT2_NAME_LEN) return -ENAMETOOLONG;
  const nr = ext2_alloc_ino(dir, mode);
  if (nr < 0) return nr;
  const ino = ext2_init_new_inode(dir, nr, mode, rdev);
  let r = ext2_write_inode(ino);
  if (!r && init) r = init(ino);
  if (!r) r = ext2_add_link(dir, d.d_name, ino);
  if (r) { ino.i_nlink = 0; ext2_delete_inode(ino); return r; }
  d_add(d, ino);
  return 0;
}

function ext2_symlink(dir: inode, d: dentry, target: string): number {
  const t = enc.encode(target);
  if (t.length + 1 > dir.i_sb.s_blocksize) return -ENAMETOOLONG;
  return new_linked(dir, d, S_IFLNK | 0o777, 0, (ino) => {
    ino.i_size = t.length;
    ino.i_link = target;
    if (t.length < 60) return mark_inode_dirty(ino); // fast symlink: the target lives in i_block
    const blk = ext2_get_block(ino, 0, true);
    if (blk < 0) return blk;
    const bh = sb_bread(ino.i_sb, blk);
    if (!bh) return -EIO;
    bh.b_data.fill(0);
    bh.b_data.set(t);
    mark_buffer_dirty(bh);
    brelse(bh);
    return mark_inode_dirty(ino);
  });
}

function ext2_mkdir(dir: inode, d: dentry, mode: number): number {
  if (dir.i_nlink >= EXT2_LINK_MAX) return -EMLINK;
  const r = new_linked(dir, d, S_IFDIR | (mode & 0o7777), 0, (ino) => { ino.i_nlink = 2; return ext2_make_empty(ino, dir); });
  if (r) return r;
  dir.i_nlink++;
  return mark_inode_dirty(dir);
}

/** Drops one link of `ino`; the inode goes when none is left. */
function drop_link(ino: inode, all = false): void {
  ino.i_nlink = all ? 0 : Math.max(0, ino.i_nlink - 1);
  ino.i_ctime = ktime_get_real();
  if (ino.i_nlink === 0) ext2_delete_inode(ino); else mark_inode_dirty(ino);
}

/** Finds and deletes the record naming `name` in `dir`. */
function remove_name(dir: inode, name: string): number {
  const loc = ext2_find_entry(dir, name);
  if (typeof loc === 'number') return loc;
  if (!loc) return -ENOENT;
  const r = ext2_delete_entry(dir, loc);
  brelse(loc.bh);
  return r;
}

function ext2_unlink(dir: inode, d: dentry): number {
  const r = remove_name(dir, d.d_name);
  if (r) return r;
  drop_link(d.d_inode!);
  return 0;
}

function ext2_rmdir(dir: inode, d: dentry): number {
  const ino = d.d_inode!;
  if (!ext2_empty_dir(ino)) return -ENOTEMPTY;
  const r = remove_name(dir, d.d_name);
  if (r) return r;
  drop_link(ino, true);
  dir.i_nlink--;
  return mark_inode_dirty(dir);
}

function ext2_rename(old_dir: inode, old: dentry, new_dir: inode, newd: dentry): number {
  const src = old.d_inode!;
  const target = newd.d_inode;
  const is_dir = S_ISDIR(src.i_mode);
  if (target && S_ISDIR(target.i_mode) && !ext2_empty_dir(target)) return -ENOTEMPTY;
  if (target) {
    const tl = ext2_find_entry(new_dir, newd.d_name);
    if (typeof tl === 'number') return tl;
    if (!tl) return -EIO;
    const r = ext2_set_link(new_dir, tl, src);
    brelse(tl.bh);
    if (r) return r;
    if (S_ISDIR(target.i_mode)) { new_dir.i_nlink--; drop_link(target, true); } else drop_link(target);
  } else {
    if (is_dir && new_dir !== old_dir && new_dir.i_nlink >= EXT2_LINK_MAX) return -EMLINK;
    const r = ext2_add_link(new_dir, newd.d_name, src);
    if (r) return r;
    if (is_dir && new_dir !== old_dir) new_dir.i_nlink++;
  }
  // Found again: adding the new name may have moved records of the same block.
  const r = remove_name(old_dir, old.d_name);
  if (r) return r;
  if (is_dir && new_dir !== old_dir) {
    const dd = ext2_find_entry(src, '..');
    if (dd && typeof dd !== 'number') { ext2_set_link(src, dd, new_dir); brelse(dd.bh); }
    old_dir.i_nlink--;
  }
  src.i_ctime = ktime_get_real();
  mark_inode_dirty(src);
  mark_inode_dirty(old_dir);
  return mark_inode_dirty(new_dir);
}

/** ext2_setattr: size changes go through the page cache and the block tree; the rest is written with the inode. */
function ext2_setattr(d: dentry, attr: iattr): number {
  const ino = d.d_inode!;
  if (attr.ia_size !== undefined) { const r = ext2_setsize(ino, attr.ia_size); if (r) return r; }
  if (attr.ia_mode !== undefined) ino.i_mode = attr.ia_mode;
  if (attr.ia_uid !== undefined) ino.i_uid = attr.ia_uid;
  if (attr.ia_gid !== undefined) ino.i_gid = attr.ia_gid;
  if (attr.ia_atime !== undefined) ino.i_atime = attr.ia_atime;
  if (attr.ia_mtime !== undefined) ino.i_mtime = attr.ia_mtime;
  return mark_inode_dirty(ino);
}

export const ext2_dir_inode_operations: inode_operations = {
  lookup: ext2_lookup,
  create: (dir, d, mode) => new_linked(dir, d, S_IFREG | (mode & 0o7777), 0),
  mknod: (dir, d, mode, dev) => new_linked(dir, d, mode, dev),
  symlink: ext2_symlink,
  link: (old, dir, d) => {
    const ino = old.d_inode!;
    if (ino.i_nlink >= EXT2_LINK_MAX) return -EMLINK;
    ino.i_nlink++;
    ino.i_ctime = ktime_get_real();
    const r = ext2_add_link(dir, d.d_name, ino);
    if (r) { ino.i_nlink--; return r; }
    mark_inode_dirty(ino);
    d_add(d, ino);
    return 0;
  },
  unlink: ext2_unlink,
  mkdir: ext2_mkdir,
  rmdir: ext2_rmdir,
  rename: ext2_rename,
  setattr: ext2_setattr,
};

/** ext2_symlink_inode_operations / page_symlink: a slow symlink's target is read from its first block. */
export const ext2_symlink_inode_operations: inode_operations = {
  get_link: (_d, ino) => {
    if (ino.i_link !== null) return ino.i_link;
    const blk = ext2_get_block(ino, 0, false);
    if (blk <= 0) return -EIO;
    const bh = sb_bread(ino.i_sb, blk);
    if (!bh) return -EIO;
    ino.i_link = new TextDecoder().decode(bh.b_data.subarray(0, Math.min(ino.i_size, ino.i_sb.s_blocksize)));
    brelse(bh);
    return ino.i_link;
  },
  setattr: ext2_setattr,
};

export const ext2_special_inode_operations: inode_operations = { setattr: ext2_setattr };
