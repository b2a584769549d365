// Models linux/fs/namei.c: path walking (with mounts, "..", symlinks), permission checks, and the vfs_* directory operations.
import type { dentry, inode, path, dev_t } from '../include/linux/fs_types.ts';
import {
  EACCES, EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, ENOTEMPTY, EPERM, EXDEV, EBADF, EROFS, ENOTBLK, ENXIO,
} from '../include/uapi/asm-generic/errno.ts';
import {
  AT_FDCWD, MAY_EXEC, MAY_READ, MAY_WRITE, S_ISDIR, S_ISBLK, S_ISLNK, S_IFMT, S_ISVTX, S_IFDIR, S_IFREG, RENAME_NOREPLACE,
} from '../include/uapi/stat.ts';
import { current } from '../kernel/sched/core.ts';
import { d_alloc, d_lookup, d_drop, d_move, d_add } from './dcache.ts';
import { lookup_mnt, MNT_READONLY } from './namespace.ts';
import { fget } from './file.ts';
import { inode_touch_mtime } from './inode.ts';
import { account_ns } from '../kernel/time/timekeeping.ts';

export const LOOKUP_FOLLOW = 0x0001;
export const LOOKUP_DIRECTORY = 0x0002;
export const MAXSYMLINKS = 40;
export const NAME_MAX = 255;

/** Permission check on an inode for the current task's fs credentials (generic_permission). */
export function inode_permission(inode: inode, mask: number): number {
  if (inode.i_op.permission) return inode.i_op.permission(inode, mask);
  const cred = current().cred;
  const mode = inode.i_mode;
  if (cred.fsuid === 0) {
    // CAP_DAC_OVERRIDE: everything but executing a file with no x bit at all.
    if (mask & MAY_EXEC && !S_ISDIR(mode) && !(mode & 0o111)) return -EACCES;
    return 0;
  }
  let bits = mode & 7;
  if (inode.i_uid === cred.fsuid) bits = (mode >> 6) & 7;
  else if (inode.i_gid === cred.fsgid || cred.groups.includes(inode.i_gid)) bits = (mode >> 3) & 7;
  const want = ((mask & MAY_READ) ? 4 : 0) | ((mask & MAY_WRITE) ? 2 : 0) | ((mask & MAY_EXEC) ? 1 : 0);
  return (bits & want) === want ? 0 : -EACCES;
}

/** Starting point of a walk: "/" → root, AT_FDCWD → cwd, else the directory open at dfd. */
function path_init(dfd: number, name: string): path | number {
  const fs = current().fs;
  if (name.startsWith('/')) return fs.root;
  if (dfd === AT_FDCWD) return fs.pwd;
  const f = fget(dfd);
  if (!f) return -EBADF;
  if (!S_ISDIR(f.f_inode.i_mode)) return -ENOTDIR;
  return f.f_path;
}

/** Follows mounts stacked on a path (follow_mount). */
function follow_mount(p: path): path {
  const ns = current().nsproxy.mnt_ns;
  for (;;) {
    const m = lookup_mnt(ns, p);
    if (!m) return p;
    p = { mnt: m, dentry: m.mnt.mnt_root };
  }
}

/** Finds `name` in directory `dir`: the dcache first, then the filesystem's lookup. */
export function lookup_one(dir: dentry, name: string): dentry | null {
  const cached = d_lookup(dir, name);
  if (cached) return cached;
  const ino = dir.d_inode;
  if (!ino?.i_op.lookup) return null;
  const d = d_alloc(dir, name);
  const r = ino.i_op.lookup(ino, d, 0);
  const found = r ?? d;
  return found.d_inode ? found : null;
}

function follow_dotdot(p: path, root: path): path {
  for (;;) {
    if (p.dentry === root.dentry && p.mnt === root.mnt) return p;
    if (p.dentry !== p.mnt.mnt.mnt_root) return { mnt: p.mnt, dentry: p.dentry.d_parent };
    if (p.mnt.mnt_parent === p.mnt) return p;
    p = { mnt: p.mnt.mnt_parent, dentry: p.mnt.mnt_mountpoint };
  }
}

export interface walk_result {
  /** The final path; for a missing last component (with want_parent), its parent. */
  path: path;
  /** The last component's name, and whether it exists. */
  last: string;
  found: boolean;
  trailing_slash: boolean;
}

/**
 * Walks `name` from dfd (link_path_walk + walk_component). With `want_parent`, a missing
 * last component is not an error: the result names the parent and `found` is false.
 */
export function path_walk(dfd: number, name: string, flags: number, want_parent = false): walk_result | number {
  if (name.length === 0) return -ENOENT;
  if (name.length >= 4096) return -ENAMETOOLONG;
  const start = path_init(dfd, name);
  if (typeof start === 'number') return start;
  const root = current().fs.root;
  let cur: path = start;
  const comps = name.split('/').filter((c) => c.length > 0);
  const trailing_slash = name.endsWith('/') && comps.length > 0;
  // Work stack of components; symlink targets are spliced in front.
  const stack = comps.reverse();
  let links = 0;
  let last = comps.length ? comps[0] : '/';
  let found = true;
  account_ns(150 * comps.length);
  while (stack.length) {
    const comp = stack.pop()!;
    const is_last = stack.length === 0;
    last = comp;
    const dir = cur.dentry.d_inode;
    if (!dir || !S_ISDIR(dir.i_mode)) return -ENOTDIR;
    const perm = inode_permission(dir, MAY_EXEC);
    if (perm) return perm;
    if (comp === '.') continue;
    if (comp === '..') { cur = follow_dotdot(cur, root); continue; }
    if (comp.length > NAME_MAX) return -ENAMETOOLONG;
    const child = lookup_one(cur.dentry, comp);
    if (!child) {
      if (is_last && want_parent) { found = false; break; }
      return -ENOENT;
    }
    const next: path = follow_mount({ mnt: cur.mnt, dentry: child });
    const ino = next.dentry.d_inode!;
    if (S_ISLNK(ino.i_mode) && (!is_last || flags & LOOKUP_FOLLOW || trailing_slash)) {
      if (++links > MAXSYMLINKS) return -ELOOP;
      const target = ino.i_op.get_link ? ino.i_op.get_link(next.dentry, ino) : ino.i_link ?? '';
      if (typeof target === 'number') return target;
      if (typeof target === 'object') { cur = follow_mount(target.path); continue; }
      if (target.length === 0) return -ENOENT;
      const tcomps = target.split('/').filter((c) => c.length > 0);
      if (target.startsWith('/')) cur = root;
      for (let i = tcomps.length - 1; i >= 0; i--) stack.push(tcomps[i]);
      if (is_last && tcomps.length === 0) { last = '/'; }
      continue;
    }
    cur = next;
  }
  if (found && (trailing_slash || flags & LOOKUP_DIRECTORY)) {
    const ino = cur.dentry.d_inode;
    if (ino && !S_ISDIR(ino.i_mode)) return -ENOTDIR;
  }
  return { path: cur, last, found, trailing_slash };
}

/** Resolves an existing path (user_path_at). */
export function user_path_at(dfd: number, name: string, flags: number): path | number {
  const r = path_walk(dfd, name, flags);
  return typeof r === 'number' ? r : r.path;
}

/** Resolves the parent of a path and its last name for creating or removing it. */
export function filename_parentat(dfd: number, name: string): { parent: path; last: string; existing: dentry | null; trailing_slash: boolean } | number {
  const r = path_walk(dfd, name, 0, true);
  if (typeof r === 'number') return r;
  if (r.found) {
    const d = r.path.dentry;
    if (d === r.path.mnt.mnt.mnt_root || r.last === '.' || r.last === '..') return { parent: r.path, last: r.last, existing: d, trailing_slash: r.trailing_slash };
    return { parent: { mnt: r.path.mnt, dentry: d.d_parent }, last: d.d_name, existing: d, trailing_slash: r.trailing_slash };
  }
  return { parent: r.path, last: r.last, existing: null, trailing_slash: r.trailing_slash };
}

function may_create(dir: path): number {
  if (dir.mnt.mnt.mnt_flags & MNT_READONLY) return -EROFS;
  const ino = dir.dentry.d_inode!;
  if (dir.dentry.d_unhashed && dir.dentry !== dir.mnt.mnt.mnt_root && dir.dentry.d_parent !== dir.dentry) return -ENOENT;
  return inode_permission(ino, MAY_WRITE | MAY_EXEC);
}

/** Sticky directories: only the owner of the file or the directory (or root) may remove (may_delete). */
function may_delete(dir: path, victim: dentry): number {
  const e = may_create(dir);
  if (e) return e;
  const cred = current().cred;
  const d = dir.dentry.d_inode!;
  if (d.i_mode & S_ISVTX && cred.fsuid !== 0 && victim.d_inode!.i_uid !== cred.fsuid && d.i_uid !== cred.fsuid) return -EPERM;
  return 0;
}

export function vfs_create(dir: path, name: string, mode: number): dentry | number {
  const e = may_create(dir);
  if (e) return e;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.create) return -EACCES;
  const d = d_alloc(dir.dentry, name);
  const r = ino.i_op.create(ino, d, (mode & ~S_IFMT) | S_IFREG);
  if (r < 0) return r;
  inode_touch_mtime(ino);
  return d;
}

export function vfs_mkdir(dir: path, name: string, mode: number): number {
  const e = may_create(dir);
  if (e) return e;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.mkdir) return -EPERM;
  const r = ino.i_op.mkdir(ino, d_alloc(dir.dentry, name), (mode & 0o7777) | S_IFDIR);
  if (r === 0) inode_touch_mtime(ino);
  return r;
}

export function vfs_mknod(dir: path, name: string, mode: number, dev: number): number {
  const e = may_create(dir);
  if (e) return e;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.mknod) return -EPERM;
  return ino.i_op.mknod(ino, d_alloc(dir.dentry, name), mode, dev);
}

export function vfs_symlink(dir: path, name: string, target: string): number {
  const e = may_create(dir);
  if (e) return e;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.symlink) return -EPERM;
  return ino.i_op.symlink(ino, d_alloc(dir.dentry, name), target);
}

export function vfs_link(old: path, dir: path, name: string): number {
  if (old.mnt !== dir.mnt) return -EXDEV;
  const e = may_create(dir);
  if (e) return e;
  const ino = dir.dentry.d_inode!;
  if (S_ISDIR(old.dentry.d_inode!.i_mode)) return -EPERM;
  if (!ino.i_op.link) return -EPERM;
  return ino.i_op.link(old.dentry, ino, d_alloc(dir.dentry, name));
}

export function vfs_unlink(dir: path, victim: dentry): number {
  const e = may_delete(dir, victim);
  if (e) return e;
  if (S_ISDIR(victim.d_inode!.i_mode)) return -EISDIR;
  if (victim.d_mounted) return -EBUSY;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.unlink) return -EPERM;
  const r = ino.i_op.unlink(ino, victim);
  if (r === 0) { d_drop(victim); inode_touch_mtime(ino); }
  return r;
}

export function vfs_rmdir(dir: path, victim: dentry): number {
  const e = may_delete(dir, victim);
  if (e) return e;
  if (!S_ISDIR(victim.d_inode!.i_mode)) return -ENOTDIR;
  if (victim.d_mounted) return -EBUSY;
  const ino = dir.dentry.d_inode!;
  if (!ino.i_op.rmdir) return -EPERM;
  if (!ino.i_op.rmdir_checks_empty && [...victim.d_subdirs.values()].some((c) => c.d_inode && !c.d_unhashed)) return -ENOTEMPTY;
  const r = ino.i_op.rmdir(ino, victim);
  if (r === 0) { d_drop(victim); inode_touch_mtime(ino); }
  return r;
}

export function vfs_rename(old_dir: path, old: dentry, new_dir: path, new_name: string, flags: number): number {
  if (old_dir.mnt !== new_dir.mnt) return -EXDEV;
  let e = may_delete(old_dir, old);
  if (e) return e;
  e = may_create(new_dir);
  if (e) return e;
  // Moving a directory into itself is refused.
  for (let d = new_dir.dentry; ; d = d.d_parent) { if (d === old) return -EINVAL; if (d.d_parent === d) break; }
  const target = d_lookup(new_dir.dentry, new_name);
  if (target && flags & RENAME_NOREPLACE) return -EEXIST;
  if (target === old) return 0;
  if (target && target.d_inode) {
    const src_dir = S_ISDIR(old.d_inode!.i_mode), dst_dir = S_ISDIR(target.d_inode.i_mode);
    if (src_dir && !dst_dir) return -ENOTDIR;
    if (!src_dir && dst_dir) return -EISDIR;
    if (dst_dir && [...target.d_subdirs.values()].some((c) => c.d_inode && !c.d_unhashed)) return -ENOTEMPTY;
    if (target.d_mounted) return -EBUSY;
  }
  const ino = old_dir.dentry.d_inode!;
  if (!ino.i_op.rename) return -EPERM;
  const newd = target ?? d_alloc(new_dir.dentry, new_name);
  const r = ino.i_op.rename(ino, old, new_dir.dentry.d_inode!, newd, flags);
  if (r) return r;
  if (target) d_drop(target);
  d_move(old, new_dir.dentry, new_name);
  inode_touch_mtime(ino);
  inode_touch_mtime(new_dir.dentry.d_inode!);
  return 0;
}

export { d_add, EEXIST };

/**
 * lookup_bdev (block/bdev.c, here beside the path walk it uses) as get_tree_bdev calls it: the device number behind a mount source, which must be a
 * block special file on a mount that allows devices, of a disk that exists. Returns it or -errno.
 */
export function lookup_bdev(dev_name: string, disk_exists: (dev: dev_t) => boolean): dev_t | number {
  if (!dev_name) return -EINVAL;
  const p = user_path_at(AT_FDCWD, dev_name, LOOKUP_FOLLOW);
  if (typeof p === 'number') return p;
  const ino = p.dentry.d_inode!;
  if (!S_ISBLK(ino.i_mode)) return -ENOTBLK;
  if (p.mnt.mnt.mnt_flags & 0x02) return -EACCES; // MNT_NODEV
  if (!disk_exists(ino.i_rdev)) return -ENXIO;
  return ino.i_rdev;
}
