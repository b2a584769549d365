// Models linux/fs/dcache.c and fs/d_path.c: the dentry tree, lookups in it, and turning a path back into a string.
import type { dentry, inode, path, mount } from '../include/linux/fs_types.ts';

export function d_alloc(parent: dentry, name: string): dentry {
  return { d_name: name, d_parent: parent, d_inode: null, d_subdirs: new Map(), d_sb: parent.d_sb, d_mounted: 0, d_unhashed: true };
}

/** Attaches an inode to a dentry and hashes it into its parent (d_add). */
export function d_add(d: dentry, inode: inode | null): dentry {
  d.d_inode = inode;
  d.d_unhashed = false;
  d.d_parent.d_subdirs.set(d.d_name, d);
  return d;
}

/** Cached child by name, revalidated for dynamic filesystems. */
export function d_lookup(parent: dentry, name: string): dentry | null {
  const d = parent.d_subdirs.get(name);
  if (!d) return null;
  if (d.d_revalidate && !d.d_revalidate(d)) {
    d_drop(d);
    return null;
  }
  return d;
}

/** Unhashes a dentry: it stays valid for open files but is no longer found by name. */
export function d_drop(d: dentry): void {
  if (d.d_parent.d_subdirs.get(d.d_name) === d) d.d_parent.d_subdirs.delete(d.d_name);
  d.d_unhashed = true;
}

export const d_delete = d_drop;

/** Moves a dentry under a new parent and name (d_move, for rename). */
export function d_move(d: dentry, new_parent: dentry, new_name: string): void {
  d_drop(d);
  d.d_parent = new_parent;
  d.d_name = new_name;
  d.d_unhashed = false;
  new_parent.d_subdirs.set(new_name, d);
}

export function IS_ROOT(d: dentry): boolean { return d.d_parent === d; }

/**
 * The path of `p` as seen from `root` (d_path). Paths outside the root
 * (after chroot or pivot_root) read as the kernel prints them.
 */
export function d_path(p: path, root: path): string {
  const parts: string[] = [];
  let mnt: mount = p.mnt;
  let d: dentry = p.dentry;
  for (;;) {
    if (d === root.dentry && mnt === root.mnt) break;
    if (d === mnt.mnt.mnt_root || IS_ROOT(d)) {
      if (mnt.mnt_parent === mnt) {
        // Escaped the root: the global root of the namespace.
        break;
      }
      d = mnt.mnt_mountpoint;
      mnt = mnt.mnt_parent;
      continue;
    }
    parts.push(d.d_name);
    d = d.d_parent;
  }
  let s = '/' + parts.reverse().join('/');
  if (p.dentry.d_unhashed && !IS_ROOT(p.dentry) && p.dentry !== p.mnt.mnt.mnt_root) s += ' (deleted)';
  return s;
}
