// Models linux/drivers/base/devtmpfs.c: the kernel-maintained /dev, populated before any udev runs.
import { vfs_kern_mount } from '../../fs/mount.ts';
import type { file_system_type, super_block, dentry, path } from '../../include/linux/fs_types.ts';
import { S_IFDIR, S_IFCHR, S_IFBLK } from '../../include/uapi/stat.ts';
import { EEXIST, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { register_filesystem } from '../../fs/super.ts';
import { ramfs_fill_super, TMPFS_MAGIC } from '../../fs/ramfs/inode.ts';
import { d_alloc, d_lookup } from '../../fs/dcache.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import type { device } from './base.ts';
import { device_get_devnode } from './core.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

interface DevtmpfsState { sb: super_block | null }
const devState = defineState<DevtmpfsState>('devtmpfs', () => ({ sb: null }));

/** Every mount of devtmpfs shows the same superblock: the kernel's own /dev. */
export const devtmpfs_fs_type: file_system_type = {
  name: 'devtmpfs',
  fs_flags: 0,
  mount: () => devState().sb ?? -ENOENT,
};

export function devtmpfs_init(): number {
  // vfs_kern_mount(&internal_fs_type, 0, "devtmpfs", "mode=0755"): the internal mount holds the one superblock.
  const mnt = vfs_kern_mount(devtmpfs_fs_type, 'devtmpfs', 'mode=755', () =>
    ramfs_fill_super(devtmpfs_fs_type, TMPFS_MAGIC, 'mode=755', (o) => `size=${o.blocks * 4}k,nr_inodes=${o.inodes},mode=755,inode64`));
  if (typeof mnt === 'number') return mnt;
  const sb = mnt.mnt.mnt_sb;
  sb.s_root.d_inode!.i_mode = S_IFDIR | 0o755;
  devState().sb = sb;
  const r = register_filesystem(devtmpfs_fs_type);
  if (r) return r;
  pr_info('devtmpfs: initialized');
  return 0;
}

function lookup_create_dirs(root: dentry, parts: string[]): dentry | number {
  let d = root;
  for (const p of parts) {
    let c = d_lookup(d, p);
    if (!c) {
      const ino = d.d_inode!;
      const nd = d_alloc(d, p);
      const r = ino.i_op.mkdir!(ino, nd, S_IFDIR | 0o755);
      if (r) return r;
      c = nd;
    }
    d = c;
  }
  return d;
}

/** devtmpfs_create_node: makes /dev/NAME (with parent directories) for a device number. */
export function devtmpfs_create_node(name: string, mode: number, dev: number, uid = 0, gid = 0, block = false): number {
  const sb = devState().sb;
  if (!sb) return -ENOENT;
  const parts = name.split('/').filter(Boolean);
  const leaf = parts.pop()!;
  const dir = lookup_create_dirs(sb.s_root, parts);
  if (typeof dir === 'number') return dir;
  if (d_lookup(dir, leaf)) return -EEXIST;
  const d = d_alloc(dir, leaf);
  const r = dir.d_inode!.i_op.mknod!(dir.d_inode!, d, (block ? S_IFBLK : S_IFCHR) | (mode & 0o7777), dev);
  if (r) return r;
  d.d_inode!.i_uid = uid;
  d.d_inode!.i_gid = gid;
  return 0;
}

/** devtmpfs_delete_node: removes /dev/NAME when its device goes away. */
export function devtmpfs_delete_node(name: string): number {
  const sb = devState().sb;
  if (!sb) return -ENOENT;
  let d: dentry | null = sb.s_root;
  for (const p of name.split('/').filter(Boolean)) { d = d ? d_lookup(d, p) : null; }
  if (!d || d === sb.s_root) return -ENOENT;
  const parent = d.d_parent.d_inode!;
  parent.i_op.unlink!(parent, d);
  d.d_parent.d_subdirs.delete(d.d_name);
  d.d_unhashed = true;
  return 0;
}

/** The node for a device being added (devtmpfs_create_node(dev)): its devnode name, mode (0600 unless the class says), char or block. */
export function devtmpfs_create_node_dev(dev: device): number {
  const node = device_get_devnode(dev);
  if (!node) return 0;
  const blk = dev.class?.name === 'block';
  // Block nodes: 0660 root:disk, as udev's rules leave them.
  const r = devtmpfs_create_node(node.name, node.mode || (blk ? 0o660 : 0o600), dev.devt, 0, blk ? 6 : 0, blk);
  return r === -EEXIST ? 0 : r;
}

/** Removes the node of a device being deleted, only if it is still that device's node (dev_mynode). */
export function devtmpfs_delete_node_dev(dev: device): number {
  const sb = devState().sb;
  const node = device_get_devnode(dev);
  if (!sb || !node) return -ENOENT;
  let d: dentry | null = sb.s_root;
  for (const p of node.name.split('/').filter(Boolean)) { d = d ? d_lookup(d, p) : null; }
  if (!d?.d_inode || d.d_inode.i_rdev !== dev.devt) return -ENOENT;
  const r = devtmpfs_delete_node(node.name);
  // Empty directories the node lived in go too (delete_path).
  const parts = node.name.split('/').filter(Boolean);
  for (let n = parts.length - 1; n > 0; n--) {
    let dir: dentry | null = sb.s_root;
    for (const p of parts.slice(0, n)) dir = dir ? d_lookup(dir, p) : null;
    if (!dir || [...dir.d_subdirs.values()].some((c) => c.d_inode && !c.d_unhashed)) break;
    const parent = dir.d_parent.d_inode!;
    parent.i_op.rmdir?.(parent, dir);
    dir.d_parent.d_subdirs.delete(dir.d_name);
    dir.d_unhashed = true;
  }
  return r;
}

export function devtmpfs_root(): path | null {
  return null;
}

export { S_IFCHR };

/** driver_init() brings devtmpfs up before the initcalls run. */
export const initcalls: initcall_entry[] = [['early', 'devtmpfs_init', devtmpfs_init, 1_200_000]];
