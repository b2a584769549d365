// Models linux/fs/kernfs/{dir,file,inode,symlink}.c: the node tree behind sysfs and its VFS side (lookup, readdir, open/read/write/poll, links).
import type { dentry, file, file_operations, inode, inode_operations, super_block, dir_context } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EACCES, EEXIST, EFAULT, EINVAL, ENOENT, E2BIG, ENODEV, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFREG, S_IFLNK, DT_DIR, DT_REG, DT_LNK } from '../../include/uapi/stat.ts';
import { new_inode } from '../inode.ts';
import { d_add } from '../dcache.ts';
import { simple_read_from_buffer, generic_file_llseek_size, emit_dir_entries } from '../libfs.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { ktime_get_real } from '../../kernel/time/timekeeping.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { wait_queue_head, wake_up_interruptible } from '../../kernel/sched/wait.ts';

export const PAGE_SIZE = 4096;

/** What a regular kernfs file does: show fills a page, store consumes a write (sysfs_ops / bin_attribute). */
export interface kernfs_ops {
  /** Text (or bytes) of the whole file, or -errno. */
  show?(kn: kernfs_node): string | Uint8Array | number | KGen<string | Uint8Array | number>;
  /** Binary files read at an offset (bin_attribute.read); may sleep (an EEPROM read is a bus transfer). */
  read?(kn: kernfs_node, off: number, count: number): Uint8Array | number | KGen<Uint8Array | number>;
  /** A write; may sleep (bind/unbind probe drivers). Returns bytes consumed or -errno. */
  store?(kn: kernfs_node, data: Uint8Array, off: number): number | KGen<number>;
  /** Binary attributes have a fixed size; text attributes show PAGE_SIZE. */
  size?: number;
  /** Binary attributes are read at any offset, text ones through a whole-page buffer. */
  binary?: boolean;
  /** A filesystem's own file_operations for this file (debugfs_create_file): the VFS calls them instead; i_size is `size` or 0. */
  fops?: file_operations;
}

export type kernfs_type = 'dir' | 'file' | 'link';

export interface kernfs_node {
  name: string;
  parent: kernfs_node | null;
  type: kernfs_type;
  /** Permission bits (0755 for directories, the attribute's mode for files, 0777 for links). */
  mode: number;
  children: Map<string, kernfs_node>;
  ino: number;
  /** The kobject of a directory, or the attribute of a file. */
  priv: unknown;
  ops: kernfs_ops | null;
  target: kernfs_node | null;
  removed: boolean;
  ctime: number;
  uid: number;
  gid: number;
  /** Cached VFS inode (one per node, as kernfs_get_inode keeps them). */
  inode: inode | null;
  nr_subdirs: number;
  root: kernfs_root;
  /** A file's open node (kn->attr.open): made by its first opener, gone with its last. */
  open: kernfs_open_node | null;
}

/** What the openers of one file share (struct kernfs_open_node): the notify count and the pollers' wait queue. */
export interface kernfs_open_node {
  event: number;
  poll: wait_queue_head;
  files: number;
}

export interface kernfs_root {
  kn: kernfs_node;
  sb: super_block | null;
  next_ino: number;
  /** What mkdir/rmdir in the tree do (struct kernfs_syscall_ops); without them both are -EPERM. */
  syscall_ops?: kernfs_syscall_ops;
}

/** struct kernfs_syscall_ops's mkdir/rmdir: the filesystem makes or removes the node itself. */
export interface kernfs_syscall_ops {
  mkdir?(parent: kernfs_node, name: string, mode: number): number;
  rmdir?(kn: kernfs_node): number;
}

const enc = new TextEncoder();

function alloc_node(root: kernfs_root, parent: kernfs_node | null, name: string, type: kernfs_type, mode: number): kernfs_node {
  return {
    name, parent, type, mode, children: new Map(), ino: root.next_ino++, priv: null, ops: null, target: null, removed: false,
    ctime: ktime_get_real(), uid: 0, gid: 0, inode: null, nr_subdirs: 0, root, open: null,
  };
}

export function kernfs_create_root(): kernfs_root {
  const root = { kn: null as unknown as kernfs_node, sb: null, next_ino: 1 } as kernfs_root;
  root.kn = alloc_node(root, null, '', 'dir', 0o755);
  return root;
}

/** Full path of a node from the root ("/devices/platform"). */
export function kernfs_path(kn: kernfs_node): string {
  const parts: string[] = [];
  for (let k: kernfs_node | null = kn; k && k.parent; k = k.parent) parts.push(k.name);
  return '/' + parts.reverse().join('/');
}

function add_node(parent: kernfs_node, kn: kernfs_node): number {
  if (parent.removed) return -ENOENT;
  if (parent.children.has(kn.name)) return -EEXIST;
  parent.children.set(kn.name, kn);
  if (kn.type === 'dir') {
    parent.nr_subdirs++;
    if (parent.inode) parent.inode.i_nlink = 2 + parent.nr_subdirs;
  }
  return 0;
}

export function kernfs_create_dir(parent: kernfs_node, name: string, mode: number, priv: unknown): kernfs_node | number {
  const kn = alloc_node(parent.root, parent, name, 'dir', mode);
  kn.priv = priv;
  const r = add_node(parent, kn);
  return r ? r : kn;
}

export function kernfs_create_file(parent: kernfs_node, name: string, mode: number, ops: kernfs_ops, priv: unknown): kernfs_node | number {
  const kn = alloc_node(parent.root, parent, name, 'file', mode);
  kn.ops = ops;
  kn.priv = priv;
  const r = add_node(parent, kn);
  return r ? r : kn;
}

export function kernfs_create_link(parent: kernfs_node, name: string, target: kernfs_node): kernfs_node | number {
  const kn = alloc_node(parent.root, parent, name, 'link', 0o777);
  kn.target = target;
  const r = add_node(parent, kn);
  return r ? r : kn;
}

export function kernfs_find(parent: kernfs_node, name: string): kernfs_node | null {
  return parent.children.get(name) ?? null;
}

/** Looks a path up from a node ("bus/platform/devices"). */
export function kernfs_walk(from: kernfs_node, path: string): kernfs_node | null {
  let kn: kernfs_node | null = from;
  for (const p of path.split('/').filter(Boolean)) { kn = kn ? kernfs_find(kn, p) : null; }
  return kn;
}

/** Removes a node and everything under it (kernfs_remove). */
export function kernfs_remove(kn: kernfs_node | null): void {
  if (!kn || kn.removed) return;
  for (const c of [...kn.children.values()]) kernfs_remove(c);
  kn.removed = true;
  const p = kn.parent;
  if (p && p.children.get(kn.name) === kn) {
    p.children.delete(kn.name);
    if (kn.type === 'dir') {
      p.nr_subdirs--;
      if (p.inode) p.inode.i_nlink = 2 + p.nr_subdirs;
    }
  }
}

export function kernfs_remove_by_name(parent: kernfs_node, name: string): number {
  const kn = parent.children.get(name);
  if (!kn) return -ENOENT;
  kernfs_remove(kn);
  return 0;
}

export function kernfs_rename(kn: kernfs_node, new_parent: kernfs_node, new_name: string): number {
  if (new_parent.children.has(new_name) && new_parent.children.get(new_name) !== kn) return -EEXIST;
  const p = kn.parent!;
  p.children.delete(kn.name);
  if (kn.type === 'dir') { p.nr_subdirs--; if (p.inode) p.inode.i_nlink = 2 + p.nr_subdirs; }
  kn.name = new_name;
  kn.parent = new_parent;
  new_parent.children.set(new_name, kn);
  if (kn.type === 'dir') { new_parent.nr_subdirs++; if (new_parent.inode) new_parent.inode.i_nlink = 2 + new_parent.nr_subdirs; }
  return 0;
}

/**
 * A symlink's target relative to the link's directory (kernfs_get_target_path): climb from the
 * link's directory until reaching an ancestor of the target's parent, then descend to the target.
 */
export function kernfs_get_target_path(parent: kernfs_node, target: kernfs_node): string {
  const anc = new Set<kernfs_node>();
  for (let k: kernfs_node | null = target.parent; k; k = k.parent) anc.add(k);
  let base = parent;
  let up = '';
  while (base.parent && !anc.has(base)) { up += '../'; base = base.parent; }
  const down: string[] = [];
  for (let k: kernfs_node | null = target; k && k !== base; k = k.parent) down.unshift(k.name);
  return up + down.join('/');
}

// ---- VFS side -------------------------------------------------------------

/**
 * The open state of a kernfs file: the page show() filled, as seq_file keeps it, and the notify count this opener
 * last read at (of->event: 0 at open, so a poll before the first read reports a change, as in Linux).
 */
interface kernfs_open_file { kn: kernfs_node; buf: Uint8Array | null; event: number }

const DEFAULT_POLLMASK = 0x1 | 0x4 | 0x40 | 0x100;
const EPOLLERR = 0x8, EPOLLPRI = 0x2;

/** kernfs_get_open_node: the first opener makes the shared node, its count starting at 1. */
function kernfs_get_open_node(kn: kernfs_node): void {
  kn.open ??= { event: 1, poll: new wait_queue_head('kernfs_poll'), files: 0 };
  kn.open.files++;
}

/** kernfs_put_open_node: the last closer drops it, so a notify with no opener changes nothing. */
function kernfs_put_open_node(kn: kernfs_node): void {
  if (kn.open && --kn.open.files === 0) kn.open = null;
}

/**
 * kernfs_notify: bumps an open file's event count and wakes its pollers, so poll/select on it report
 * EPOLLERR|EPOLLPRI until each opener reads it again. (Linux also queues an fsnotify modify event; inotify is not modelled.)
 */
export function kernfs_notify(kn: kernfs_node): void {
  if (kn.type !== 'file') {
    pr_err(`WARNING: kernfs_notify: ${kernfs_path(kn)} is not a file`);
    return;
  }
  if (!kn.open) return;
  kn.open.event++;
  wake_up_interruptible(kn.open.poll);
}

function kn_of(ino: inode): kernfs_node { return ino.i_private as kernfs_node; }

function* fill_page(kn: kernfs_node): KGen<Uint8Array | number> {
  const ops = kn.ops!;
  if (!ops.show) return new Uint8Array(0);
  // A show may sleep (hwmon reads its sensor over I2C), as in Linux.
  const got = ops.show(kn);
  const v = typeof got === 'number' || typeof got === 'string' || got instanceof Uint8Array ? got : yield* got;
  if (typeof v === 'number') return v;
  let b = typeof v === 'string' ? enc.encode(v) : v;
  if (!ops.binary && b.length >= PAGE_SIZE) {
    pr_err(`fill_read_buffer: ${kn.name}_show returned bad count`);
    b = b.subarray(0, PAGE_SIZE - 1);
  }
  return b;
}

export const kernfs_file_fops: file_operations = {
  open: function* (inode, f) {
    const kn = kn_of(inode);
    if (kn.removed) return -ENODEV;
    const ops = kn.ops!;
    const want_read = (f.f_mode & 1) !== 0, want_write = (f.f_mode & 2) !== 0;
    if (want_read && (!(inode.i_mode & 0o444) || !(ops.show || ops.read))) return -EACCES;
    if (want_write && (!(inode.i_mode & 0o222) || !ops.store)) return -EACCES;
    f.private_data = { kn, buf: null, event: 0 } as kernfs_open_file;
    kernfs_get_open_node(kn);
    return 0;
  },
  release: function* (_inode, f) {
    kernfs_put_open_node((f.private_data as kernfs_open_file).kn);
    return 0;
  },
  /** kernfs_fop_poll + kernfs_generic_poll: always readable; changed since this opener's last read means EPOLLERR|EPOLLPRI. */
  poll: function* (f, wait) {
    const of = f.private_data as kernfs_open_file;
    const on = of.kn.open;
    if (of.kn.removed || !on) return DEFAULT_POLLMASK | EPOLLERR | EPOLLPRI;
    wait.qproc?.(f, on.poll);
    return of.event !== on.event ? DEFAULT_POLLMASK | EPOLLERR | EPOLLPRI : DEFAULT_POLLMASK;
  },
  read: function* (f, buf, count, ppos) {
    const of = f.private_data as kernfs_open_file;
    if (of.kn.removed) return -ENODEV;
    const ops = of.kn.ops!;
    // kernfs_file_read_iter / kernfs_seq_show: a read catches this opener up with the notifies so far.
    if (of.kn.open && (ops.binary || ppos.pos === 0 || !of.buf)) of.event = of.kn.open.event;
    if (ops.binary && ops.read) {
      const size = ops.size ?? 0;
      if (ppos.pos >= size && size) return 0;
      const n = size ? Math.min(count, size - ppos.pos) : count;
      const got = ops.read(of.kn, ppos.pos, n);
      const data = typeof got === 'number' || got instanceof Uint8Array ? got : yield* got;
      if (typeof data === 'number') return data;
      const r = simple_read_from_buffer(buf, data.length, { pos: 0 }, data);
      if (r > 0) ppos.pos += r;
      return r;
    }
    // seq_file semantics: the page is produced on the first read at offset 0 and reused after.
    if (ppos.pos === 0 || !of.buf) {
      const page = yield* fill_page(of.kn);
      if (typeof page === 'number') return page;
      of.buf = page;
    }
    return simple_read_from_buffer(buf, count, ppos, of.buf);
  },
  write: function* (f, buf, count, ppos) {
    const of = f.private_data as kernfs_open_file;
    if (of.kn.removed) return -ENODEV;
    const ops = of.kn.ops!;
    if (!ops.store) return -EINVAL;
    if (!ops.binary && count > PAGE_SIZE) return -E2BIG;
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    const r = ops.store(of.kn, data, ppos.pos);
    const n = typeof r === 'number' ? r : yield* r;
    if (n > 0) ppos.pos += n;
    return n;
  },
  llseek: function* (f, offset, whence) {
    const of = f.private_data as kernfs_open_file;
    return generic_file_llseek_size(f, offset, whence, of.kn.ops?.binary ? of.kn.ops.size ?? 0 : PAGE_SIZE);
  },
};

function* kernfs_iterate(f: file, ctx: dir_context): KGen<number> {
  const d = f.f_path.dentry;
  const kn = kn_of(d.d_inode!);
  const entries: [string, number, number][] = [['.', kn.ino, DT_DIR], ['..', kn.parent?.ino ?? kn.ino, DT_DIR]];
  if (!kn.removed) for (const c of kn.children.values()) entries.push([c.name, c.ino, c.type === 'dir' ? DT_DIR : c.type === 'link' ? DT_LNK : DT_REG]);
  emit_dir_entries(ctx, entries);
  return 0;
}

export const kernfs_dir_fops: file_operations = {
  llseek: function* (f, offset, whence) { return generic_file_llseek_size(f, offset, whence, Number.MAX_SAFE_INTEGER); },
  iterate_shared: kernfs_iterate,
};

function revalidate_for(kn: kernfs_node): (d: dentry) => boolean {
  return (d) => !kn.removed && kn.parent?.children.get(kn.name) === kn && d.d_name === kn.name;
}

const kernfs_dir_iops: inode_operations = {
  lookup(dir, d) {
    const kn = kn_of(dir);
    const c = kn.removed ? null : kn.children.get(d.d_name);
    if (!c) return null;
    const ino = kernfs_get_inode(dir.i_sb, c);
    d.d_revalidate = revalidate_for(c);
    d_add(d, ino);
    return d;
  },
  setattr(d, attr) { return kernfs_setattr(d.d_inode!, attr); },
  // kernfs_iop_mkdir/rmdir: the root's syscall ops do the work; the new node is then looked up into the dentry.
  mkdir(dir, d, mode) {
    const kn = kn_of(dir), scops = kn.root.syscall_ops;
    if (!scops?.mkdir) return -EPERM;
    const r = scops.mkdir(kn, d.d_name, mode & 0o7777);
    if (r) return r;
    return kernfs_dir_iops.lookup!(dir, d, 0) ? 0 : -ENOENT;
  },
  rmdir(dir, d) {
    const scops = kn_of(dir).root.syscall_ops;
    if (!scops?.rmdir) return -EPERM;
    return scops.rmdir(kn_of(d.d_inode!));
  },
  // kernfs_syscall_ops->rmdir decides what makes a directory busy (configfs: its items' children, not their attributes).
  rmdir_checks_empty: true,
};

function kernfs_setattr(ino: inode, attr: { ia_mode?: number; ia_uid?: number; ia_gid?: number }): number {
  const kn = kn_of(ino);
  if (attr.ia_mode !== undefined) kn.mode = attr.ia_mode & 0o7777;
  if (attr.ia_uid !== undefined) kn.uid = attr.ia_uid;
  if (attr.ia_gid !== undefined) kn.gid = attr.ia_gid;
  return 0;
}

const kernfs_file_iops: inode_operations = { setattr(d, attr) { return attr.ia_size !== undefined ? 0 : kernfs_setattr(d.d_inode!, attr); } };

const kernfs_link_iops: inode_operations = {
  get_link(d, ino) {
    const kn = kn_of(ino);
    if (kn.removed || !kn.target || kn.target.removed) return -ENOENT;
    return kernfs_get_target_path(kn.parent!, kn.target);
  },
};

/** The inode of a node (kernfs_get_inode): created once, kept with the node. */
export function kernfs_get_inode(sb: super_block, kn: kernfs_node): inode {
  if (kn.inode) return kn.inode;
  const type = kn.type === 'dir' ? S_IFDIR : kn.type === 'link' ? S_IFLNK : S_IFREG;
  const ino = new_inode(sb, type | kn.mode, kn.ino);
  ino.i_uid = kn.uid;
  ino.i_gid = kn.gid;
  ino.i_atime = ino.i_mtime = ino.i_ctime = kn.ctime;
  ino.i_private = kn;
  if (kn.type === 'dir') { ino.i_op = kernfs_dir_iops; ino.i_fop = kernfs_dir_fops; ino.i_nlink = 2 + kn.nr_subdirs; }
  else if (kn.type === 'link') { ino.i_op = kernfs_link_iops; ino.i_size = 0; }
  else if (kn.ops?.fops) { ino.i_op = kernfs_file_iops; ino.i_fop = kn.ops.fops; ino.i_size = kn.ops.size ?? 0; }
  else { ino.i_op = kernfs_file_iops; ino.i_fop = kernfs_file_fops; ino.i_size = kn.ops?.binary ? kn.ops.size ?? 0 : PAGE_SIZE; }
  kn.inode = ino;
  return ino;
}

/** Changes a node's mode after creation (sysfs_chmod_file). */
export function kernfs_setattr_mode(kn: kernfs_node, mode: number): void {
  kn.mode = mode & 0o7777;
  if (kn.inode) kn.inode.i_mode = (kn.inode.i_mode & ~0o7777) | kn.mode;
}

export { EEXIST };
