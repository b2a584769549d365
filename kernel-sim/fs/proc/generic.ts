// Models linux/fs/proc/generic.c: the proc_dir_entry tree and the API subsystems use to add /proc files.
//
// How another subsystem adds a /proc file (all return the new entry, or null):
//
//   proc_create_single('devices', 0o444, null, (m) => { seq_puts(m, text); });
//   proc_create_seq('misc', 0o444, null, misc_seq_ops);           // start/next/stop/show
//   proc_create('driver/rtc', 0o444, null, { proc_read, proc_write, proc_lseek });
//   const dir = proc_mkdir('driver', null);  proc_symlink('mounts', null, 'self/mounts');
//   proc_remove(entry);  remove_proc_entry('devices', null);  remove_proc_subtree('driver', null);
//
// `parent` null means /proc itself; a name may contain '/' to reach an existing
// directory ("driver/rtc"). The entry's `data` is what pde_data(inode) returns.
import type { dentry, dir_context, file_operations, inode, inode_operations } from '../../include/linux/fs_types.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_IALLUGO, S_IRUGO, S_IXUGO, DT_DIR, dt_type } from '../../include/uapi/stat.ts';
import type { seq_operations, seq_show_fn } from '../seq_file.ts';
import { proc_alloc_inum, proc_free_inum } from '../../kernel/nsproxy.ts';
import { d_add } from '../dcache.ts';
import { PDE, proc_root, proc_stable_ino, type proc_dir_entry, type proc_ops } from './internal.ts';
import { proc_get_inode } from './inode.ts';

/** Order of entries in a proc directory (proc_match): shorter names first, then bytewise. */
export function proc_match_cmp(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The children of a directory entry in the order readdir lists them. */
export function pde_children(dir: proc_dir_entry): proc_dir_entry[] {
  const list = [...dir.subdir.values()];
  return dir.sort_lex ? list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : list.sort((a, b) => proc_match_cmp(a.name, b.name));
}

/** Walks "a/b/c" to the directory holding "c" (xlate_proc_name); returns it and the last name. */
function xlate_proc_name(name: string, parent: proc_dir_entry | null): [proc_dir_entry, string] | null {
  let dir = parent ?? proc_root();
  const parts = name.split('/');
  const last = parts.pop()!;
  for (const p of parts) {
    const next = dir.subdir.get(p);
    if (!next || (next.mode & S_IFMT) !== S_IFDIR) return null;
    dir = next;
  }
  return [dir, last];
}

/** Allocates an entry (__proc_create): mode defaults as in Linux. */
function __proc_create(parent: proc_dir_entry | null, name: string, mode: number, nlink: number): proc_dir_entry | null {
  const x = xlate_proc_name(name, parent);
  if (!x) return null;
  const [dir, last] = x;
  if (!last || last === '.' || last === '..' || last.length > 255) return null;
  return {
    name: last, mode, nlink, uid: 0, gid: 0, size: 0, low_ino: 0, parent: dir, subdir: new Map(),
    sort_lex: dir.sort_lex, proc_ops: null, seq_ops: null, single_show: null, link: null,
    proc_iops: null, proc_dir_ops: null, data: null, removed: false,
  };
}

/** The entry's path under /proc ("sys/kernel/ostype"). */
function pde_path(de: proc_dir_entry): string {
  return de.parent?.parent ? `${pde_path(de.parent)}/${de.name}` : de.name;
}

/** Links an entry into its parent (proc_register); null if the name is taken. */
function proc_register(dir: proc_dir_entry, de: proc_dir_entry): proc_dir_entry | null {
  if (dir.subdir.has(de.name)) return null;
  // Each proc_dir_entry takes a number from the range namespaces share; a sysctl's inode does not (get_next_ino).
  de.low_ino = dir.sort_lex ? proc_stable_ino(`/proc/${pde_path(dir)}/${de.name}`) : proc_alloc_inum();
  dir.subdir.set(de.name, de);
  if ((de.mode & S_IFMT) === S_IFDIR) dir.nlink++;
  return de;
}

function reg_mode(mode: number): number {
  if ((mode & S_IFMT) === 0) mode |= S_IFREG;
  if ((mode & S_IALLUGO) === 0) mode |= S_IRUGO;
  return mode;
}

/** A /proc file with driver-defined operations and a data pointer (proc_create_data). */
export function proc_create_data(name: string, mode: number, parent: proc_dir_entry | null, ops: proc_ops, data: unknown): proc_dir_entry | null {
  const de = __proc_create(parent, name, reg_mode(mode), 1);
  if (!de) return null;
  de.proc_ops = ops;
  de.data = data;
  return proc_register(de.parent!, de);
}

export function proc_create(name: string, mode: number, parent: proc_dir_entry | null, ops: proc_ops): proc_dir_entry | null {
  return proc_create_data(name, mode, parent, ops, null);
}

/** A /proc file whose contents one show function prints (proc_create_single_data). */
export function proc_create_single_data(name: string, mode: number, parent: proc_dir_entry | null, show: seq_show_fn, data: unknown): proc_dir_entry | null {
  const de = __proc_create(parent, name, reg_mode(mode), 1);
  if (!de) return null;
  de.single_show = show;
  de.data = data;
  return proc_register(de.parent!, de);
}

export function proc_create_single(name: string, mode: number, parent: proc_dir_entry | null, show: seq_show_fn): proc_dir_entry | null {
  return proc_create_single_data(name, mode, parent, show, null);
}

/** A /proc file printed record by record through seq_operations (proc_create_seq_data). */
export function proc_create_seq_data(name: string, mode: number, parent: proc_dir_entry | null, ops: seq_operations, data: unknown): proc_dir_entry | null {
  const de = __proc_create(parent, name, reg_mode(mode), 1);
  if (!de) return null;
  de.seq_ops = ops;
  de.data = data;
  return proc_register(de.parent!, de);
}

export function proc_create_seq(name: string, mode: number, parent: proc_dir_entry | null, ops: seq_operations): proc_dir_entry | null {
  return proc_create_seq_data(name, mode, parent, ops, null);
}

/** A directory (proc_mkdir_data); mode 0 means dr-xr-xr-x. */
export function proc_mkdir_data(name: string, mode: number, parent: proc_dir_entry | null, data: unknown): proc_dir_entry | null {
  if (mode === 0) mode = S_IRUGO | S_IXUGO;
  const de = __proc_create(parent, name, S_IFDIR | (mode & S_IALLUGO), 2);
  if (!de) return null;
  de.data = data;
  de.proc_iops ??= proc_dir_inode_operations;
  de.proc_dir_ops ??= proc_dir_operations;
  return proc_register(de.parent!, de);
}

export function proc_mkdir_mode(name: string, mode: number, parent: proc_dir_entry | null): proc_dir_entry | null {
  return proc_mkdir_data(name, mode, parent, null);
}

export function proc_mkdir(name: string, parent: proc_dir_entry | null): proc_dir_entry | null {
  return proc_mkdir_data(name, 0, parent, null);
}

/** An empty directory another filesystem is mounted on (proc_create_mount_point: fs/nfsd). */
export function proc_create_mount_point(name: string): proc_dir_entry | null {
  return proc_mkdir_data(name, 0, null, null);
}

/** A symlink in /proc (proc_symlink): lrwxrwxrwx, pointing at `dest`. */
export function proc_symlink(name: string, parent: proc_dir_entry | null, dest: string): proc_dir_entry | null {
  const de = __proc_create(parent, name, S_IFLNK | 0o777, 1);
  if (!de) return null;
  de.link = dest;
  de.size = dest.length;
  return proc_register(de.parent!, de);
}

export function proc_set_size(de: proc_dir_entry, size: number): void { de.size = size; }
export function proc_set_user(de: proc_dir_entry, uid: number, gid: number): void { de.uid = uid; de.gid = gid; }

function unlink_entry(de: proc_dir_entry): void {
  const dir = de.parent;
  if (dir && dir.subdir.get(de.name) === de) {
    dir.subdir.delete(de.name);
    if ((de.mode & S_IFMT) === S_IFDIR) dir.nlink--;
  }
  // Each entry's inum goes back to the range (pde_put -> proc_free_inum); sysctl's numbers were never from it.
  const mark = (e: proc_dir_entry): void => {
    if (!e.removed && !e.sort_lex) proc_free_inum(e.low_ino);
    e.removed = true;
    for (const c of e.subdir.values()) mark(c);
  };
  mark(de);
}

/** Removes an entry and everything below it; open files of it read -EIO from now on (proc_remove). */
export function proc_remove(de: proc_dir_entry | null): void {
  if (de) unlink_entry(de);
}

/** remove_proc_entry: by name; a non-empty directory is refused, as Linux warns and keeps it. */
export function remove_proc_entry(name: string, parent: proc_dir_entry | null): number {
  const x = xlate_proc_name(name, parent);
  const de = x ? x[0].subdir.get(x[1]) : undefined;
  if (!de) return -2;
  if (de.subdir.size) return -39; // -ENOTEMPTY
  unlink_entry(de);
  return 0;
}

export function remove_proc_subtree(name: string, parent: proc_dir_entry | null): number {
  const x = xlate_proc_name(name, parent);
  const de = x ? x[0].subdir.get(x[1]) : undefined;
  if (!de) return -2;
  unlink_entry(de);
  return 0;
}

/** Finds a PDE by path from /proc ("sys/kernel/hostname"); for tests and tools. */
export function proc_find(path: string): proc_dir_entry | null {
  let de: proc_dir_entry | undefined = proc_root();
  for (const p of path.split('/').filter(Boolean)) { de = de?.subdir.get(p); if (!de) return null; }
  return de;
}

/** Looks a name up among a PDE directory's children and instantiates its dentry (proc_lookup_de). */
export function proc_lookup_de(dir: inode, d: dentry, de: proc_dir_entry): dentry | null {
  const child = de.subdir.get(d.d_name);
  if (!child || child.removed) return null;
  const ino = proc_get_inode(dir.i_sb, child);
  d.d_revalidate = () => !child.removed;
  return d_add(d, ino);
}

/** Lists ".", ".." and a PDE directory's children from ctx.pos on (proc_readdir_de). Returns true when done. */
export function proc_readdir_de(ino: inode, parent_ino: number, ctx: dir_context, de: proc_dir_entry): boolean {
  const entries: [string, number, number][] = [['.', ino.i_ino, DT_DIR], ['..', parent_ino, DT_DIR]];
  for (const c of pde_children(de)) entries.push([c.name, c.low_ino, dt_type(c.mode)]);
  while (ctx.pos < entries.length) {
    const [name, i, type] = entries[ctx.pos];
    if (!ctx.actor(name, i, type)) return false;
    ctx.pos++;
  }
  return true;
}

export type { proc_dir_entry, proc_ops };

/** Directories made with proc_mkdir: their children are the entry's subdir (proc_dir_inode_operations). */
export const proc_dir_inode_operations: inode_operations = {
  lookup: (dir, d) => proc_lookup_de(dir, d, PDE(dir)!),
};

export const proc_dir_operations: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER); },
  iterate_shared: function* (file, ctx) {
    const d = file.f_path.dentry;
    proc_readdir_de(d.d_inode!, d.d_parent.d_inode!.i_ino, ctx, PDE(d.d_inode!)!);
    return 0;
  },
};
