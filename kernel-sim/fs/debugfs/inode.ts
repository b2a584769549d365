// Models linux/fs/debugfs/inode.c: the debugfs filesystem (mounted by userspace at /sys/kernel/debug) and its create/remove calls.
//
// The tree is a kernfs tree of its own (fs/sysfs/kernfs.ts gives directories, show/store files and files with
// their own file_operations); like sysfs, every mount shows the same tree, and files exist before any mount.
import type { file_system_type, super_block, file_operations } from '../../include/linux/fs_types.ts';
import { register_filesystem, alloc_super } from '../super.ts';
import { kern_mount } from '../mount.ts';
import { defineState } from '../../kernel/state.ts';
import { kernfs_create_root, kernfs_create_dir, kernfs_create_file, kernfs_create_link, kernfs_find, kernfs_remove, kernfs_get_inode, type kernfs_node, type kernfs_ops, type kernfs_root } from '../sysfs/kernfs.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

export const DEBUGFS_MAGIC = 0x64626720;

interface debugfs_state { root: kernfs_root; sb: super_block | null; registered: boolean; pinned: boolean }
const debugfsState = defineState<debugfs_state>('debugfs', () => ({ root: kernfs_create_root(), sb: null, registered: false, pinned: false }));

function debugfs_get_sb(): super_block {
  const st = debugfsState();
  if (st.sb) return st.sb;
  const sb = alloc_super(debug_fs_type, DEBUGFS_MAGIC, (s) => kernfs_get_inode(s, st.root.kn));
  sb.s_op = { statfs: () => ({ f_type: DEBUGFS_MAGIC, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }) };
  st.root.sb = sb;
  st.sb = sb;
  return sb;
}

export const debug_fs_type: file_system_type = { name: 'debugfs', fs_flags: 0, mount: () => debugfs_get_sb() };

/** debugfs_initialized(): true once the filesystem is registered (core_initcall). */
export function debugfs_initialized(): boolean { return debugfsState().registered; }

/**
 * start_creating's simple_pin_fs: the first file or directory made mounts debugfs internally (debugfs_mount). Linux
 * counts a pin per entry; boot makes entries that never go, so here the first pin holds the mount for good.
 */
function debugfs_pin(): void {
  const st = debugfsState();
  if (st.pinned || !st.registered) return;
  st.pinned = true;
  kern_mount(debug_fs_type);
}

const parent_or_root = (parent: kernfs_node | null): kernfs_node => { debugfs_pin(); return parent ?? debugfsState().root.kn; };

/** debugfs_create_dir(); a negative errno when the name exists (Linux returns ERR_PTR(-EEXIST)). */
export function debugfs_create_dir(name: string, parent: kernfs_node | null): kernfs_node | number {
  return kernfs_create_dir(parent_or_root(parent), name, 0o755, null);
}

/** A file whose reads and writes are `ops` (show/store) or, with ops.fops, a driver's file_operations. */
export function debugfs_create_file(name: string, mode: number, parent: kernfs_node | null, ops: kernfs_ops, priv: unknown = null): kernfs_node | number {
  return kernfs_create_file(parent_or_root(parent), name, mode & 0o7777, ops, priv);
}

export function debugfs_create_file_fops(name: string, mode: number, parent: kernfs_node | null, fops: file_operations, size = 0): kernfs_node | number {
  return debugfs_create_file(name, mode, parent, { fops, size });
}

export function debugfs_create_symlink(name: string, parent: kernfs_node | null, target: kernfs_node): kernfs_node | number {
  return kernfs_create_link(parent_or_root(parent), name, target);
}

export function debugfs_lookup(name: string, parent: kernfs_node | null): kernfs_node | null {
  return kernfs_find(parent_or_root(parent), name);
}

/** debugfs_remove() (and _recursive, the same call since 5.x): the node and all below it. */
export function debugfs_remove(kn: kernfs_node | null): void { kernfs_remove(kn); }

function debugfs_init(): number {
  const r = register_filesystem(debug_fs_type);
  if (!r) debugfsState().registered = true;
  return r;
}

export const initcalls: initcall_entry[] = [['core', 'debugfs_init', debugfs_init, 20_000]];
