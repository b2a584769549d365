// Models linux/fs/namespace.c: the mount tree, mount(2), umount(2), pivot_root(2) and /proc/mounts.
import type { mount, mnt_namespace, path, super_block, dentry } from '../include/linux/fs_types.ts';
import { EBUSY, EINVAL, ENODEV, ENOTDIR, EPERM, ENOENT } from '../include/uapi/asm-generic/errno.ts';
import { S_ISDIR } from '../include/uapi/stat.ts';
import { defineState } from '../kernel/state.ts';
import { current } from '../kernel/sched/core.ts';
import { get_fs_type } from './super.ts';
import { d_path } from './dcache.ts';
import { trace_event } from '../kernel/trace/trace.ts';

export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32;
export const MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024, MS_NODIRATIME = 2048;
export const MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768, MS_PRIVATE = 1 << 18;
export const MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

export const MNT_NOSUID = 0x01, MNT_NODEV = 0x02, MNT_NOEXEC = 0x04, MNT_NOATIME = 0x08, MNT_NODIRATIME = 0x10;
export const MNT_RELATIME = 0x20, MNT_READONLY = 0x40;
export const MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

const nsState = defineState('mnt', () => ({ next_id: 1, next_ns_inum: 0xF0000100 }));

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

export function alloc_mount(sb: super_block, root: dentry, devname: string, flags: number, opts = ''): mount {
  const m = {
    mnt: { mnt_root: root, mnt_sb: sb, mnt_flags: flags },
    mnt_parent: null as unknown as mount,
    mnt_mountpoint: root,
    mnt_devname: devname,
    mnt_id: nsState().next_id++,
    mnt_children: [],
    mnt_ns: null,
    mnt_opts: opts,
  } as mount;
  m.mnt_parent = m;
  return m;
}

/** The initial mount namespace rooted at a rootfs superblock (init_mount_tree). */
export function create_mnt_ns(root_sb: super_block, devname: string, opts: string, ns_inum: number): mnt_namespace {
  const root = alloc_mount(root_sb, root_sb.s_root, devname, 0, opts);
  const ns: mnt_namespace = { root, mounts: [root], ns_inum, seq: 0 };
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

/** mount(2) once the target path is resolved (path_mount). */
export function path_mount(dev_name: string, target: path, type: string, flags: number, data: string, source?: path): number {
  const ns = current().nsproxy.mnt_ns;
  if (current().cred.euid !== 0) return -EPERM;
  if (flags & MS_REMOUNT) {
    const m = target.dentry === target.mnt.mnt.mnt_root ? target.mnt : null;
    if (!m) return -EINVAL;
    const sb = m.mnt.mnt_sb;
    // do_remount -> reconfigure_super: the filesystem switches between read-only and read-write first.
    if (!(flags & MS_BIND) && sb.s_op.remount_fs) { const r = sb.s_op.remount_fs(sb, flags); if (r) return r; }
    m.mnt.mnt_flags = ms_to_mnt(flags);
    return 0;
  }
  if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE)) return 0; // propagation types: every mount is private here
  if (flags & MS_BIND) {
    if (!source) return -EINVAL;
    const m = alloc_mount(source.mnt.mnt.mnt_sb, source.dentry, source.mnt.mnt_devname, source.mnt.mnt.mnt_flags, source.mnt.mnt_opts);
    attach_mnt(ns, m, target);
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
  attach_mnt(ns, m, target);
  trace_event('fs', 'mount', { source: dev_name, type, target: target.dentry.d_name });
  return 0;
}

/** umount2(2) on the root of a mount. */
export function do_umount(target: path, flags: number): number {
  const ns = current().nsproxy.mnt_ns;
  const m = target.mnt;
  if (target.dentry !== m.mnt.mnt_root) return -EINVAL;
  if (m.mnt_parent === m) return -EINVAL;
  if (m.mnt_children.length && !(flags & MNT_DETACH)) return -EBUSY;
  const fs = current().fs;
  if (!(flags & MNT_DETACH) && (fs.pwd.mnt === m || fs.root.mnt === m)) return -EBUSY;
  const gone: mount[] = [];
  const umount_tree = (x: mount): void => { for (const c of x.mnt_children.slice()) umount_tree(c); detach_mnt(ns, x); gone.push(x); };
  umount_tree(m);
  // deactivate_super: a superblock no mount uses any more is shut down (kill_sb).
  for (const x of gone) if (!ns.mounts.some((o) => o.mnt.mnt_sb === x.mnt.mnt_sb)) x.mnt.mnt_sb.s_type.kill_sb?.(x.mnt.mnt_sb);
  return 0;
}

/** pivot_root(2): new_root becomes the root mount; the old root moves to put_old. */
export function do_pivot_root(new_root: path, put_old: path): number {
  const t = current();
  const ns = t.nsproxy.mnt_ns;
  const root = t.fs.root;
  if (new_root.dentry !== new_root.mnt.mnt.mnt_root) return -EINVAL;
  if (new_root.mnt === root.mnt) return -EBUSY;
  if (root.dentry !== root.mnt.mnt.mnt_root) return -EINVAL;
  // put_old must be at or under new_root.
  let under = false;
  for (let m = put_old.mnt; ; m = m.mnt_parent) { if (m === new_root.mnt) { under = true; break; } if (m.mnt_parent === m) break; }
  if (!under) return -EINVAL;
  if (root.mnt.mnt_parent !== root.mnt) return -EINVAL; // old root must not itself be mounted elsewhere
  detach_mnt(ns, new_root.mnt);
  const old_root_mnt = root.mnt;
  attach_mnt(ns, old_root_mnt, put_old);
  new_root.mnt.mnt_parent = new_root.mnt;
  new_root.mnt.mnt_mountpoint = new_root.mnt.mnt.mnt_root;
  ns.root = new_root.mnt;
  ns.mounts.splice(ns.mounts.indexOf(new_root.mnt), 1);
  ns.mounts.unshift(new_root.mnt);
  const newp = { mnt: new_root.mnt, dentry: new_root.mnt.mnt.mnt_root };
  // chroot_fs_refs: every task rooted at the old root moves to the new one.
  for (const fsx of new Set([t.fs])) {
    if (fsx.root.mnt === old_root_mnt) fsx.root = newp;
    if (fsx.pwd.mnt === old_root_mnt && fsx.pwd.dentry === old_root_mnt.mnt.mnt_root) fsx.pwd = newp;
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

function is_path_reachable(p: path, root: path): boolean {
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
