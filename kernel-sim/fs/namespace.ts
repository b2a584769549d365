// Models linux/fs/namespace.c: the mount tree, mount namespaces and their copies, mount(2) with bind/move/propagation changes, umount(2), pivot_root(2) and /proc/mounts.
import type { mount, mnt_namespace, path, dentry, fs_struct, super_block } from '../include/linux/fs_types.ts';
import type { ns_common } from '../include/linux/nsproxy.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { EBUSY, EINVAL, ENODEV, ENOTDIR, EPERM, ENOENT } from '../include/uapi/asm-generic/errno.ts';
import { S_ISDIR } from '../include/uapi/stat.ts';
import { current, runqueue } from '../kernel/sched/core.ts';
import { proc_alloc_inum, proc_free_inum, get_ns, put_ns, set_copy_mnt_ns, register_ns_type } from '../kernel/nsproxy.ts';
import { ns_capable, CAP_SYS_ADMIN } from '../kernel/capability.ts';
import { ns_of_inode } from './nsfs.ts';
import {
  MS_UNBINDABLE, change_mnt_propagation, propagation_targets, clone_propagation, umount_propagation, IS_MNT_SHARED,
} from './pnode.ts';
import { get_fs_type } from './super.ts';
import { nsState, alloc_mount, mnt_free_id } from './mount.ts';
export { alloc_mount, vfs_kern_mount, kern_mount, kern_mounts } from './mount.ts';
import { d_path } from './dcache.ts';
import { trace_event } from '../kernel/trace/trace.ts';

export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32;
export const MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024, MS_NODIRATIME = 2048;
export const MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768, MS_PRIVATE = 1 << 18;
export const MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

export const MNT_NOSUID = 0x01, MNT_NODEV = 0x02, MNT_NOEXEC = 0x04, MNT_NOATIME = 0x08, MNT_NODIRATIME = 0x10;
export const MNT_RELATIME = 0x20, MNT_READONLY = 0x40;
export { MS_UNBINDABLE };
export const MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

/** may_mount(): CAP_SYS_ADMIN over the user namespace that owns the caller's mount namespace. */
export function may_mount(): boolean {
  return ns_capable(current().nsproxy.mnt_ns.user_ns, CAP_SYS_ADMIN);
}

function ms_to_mnt(flags: number): number {
  let m = 0;
  if (flags & MS_RDONLY) m |= MNT_READONLY;
  if (flags & MS_NOSUID) m |= MNT_NOSUID;
  if (flags & MS_NODEV) m |= MNT_NODEV;
  if (flags & MS_NOEXEC) m |= MNT_NOEXEC;
  if (flags & MS_NOATIME) m |= MNT_NOATIME;
  if (flags & MS_NODIRATIME) m |= MNT_NODIRATIME;
  if (!(flags & (MS_NOATIME | MS_STRICTATIME))) m |= MNT_RELATIME;
  return m;
}

/** kern_unmount(): the kernel drops an internal mount; its id goes back and an unused superblock dies. */
export function kern_unmount(m: mount): void {
  const km = nsState().kern_mounts, i = km.indexOf(m);
  if (i < 0) return;
  km.splice(i, 1);
  release_mount(m);
}

/** The initial mount namespace rooted at a rootfs superblock (init_mount_tree). */
export function create_mnt_ns(root_sb: super_block, devname: string, opts: string, ns_inum: number): mnt_namespace {
  const root = alloc_mount(root_sb, root_sb.s_root, devname, 0, opts);
  const ns: mnt_namespace = { root, mounts: [root], ns_inum, seq: 0, type: 'mnt' };
  root.mnt_ns = ns;
  return ns;
}

/** The mount on top of `p`, if anything is mounted there (lookup_mnt). */
export function lookup_mnt(ns: mnt_namespace, p: path): mount | null {
  if (p.dentry.d_mounted === 0) return null;
  for (let i = ns.mounts.length - 1; i >= 0; i--) {
    const m = ns.mounts[i];
    if (m.mnt_parent === p.mnt && m.mnt_mountpoint === p.dentry && m !== p.mnt) return m;
  }
  return null;
}

function attach_mnt(ns: mnt_namespace, m: mount, at: path): void {
  m.mnt_parent = at.mnt;
  m.mnt_mountpoint = at.dentry;
  m.mnt_ns = ns;
  at.dentry.d_mounted++;
  at.mnt.mnt_children.push(m);
  ns.mounts.push(m);
  ns.seq++;
}

function detach_mnt(ns: mnt_namespace, m: mount): void {
  m.mnt_mountpoint.d_mounted--;
  const sib = m.mnt_parent.mnt_children;
  sib.splice(sib.indexOf(m), 1);
  ns.mounts.splice(ns.mounts.indexOf(m), 1);
  ns.seq++;
}

/** The root a task of `ns` sees: the namespace's root with whatever is mounted on top of it followed (follow_down_one). */
export function ns_root_path(ns: mnt_namespace): path {
  let p: path = { mnt: ns.root, dentry: ns.root.mnt.mnt_root };
  for (let m = lookup_mnt(ns, p); m; m = lookup_mnt(ns, p)) p = { mnt: m, dentry: m.mnt.mnt_root };
  return p;
}

/** current_chrooted(): is the task's root somewhere else than its namespace's root? */
export function current_chrooted(): boolean {
  const t = current();
  const r = ns_root_path(t.nsproxy.mnt_ns);
  return t.fs.root.mnt !== r.mnt || t.fs.root.dentry !== r.dentry;
}

/** clone_mnt(): a new mount of the same superblock and root, with a fresh id. */
function clone_mnt(old: mount, root: dentry = old.mnt.mnt_root): mount {
  const m = alloc_mount(old.mnt.mnt_sb, root, old.mnt_devname, old.mnt.mnt_flags, old.mnt_opts);
  hold_nsfs(m);
  return m;
}

/** A bind mount of a namespace file holds the namespace (nsfs), until it is unmounted. */
function hold_nsfs(m: mount): void {
  const ns = ns_of_inode(m.mnt.mnt_root.d_inode);
  if (ns) get_ns(ns);
}
function release_mount(m: mount): void {
  put_ns(ns_of_inode(m.mnt.mnt_root.d_inode));
  umount_propagation(m);
  mnt_free_id(m);
  // deactivate_super: a superblock no mount uses any more, in any namespace, is shut down (kill_sb).
  const c = nsState().sb_mounts, sb = m.mnt.mnt_sb, n = (c.get(sb) ?? 1) - 1;
  if (n > 0) { c.set(sb, n); return; }
  c.delete(sb);
  sb.s_type.kill_sb?.(sb);
}

/** Is `d` inside the part of its filesystem that mount `m` shows (at or under m's root)? */
function mount_covers(m: mount, d: dentry): boolean {
  for (let x = d; ; x = x.d_parent) { if (x === m.mnt.mnt_root) return true; if (x.d_parent === x) return false; }
}

/**
 * attach_recursive_mnt(): `src` goes on `at`; when `at`'s mount is shared, src joins a new peer group and a copy goes
 * on the same place in every mount the event propagates to (peers get peers, slaves get slaves: propagate_mnt).
 */
function graft_tree(ns: mnt_namespace, src: mount, at: path): void {
  attach_mnt(ns, src, at);
  if (!IS_MNT_SHARED(at.mnt)) return;
  change_mnt_propagation(src, MS_SHARED);
  for (const target of propagation_targets(at.mnt)) {
    if (!mount_covers(target, at.dentry) || !target.mnt_ns) continue;
    const copy = clone_mnt(src);
    const slave = !(target.mnt_share && target.mnt_share === at.mnt.mnt_share);
    clone_propagation(src, copy, slave);
    if (slave) { copy.mnt_share = null; copy.mnt_group_id = 0; }
    attach_mnt(target.mnt_ns, copy, { mnt: target, dentry: at.dentry });
  }
}

/** The copies an unmount of m takes with it: mounts at the same place under m's parent's peers and slaves, with no children (propagate_umount). */
function propagated_copies(m: mount): mount[] {
  if (m.mnt_parent === m || !IS_MNT_SHARED(m.mnt_parent)) return [];
  const out: mount[] = [];
  for (const target of propagation_targets(m.mnt_parent)) {
    const c = target.mnt_children.find((x) => x.mnt_mountpoint === m.mnt_mountpoint && x.mnt.mnt_sb === m.mnt.mnt_sb
      && (x.mnt_share === m.mnt_share || x.mnt_master === m) && x !== m);
    if (c && !c.mnt_children.length) out.push(c);
  }
  return out;
}

/** copy_tree(): src and (with `recurse`) everything mounted below it, skipping unbindable mounts under the top. */
function copy_tree(src: mount, root: dentry, recurse: boolean): mount {
  // A copy of a shared mount is its peer, of a slave a slave of the same master (clone_mnt without CL_PRIVATE).
  const top = clone_mnt(src, root);
  clone_propagation(src, top, false);
  if (!recurse) return top;
  const walk = (from: mount, to: mount): void => {
    for (const c of from.mnt_children) {
      if (c.mnt_unbindable || !mount_covers(to, c.mnt_mountpoint)) continue;
      const cc = clone_mnt(c);
      clone_propagation(c, cc, false);
      cc.mnt_parent = to; cc.mnt_mountpoint = c.mnt_mountpoint;
      to.mnt_children.push(cc);
      walk(c, cc);
    }
  };
  walk(src, top);
  return top;
}

/** Attaches a copied tree (top already on `at`): its lower mounts join the namespace. */
function attach_subtree(ns: mnt_namespace, top: mount): void {
  for (const c of top.mnt_children) {
    c.mnt_ns = ns;
    c.mnt_mountpoint.d_mounted++;
    ns.mounts.push(c);
    attach_subtree(ns, c);
  }
}

/**
 * copy_mnt_ns(): the new namespace gets a copy of every mount, in the same places. Copies of shared mounts are their
 * peers (a new owner user namespace makes them slaves instead: CL_SHARED_TO_SLAVE); the task's root and cwd move to the copies.
 */
export function copy_mnt_ns(_flags: number, old: mnt_namespace, user_ns: ns_common, fs: fs_struct): mnt_namespace {
  const to_slave = user_ns !== old.user_ns;
  const map = new Map<mount, mount>();
  const ns: mnt_namespace = { root: null as unknown as mount, mounts: [], ns_inum: proc_alloc_inum(), seq: 0, type: 'mnt', user_ns: get_ns(user_ns), count: 0 };
  for (const m of old.mounts) {
    const c = clone_mnt(m);
    c.mnt_ns = ns;
    clone_propagation(m, c, to_slave);
    map.set(m, c);
    ns.mounts.push(c);
  }
  for (const [m, c] of map) {
    c.mnt_parent = m.mnt_parent === m ? c : map.get(m.mnt_parent) ?? c;
    c.mnt_mountpoint = m.mnt_mountpoint;
    c.mnt_children = m.mnt_children.map((x) => map.get(x)!).filter(Boolean);
    if (c.mnt_parent !== c) c.mnt_mountpoint.d_mounted++;
  }
  ns.root = map.get(old.root)!;
  fs.root = { mnt: map.get(fs.root.mnt) ?? fs.root.mnt, dentry: fs.root.dentry };
  fs.pwd = { mnt: map.get(fs.pwd.mnt) ?? fs.pwd.mnt, dentry: fs.pwd.dentry };
  return ns;
}

/** free_mnt_ns with umount_tree: the last holder of a mount namespace gone, its mounts go. */
function free_mnt_ns(x: ns_common): void {
  const ns = x as unknown as mnt_namespace;
  for (const m of ns.mounts) {
    if (m.mnt_parent !== m) m.mnt_mountpoint.d_mounted--;
    release_mount(m);
  }
  ns.mounts = [];
  proc_free_inum(ns.ns_inum);
  put_ns(ns.user_ns);
}

/** Installs copy_mnt_ns and the mount namespace's release in this machine's nsproxy (mnt_init's part). */
function mnt_ns_init(): number {
  set_copy_mnt_ns(copy_mnt_ns);
  register_ns_type('mnt', { release: free_mnt_ns });
  return 0;
}
export const initcalls: initcall_entry[] = [['core', 'mnt_ns_init', mnt_ns_init, 1_000]];

/** mount(2) once the target path is resolved (path_mount). */
export function path_mount(dev_name: string, target: path, type: string, flags: number, data: string, source?: path): number {
  const ns = current().nsproxy.mnt_ns;
  if (!may_mount()) return -EPERM;
  if (flags & MS_REMOUNT) {
    const m = target.dentry === target.mnt.mnt.mnt_root ? target.mnt : null;
    if (!m) return -EINVAL;
    const sb = m.mnt.mnt_sb;
    // do_remount -> reconfigure_super: the filesystem switches between read-only and read-write first.
    if (!(flags & MS_BIND) && sb.s_op.remount_fs) { const r = sb.s_op.remount_fs(sb, flags); if (r) return r; }
    // A plain remount changes the superblock too (SB_RDONLY); a bind remount only this mount's flags.
    if (!(flags & MS_BIND)) sb.s_flags = flags & MS_RDONLY ? sb.s_flags | 1 : sb.s_flags & ~1;
    m.mnt.mnt_flags = ms_to_mnt(flags);
    return 0;
  }
  const ptype = flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE);
  if (ptype) return do_change_type(target, ptype, (flags & MS_REC) !== 0);
  if (flags & MS_BIND) {
    // do_loopback: an unbindable mount cannot be the source; MS_REC brings what is mounted below along.
    if (!source) return -EINVAL;
    if (source.mnt.mnt_unbindable) return -EINVAL;
    if (source.mnt.mnt_ns !== ns && !ns_of_inode(source.dentry.d_inode)) return -EINVAL;
    const m = copy_tree(source.mnt, source.dentry, (flags & MS_REC) !== 0);
    graft_tree(ns, m, target);
    attach_subtree(ns, m);
    return 0;
  }
  if (flags & MS_MOVE) {
    if (!source || source.dentry !== source.mnt.mnt.mnt_root || source.mnt.mnt_parent === source.mnt) return -EINVAL;
    detach_mnt(ns, source.mnt);
    attach_mnt(ns, source.mnt, target);
    return 0;
  }
  const fstype = get_fs_type(type);
  if (!fstype) return -ENODEV;
  if (!target.dentry.d_inode || !S_ISDIR(target.dentry.d_inode.i_mode)) return -ENOTDIR;
  const sb = fstype.mount(flags, dev_name, data);
  if (typeof sb === 'number') return sb;
  const opts = sb.s_op.show_options?.(sb) ?? '';
  if (sb.s_flags & 1) flags |= MS_RDONLY; // SB_RDONLY: a read-only filesystem (romfs) mounts read-only
  const m = alloc_mount(sb, sb.s_root, dev_name || 'none', ms_to_mnt(flags), opts);
  graft_tree(ns, m, target);
  trace_event('fs', 'mount', { source: dev_name, type, target: target.dentry.d_name });
  return 0;
}

/** do_change_type(): mount --make-{shared,private,slave,unbindable}, on a mount's root, with MS_REC on all below it. */
function do_change_type(target: path, type: number, rec: boolean): number {
  if (target.dentry !== target.mnt.mnt.mnt_root) return -EINVAL;
  if (type & (type - 1)) return -EINVAL;
  const apply = (m: mount): void => { change_mnt_propagation(m, type); if (rec) m.mnt_children.forEach(apply); };
  apply(target.mnt);
  return 0;
}

/** umount2(2) on the root of a mount. */
export function do_umount(target: path, flags: number): number {
  const ns = current().nsproxy.mnt_ns;
  const m = target.mnt;
  if (!may_mount()) return -EPERM;
  if (target.dentry !== m.mnt.mnt_root) return -EINVAL;
  if (m.mnt_parent === m) return -EINVAL;
  if (m.mnt_children.length && !(flags & MNT_DETACH)) return -EBUSY;
  const fs = current().fs;
  if (!(flags & MNT_DETACH) && (fs.pwd.mnt === m || fs.root.mnt === m)) return -EBUSY;
  const gone: mount[] = [];
  const umount_tree = (x: mount): void => { for (const c of x.mnt_children.slice()) umount_tree(c); detach_mnt(x.mnt_ns ?? ns, x); gone.push(x); };
  const copies = propagated_copies(m);
  umount_tree(m);
  for (const c of copies) umount_tree(c);
  for (const x of gone) release_mount(x);
  return 0;
}

/**
 * pivot_root(2) as Linux 6.1 does it: new_root (a mount, attached somewhere below the root) takes the place of the
 * caller's root mount, which must itself be attached (so not rootfs: an initramfs root cannot be pivoted), and the old
 * root goes on put_old, which must be at or under new_root. Every task of the namespace rooted at the old root follows.
 */
export function do_pivot_root(new_root: path, put_old: path): number {
  const t = current();
  const ns = t.nsproxy.mnt_ns;
  const root = t.fs.root;
  if (!may_mount()) return -EPERM;
  const new_mnt = new_root.mnt, root_mnt = root.mnt, old_mnt = put_old.mnt;
  const root_parent = root_mnt.mnt_parent;
  // Propagation would copy the pivot elsewhere: shared mounts around it are refused.
  if (IS_MNT_SHARED(old_mnt) || IS_MNT_SHARED(new_mnt.mnt_parent) || IS_MNT_SHARED(root_parent)) return -EINVAL;
  if (root_mnt.mnt_ns !== ns || new_mnt.mnt_ns !== ns) return -EINVAL;
  if (new_mnt === root_mnt || old_mnt === root_mnt) return -EBUSY;
  if (root.dentry !== root_mnt.mnt.mnt_root || root_parent === root_mnt) return -EINVAL;
  if (new_root.dentry !== new_mnt.mnt.mnt_root || new_mnt.mnt_parent === new_mnt) return -EINVAL;
  if (!is_path_reachable(put_old, new_root)) return -EINVAL;
  if (!is_path_reachable(new_root, root)) return -EINVAL;
  const root_mp = root_mnt.mnt_mountpoint;
  detach_mnt(ns, new_mnt);
  detach_mnt(ns, root_mnt);
  attach_mnt(ns, root_mnt, put_old);
  attach_mnt(ns, new_mnt, { mnt: root_parent, dentry: root_mp });
  const newp = { mnt: new_mnt, dentry: new_mnt.mnt.mnt_root };
  // chroot_fs_refs: every task whose root or cwd is the old root moves to the new one.
  const fss = new Set([t.fs, ...[...runqueue().tasks.values()].filter((x) => x.nsproxy?.mnt_ns === ns && x.fs).map((x) => x.fs)]);
  for (const fsx of fss) {
    if (fsx.root.mnt === root_mnt && fsx.root.dentry === root.dentry) fsx.root = newp;
    if (fsx.pwd.mnt === root_mnt && fsx.pwd.dentry === root.dentry) fsx.pwd = newp;
  }
  return 0;
}

function mnt_flags_str(m: mount): string {
  const f = m.mnt.mnt_flags;
  const parts = [f & MNT_READONLY ? 'ro' : 'rw'];
  if (f & MNT_NOSUID) parts.push('nosuid');
  if (f & MNT_NODEV) parts.push('nodev');
  if (f & MNT_NOEXEC) parts.push('noexec');
  if (f & MNT_NOATIME) parts.push('noatime');
  if (f & MNT_NODIRATIME) parts.push('nodiratime');
  if (f & MNT_RELATIME) parts.push('relatime');
  if (m.mnt_opts) parts.push(m.mnt_opts);
  return parts.join(',');
}

/** Escapes space, tab, newline and backslash as /proc/mounts does (mangle). */
function mangle(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

/** /proc/mounts as seen from the current task's root (mounts outside it are hidden). */
export function mounts_show(root: path): string {
  const ns = current().nsproxy.mnt_ns;
  let out = '';
  for (const m of ns.mounts) {
    const mp = { mnt: m, dentry: m.mnt.mnt_root };
    if (!is_path_reachable(mp, root)) continue;
    out += `${mangle(m.mnt_devname)} ${mangle(d_path(mp, root))} ${m.mnt.mnt_sb.s_type.name} ${mnt_flags_str(m)} 0 0\n`;
  }
  return out;
}

/** Is the path at or under `root`, following mounts up (is_path_reachable)? */
export function is_path_reachable(p: path, root: path): boolean {
  let m = p.mnt;
  let d = p.dentry;
  for (;;) {
    if (m === root.mnt) {
      for (let x = d; ; x = x.d_parent) { if (x === root.dentry) return true; if (x.d_parent === x) return false; }
    }
    if (m.mnt_parent === m) return false;
    d = m.mnt_mountpoint;
    m = m.mnt_parent;
  }
}

export function path_equal(a: path, b: path): boolean { return a.mnt === b.mnt && a.dentry === b.dentry; }
export { ENOENT };
